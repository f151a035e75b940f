package claimcharts

import (
	"slices"
	"testing"
)

// TestProposeReviewers checks who is proposed to review a chart revision:
// never someone of the holder's organization, never one assigned the
// revision in the same round, never one who declared a conflict on the chart.
func TestProposeReviewers(t *testing.T) {
	c := &Chart{ID: "c1", Holder: "acme"}
	cands := []Candidate{{ID: "wang"}, {ID: "li", Organization: "uni"}, {ID: "insider", Organization: "acme"}, {ID: "zhao"}}
	tests := []struct {
		name    string
		rev     int
		round   int
		reviews []*Review
		want    []string
	}{
		{"none assigned", 1, 0, nil, []string{"wang", "li", "zhao"}},
		{"assigned this revision", 1, 0, []*Review{{Chart: "c1", Revision: 1, Reviewer: "wang"}}, []string{"li", "zhao"}},
		{"assigned an earlier revision", 2, 0, []*Review{{Chart: "c1", Revision: 1, Reviewer: "wang", Conflict: Conflict{Declared: true, None: true}}}, []string{"wang", "li", "zhao"}},
		{"assigned in an earlier round", 1, 1, []*Review{{Chart: "c1", Revision: 1, Reviewer: "wang"}}, []string{"wang", "li", "zhao"}},
		{"declared a conflict before", 2, 0, []*Review{{Chart: "c1", Revision: 1, Reviewer: "zhao", Conflict: Conflict{Declared: true, Statement: "consulted for acme"}}}, []string{"wang", "li"}},
		{"another chart's review", 1, 0, []*Review{{Chart: "c2", Revision: 1, Reviewer: "li"}}, []string{"wang", "li", "zhao"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range ProposeReviewers(c, tc.rev, tc.round, cands, tc.reviews) {
				got = append(got, p.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("proposed %v, want %v", got, tc.want)
			}
		})
	}
}
