package server

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/chromedp/chromedp"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// doneWhenAsOf is the past date the reader picks for the pool's list.
const doneWhenAsOf = "2024-06-01"

// doneWhen walks issue 11's "done when" on a phone (375 px) in lang, by
// clicking and typing as a reader would: find the demo pool, page through
// its list as of a past date, search, open a patent, read a chart with the
// standard's text beside each element, see its review result and history,
// open a standard section to see what is charted against it, and find the
// pool's feed and fetch it. Every page gets axe-core and screenshots.
func doneWhen(b *browser, lang string) {
	t := b.t
	b.width = 375
	defer func() { b.width = 1280; b.run("desktop width", chromedp.EmulateViewport(1280, 900)) }()
	b.run("a phone's width", chromedp.EmulateViewport(375, 740))
	step := func(name string) {
		t.Helper()
		if got := value(b, "html lang", chromedp.Evaluate[string](`document.documentElement.lang`)); !strings.HasPrefix(got, lang) {
			t.Errorf("%s: the page is in %q, not %s", name, got, lang)
		}
		b.check(lang + "-done-" + name)
	}
	pool := "/pools/" + demo.PoolSlug

	b.open(lang, "/")
	step("home")
	b.follow("find the demo pool", chromedp.Click(chromedp.CSS(`ol.start a[href="`+pool+`#list"]`)))
	if loc := b.location(); loc != pool {
		t.Fatalf("the home page's first step opened %s", loc)
	}

	b.run("pick a past date", chromedp.SetValue(chromedp.CSS(`#as-of`), doneWhenAsOf))
	b.follow("show the list as of it", chromedp.Submit(chromedp.CSS(`#as-of`)))
	if loc := b.location(); !strings.Contains(loc, "as_of="+doneWhenAsOf) {
		t.Fatalf("the date form went to %s", loc)
	}
	if got := value(b, "the date stated", chromedp.Evaluate[string](`document.querySelector('p.asof time')?.getAttribute('datetime') ?? ''`)); got != doneWhenAsOf {
		t.Errorf("the list as of %s states the date %q", doneWhenAsOf, got)
	}
	cardLayout(b, doneWhenAsOf)
	rows := `[...document.querySelectorAll('table tbody th[scope=row] a')].map(a => a.textContent)`
	first := value(b, "read the first page", chromedp.Evaluate[[]string](rows))
	if len(first) == 0 || value(b, "a next page", chromedp.Evaluate[int](`document.querySelectorAll('nav.pager a[rel=next]').length`)) == 0 {
		t.Fatalf("the list as of %s has %d rows and no next page", doneWhenAsOf, len(first))
	}
	step("as-of")
	b.follow("page through", chromedp.Click(chromedp.CSS(`nav.pager a[rel=next]`)))
	if loc := b.location(); !strings.Contains(loc, "cursor=") || !strings.Contains(loc, "as_of="+doneWhenAsOf) {
		t.Fatalf("the next page is %s", loc)
	}
	second := value(b, "read the second page", chromedp.Evaluate[[]string](rows))
	for _, n := range second {
		if slices.Contains(first, n) {
			t.Errorf("%s is on both pages of the list as of %s", n, doneWhenAsOf)
		}
	}
	if len(second) == 0 {
		t.Error("the second page of the list is empty")
	}
	step("as-of-page-2")

	b.follow("go to the search", chromedp.Click(chromedp.CSS(`header nav a[href="/search"]`)))
	b.run("type a patent number", chromedp.SendKeys(chromedp.CSS(`#q-main`), demo.RevisedPatent))
	b.follow("search", chromedp.Submit(chromedp.CSS(`#q-main`)))
	if loc := b.location(); !strings.HasPrefix(loc, "/search?q=") {
		t.Fatalf("the search form went to %s", loc)
	}
	step("search")
	key, err := claimcharts.PatentKey(demo.RevisedPatent)
	if err != nil {
		t.Fatal(err)
	}
	patent := "/patents/" + url.PathEscape(key)
	b.follow("open the patent", chromedp.Click(chromedp.CSS(`article.hit h3 a[href="`+patent+`"]`)))
	if loc := b.location(); loc != patent {
		t.Fatalf("the hit opened %s", loc)
	}
	readChart(b)
	step("patent")

	b.follow("open a standard section", chromedp.Click(chromedp.CSS(`.chart .element a[href*="/sections/"]`)))
	if loc := b.location(); !strings.Contains(loc, "/sections/") {
		t.Fatalf("the chart's reference opened %s", loc)
	}
	if value(b, "what is charted", chromedp.Evaluate[int](`document.querySelectorAll('article.hit').length`)) == 0 {
		t.Error("the section lists nothing charted against it")
	}
	step("section")

	b.follow("back to the pool", chromedp.Click(chromedp.CSS(`main a[href="`+pool+`"]`)))
	feed := value(b, "find the feed link", chromedp.Evaluate[string](`document.querySelector('main a[href$="/feed.atom"]')?.href ?? ''`))
	head := value(b, "the feed in the head", chromedp.Evaluate[string](`document.querySelector('link[rel=alternate][type="application/atom+xml"]')?.href ?? ''`))
	if feed == "" || feed != head {
		t.Fatalf("the pool's feed link %q, the page's head names %q", feed, head)
	}
	step("pool")
	// The page's policy lets no script fetch, so the reader's browser
	// opens the feed as a feed reader would.
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Navigate(feed))
	if err != nil {
		t.Fatalf("open the feed: %v", err)
	}
	// Chromium shows a feed as text (its MimeType says text/plain); the
	// server's header is what a feed reader reads.
	if ct, _ := resp.Headers["Content-Type"].(string); resp.Status != 200 || !strings.HasPrefix(ct, "application/atom+xml") {
		t.Errorf("the feed answered %d %v", resp.Status, resp.Headers["Content-Type"])
	}
	text := value(b, "read the feed", chromedp.Evaluate[string](`document.body ? document.body.innerText : new XMLSerializer().serializeToString(document)`))
	if !strings.Contains(text, `<feed xmlns="http://www.w3.org/2005/Atom"`) || !strings.Contains(text, "<entry>") {
		t.Errorf("the feed is not an Atom feed with entries: %.300s", text)
	}
	for _, e := range b.takeErrors() {
		t.Errorf("the feed: browser error: %s", e)
	}
}

