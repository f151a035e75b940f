package search

import (
	"encoding/json"
	"math"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// result turns bleve's answer into a Result.
func result(res *bleve.SearchResult, sreq *bleve.SearchRequest, req Request, pool string) *Result {
	out := &Result{Items: make([]Hit, 0, len(res.Hits)), Total: res.Total, Facets: map[string][]FacetCount{}}
	for _, h := range res.Hits {
		var d Display
		s, _ := h.Fields[fDisplay].(string)
		_ = json.Unmarshal([]byte(s), &d)
		hit := Hit{Display: d, Title: d.Title.In(lang(req.Lang)), Score: h.Score, Snippets: map[string][]string{}}
		if math.IsNaN(hit.Score) || math.IsInf(hit.Score, 0) {
			hit.Score = 0 // JSON has no NaN
		}
		if len(h.Locations) > 0 {
			title, label := d.Title, "title"
			if d.Text != nil {
				title, label = *d.Text, "element" // an element's indexed title is its text
			}
			hit.Snippets = snippets(h.Locations, title, label, storedItems(h.Fields[fItems]))
		}
		out.Items = append(out.Items, hit)
	}
	if n := len(res.Hits); n > 0 && n == sreq.Size {
		next := encodeCursor(res.Hits[n-1])
		out.Next = &next
	}
	for name, f := range res.Facets {
		counts := []FacetCount{}
		if f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				v := t.Term
				if name == "status" && pool != "" {
					p, status, _ := strings.Cut(v, "/")
					if pool != "" && p != pool {
						continue
					}
					v = status
				}
				counts = append(counts, FacetCount{Value: v, Count: t.Count})
			}
		}
		out.Facets[name] = mergeCounts(counts)
	}
	return out
}

// mergeCounts adds up equal values (statuses of several pools), keeping
// the order of first appearance, then sorts by count.
func mergeCounts(in []FacetCount) []FacetCount {
	idx := map[string]int{}
	var out []FacetCount
	for _, c := range in {
		if i, ok := idx[c.Value]; ok {
			out[i].Count += c.Count
			continue
		}
		idx[c.Value] = len(out)
		out = append(out, c)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Count > out[j-1].Count; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	if out == nil {
		out = []FacetCount{}
	}
	return out
}

func lang(l string) string {
	if l == "zh" {
		return "zh"
	}
	return "en"
}
