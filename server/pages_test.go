package server

import (
	"html"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
	"sepportal/search"
)

// demoPages are a page of each type over the demo data, with a string each
// language must show on it.
var demoPages = []struct {
	path   string
	en, zh string
}{
	{"/", "Standard-essential patent pools", "标准必要专利池"},
	{"/pools/" + demo.PoolSlug, "Admission policy", "入池规则"},
	{"/pools/" + demo.PoolSlug + "?as_of=2024-06-01", "The list as it stood on", "清单状态截至"},
	{"/pools/" + demo.PoolSlug + "?status=any&country=CN&sort=-date", "Patent list", "入池专利清单"},
	{"/patents/" + url.PathEscape(demo.RevisedPatent), "Element by element", "逐项技术特征对照"},
	{"/standards/" + demo.VideoStandard, "Sections, figures and tables", "章节、图和表"},
	{"/standards/" + demo.VideoStandard + "/sections/7.3.2.2", "What is charted against this section", "对照到本章节的权利要求"},
	{"/standards/" + demo.VideoStandard + "/sections/7?subtree=true", "What is charted against this section", "对照到本章节的权利要求"},
	{"/holders/" + demo.Huaxin, "Patents per pool", "各专利池中的专利"},
	{"/search?q=merge", "Results", "检索结果"},
	{"/search", "Search", "检索"},
	{"/search/help", "How to search", "检索方法"},
	{"/problems", "Problem types", "错误类型"},
}

// TestPages reads the pages over the demo data, one server for all.
func TestPages(t *testing.T) {
	e := newSearchEnv(t)
	t.Run("both languages", func(t *testing.T) { testPagesInBothLanguages(t, e.in(t)) })
	t.Run("language switch", func(t *testing.T) { testLanguageSwitch(t, e.in(t)) })
	t.Run("list as of a date", func(t *testing.T) { testPoolListAsOf(t, e.in(t)) })
	t.Run("chart and review", func(t *testing.T) { testPatentPageShowsChartAndReview(t, e.in(t)) })
	t.Run("compressed", func(t *testing.T) { testCompressed(t, e.in(t)) })
	t.Run("links lead", func(t *testing.T) { testLinksLead(t, e.in(t)) })
	t.Run("statistics", func(t *testing.T) { testPoolStatistics(t, e.in(t)) })
}

// testLinksLead follows every local link of the home, pool, patent,
// search and section pages (the downloads and PDFs included): each
// answers 200. The home page's first steps lead to the pool's list and
// its feed.
func testLinksLead(t *testing.T, e *searchEnv) {
	href := regexp.MustCompile(`href="(/[^"#]*)`)
	home := string(e.must(http.StatusOK, req{method: "GET", path: "/"}).Body)
	for _, want := range []string{`href="/pools/` + demo.PoolSlug + `#list"`, `href="/pools/` + demo.PoolSlug + `/feed.atom"`, `href="/search/help"`} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page's first steps lack %s", want)
		}
	}
	seen := map[string]bool{}
	for _, p := range []string{"/", "/pools/" + demo.PoolSlug, "/patents/" + url.PathEscape(demo.RevisedPatent), "/search?q=merge",
		"/standards/" + demo.VideoStandard + "/sections/7.3.2.2"} {
		body := string(e.must(http.StatusOK, req{method: "GET", path: p}).Body)
		for _, m := range href.FindAllStringSubmatch(body, -1) {
			link := html.UnescapeString(m[1])
			if seen[link] || strings.HasPrefix(link, "/lang/") {
				continue
			}
			seen[link] = true
			if resp := e.do(req{method: "GET", path: link}); resp.Status != http.StatusOK {
				t.Errorf("%s links to %s, which answers %d", p, link, resp.Status)
			}
		}
	}
	if len(seen) < 20 {
		t.Fatalf("only %d links followed", len(seen))
	}
}