// readChart checks the patent page's charts: each element beside a
// reference of the standard with its title, quoted text beside elements,
// the review result with its findings, the chart's revision history (the
// public reads the published revision only, so there is no diff to show
// it) and the pool entries with theirs.
func readChart(b *browser) {
	t := b.t
	counts := value(b, "read the charts", chromedp.Evaluate[map[string]int](`(() => {
		const els = [...document.querySelectorAll('.chart .element')];
		return {
			elements: els.length,
			referenced: els.filter(e => [...e.querySelectorAll('a[href*="/sections/"]')].some(a => a.parentElement.textContent.includes(' — '))).length,
			quoted: els.filter(e => e.querySelector('blockquote.quote')).length,
			results: document.querySelectorAll('.chart dl.facts .badge').length,
			findings: document.querySelectorAll('.chart table caption').length,
			history: document.querySelectorAll('.chart h4 + ul li').length,
			entries: [...document.querySelectorAll('main section.card')].filter(c => c.querySelector('h3 a[href^="/pools/"]') && c.querySelector('tbody tr')).length,
		};
	})()`))
	if counts["elements"] == 0 || counts["referenced"] != counts["elements"] || counts["quoted"] == 0 {
		t.Errorf("the chart's elements are not read beside the standard: %v", counts)
	}
	if counts["results"] == 0 || counts["findings"] == 0 {
		t.Errorf("the patent page shows no review result with findings: %v", counts)
	}
	if counts["history"] == 0 || counts["entries"] == 0 {
		t.Errorf("the patent page shows no chart revision history or no pool entry with its history: %v", counts)
	}
}

// cardLayout checks, at a phone's width, that the pool's list reads as
// cards: each row's cells stacked one under the other within the screen,
// each cell that has something to say under its column's name, as the
// table's head would have named it.
func cardLayout(b *browser, what string) {
	t := b.t
	type cell struct {
		Label, Before, Text string
		Left, Right, Top    float64
		Bottom              float64
	}
	cells := value(b, "read the first row's cells", chromedp.Evaluate[[]cell](`(() => {
		const row = document.querySelector('table.cards tbody tr');
		if (!row) return [];
		return [...row.children].filter(c => getComputedStyle(c).display !== 'none').map(c => {
			const r = c.getBoundingClientRect();
			return {label: c.dataset.label ?? '', before: getComputedStyle(c, '::before').content, text: c.textContent.trim(),
				left: r.left, right: r.right, top: r.top, bottom: r.bottom};
		});
	})()`))
	if len(cells) < 3 {
		t.Fatalf("the list as of %s at 375 px: the first row shows %d cells", what, len(cells))
	}
	width := value(b, "the screen's width", chromedp.Evaluate[float64](`document.documentElement.clientWidth`))
	for i, c := range cells {
		if c.Left < 0 || c.Right > width+1 {
			t.Errorf("the list at 375 px: cell %d (%q) runs from %.0f to %.0f px, off a screen %.0f px wide", i, c.Text, c.Left, c.Right, width)
		}
		if i > 0 && c.Top < cells[i-1].Bottom-1 {
			t.Errorf("the list at 375 px: cell %d (%q) sits beside the one before it, not under it", i, c.Text)
		}
		if c.Label != "" && c.Before != strconv.Quote(c.Label) {
			t.Errorf("the list at 375 px: cell %d (%q) is not under its column's name %q (shows %s)", i, c.Text, c.Label, c.Before)
		}
	}
	if value(b, "the table's head", chromedp.Evaluate[float64](`document.querySelector('table.cards thead')?.getBoundingClientRect().height ?? 0`)) > 1 {
		t.Error("the list at 375 px still shows its table head above the cards")
	}
}
