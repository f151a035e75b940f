package server

import (
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sepportal/claimcharts/demo"
)

// chromiumPath is where Debian's chromium package puts the browser
// (.ci/install-browser installs it).
const chromiumPath = "/usr/bin/chromium"

// browser is a headless Chromium driven over the DevTools protocol, with
// the errors its pages log.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string
	axe   string
	shots string
	// width is the viewport's width between checks: 1280, or 375 for a
	// phone.
	width  int
	mu     sync.Mutex
	errors []string
}

// newBrowser starts Chromium for the test, or fails it in CI (skips
// locally, loudly) when Chromium or axe-core is missing.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	missing := func(what string) {
		msg := what + " is missing: run .ci/install-browser (it installs chromium, fonts-noto-cjk and axe-core)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip("SKIPPING THE BROWSER TESTS: " + msg)
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		missing(chromiumPath)
	}
	axePath := os.Getenv("SEPPORTAL_AXE_JS")
	if axePath == "" {
		home, _ := os.UserHomeDir()
		axePath = filepath.Join(home, ".cache", "sepportal", "axe", "node_modules", "axe-core", "axe.min.js")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		missing("axe-core (" + axePath + ")")
	}
	shots := os.Getenv("SEPPORTAL_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join("testdata", "screenshots")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	// The network here is closed: without these flags Chromium waits on
	// connections it will never get.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	// A bound on the whole run, so that a wedged browser fails the test
	// instead of hanging it; no assertion is made on how long pages take.
	ctx, cancelTime := context.WithTimeout(context.Background(), 10*time.Minute)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc(); cancelTime() })
	b := &browser{t: t, ctx: bctx, base: base, axe: string(axe), shots: shots, width: 1280}
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	go b.listen(chromedp.Console(bctx))
	return b
}

// listen records what pages report as errors: console errors, uncaught
// exceptions, and the browser's own log (failed loads, CSP violations).
func (b *browser) listen(messages iter.Seq2[chromedp.ConsoleMessage, error]) {
	for m, err := range messages {
		if err != nil {
			return
		}
		if m.Type == "error" || m.IsException() {
			b.mu.Lock()
			b.errors = append(b.errors, m.String()+" "+m.URL)
			b.mu.Unlock()
		}
	}
}

// takeErrors returns and forgets the errors logged so far.
func (b *browser) takeErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.errors
	b.errors = nil
	return out
}

// run runs actions, failing the test on error.
func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// follow runs steps that lead to another page (a click, a submit) and
// waits for that page: it must answer 200.
func (b *browser) follow(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, steps...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if resp.Status != 200 {
		b.t.Fatalf("%s: %s answered %d", what, resp.URL, resp.Status)
	}
	b.run(what, chromedp.WaitReady(chromedp.CSS("body")))
}

// value runs an action that answers a value, failing the test on error.
func value[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// open reads path in lang, through the language switch link as a reader would.
func (b *browser) open(lang, path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.base+"/lang/"+lang+"?next="+url.QueryEscape(path)), chromedp.WaitReady(chromedp.CSS("body")))
}

