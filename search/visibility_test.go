package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// Actors of the visibility tests.
var (
	anonymous   = claimcharts.Actor{}
	huaxin      = claimcharts.Actor{ID: "huaxin-bot", Role: claimcharts.RoleLicensor, Organization: demo.Huaxin}
	codecLabs   = claimcharts.Actor{ID: "codec-bot", Role: claimcharts.RoleLicensor, Organization: demo.CodecLabs}
	reviewerKim = claimcharts.Actor{ID: demo.ReviewerKim, Role: claimcharts.RoleReviewer}
	// reviewerWang reviewed the published revision of the chart plant
	// revises: it must not read the draft that follows.
	reviewerWang = claimcharts.Actor{ID: demo.ReviewerWang, Role: claimcharts.RoleReviewer}
	admin        = claimcharts.System
)

// Words planted in unpublished records.
const (
	plantedPatent   = "zyxwvutonium"  // title of an unpublished patent
	plantedDraft    = "quuxelement"   // element of its draft chart
	plantedRevision = "plughrevision" // element of an unpublished revision of a published chart
)

// plantedCompanion is a word of the same text as each planted word.
var plantedCompanion = map[string]string{plantedPatent: "method", plantedDraft: "step", plantedRevision: "step"}

// plant adds unpublished records to the demo: a patent of Huaxin with a
// draft chart and an application to the published pool, and a draft
// second revision of a published chart.
func plant(tb testing.TB, reg *claimcharts.Registry) {
	tb.Helper()
	ctx := context.Background()
	p := &claimcharts.Patent{Holder: demo.Huaxin, Type: "invention", LegalStatus: "granted",
		Title:  claimcharts.Text{En: "Planted " + plantedPatent + " coding", Zh: "未公开的" + plantedPatent},
		Claims: []claimcharts.Claim{{Number: 1, Text: claimcharts.Text{En: "A method comprising " + plantedPatent + "."}}}}
	var err error
	if p.Number, err = claimcharts.ParseNumber("CN 109999999 B"); err != nil {
		tb.Fatal(err)
	}
	must(tb, reg.CreatePatent(ctx, huaxin, p))
	_, err = reg.CreateChart(ctx, huaxin, claimcharts.NewChart{Patent: "CN109999999", Claim: 1, Standard: demo.VideoStandard,
		Elements: []claimcharts.Element{{Label: "1[a]", Text: claimcharts.Text{En: "a " + plantedDraft + " step"},
			Mappings: []claimcharts.Mapping{{Ref: "8.5.3.2.2"}}}}})
	must(tb, err)
	_, err = reg.Apply(ctx, huaxin, demo.PoolSlug, claimcharts.Application{Patent: "CN109999999"})
	must(tb, err)
	chart := claimcharts.ChartID("CN105900101", 1, demo.VideoStandard)
	c, err := reg.Chart(ctx, admin, chart)
	must(tb, err)
	els := append([]claimcharts.Element{}, c.Latest().Elements...)
	els[0].Text = claimcharts.Text{En: "a revised " + plantedRevision + " step", Zh: "修订的" + plantedRevision}
	_, err = reg.AddRevision(ctx, huaxin, chart, 0, claimcharts.RevisionInput{Elements: els})
	must(tb, err)
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// TestNothingUnpublishedIsFound plants unpublished records and checks, for
// each kind of caller, that every hit, snippet and facet count is one the
// registry would show that caller, and that the planted words are found
// only by those who may read them.
func TestNothingUnpublishedIsFound(t *testing.T) {
	ix, reg := demoIndex(t)
	plant(t, reg)
	catchUp(t, ix)
	for _, tc := range []struct {
		name  string
		actor claimcharts.Actor
		finds []string // planted words the actor finds; the others it must not
	}{
		{"anonymous", anonymous, nil},
		{"another licensor", codecLabs, nil},
		{"a reviewer", reviewerKim, nil},
		{"a reviewer assigned an earlier revision", reviewerWang, nil},
		{"the holder", huaxin, []string{plantedPatent, plantedDraft, plantedRevision}},
		{"an administrator", admin, []string{plantedPatent, plantedDraft, plantedRevision}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range []string{plantedPatent, plantedDraft, plantedRevision} {
				// The word alone, and with a word of the same text: a
				// match of several words is built apart from any
				// word's postings, and loses the unpublished documents
				// in place.
				for _, q := range []string{w, w + " " + plantedCompanion[w]} {
					res := search(t, ix, tc.actor, Request{Query: q})
					if want := slices.Contains(tc.finds, w); want != (res.Total > 0) {
						t.Errorf("%q finds %d documents; want found=%v", q, res.Total, want)
					}
					if !slices.Contains(tc.finds, w) && facetTotal(res) > 0 {
						t.Errorf("%q: facets count unpublished documents: %v", q, res.Facets)
					}
				}
			}
			agreesWithRegistry(t, ix, reg, tc.actor)
		})
	}
}

