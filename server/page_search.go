package server

import (
	"html/template"
	"net/url"
	"sort"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
	"sepportal/search"
)

// hitView is one search hit as a page shows it: names, not slugs.
type hitView struct {
	Type, Title, Href, Number string
	Holder                    named
	Pools                     []listingView
	Results                   []string
	Snippets                  []snippetView
	Hit                       search.Hit
}

// listingView is a patent's place on one pool's list.
type listingView struct {
	Pool   named
	Status string
}

// snippetView is one highlighted fragment: the search package escapes the
// text and marks the matches with <mark>.
type snippetView struct {
	Label string
	HTML  template.HTML
}

// hitList is a page of hits with its paging links and facets.
type hitList struct {
	L           locale
	Total       uint64
	Hits        []hitView
	Next, First string
	Facets      []facetView
	Filters     []activeFilter
	Query       string
}

// facetView is one facet with links that add its values to the search.
type facetView struct {
	Name   string
	Values []facetValue
}

// facetValue is one value of a facet, its name and a link filtering by it.
type facetValue struct {
	Value, Label, Href string
	Count              int
	Active             bool
}

// activeFilter is a filter in force, with a link that removes it.
type activeFilter struct {
	Name, Label, Remove string
}

// runPageSearch answers req anonymously and turns the answer into a
// hitList whose links keep the page's other parameters.
func (s *Server) runPageSearch(c *gin.Context, n *namer, req search.Request) (*hitList, error) {
	if s.search == nil {
		return nil, claimcharts.Says(claimcharts.EUNAVAILABLE, msg.NoSearch)
	}
	res, err := s.search.Search(c.Request.Context(), claimcharts.Actor{}, req)
	if err != nil {
		return nil, err
	}
	l := locale(n.lang)
	out := &hitList{L: l, Total: res.Total, Query: req.Query}
	for _, h := range res.Items {
		out.Hits = append(out.Hits, hitOf(n, h))
	}
	u := *c.Request.URL
	if res.Next != nil {
		out.Next = withParam(&u, "cursor", *res.Next)
	}
	if req.Cursor != "" {
		out.First = withParam(&u, "cursor", "")
	}
	out.Facets = facetViews(n, &u, res.Facets)
	return out, nil
}

// hitOf names what a hit shows.
func hitOf(n *namer, h search.Hit) hitView {
	v := hitView{Type: h.Type, Title: h.Title, Href: hitPage(h), Number: h.Number, Results: h.Results, Hit: h}
	if h.Holder != "" {
		v.Holder = n.Org(h.Holder)
	}
	for _, p := range h.Pools {
		v.Pools = append(v.Pools, listingView{Pool: n.Pool(p.Pool), Status: p.Status})
	}
	labels := make([]string, 0, len(h.Snippets))
	for k := range h.Snippets {
		labels = append(labels, k)
	}
	sort.Strings(labels)
	for _, k := range labels {
		for _, frag := range h.Snippets[k] {
			// The search package escapes the text and adds only <mark>.
			v.Snippets = append(v.Snippets, snippetView{Label: locale(n.lang).Enum("snippet", k), HTML: template.HTML(frag)}) //nolint:gosec
		}
	}
	return v
}

// facetViews names the facet values and links each to the search with it
// added (or, when already in force, removed).
func facetViews(n *namer, u *url.URL, facets map[string][]search.FacetCount) []facetView {
	var out []facetView
	for _, name := range search.Facets {
		counts := facets[name]
		if len(counts) == 0 {
			continue
		}
		fv := facetView{Name: name}
		for _, fc := range counts {
			active := u.Query().Get(name) == fc.Value
			href := withParam(u, name, fc.Value)
			if active {
				href = withParam(u, name, "")
			}
			fv.Values = append(fv.Values, facetValue{Value: fc.Value, Label: facetLabel(n, name, fc.Value), Href: withParam(mustParse(href), "cursor", ""), Count: fc.Count, Active: active})
		}
		out = append(out, fv)
	}
	return out
}

// facetLabel names a facet value in the reader's language.
func facetLabel(n *namer, facet, value string) string {
	switch facet {
	case "pool":
		return n.Pool(value).Name
	case "holder":
		return n.Org(value).Name
	case "standard":
		return n.Standard(value).Name
	case "result", "status":
		return locale(n.lang).Enum(facet, value)
	}
	return value
}

// withParam returns u's path and query with name set to value (dropped
// when value is empty).
func withParam(u *url.URL, name, value string) string {
	q := u.Query()
	if value == "" {
		q.Del(name)
	} else {
		q.Set(name, value)
	}
	out := url.URL{Path: u.Path, RawQuery: q.Encode()}
	return out.RequestURI()
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{Path: "/"}
	}
	return u
}