// testCompressed asks for gzip as a browser does: pages, the feed and the
// API's JSON come compressed, and the stylesheet is cached for good.
func testCompressed(t *testing.T, e *searchEnv) {
	for _, p := range []string{"/pools/" + demo.PoolSlug, "/pools/" + demo.PoolSlug + "/feed.atom", "/api/v1/pools/" + demo.PoolSlug + "/patents"} {
		resp := e.must(http.StatusOK, req{method: "GET", path: p, header: map[string]string{"Accept-Encoding": "gzip"}})
		if got := resp.Header.Get("Content-Encoding"); got != "gzip" {
			t.Errorf("GET %s: Content-Encoding %q, want gzip", p, got)
		}
		checkVaries(t, p, resp, "Accept-Encoding")
	}
	// A shared cache keys what it keeps by Vary: a page or a problem that
	// forgot Accept-Encoding would be served compressed to a client that
	// cannot read it, and one that forgot the language in the wrong one.
	page := e.must(http.StatusOK, req{method: "GET", path: "/pools/" + demo.PoolSlug, header: map[string]string{"Accept-Encoding": "gzip"}})
	checkVaries(t, "the pool page", page, "Accept-Encoding", "Accept-Language")
	problem := e.must(http.StatusNotFound, req{method: "GET", path: "/pools/nope", header: map[string]string{"Accept-Encoding": "gzip", "Accept": "text/html"}})
	checkVaries(t, "an error page", problem, "Accept-Encoding", "Accept-Language")
	css := e.must(http.StatusOK, req{method: "GET", path: assetURL["site.css"]})
	if cc := css.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("the hashed stylesheet is not cached for good: %q", cc)
	}
	e.must(http.StatusNotFound, req{method: "GET", path: "/assets/site.000000000000.css"})
}

// checkVaries fails unless the answer's Vary headers name every one of want.
func checkVaries(t *testing.T, what string, resp response, want ...string) {
	t.Helper()
	got := map[string]bool{}
	for _, line := range resp.Header.Values("Vary") {
		for _, name := range strings.Split(line, ",") {
			got[http.CanonicalHeaderKey(strings.TrimSpace(name))] = true
		}
	}
	for _, name := range want {
		if !got[name] {
			t.Errorf("%s: Vary %q does not name %s", what, resp.Header.Values("Vary"), name)
		}
	}
}

// in returns the environment for a subtest: the same server, failures
// reported on t, and a client of its own.
func (e *searchEnv) in(t testing.TB) *searchEnv {
	te := *e.testEnv
	te.t = t
	te.client = &http.Client{Transport: e.client.Transport}
	return &searchEnv{testEnv: &te, ix: e.ix}
}

// testPagesInBothLanguages reads every page type in English and Chinese:
// each answers HTML in the reader's language with no text missing from
// the catalog, an ETag, and 304 to a reader who holds the same page.
func testPagesInBothLanguages(t *testing.T, e *searchEnv) {
	for _, p := range demoPages {
		for _, l := range []struct{ lang, want string }{{"en", p.en}, {"zh", p.zh}} {
			t.Run(l.lang+p.path, func(t *testing.T) {
				e := e.in(t)
				resp := e.must(http.StatusOK, req{method: "GET", path: p.path, header: map[string]string{"Accept-Language": l.lang}})
				body := string(resp.Body)
				if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Fatalf("content type %q", ct)
				}
				if got := resp.Header.Get("Content-Language"); got != l.lang {
					t.Errorf("Content-Language %q, want %q", got, l.lang)
				}
				if !strings.Contains(body, l.want) {
					t.Errorf("page does not say %q", l.want)
				}
				if i := strings.Index(body, "⟦"); i >= 0 {
					t.Errorf("text missing from the catalog: %s", body[i:min(len(body), i+60)])
				}
				etag := resp.Header.Get("ETag")
				if etag == "" || resp.Header.Get("Cache-Control") == "" {
					t.Fatalf("no ETag or Cache-Control: %v", resp.Header)
				}
				e.must(http.StatusNotModified, req{method: "GET", path: p.path, header: map[string]string{"Accept-Language": l.lang, "If-None-Match": etag}})
			})
		}
	}
}

// TestCatalogHasBothLanguages checks every fixed string of the pages in
// English and Chinese.
func TestCatalogHasBothLanguages(t *testing.T) {
	for key, m := range catalog {
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("catalog entry %q lacks a language: %q", key, m)
		}
	}
}

// testLanguageSwitch follows the switch link: it remembers the choice in a
// cookie, returns to the same URL, and never redirects off the site.
func testLanguageSwitch(t *testing.T, e *searchEnv) {
	e.client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp := e.must(http.StatusSeeOther, req{method: "GET", path: "/lang/zh?next=" + url.QueryEscape("/pools/"+demo.PoolSlug+"?lang=en&status=any")})
	if loc := resp.Header.Get("Location"); loc != "/pools/"+demo.PoolSlug+"?status=any" {
		t.Errorf("Location %q", loc)
	}
	cookie := resp.Header.Get("Set-Cookie")
	if !strings.HasPrefix(cookie, "lang=zh") {
		t.Fatalf("Set-Cookie %q", cookie)
	}
	page := e.must(http.StatusOK, req{method: "GET", path: "/pools/" + demo.PoolSlug, header: map[string]string{"Cookie": "lang=zh", "Accept-Language": "en"}})
	if !strings.Contains(string(page.Body), "入池规则") {
		t.Error("the cookie's language is not used")
	}
	for _, next := range []string{"//evil.example", "https://evil.example/", "/\\evil.example"} {
		resp := e.must(http.StatusSeeOther, req{method: "GET", path: "/lang/en?next=" + url.QueryEscape(next)})
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("next=%s redirects to %q", next, loc)
		}
	}
	if p := e.must(http.StatusBadRequest, req{method: "GET", path: "/lang/fr"}).Problem(t); p.Errors[0].Path != "to" {
		t.Errorf("problem %+v", p)
	}
}

