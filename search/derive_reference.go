package search

import (
	"strconv"

	"sepportal/claimcharts"
)

// referenceDocs derives one public document per reference of a standard:
// standards are reference data that everyone reads.
func referenceDocs(s *claimcharts.Standard) []*doc {
	out := make([]*doc, 0, len(s.References))
	for _, r := range s.References {
		d := &doc{id: "r|" + s.Slug + "|" + r.Label, typ: TypeReference, rec: recStandard(s.Slug), title: r.Title,
			vis: []string{principalPublic}}
		d.add(fStandard, s.Slug)
		d.add(fSection, r.Label)
		d.addPlain("text", r.Text)
		d.display = Display{Type: TypeReference, ID: s.Slug + "#" + r.Label, Title: r.Title, Standard: s.Slug,
			Label: r.Label, Kind: r.Kind, Parent: r.Parent}
		d.sources = recStandard(s.Slug) + "@" + strconv.FormatInt(s.Rev, 10)
		d.normalize()
		out = append(out, d)
	}
	return out
}
