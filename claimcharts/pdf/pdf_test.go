package pdf

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/demo"
)

// mustDemo opens an embedded store in a temporary directory and loads the
// demo pool: real charts, reviews and determinations, some unpublished.
func mustDemo(tb testing.TB) *claimcharts.Registry {
	tb.Helper()
	store, err := bolt.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	reg := claimcharts.NewRegistry(store)
	if _, err := demo.Load(context.Background(), reg); err != nil {
		tb.Fatalf("demo: %v", err)
	}
	return reg
}

// glyphCheck is a Meta.trace that records every run drawn and fails tb
// for a character the face drawing it has no glyph for. It reads the
// fonts' cmaps afresh, not through the faces' caches.
type glyphCheck struct {
	tb    testing.TB
	fonts map[*face]*sfnt.Font
	runs  int
	chars map[*face]int
}

func newGlyphCheck(tb testing.TB) *glyphCheck {
	g := &glyphCheck{tb: tb, fonts: map[*face]*sfnt.Font{}, chars: map[*face]int{}}
	for _, fc := range []*face{latin, latinBold, cjk} {
		f, err := sfnt.Parse(fc.ttf)
		if err != nil {
			tb.Fatal(err)
		}
		g.fonts[fc] = f
	}
	return g
}

func (g *glyphCheck) trace(fc *face, text string) {
	g.tb.Helper()
	g.runs++
	f, ok := g.fonts[fc]
	if !ok {
		g.tb.Fatalf("%q drawn with a face that is not embedded", text)
	}
	var buf sfnt.Buffer
	for _, r := range text {
		g.chars[fc]++
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			g.tb.Errorf("%q (U+%04X) in %q is drawn with %s/%s, which has no glyph for it", r, r, text, fc.family, fc.style)
		}
	}
}

// meta is the Meta of the tests: fixed time, a base URL, and the glyph check.
func meta(tb testing.TB, lang string) (Meta, *glyphCheck) {
	g := newGlyphCheck(tb)
	return Meta{Lang: lang, BaseURL: "https://sep.example.org/", Generated: time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC), trace: g.trace}, g
}

// publishedChart is the id of a demo chart whose revision is published
// with a published determination.
func publishedChart(tb testing.TB, reg *claimcharts.Registry) string {
	tb.Helper()
	dets, _, err := reg.Determinations(context.Background(), claimcharts.Actor{}, claimcharts.ListOptions{Limit: claimcharts.MaxLimit})
	if err != nil || len(dets) == 0 {
		tb.Fatalf("no published determination in the demo: %v", err)
	}
	return dets[0].Chart
}

// contains fails tb for each want missing from text.
func contains(tb testing.TB, what, text string, wants ...string) {
	tb.Helper()
	flat := strings.ReplaceAll(text, "\n", "")
	for _, w := range wants {
		if !strings.Contains(flat, w) {
			tb.Errorf("%s lacks %q; it reads:\n%.3000s", what, w, text)
		}
	}
}

func TestChartPDF(t *testing.T) {
	ctx := context.Background()
	reg := mustDemo(t)
	id := publishedChart(t, reg)
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			c, err := LoadChart(ctx, reg, claimcharts.Actor{}, id, 0)
			if err != nil {
				t.Fatal(err)
			}
			m, g := meta(t, lang)
			var b bytes.Buffer
			if err := WriteChart(&b, m, c); err != nil {
				t.Fatal(err)
			}
			pdf := mustCheck(t, b.Bytes())
			if g.chars[cjk] == 0 || g.chars[latin] == 0 {
				t.Errorf("expected both Chinese and Latin text drawn, got %v", g.chars)
			}
			text := pdf.text()
			el := c.Revision.Elements[0]
			contains(t, "the chart", text, c.Patent.Number.String(), el.Text.Zh, el.Text.En, "https://sep.example.org/patents/")
			t.Logf("%d pages, %d bytes\n%s", pdf.ctx.PageCount, b.Len(), text)
		})
	}
}