// axeViolation is one serious or critical axe-core finding.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// check runs axe-core on the page, looks for horizontal scrolling at
// 375 px, saves screenshots at both widths, and reports console errors.
func (b *browser) check(name string) {
	b.t.Helper()
	b.run("inject axe-core", chromedp.Evaluate[chromedp.Void](b.axe))
	// On a page as long as the API docs (400 kB), axe's colour-contrast
	// rule takes minutes: it runs there on the navigation and the first
	// operations, which use every colour the page has, and every other rule
	// runs on the whole page.
	long := value(b, "page size", chromedp.Evaluate[int](`document.documentElement.outerHTML.length`)) > 200000
	runs := []string{`axe.run(document, {resultTypes: ['violations']})`}
	if long {
		runs = []string{
			`axe.run(document, {resultTypes: ['violations'], rules: {'color-contrast': {enabled: false}}})`,
			`axe.run({include: [...document.querySelectorAll('nav'), ...[...document.querySelectorAll('[id^="op-"]')].slice(0, 8)]}, {resultTypes: ['violations'], runOnly: ['color-contrast']})`,
		}
	}
	for _, run := range runs {
		script := run + `.then(r => JSON.stringify(r.violations
			.filter(v => v.impact === 'serious' || v.impact === 'critical')
			.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))`
		found := value(b, "run axe-core", chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
		var violations []axeViolation
		if err := json.Unmarshal([]byte(found), &violations); err != nil {
			b.t.Fatalf("axe answer %q: %v", found, err)
		}
		for _, v := range violations {
			b.t.Errorf("%s: axe %s (%s): %s at %v", name, v.ID, v.Impact, v.Help, v.Nodes)
		}
	}
	// A whole page up to a height Chromium can draw at once; the top of a
	// longer one (the API docs).
	shoot := chromedp.FullScreenshot(100)
	if value(b, "page height", chromedp.Evaluate[int](`document.documentElement.scrollHeight`)) > 12000 {
		shoot = chromedp.CaptureScreenshot()
	}
	b.save(name+".png", value(b, "screenshot", shoot))
	b.run("375 px", chromedp.EmulateViewport(375, 740))
	scrolls := value(b, "measure", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
	b.save(name+"-375.png", value(b, "screenshot at 375 px", chromedp.CaptureScreenshot()))
	if scrolls {
		wide := value(b, "find wide elements", chromedp.Evaluate[string](`[...document.querySelectorAll('body *')].filter(e => {
			if (e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1) return false;
			for (let n = e.parentElement; n; n = n.parentElement) { if (getComputedStyle(n).overflowX !== 'visible') return false; }
			return true;
		}).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ')`))
		b.t.Errorf("%s scrolls sideways at 375 px: %s", name, wide)
	}
	b.run("back to the reader's width", chromedp.EmulateViewport(int64(b.width), 900))
	for _, e := range b.takeErrors() {
		b.t.Errorf("%s: browser error: %s", name, e)
	}
}

func (b *browser) save(name string, png []byte) {
	if err := os.WriteFile(filepath.Join(b.shots, name), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// location is the page's current path and query.
func (b *browser) location() string {
	u, err := url.Parse(value(b, "location", chromedp.Location()))
	if err != nil {
		b.t.Fatal(err)
	}
	return u.RequestURI()
}

// TestBrowser reads every page type in real Chromium in both languages:
// no serious or critical axe-core violation, no console error, no
// sideways scrolling at 375 px; then follows a reader's path by clicking:
// home → pool → filter → patent → standard section, and the search form
// with a facet. Screenshots are kept under testdata/screenshots.
func TestBrowser(t *testing.T) {
	e := newSearchEnv(t)
	b := newBrowser(t, e.http.URL)
	revised := "/patents/" + url.PathEscape(demo.RevisedPatent)
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"pool", "/pools/" + demo.PoolSlug},
		{"pool-as-of", "/pools/" + demo.PoolSlug + "?as_of=2024-06-01"},
		{"patent", revised},
		{"standard", "/standards/" + demo.VideoStandard},
		{"section", "/standards/" + demo.VideoStandard + "/sections/7.3.2.2"},
		{"holder", "/holders/" + demo.Huaxin},
		{"search", "/search?q=merge"},
		{"help", "/search/help"},
		{"problems", "/problems"},
		{"api-docs", "/api/docs"},
	}
	for _, lang := range []string{"en", "zh"} {
		for _, p := range pages {
			b.open(lang, p.path)
			htmlLang := value(b, "html lang", chromedp.Evaluate[string](`document.documentElement.lang`))
			if !strings.HasPrefix(htmlLang, lang) {
				t.Errorf("%s in %s: html lang=%q", p.path, lang, htmlLang)
			}
			b.check(lang + "-" + p.name)
		}
		t.Run("reader's path in "+lang, func(t *testing.T) { b.t = t; readersPath(b, lang) })
		t.Run("done when, on a phone, in "+lang, func(t *testing.T) { b.t = t; doneWhen(b, lang) })
		b.t = t
	}
}

// readersPath clicks through the portal as a reader would.
func readersPath(b *browser, lang string) {
	t := b.t
	b.open(lang, "/")
	b.follow("open the pool", chromedp.Click(chromedp.CSS(`main a.button`)))
	if loc := b.location(); loc != "/pools/"+demo.PoolSlug {
		t.Fatalf("the home page's pool link opened %s", loc)
	}
	b.run("choose a country", chromedp.SetValue(chromedp.CSS(`#f-country`), "CN"))
	b.follow("filter by country", chromedp.Click(chromedp.CSS(`form[aria-label] button[type=submit]`)))
	if loc := b.location(); !strings.Contains(loc, "country=CN") {
		t.Fatalf("the filter form went to %s", loc)
	}
	numbers := value(b, "read the list", chromedp.Evaluate[[]string](`[...document.querySelectorAll('table tbody th[scope=row] a')].map(a => a.textContent)`))
	if len(numbers) == 0 {
		t.Fatal("the list filtered by CN is empty")
	}
	for _, n := range numbers {
		if !strings.HasPrefix(n, "CN") {
			t.Errorf("the list filtered by CN shows %s", n)
		}
	}
	b.follow("open a patent", chromedp.Click(chromedp.CSS(`table tbody th[scope=row] a`)))
	if loc := b.location(); !strings.HasPrefix(loc, "/patents/") {
		t.Fatalf("the list's link opened %s", loc)
	}
	b.check(lang + "-path-patent")
	b.follow("open a section", chromedp.Click(chromedp.CSS(`.element a[href*="/sections/"]`)))
	if loc := b.location(); !strings.Contains(loc, "/sections/") {
		t.Fatalf("the chart's reference opened %s", loc)
	}
	charted := value(b, "count charted", chromedp.Evaluate[int](`document.querySelectorAll('article.hit').length`))
	if charted == 0 {
		t.Error("the section a chart maps to lists nothing charted against it")
	}
	b.open(lang, "/")
	b.run("type a query", chromedp.SendKeys(chromedp.CSS(`#q-home`), "merge"))
	b.follow("search", chromedp.Submit(chromedp.CSS(`#q-home`)))
	if loc := b.location(); loc != "/search?q=merge" {
		t.Fatalf("the search form went to %s", loc)
	}
	b.follow("use a facet", chromedp.Click(chromedp.CSS(`.facets a`)))
	if value(b, "active facet", chromedp.Evaluate[int](`document.querySelectorAll('.facets a[aria-current]').length`)) == 0 {
		t.Error("the facet followed is not shown as active")
	}
	if loc := b.location(); !strings.Contains(loc, "q=merge&") && !strings.Contains(loc, "&q=merge") {
		t.Errorf("the facet link lost the query: %s", loc)
	}
	b.check(lang + "-path-search-facet")
	b.follow("switch language", chromedp.Click(chromedp.CSS(`nav a[hreflang]`)))
	other := value(b, "html lang", chromedp.Evaluate[string](`document.documentElement.lang`))
	if strings.HasPrefix(other, lang) {
		t.Errorf("the language link left the page in %s", other)
	}
	if loc := b.location(); !strings.HasPrefix(loc, "/search?") {
		t.Errorf("the language link went to %s, not the same page", loc)
	}
}