// testPoolListAsOf reads the demo pool's list on dates around the demo's
// admissions and removals: a patent removed on expiry is on the list
// before its removal date and not after it; a bad date is refused naming as_of.
func testPoolListAsOf(t *testing.T, e *searchEnv) {
	ctx := t.Context()
	expired, err := e.reg.Entry(ctx, claimcharts.Actor{}, demo.PoolSlug, demo.ExpiredPatent)
	if err != nil {
		t.Fatal(err)
	}
	if expired.Effective == "" || expired.Removed == "" {
		t.Fatalf("the demo's expired entry has no dates: %+v", expired)
	}
	key, _ := claimcharts.PatentKey(demo.ExpiredPatent)
	link := `<th scope="row"><a href="/patents/` + key + `"`
	base := "/pools/" + demo.PoolSlug + "?as_of="
	if body := string(e.must(http.StatusOK, req{method: "GET", path: base + string(expired.Effective)}).Body); !strings.Contains(body, link) {
		t.Errorf("on its admission date %s the list lacks %s", expired.Effective, demo.ExpiredPatent)
	}
	if body := string(e.must(http.StatusOK, req{method: "GET", path: base + string(expired.Removed)}).Body); strings.Contains(body, link) {
		t.Errorf("on its removal date %s the list still holds %s", expired.Removed, demo.ExpiredPatent)
	}
	if body := string(e.must(http.StatusOK, req{method: "GET", path: base + "1990-01-01"}).Body); !strings.Contains(body, "No patent was on the list on that date.") {
		t.Error("a date before the pool shows patents")
	}
	if p := e.must(http.StatusBadRequest, req{method: "GET", path: base + "yesterday"}).Problem(t); len(p.Errors) == 0 || p.Errors[0].Path != "as_of" {
		t.Errorf("problem %+v", p)
	}
	testAsOfPages(t, e, "2024-06-01")
}

// testAsOfPages pages through the list as of day: its pages hold every
// patent listed that day, each once, in pages of 20 linked by rel=next.
func testAsOfPages(t *testing.T, e *searchEnv, day string) {
	want := map[string]bool{}
	for _, en := range e.entriesOf(t, demo.PoolSlug) {
		if en.ListedOn(claimcharts.Date(day)) {
			want[en.Patent] = true
		}
	}
	if len(want) <= asOfPage {
		t.Fatalf("%d patents on the list on %s: too few to page", len(want), day)
	}
	row := regexp.MustCompile(`<th scope="row"><a href="/patents/([^"]+)"`)
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
	got := map[string]bool{}
	path := "/pools/" + demo.PoolSlug + "?as_of=" + day
	for pages := 0; path != ""; pages++ {
		if pages > len(want) {
			t.Fatal("the pages never end")
		}
		body := string(e.must(http.StatusOK, req{method: "GET", path: path}).Body)
		rows := row.FindAllStringSubmatch(body, -1)
		if len(rows) == 0 || len(rows) > asOfPage {
			t.Errorf("%s holds %d rows", path, len(rows))
		}
		for _, m := range rows {
			key, _ := url.PathUnescape(m[1])
			if got[key] {
				t.Errorf("%s is on two pages", key)
			}
			got[key] = true
		}
		path = ""
		if m := next.FindStringSubmatch(body); m != nil {
			path = html.UnescapeString(m[1])
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("the pages list %d patents, %d were on the list on %s", len(got), len(want), day)
	}
}

// entriesOf reads every entry of a pool as the public may.
func (e *searchEnv) entriesOf(t *testing.T, pool string) []*claimcharts.Entry {
	t.Helper()
	var out []*claimcharts.Entry
	opts := claimcharts.ListOptions{Limit: claimcharts.MaxLimit}
	for {
		items, next, err := e.reg.Entries(t.Context(), claimcharts.Actor{}, pool, opts)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, items...)
		if next == "" {
			return out
		}
		opts.After = next
	}
}