// searchPageData is what the search page shows.
type searchPageData struct {
	Q       string
	PDF     string
	Results *hitList
	Filters []activeFilter
}

// searchPage answers /search: the form, the hits with their snippets, the
// facets and paging, all from the same search the API answers.
func (s *Server) searchPage(c *gin.Context) {
	req, err := searchRequest(c, listFilters)
	if err != nil {
		abort(c, err)
		return
	}
	l := lang(c)
	n := s.newNamer(c.Request.Context(), l, claimcharts.Actor{})
	data := searchPageData{Q: req.Query}
	if req.Query != "" || len(req.Filters) > 0 {
		if data.Results, err = s.runPageSearch(c, n, req); err != nil {
			abort(c, err)
			return
		}
		for name, v := range req.Filters {
			data.Filters = append(data.Filters, activeFilter{Name: name, Label: facetLabel(n, name, v), Remove: withParam(c.Request.URL, name, "")})
		}
		sort.Slice(data.Filters, func(i, j int) bool { return data.Filters[i].Name < data.Filters[j].Name })
		q := c.Request.URL.Query()
		q.Set("format", "pdf")
		q.Set("lang", l)
		data.PDF = "/api/v1/search/export?" + q.Encode()
	}
	render(c, "search.html", newView(c, locale(l).T("search.title"), data))
}

// helpRow is one filter of the query language with an example.
type helpRow struct{ Name, Example, Meaning string }

// helpPage documents the query language.
func (s *Server) helpPage(c *gin.Context) {
	l := locale(lang(c))
	rows := []helpRow{}
	for _, ex := range helpExamples {
		rows = append(rows, helpRow{Name: ex.name, Example: ex.example, Meaning: l.In(ex.meaning)})
	}
	render(c, "help.html", newView(c, l.T("help.title"), rows))
}

// helpExamples are the query language's filters, one example each.
var helpExamples = []struct {
	name, example string
	meaning       claimcharts.Text
}{
	{"", `帧间预测 merge`, claimcharts.Text{En: "documents holding both words, in either language", Zh: "同时包含两个词的文档（中英文均可）"}},
	{"", `merge -temporal`, claimcharts.Text{En: "the first word without the second", Zh: "含第一个词、不含第二个词"}},
	{"", `"merge candidate list"`, claimcharts.Text{En: "the exact phrase", Zh: "完整短语"}},
	{"", `CN 105900101 B`, claimcharts.Text{En: "that patent and its family, in any spelling of the number", Zh: "该专利及其同族专利（专利号写法不限）"}},
	{"pool", `pool:demo-video-pool`, claimcharts.Text{En: "patents on a pool's list", Zh: "某专利池清单中的专利"}},
	{"holder", `holder:demo-huaxin`, claimcharts.Text{En: "patents of one holder (its names find them too)", Zh: "某专利权人的专利（按名称检索亦可）"}},
	{"country", `country:CN`, claimcharts.Text{En: "patents of one office", Zh: "某国家/地区的专利"}},
	{"standard", `standard:demo-h265-v8`, claimcharts.Text{En: "what is charted against a standard", Zh: "对照到某标准的内容"}},
	{"section", `section:7.3.*`, claimcharts.Text{En: "elements charted against a section and its subsections", Zh: "对照到某章节及其下级章节的技术特征"}},
	{"reference", `reference:demo-80211ax-2021/27.3.11.4`, claimcharts.Text{En: "patents that read on one reference of a standard: cited for it by a pool list, or charted against it", Zh: "涉及某标准某一章节的专利：专利池清单列明或已有对照表"}},
	{"status", `status:admitted`, claimcharts.Text{En: "patents by their status on a list: applied, under_review, admitted, removed", Zh: "按清单状态：applied、under_review、admitted、removed"}},
	{"result", `result:essential`, claimcharts.Text{En: "by review result: essential, not_essential, unclear", Zh: "按审查结论：essential、not_essential、unclear"}},
	{"type", `type:utility_model`, claimcharts.Text{En: "invention, utility_model or design", Zh: "发明、实用新型或外观设计"}},
	{"legal", `legal:granted`, claimcharts.Text{En: "by legal status", Zh: "按法律状态"}},
	{"is", `is:element`, claimcharts.Text{En: "only patents, claim elements or standard sections (patent, element, reference)", Zh: "仅专利、技术特征或标准章节"}},
	{"expires", `expires:2030..2035-12-31`, claimcharts.Text{En: "expiry date in a range (also granted, filed, priority)", Zh: "届满日在某范围内（亦可用 granted、filed、priority）"}},
}
