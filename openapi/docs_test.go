package openapi

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// docsPage renders the docs page in lang or fails the test.
func docsPageIn(t *testing.T, lang string) string {
	t.Helper()
	b, err := DocsHTML(lang)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDocsOrder: operations come in the order the document lists them
// (within each tag's section), and schemas in the order of
// components/schemas, as the YAML text has them.
func TestDocsOrder(t *testing.T) {
	var opIDs, schemas []string
	inSchemas := false
	for _, line := range strings.Split(string(Spec), "\n") {
		if id, ok := strings.CutPrefix(strings.TrimSpace(line), "operationId: "); ok {
			opIDs = append(opIDs, id)
		}
		switch {
		case line == "  schemas:":
			inSchemas = true
		case inSchemas && len(line) > 2 && line[:2] == "  " && line[2] != ' ':
			inSchemas = false
		case inSchemas && strings.HasPrefix(line, "    ") && line[4] != ' ' && strings.HasSuffix(line, ":"):
			schemas = append(schemas, strings.TrimSuffix(strings.TrimSpace(line), ":"))
		}
	}
	if len(opIDs) < 50 || len(schemas) < 20 {
		t.Fatalf("read %d operations and %d schemas from the YAML", len(opIDs), len(schemas))
	}
	page := docsPageIn(t, "en")
	main := page[strings.Index(page, "<main>"):]
	for _, section := range strings.Split(main, `<section id="tag-`)[1:] {
		last := -1
		for _, m := range regexp.MustCompile(`<section class="op" id="op-([^"]+)"`).FindAllStringSubmatch(section, -1) {
			i := slices.Index(opIDs, m[1])
			if i < last {
				t.Errorf("operation %s comes after %s, unlike the document", m[1], opIDs[last])
			}
			last = i
		}
	}
	var got []string
	for _, m := range regexp.MustCompile(`id="schema-([^"]+)"`).FindAllStringSubmatch(main, -1) {
		got = append(got, m[1])
	}
	if !slices.Equal(got, schemas) {
		t.Errorf("schemas in the page's order:\n%v\nin the document's:\n%v", got, schemas)
	}
}

// TestDocsMarkdown: descriptions are Markdown rendered as HTML (emphasis,
// code, tables), text is escaped and raw HTML does not pass.
func TestDocsMarkdown(t *testing.T) {
	got, err := markdown("A **bold** `code` <script>alert(1)</script> & more\n\n| a | b |\n|---|---|\n| `x` | y |\n\n    indented code\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<strong>bold</strong>", "<code>code</code>", "&amp; more", "<table>", "<td><code>x</code></td>", `<pre tabindex="0"><code>indented code`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the HTML lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(string(got), "<script") {
		t.Errorf("raw HTML passed through:\n%s", got)
	}
}

// TestDocsPreFocusable: every <pre> of the page takes keyboard focus, so
// that a wide example scrolls without a mouse.
func TestDocsPreFocusable(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		page := docsPageIn(t, lang)
		all, focusable := strings.Count(page, "<pre"), strings.Count(page, `<pre tabindex="0">`)
		if all == 0 || all != focusable {
			t.Errorf("%s: %d of %d <pre> blocks take focus", lang, focusable, all)
		}
	}
}

// TestDocsContrast: every text colour of the docs page's style is at least
// 4.5:1 against the backgrounds it is drawn on (WCAG 2.x AA): the method
// badges' white text on their colours, the text, muted and link colours on
// the page and the panels, the examples' text on their dark background.
func TestDocsContrast(t *testing.T) {
	styles := strings.Join(DocsStyles(), "\n")
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--(\w+):(#[0-9a-fA-F]{3,6})`).FindAllStringSubmatch(styles, -1) {
		vars[m[1]] = m[2]
	}
	pairs := [][3]string{}
	for _, fg := range []string{"fg", "muted", "accent"} {
		for _, bg := range []string{"bg", "soft"} {
			pairs = append(pairs, [3]string{"--" + fg + " on --" + bg, vars[fg], vars[bg]})
		}
	}
	badge := regexp.MustCompile(`\.m\{[^}]*color:(#[0-9a-fA-F]{3,6})`).FindStringSubmatch(styles)
	if badge == nil {
		t.Fatal("no badge text colour in the style")
	}
	for _, m := range regexp.MustCompile(`\.m\.(\w+)\{background:(#[0-9a-fA-F]{3,6})\}`).FindAllStringSubmatch(styles, -1) {
		pairs = append(pairs, [3]string{"the " + m[1] + " badge", badge[1], m[2]})
	}
	if pre := regexp.MustCompile(`pre\{background:(#[0-9a-fA-F]{3,6});color:(#[0-9a-fA-F]{3,6})`).FindStringSubmatch(styles); pre != nil {
		pairs = append(pairs, [3]string{"an example", pre[2], pre[1]})
	}
	if len(pairs) < 10 {
		t.Fatalf("found only %d colour pairs in the style: %v", len(pairs), pairs)
	}
	for _, p := range pairs {
		if r := contrast(t, p[1], p[2]); r < 4.5 {
			t.Errorf("%s: %s on %s is %.2f:1, below 4.5:1", p[0], p[1], p[2], r)
		}
	}
}

// contrast is the WCAG contrast ratio of two #rgb or #rrggbb colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(t *testing.T, hex string) float64 {
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		t.Fatalf("cannot read colour %q", hex)
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			t.Fatalf("cannot read colour %q", hex)
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}