// testPatentPageShowsChartAndReview reads the revised demo patent: each
// element beside its references' titles and quoted text, the review
// findings with reviewers numbered (the demo pool withholds names), the
// diff between the revisions, and the pool entry's history.
func testPatentPageShowsChartAndReview(t *testing.T, e *searchEnv) {
	ctx := t.Context()
	p, err := e.reg.Patent(ctx, claimcharts.Actor{}, demo.RevisedPatent)
	if err != nil {
		t.Fatal(err)
	}
	charts, _, err := e.reg.Charts(ctx, claimcharts.Actor{}, claimcharts.ListOptions{Where: map[string]string{"patent": p.Key()}})
	if err != nil || len(charts) == 0 {
		t.Fatalf("charts %v, %v", charts, err)
	}
	ch := charts[0]
	std, err := e.reg.Standard(ctx, claimcharts.Actor{}, ch.Standard)
	if err != nil {
		t.Fatal(err)
	}
	rev := ch.Revisions[len(ch.Revisions)-1]
	body := string(e.must(http.StatusOK, req{method: "GET", path: "/patents/" + url.PathEscape(demo.RevisedPatent), header: map[string]string{"Accept-Language": "en"}}).Body)
	for _, el := range rev.Elements {
		if !strings.Contains(body, `id="`+ch.ID+"-"+el.Label+`"`) {
			t.Errorf("no anchor for element %s", el.Label)
		}
		for _, m := range el.Mappings {
			ref, _ := std.Reference(m.Ref)
			for _, want := range []string{m.Ref, ref.Title.En, m.Explanation.En} {
				if !strings.Contains(body, htmlEscape(want)) {
					t.Errorf("element %s: the page lacks %q", el.Label, want)
				}
			}
		}
	}
	for _, want := range []string{"Reviewer 1", "Reviewer 2", "Findings per element", "Pool entries", "admitted"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, who := range []string{demo.ReviewerWang, demo.ReviewerSmith, demo.ReviewerKim} {
		if strings.Contains(body, who) {
			t.Errorf("the page names reviewer %s though the pool withholds names", who)
		}
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// testPoolStatistics reads the pool's statistics by standard section and
// by expiry year in both languages: each is a figure whose table gives the
// counts of the list's facets, and the list as of a date says that its
// statistics count the current list.
func testPoolStatistics(t *testing.T, e *searchEnv) {
	res, err := e.ix.Search(t.Context(), claimcharts.Actor{}, search.Request{NoFacets: false, Limit: 1,
		Filters: map[string]string{"pool": demo.PoolSlug, "is": search.TypePatent, "status": claimcharts.EntryAdmitted}})
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`<tr><th scope="row">([^<]+)</th><td>([0-9]+)</td></tr>`)
	for _, path := range []string{"/pools/" + demo.PoolSlug, "/pools/" + demo.PoolSlug + "?as_of=2024-06-01"} {
		for _, l := range []struct{ lang, title, current string }{
			{"en", "Patents by expiry year", "count the current list"}, {"zh", "按届满年份统计", "以下统计针对当前清单"},
		} {
			body := string(e.must(http.StatusOK, req{method: "GET", path: path, header: map[string]string{"Accept-Language": l.lang}}).Body)
			if strings.Contains(path, "as_of") != strings.Contains(body, l.current) {
				t.Errorf("%s in %s: whether the statistics say they are current is wrong", path, l.lang)
			}
			if !strings.Contains(body, l.title) {
				t.Errorf("%s in %s lacks %q", path, l.lang, l.title)
			}
			for _, facet := range []string{"section", "expires"} {
				start := strings.Index(body, `id="stats-`+facet+`-title"`)
				if start < 0 {
					t.Errorf("%s in %s has no chart by %s", path, l.lang, facet)
					continue
				}
				fig := body[start : start+strings.Index(body[start:], "</figure>")]
				want := map[string]string{}
				for _, fc := range res.Facets[facet][:min(len(res.Facets[facet]), statMaxBars)] {
					want[fc.Value] = strconv.Itoa(fc.Count)
				}
				got := map[string]string{}
				for _, m := range row.FindAllStringSubmatch(fig, -1) {
					got[m[1]] = m[2]
				}
				if len(want) == 0 || !maps.Equal(got, want) {
					t.Errorf("%s in %s: the chart by %s tabulates %v, the index counts %v", path, l.lang, facet, got, want)
				}
			}
		}
	}
}
