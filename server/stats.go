package server

// statChart is a horizontal bar chart drawn as SVG on the server: no
// script, and readable as a table by screen readers.
type statChart struct {
	ID, Title     string
	Bars          []bar
	Width, Height int
}

// bar is one bar of a statChart, with its position.
type bar struct {
	Label      string
	Count      int
	Y, W, Text int
}

// Geometry of the bar charts, in SVG user units.
const (
	statLabelWidth = 150
	statBarSpace   = 190
	statRowHeight  = 22
	statMaxBars    = 10
)

// statsOf draws the charts of the list's facet counts.
func statsOf(l locale, facets []facetView) []statChart {
	var out []statChart
	for _, f := range facets {
		key := map[string]string{"country": "stats.country", "holder": "stats.holder", "standard": "stats.standard"}[f.Name]
		if key == "" {
			continue
		}
		out = append(out, newStatChart("stats-"+f.Name, l.T(key), f.Values))
	}
	return out
}

// newStatChart scales the bars to the largest count.
func newStatChart(id, title string, values []facetValue) statChart {
	if len(values) > statMaxBars {
		values = values[:statMaxBars]
	}
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
		ch.Bars = append(ch.Bars, bar{Label: string(label), Count: v.Count, Y: i * statRowHeight, W: w, Text: statLabelWidth + w + 6})
	}
	return ch
}
