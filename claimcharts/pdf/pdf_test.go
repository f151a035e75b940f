package pdf

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/image/font/sfnt"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/demo"
	"sepportal/claimcharts/lists"
)

// demoStore is the demo registry the tests share: they only read it.
var demoStore struct {
	once  sync.Once
	dir   string
	store *bolt.Store
	reg   *claimcharts.Registry
	err   error
}

// mustDemo returns the shared registry holding the demo pool: real
// charts, reviews and determinations, some unpublished.
func mustDemo(tb testing.TB) *claimcharts.Registry {
	tb.Helper()
	demoStore.once.Do(func() {
		if demoStore.dir, demoStore.err = os.MkdirTemp("", "sepportal-pdf-test-"); demoStore.err != nil {
			return
		}
		if demoStore.store, demoStore.err = bolt.Open(demoStore.dir); demoStore.err != nil {
			return
		}
		demoStore.reg = claimcharts.NewRegistry(demoStore.store)
		_, demoStore.err = demo.Load(context.Background(), demoStore.reg)
	})
	if demoStore.err != nil {
		tb.Fatalf("demo: %v", demoStore.err)
	}
	return demoStore.reg
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoStore.store != nil {
		demoStore.store.Close()
	}
	if demoStore.dir != "" {
		os.RemoveAll(demoStore.dir)
	}
	os.Exit(code)
}

// glyphCheck is a Meta.trace that records every run drawn and fails tb
// for a character the font embedded for the face drawing it has no glyph
// for. It reads the embedded bytes' cmaps afresh, not the faces' caches.
type glyphCheck struct {
	tb    testing.TB
	fonts map[*byte]*sfnt.Font
	runs  int
	chars map[*face]int
}

func newGlyphCheck(tb testing.TB) *glyphCheck {
	return &glyphCheck{tb: tb, fonts: map[*byte]*sfnt.Font{}, chars: map[*face]int{}}
}