func facetTotal(res *Result) int {
	n := 0
	for _, counts := range res.Facets {
		for _, c := range counts {
			n += c.Count
		}
	}
	return n
}

// agreesWithRegistry reads every document actor finds and checks that the
// registry shows actor the same: the patent, its pool listings, the chart
// revision and element text. Facet values must be ones actor may see.
func agreesWithRegistry(t *testing.T, ix *Index, reg *claimcharts.Registry, actor claimcharts.Actor) {
	t.Helper()
	ctx := context.Background()
	req := Request{Limit: MaxLimit}
	res := search(t, ix, actor, req)
	for _, f := range res.Facets["status"] {
		if !actor.IsAdmin() && actor.Role != claimcharts.RoleLicensor && (f.Value == claimcharts.EntryApplied || f.Value == claimcharts.EntryUnderReview) {
			t.Errorf("status facet counts %d %s entries", f.Count, f.Value)
		}
	}
	for _, f := range res.Facets["pool"] {
		if f.Value == demo.DraftPoolSlug && !actor.IsAdmin() {
			t.Errorf("pool facet counts the draft pool %s", f.Value)
		}
	}
	seen := map[string]bool{}
	for {
		for _, h := range res.Items {
			key := h.Type + " " + h.ID
			if seen[key] {
				t.Errorf("%s is found twice", key)
			}
			seen[key] = true
			checkHit(t, ctx, reg, actor, h)
		}
		if res.Next == nil {
			return
		}
		req.Cursor = *res.Next
		res = search(t, ix, actor, req)
	}
}

// checkHit checks one hit against what the registry shows actor.
func checkHit(t *testing.T, ctx context.Context, reg *claimcharts.Registry, actor claimcharts.Actor, h Hit) {
	t.Helper()
	switch h.Type {
	case TypePatent:
		if _, err := reg.Patent(ctx, actor, h.ID); err != nil {
			t.Errorf("patent %s is found but the registry says %v", h.ID, err)
		}
		for _, l := range h.Pools {
			if e, err := reg.Entry(ctx, actor, l.Pool, h.ID); err != nil || e.Status != l.Status {
				t.Errorf("patent %s is listed %s on %s but the registry says %v", h.ID, l.Status, l.Pool, err)
			}
		}
	case TypeElement:
		c, err := reg.Chart(ctx, actor, h.Chart)
		if err != nil {
			t.Errorf("element %s is found but the registry says %v", h.ID, err)
			return
		}
		latest := c.Revisions[len(c.Revisions)-1]
		if latest.No != h.Revision {
			t.Errorf("element %s shows revision %d, the registry shows %d", h.ID, h.Revision, latest.No)
		}
		for _, e := range latest.Elements {
			if e.Label == h.Element && h.Text != nil && e.Text != *h.Text {
				t.Errorf("element %s reads %q, the registry %q", h.ID, h.Text.En, e.Text.En)
			}
		}
	case TypeReference:
		if !strings.Contains(h.ID, "#") {
			t.Errorf("reference id %q", h.ID)
		}
	}
}
