package search

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"sepportal/claimcharts"
)

// Snippet sizes, in bytes of source text around the matches.
const (
	snippetBefore = 60
	snippetLength = 240
	snippetsPer   = 3 // per kind of text
)

// snippets cuts highlighted fragments out of a hit's texts around the
// term locations bleve reports, keyed by what the text is ("title",
// "claims", "quote"...). Text is HTML-escaped; matches are in <mark>.
func snippets(locs bsearch.FieldTermLocationMap, title claimcharts.Text, titleLabel string, items []item) map[string][]string {
	type place struct {
		field string
		pos   int
	}
	spans := map[place][][2]int{}
	for field, terms := range locs {
		for _, ls := range terms {
			for _, l := range ls {
				p := place{field, -1}
				if len(l.ArrayPositions) > 0 {
					p.pos = int(l.ArrayPositions[0])
				}
				spans[p] = append(spans[p], [2]int{int(l.Start), int(l.End)})
			}
		}
	}
	places := make([]place, 0, len(spans))
	for p := range spans {
		places = append(places, p)
	}
	sort.Slice(places, func(i, j int) bool {
		if places[i].pos != places[j].pos {
			return places[i].pos < places[j].pos
		}
		return places[i].field < places[j].field
	})
	out := map[string][]string{}
	for _, p := range places {
		text, label := placeText(p.field, p.pos, title, titleLabel, items)
		if text == "" || len(out[label]) >= snippetsPer {
			continue
		}
		if frag := fragment(text, spans[p]); frag != "" {
			out[label] = append(out[label], frag)
		}
	}
	return out
}

// placeText returns the text a location points into, and its kind: the
// first entry of a text field is the title, the others the items.
func placeText(field string, pos int, title claimcharts.Text, titleLabel string, items []item) (string, string) {
	zh := field == fTextZh
	if pos == 0 {
		if zh {
			return title.Zh, titleLabel
		}
		return title.En, titleLabel
	}
	if pos < 1 || pos > len(items) {
		return "", ""
	}
	it := items[pos-1]
	kind, _, _ := strings.Cut(it.label, ":")
	if zh {
		return it.zh, kind
	}
	return it.en, kind
}

// fragment cuts text around the first match and marks every match inside:
// at most snippetLength bytes of text, from snippetBefore bytes before the
// first match.
func fragment(text string, spans [][2]int) string {
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	merged := spans[:0:0]
	for _, s := range spans {
		if s[0] < 0 || s[1] > len(text) || s[0] >= s[1] {
			continue
		}
		if n := len(merged); n > 0 && s[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], s[1])
			continue
		}
		merged = append(merged, s)
	}
	if len(merged) == 0 {
		return ""
	}
	// The fragment never runs past its length, even when the first mark
	// does: touching Chinese bigrams merge into one mark as long as the
	// run of matches, which is cut at the fragment's end.
	start := runeStart(text, max(0, merged[0][0]-snippetBefore))
	end := runeStart(text, min(len(text), start+snippetLength))
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	at := start
	for _, s := range merged {
		if s[0] >= end {
			break
		}
		b.WriteString(html.EscapeString(text[at:s[0]]))
		b.WriteString("<mark>" + html.EscapeString(text[s[0]:min(s[1], end)]) + "</mark>")
		at = min(s[1], end)
	}
	b.WriteString(html.EscapeString(text[at:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
