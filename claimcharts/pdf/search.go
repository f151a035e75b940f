package pdf

import (
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"sepportal/claimcharts"
)

// Search is a snapshot of search results: the query, its filters and the
// hits the caller was shown.
type Search struct {
	Query   string
	Filters map[string]string
	Total   uint64
	Hits    []Hit
}

// Hit is one search result as the snapshot prints it.
type Hit struct {
	// Kind is patent, element or reference.
	Kind  string
	Title string
	// Number is the patent's number, for patents and chart elements.
	Number string
	// Text is the matched text, without markup.
	Text string
	// Path is the hit's portal page ("/patents/CN%20105900101%20B").
	Path string
}

// WriteSearch writes a snapshot of search results.
func WriteSearch(w io.Writer, m Meta, s *Search) error {
	lang := m.lang()
	title := label(lang, "search_title") + ": " + s.Query
	v := dataVersionOf(s)
	d := newDoc(m, page{title: title, pool: filterText(s.Filters, "pool"), asOf: day(m), version: v, link: m.url("/search?q=" + url.QueryEscape(s.Query))}, label(lang, "search_subject"), true, s)
	d.heading(title, 0)
	d.fields([][2]string{
		{label(lang, "query"), s.Query},
		{label(lang, "filters"), filterText(s.Filters, "")},
		{label(lang, "generated"), m.generated().Format("2006-01-02 15:04 MST")},
		{label(lang, "total"), strconv.FormatUint(s.Total, 10) + " (" + label(lang, "shown") + " " + strconv.Itoa(len(s.Hits)) + ")"},
	})
	t := d.startTable(smallSize, column{"#", 0.4}, column{label(lang, "what"), 1.2}, column{label(lang, "title"), 3},
		column{label(lang, "hit"), 5}, column{label(lang, "portal_page"), 2.6})
	for i, h := range s.Hits {
		link := m.url(h.Path)
		t.row([]string{strconv.Itoa(i + 1), label(lang, h.Kind+"_hit"), strings.TrimSpace(h.Number + "\n" + h.Title), h.Text, link}, link)
	}
	d.endTable()
	return d.output(w)
}

// dataVersionOf is the version of a snapshot: its query and what it found.
func dataVersionOf(s *Search) string {
	return claimcharts.DataVersion(s.Query, s.Filters, s.Total, s.Hits)
}

// filterText writes filters as name:value, sorted; only is one filter's value.
func filterText(filters map[string]string, only string) string {
	if only != "" {
		return filters[only]
	}
	names := make([]string, 0, len(filters))
	for n := range filters {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + ":" + filters[n]
	}
	return strings.Join(parts, " ")
}
