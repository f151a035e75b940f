package search

import (
	"encoding/json"
	"math"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// result turns bleve's answer into a Result.
func result(res *bleve.SearchResult, marks map[string]*bsearch.DocumentMatch, sreq *bleve.SearchRequest, req Request) *Result {
	out := &Result{Items: make([]Hit, 0, len(res.Hits)), Total: res.Total, Facets: map[string][]FacetCount{}}
	for _, h := range res.Hits {
		var d Display
		s, _ := h.Fields[fDisplay].(string)
		_ = json.Unmarshal([]byte(s), &d)
		hit := Hit{Display: d, Title: d.Title.In(lang(req.Lang)), Score: h.Score, Snippets: map[string][]string{}}
		if math.IsNaN(hit.Score) || math.IsInf(hit.Score, 0) {
			hit.Score = 0 // JSON has no NaN
		}
		if m := marks[h.ID]; m != nil && len(m.Locations) > 0 {
			title, label := d.Title, "title"
			if d.Text != nil {
				title, label = *d.Text, "element" // an element's indexed title is its text
			}
			hit.Snippets = snippets(m.Locations, title, label, storedItems(m.Fields[fItems]))
		}
		out.Items = append(out.Items, hit)
	}
	out.Next = nextCursor(sreq, res)
	return out
}

// facetCounts splits the counts of the one facet field by facet name;
// status counts are those on pool's list when a pool filter names one.
func facetCounts(f *bsearch.FacetResult, pool string) map[string][]FacetCount {
	out := make(map[string][]FacetCount, len(Facets))
	for _, name := range Facets {
		out[name] = []FacetCount{}
	}
	if f.Terms == nil {
		return out
	}
	for _, t := range f.Terms.Terms() {
		name, v, _ := strings.Cut(t.Term, ":")
		switch {
		case name == "ps" && pool != "":
			p, status, _ := strings.Cut(v, "/")
			if p != pool {
				continue
			}
			name, v = "status", status
		case name == "ps", name == "status" && pool != "":
			continue
		}
		if len(out[name]) < MaxFacetSize {
			out[name] = append(out[name], FacetCount{Value: v, Count: t.Count})
		}
	}
	return out
}

// firstFacets returns the first size values of each facet (DefaultFacetSize
// when size is 0), leaving the counts given (which the cache keeps) alone.
func firstFacets(all map[string][]FacetCount, size int) map[string][]FacetCount {
	if size <= 0 {
		size = DefaultFacetSize
	}
	out := make(map[string][]FacetCount, len(all))
	for name, counts := range all {
		out[name] = counts[:min(size, len(counts))]
	}
	return out
}

func lang(l string) string {
	if l == "zh" {
		return "zh"
	}
	return "en"
}
