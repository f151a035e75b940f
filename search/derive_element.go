package search

import (
	"strconv"

	"sepportal/claimcharts"
)

// elementDocs derives the documents of a chart's elements: one per element
// label and distinct view. The public reads the published revision, the
// holder, administrators and assigned reviewers the latest. The chart's
// references are looked up in one index of its standard's labels.
func (u *unit) elementDocs(c *claimcharts.Chart) []*doc {
	reviewers := reviewersOf(u.reviews[c.ID])
	public := u.allPublic()
	refs := u.referenceLookup(c.Standard)
	var out []*doc
	for _, label := range chartLabels(c) {
		derive := func(v viewer) *doc { return u.elementView(v, c, label, refs) }
		id := func(p string) string { return "e|" + c.ID + "|" + label + "|" + p }
		if public {
			out = append(out, publicOnly(derive, id)...)
		} else {
			out = append(out, views(viewersOf(c.Holder, reviewers), derive, id)...)
		}
	}
	return out
}

// referenceLookup finds the references of the unit's standard slug by
// label; it finds none when the store has no such standard.
func (u *unit) referenceLookup(slug string) func(label string) (claimcharts.Reference, bool) {
	if std := u.standards[slug]; std != nil {
		return std.ReferenceLookup()
	}
	return func(string) (claimcharts.Reference, bool) { return claimcharts.Reference{}, false }
}

// chartLabels lists the element labels of every revision, in order: each
// revision is the one some viewer reads (a reviewer reads the one it was
// assigned).
func chartLabels(c *claimcharts.Chart) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range c.Revisions {
		for _, e := range r.Elements {
			if !seen[e.Label] {
				seen[e.Label] = true
				out = append(out, e.Label)
			}
		}
	}
	return out
}

// elementView is element label of chart c as v sees it, nil if v may not
// see the chart or the revision it sees has no such element; refs finds
// the references of the chart's standard.
func (u *unit) elementView(v viewer, c *claimcharts.Chart, label string, refs func(string) (claimcharts.Reference, bool)) *doc {
	rev := u.chartRevision(v, c)
	if rev == nil {
		return nil
	}
	var el *claimcharts.Element
	for i := range rev.Elements {
		if rev.Elements[i].Label == label {
			el = &rev.Elements[i]
		}
	}
	if el == nil {
		return nil
	}
	d := &doc{typ: TypeElement, rec: recPatent(u.key), title: el.Text}
	u.patentFields(d, v)
	d.add(fChart, c.ID)
	d.add(fStandard, c.Standard)
	d.display.References = mappings(d, c.Standard, refs, el)
	u.findings(d, v, c, rev.No, label)
	d.display.Results = u.results(d, c.ID)
	text := el.Text
	d.display.Type, d.display.ID, d.display.Title, d.display.Text = TypeElement, c.ID+"#"+label, elementTitle(u.patent, c, label), &text
	d.display.Chart, d.display.Revision, d.display.Claim, d.display.Element, d.display.Standard = c.ID, rev.No, c.Claim, label, c.Standard
	return d
}

// elementTitle names an element: "CN 105900101 B, claim 1, element 1[a]".
func elementTitle(p *claimcharts.Patent, c *claimcharts.Chart, label string) claimcharts.Text {
	n, claim := p.Number.String(), strconv.Itoa(c.Claim)
	return claimcharts.Text{Zh: n + " 权利要求" + claim + " 要素 " + label, En: n + ", claim " + claim + ", element " + label}
}

// mappings adds the element's mapped references: their labels, the quoted
// standard text, the explanations and the references' titles, which find
// looks up in standard.
func mappings(d *doc, standard string, find func(string) (claimcharts.Reference, bool), el *claimcharts.Element) []Ref {
	var refs []Ref
	for _, m := range el.Mappings {
		d.add(fSection, m.Ref)
		d.add(fReference, ReferenceValue(standard, m.Ref))
		ref := Ref{Label: m.Ref}
		if r, ok := find(m.Ref); ok {
			ref.Title = r.Title
			d.addText("reference:"+m.Ref, r.Title)
		}
		d.addPlain("quote:"+m.Ref, m.Quote)
		d.addText("explanation:"+m.Ref, m.Explanation)
		refs = append(refs, ref)
	}
	return refs
}

// findings adds the verdict notes that v may read on element label of
// revision no, and the reviewers whose identity v may see.
func (u *unit) findings(d *doc, v viewer, c *claimcharts.Chart, no int, label string) {
	for _, r := range u.reviews[c.ID] {
		if r.Revision != no || !claimcharts.SeesReview(v.actor, r) || r.Status != claimcharts.ReviewSubmitted && !r.Public() {
			continue
		}
		if claimcharts.SeesReviewer(v.actor, r, u.pools[r.Pool]) {
			d.add(fReviewer, r.Reviewer)
		}
		for _, vd := range r.Verdicts {
			if vd.Element == label {
				d.addText("finding", vd.Note)
			}
		}
	}
}
