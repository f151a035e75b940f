package server

import "sort"

// statChart is a horizontal bar chart drawn as SVG on the server: no
// script, and readable as a table by screen readers.
type statChart struct {
	ID, Title string
	// The labels of the chart's table: its summary and its two columns.
	TableLabel, ValueLabel, CountLabel string
	Bars                               []bar
	Width, Height                      int
}

// bar is one bar of a statChart, with its position; Label is Full cut
// to fit beside the bar.
type bar struct {
	Label, Full string
	Count       int
	Y, W, Text  int
}

// Geometry of the bar charts, in SVG user units.
const (
	statLabelWidth = 150
	statBarSpace   = 190
	statRowHeight  = 22
	statMaxBars    = 10
)

// statFacets are the facets the pool's statistics draw, in their order,
// with each chart's title.
var statFacets = []struct{ facet, title string }{
	{"country", "stats.country"}, {"holder", "stats.holder"}, {"standard", "stats.standard"},
	{"section", "stats.section"}, {"expires", "stats.expiry"},
}

// statsOf draws the charts of the list's facet counts: the most frequent
// values of each, and the expiry years in the order of the years.
func statsOf(l locale, facets []facetView) []statChart {
	byName := make(map[string][]facetValue, len(facets))
	for _, f := range facets {
		byName[f.Name] = f.Values
	}
	var out []statChart
	for _, sf := range statFacets {
		values := byName[sf.facet]
		if len(values) == 0 {
			continue
		}
		values = values[:min(len(values), statMaxBars)]
		if sf.facet == "expires" {
			values = append([]facetValue(nil), values...)
			sort.Slice(values, func(i, j int) bool { return values[i].Value < values[j].Value })
		}
		ch := newStatChart("stats-"+sf.facet, l.T(sf.title), values)
		ch.TableLabel, ch.ValueLabel, ch.CountLabel = l.T("stats.table"), l.T("facet."+sf.facet), l.T("stats.patents")
		out = append(out, ch)
	}
	return out
}

// newStatChart scales the bars to the largest count.
func newStatChart(id, title string, values []facetValue) statChart {
	most := 1
	for _, v := range values {
		most = max(most, v.Count)
	}
	ch := statChart{ID: id, Title: title, Width: statLabelWidth + statBarSpace + 50, Height: len(values)*statRowHeight + 4}
	for i, v := range values {
		w := max(1, v.Count*statBarSpace/most)
		label := []rune(v.Label)
		if len(label) > 18 {
			label = append(label[:17], '…')
		}
		ch.Bars = append(ch.Bars, bar{Label: string(label), Full: v.Label, Count: v.Count, Y: i * statRowHeight, W: w, Text: statLabelWidth + w + 6})
	}
	return ch
}
