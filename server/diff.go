package server

import (
	"strings"

	"sepportal/claimcharts"
)

// revisionDiff is what changed between two revisions of a chart, element
// by element, in words a reader can follow.
type revisionDiff struct {
	From, To int
	Changes  []elementChange
}

// elementChange is one element added, removed or changed; Old and New are
// its text and references before and after.
type elementChange struct {
	Label, Change string
	Old, New      string
}

// diffsOf compares each revision with the one before it.
func diffsOf(l locale, revs []*claimcharts.Revision) []revisionDiff {
	var out []revisionDiff
	for i := 1; i < len(revs); i++ {
		out = append(out, diffRevisions(l, revs[i-1], revs[i]))
	}
	return out
}

// diffRevisions lists the elements of b that are new or differ from a's,
// and those of a that b dropped.
func diffRevisions(l locale, a, b *claimcharts.Revision) revisionDiff {
	d := revisionDiff{From: a.No, To: b.No}
	old := map[string]string{}
	for _, e := range a.Elements {
		old[e.Label] = elementSummary(l, e)
	}
	seen := map[string]bool{}
	for _, e := range b.Elements {
		seen[e.Label] = true
		now := elementSummary(l, e)
		was, ok := old[e.Label]
		switch {
		case !ok:
			d.Changes = append(d.Changes, elementChange{Label: e.Label, Change: "added", New: now})
		case was != now:
			d.Changes = append(d.Changes, elementChange{Label: e.Label, Change: "changed", Old: was, New: now})
		}
	}
	for _, e := range a.Elements {
		if !seen[e.Label] {
			d.Changes = append(d.Changes, elementChange{Label: e.Label, Change: "dropped", Old: old[e.Label]})
		}
	}
	return d
}

// elementSummary is an element's text and mappings as one comparable text.
func elementSummary(l locale, e claimcharts.Element) string {
	var b strings.Builder
	b.WriteString(l.In(e.Text))
	for _, m := range e.Mappings {
		b.WriteString(" → " + m.Ref)
		if m.Quote != "" {
			b.WriteString(" «" + m.Quote + "»")
		}
		if x := l.In(m.Explanation); x != "" {
			b.WriteString(" " + x)
		}
	}
	return b.String()
}
