package claimcharts

import (
	"reflect"
	"testing"
)

// TestReferenceLookupFindsWhatReferenceFinds: the lookup answers every
// label, present or not, as Standard.Reference does.
func TestReferenceLookupFindsWhatReferenceFinds(t *testing.T) {
	s := &Standard{Slug: "h265", References: []Reference{
		{Label: "8.5", Kind: "section", Title: Text{En: "Inter prediction"}},
		{Label: "8.5.3", Kind: "section", Parent: "8.5", Text: "quoted"},
		{Label: "Figure 8-3", Kind: "figure"},
	}}
	lookup := s.ReferenceLookup()
	for _, label := range []string{"8.5", "8.5.3", "Figure 8-3", "9.9", ""} {
		want, wantOK := s.Reference(label)
		got, ok := lookup(label)
		if ok != wantOK || !reflect.DeepEqual(got, want) {
			t.Errorf("lookup(%q) = %+v, %v; Reference gives %+v, %v", label, got, ok, want, wantOK)
		}
	}
}