func (g *glyphCheck) trace(fc *face, ttf []byte, text string) {
	g.tb.Helper()
	g.runs++
	if len(ttf) == 0 {
		g.tb.Fatalf("%q drawn with a face that is not embedded", text)
	}
	f, ok := g.fonts[&ttf[0]]
	if !ok {
		var err error
		if f, err = sfnt.Parse(ttf); err != nil {
			g.tb.Fatalf("the font embedded for %s/%s: %v", fc.family, fc.style, err)
		}
		g.fonts[&ttf[0]] = f
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
	flat := strings.Join(strings.Fields(text), "")
	for _, w := range wants {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
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

// render writes a document and reads it back.
func render(t *testing.T, write func(*bytes.Buffer) error) *checked {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return mustCheck(t, b.Bytes())
}

// TestEveryPage checks what every PDF carries on every page and in its
// metadata, with a chart long enough to break across pages.
func TestEveryPage(t *testing.T) {
	ctx := context.Background()
	reg := mustDemo(t)
	c, err := LoadChart(ctx, reg, claimcharts.Actor{}, publishedChart(t, reg), 0)
	if err != nil {
		t.Fatal(err)
	}
	c.Revision = longRevision(c.Revision, 40)
	m, _ := meta(t, "zh")
	pdf := render(t, func(b *bytes.Buffer) error { return WriteChart(b, m, c) })
	n := pdf.ctx.PageCount
	if n < 3 {
		t.Fatalf("a 40-element chart takes %d pages; the test needs page breaks", n)
	}
	headers := []string{label("zh", "element") + label("zh", "reference") + label("zh", "explanation"),
		label("zh", "element") + label("zh", "reviewer") + label("zh", "verdict") + label("zh", "note")}
	for i, p := range pdf.pages {
		flat := strings.ReplaceAll(p, "\n", "")
		want := "第 " + itoa(i+1) + " 页，共 " + itoa(n) + " 页"
		if !strings.Contains(flat, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if !strings.Contains(flat, "截至 2026-12-02") || !strings.Contains(flat, "数据版本 "+c.version()) {
			t.Errorf("page %d lacks the as-of date or the data version", i+1)
		}
		if i > 0 && i < n-1 && !strings.Contains(p, headers[0]) && !strings.Contains(p, headers[1]) {
			t.Errorf("page %d does not repeat a table header %q:\n%s", i+1, headers, p)
		}
	}
	info := pdf.ctx.XRefTable
	if !strings.Contains(info.Title, "权利要求对照表") || info.Subject == "" || info.CreationDate == "" {
		t.Errorf("metadata: title %q, subject %q, created %q", info.Title, info.Subject, info.CreationDate)
	}
	if lang := pdf.ctx.RootDict["Lang"]; lang == nil || !strings.Contains(lang.String(), "zh-CN") {
		t.Errorf("catalog language %v, want zh-CN", lang)
	}
	if len(pdf.bookmarks) < 5 || !strings.Contains(strings.Join(pdf.bookmarks, "|"), "技术特征 1[a]") {
		t.Errorf("outline: %q", pdf.bookmarks)
	}
}

// longRevision repeats a revision's elements until it has n.
func longRevision(rev *claimcharts.Revision, n int) *claimcharts.Revision {
	out := *rev
	out.Elements = nil
	for i := 0; len(out.Elements) < n; i++ {
		e := rev.Elements[i%len(rev.Elements)]
		if i >= len(rev.Elements) {
			e.Label = e.Label + "-" + itoa(i)
		}
		out.Elements = append(out.Elements, e)
	}
	return &out
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestPoolListPDF(t *testing.T) {
	ctx := context.Background()
	reg := mustDemo(t)
	now, err := LoadPoolList(ctx, reg, claimcharts.Actor{}, demo.PoolSlug, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(now.Rows) == 0 {
		t.Fatal("the demo pool lists no family")
	}
	for _, lang := range []string{"zh", "en"} {
		m, g := meta(t, lang)
		pdf := render(t, func(b *bytes.Buffer) error { return WritePoolList(b, m, now) })
		row := now.Rows[0].Cells
		contains(t, "the pool list", pdf.text(), row["family"], now.holderName(lang, row["holder"]), now.Pool.Name.In(lang),
			label(lang, "members"), "https://sep.example.org/pools/"+demo.PoolSlug, now.Version)
		if lang == "zh" && g.chars[cjk] == 0 {
			t.Errorf("%s: no Chinese text drawn", lang)
		}
	}
	if v := xlsxVersion(t, reg, demo.PoolSlug); v != now.Version {
		t.Errorf("the XLSX of the same list carries data version %s, the PDF %s", v, now.Version)
	}
	before, err := LoadPoolList(ctx, reg, claimcharts.Actor{}, demo.PoolSlug, "2000-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Rows) != 0 || before.Version == now.Version {
		t.Errorf("as of 2000-01-01 the pool listed %d families (version %s)", len(before.Rows), before.Version)
	}
	if _, err := LoadPoolList(ctx, reg, claimcharts.Actor{}, demo.DraftPoolSlug, ""); claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
		t.Errorf("the unpublished pool's list: %v, want not found", err)
	}
}

func TestReviewReportPDF(t *testing.T) {
	ctx := context.Background()
	reg := mustDemo(t)
	dets, _, err := reg.Determinations(ctx, claimcharts.Actor{}, claimcharts.ListOptions{Where: map[string]string{"pool": demo.PoolSlug}, Limit: claimcharts.MaxLimit})
	if err != nil || len(dets) == 0 {
		t.Fatalf("no determination: %v", err)
	}
	admin := claimcharts.Actor{Role: claimcharts.RoleAdmin, ID: "admin"}
	for _, tc := range []struct {
		name     string
		actor    claimcharts.Actor
		want     string
		withheld bool
	}{{"public", claimcharts.Actor{}, "审查专家 1", true}, {"admin", admin, "expert-", false}} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := LoadReviewReport(ctx, reg, tc.actor, dets[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Reviews) == 0 {
				t.Fatal("the report holds no review")
			}
			m, _ := meta(t, "zh")
			pdf := render(t, func(b *bytes.Buffer) error { return WriteReviewReport(b, m, c) })
			text := pdf.text()
			contains(t, "the report", text, tc.want, label("zh", "conflict"), label("zh", c.Determination.Result), c.Revision.Elements[0].Text.Zh)
			if tc.withheld && strings.Contains(text, "expert-") {
				t.Errorf("the public report names a reviewer the pool keeps private:\n%s", text)
			}
		})
	}
}

// TestHidden: what the caller may not see is not found, as the Registry says.
func TestHidden(t *testing.T) {
	ctx := context.Background()
	reg := mustDemo(t)
	admin := claimcharts.Actor{Role: claimcharts.RoleAdmin, ID: "admin"}
	charts, _, err := reg.Charts(ctx, admin, claimcharts.ListOptions{Limit: claimcharts.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	hidden := 0
	for _, c := range charts {
		if c.Public() {
			continue
		}
		hidden++
		if _, err := LoadChart(ctx, reg, claimcharts.Actor{}, c.ID, 0); claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
			t.Errorf("unpublished chart %s: %v, want not found", c.ID, err)
		}
		if _, err := LoadChart(ctx, reg, admin, c.ID, 0); err != nil {
			t.Errorf("an administrator reads chart %s: %v", c.ID, err)
		}
	}
	if hidden == 0 {
		t.Fatal("the demo has no unpublished chart to test with")
	}
	dets, _, _ := reg.Determinations(ctx, admin, claimcharts.ListOptions{Where: map[string]string{"status": "draft"}, Limit: claimcharts.MaxLimit})
	for _, d := range dets {
		if _, err := LoadReviewReport(ctx, reg, claimcharts.Actor{}, d.ID); claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
			t.Errorf("draft determination %s: %v, want not found", d.ID, err)
		}
	}
}

func TestSearchPDF(t *testing.T) {
	s := &Search{Query: "帧间预测 motion vector", Filters: map[string]string{"pool": "demo-video-pool"}, Total: 2, Hits: []Hit{
		{Kind: "patent", Title: "基于运动矢量预测的帧间编码方法", Number: "CN 105900101 B", Text: "一种帧间预测方法，包括 motion vector 候选列表", Path: "/patents/CN%20105900101%20B"},
		{Kind: "element", Title: "Merge candidate list", Number: "US 10,500,101 B2", Text: "deriving a merge candidate list of motion vectors", Path: "/patents/US%2010500101%20B2"},
	}}
	for _, lang := range []string{"zh", "en"} {
		m, _ := meta(t, lang)
		pdf := render(t, func(b *bytes.Buffer) error { return WriteSearch(b, m, s) })
		contains(t, "the snapshot", pdf.text(), "帧间预测 motion vector", "pool:demo-video-pool", "基于运动矢量预测的帧间编码方法",
			"deriving a merge candidate list", "https://sep.example.org/patents/CN%20105900101%20B", label(lang, "search_title"))
	}
}

// TestGlyphs draws every script the registry holds in one document and
// checks each character drawn has a glyph in the face that draws it (the
// trace of meta fails the test otherwise).
func TestGlyphs(t *testing.T) {
	m, g := meta(t, "zh")
	s := &Search{Query: "混合 Mixed ÄÖÜ ß é — “quoted” 「引用」 Ω Ж №5 ①", Hits: []Hit{{Kind: "patent", Title: "标题（中文）：English, 日本語かな, 한국어", Text: "第5.2节、图3；Tables 27-11", Path: "/"}}}
	render(t, func(b *bytes.Buffer) error { return WriteSearch(b, m, s) })
	if g.runs == 0 || g.chars[cjk] == 0 || g.chars[latin] == 0 {
		t.Fatalf("nothing traced: %d runs, %v", g.runs, g.chars)
	}
}

// xlsxVersion exports a pool's list as XLSX and reads the data version of
// its title block.
func xlsxVersion(t *testing.T, reg *claimcharts.Registry, pool string) string {
	t.Helper()
	var b bytes.Buffer
	w, err := bulk.NewWriter(&b, bulk.XLSX, lists.PoolList, "en")
	if err != nil {
		t.Fatal(err)
	}
	if err := lists.Export(context.Background(), reg, claimcharts.Actor{}, lists.PoolList, lists.Scope{Pool: pool}, w.Write); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := f.GetCellValue("Sheet1", "B5")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestLabels: every word a document prints exists in Chinese and English.
func TestLabels(t *testing.T) {
	for key, l := range labels {
		if strings.TrimSpace(l[0]) == "" || strings.TrimSpace(l[1]) == "" {
			t.Errorf("label %q lacks a language: %q", key, l)
		}
	}
}
