package search

import (
	"context"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// TestSupersededDocumentsDisappear checks that the indexer deletes the
// documents a record no longer owns: an element dropped from a draft
// revision is no longer found by its holder, and an element dropped by a
// newly published revision is no longer found by anyone.
func TestSupersededDocumentsDisappear(t *testing.T) {
	ix, reg := demoIndex(t)
	plant(t, reg)
	catchUp(t, ix)
	ctx := context.Background()
	draft := claimcharts.ChartID("CN109999999", 1, demo.VideoStandard)
	if res := search(t, ix, huaxin, Request{Query: plantedDraft}); res.Total == 0 {
		t.Fatalf("the holder does not find its draft element %q", plantedDraft)
	}
	_, err := reg.EditRevision(ctx, huaxin, draft, 1, 0, claimcharts.RevisionInput{Elements: []claimcharts.Element{
		{Label: "1[b]", Text: claimcharts.Text{En: "a plain step"}, Mappings: []claimcharts.Mapping{{Ref: "8.5.3.2.2"}}}}})
	must(t, err)
	catchUp(t, ix)
	for _, a := range []claimcharts.Actor{huaxin, admin} {
		if res := search(t, ix, a, Request{Query: plantedDraft}); res.Total != 0 {
			t.Errorf("%s still finds the element dropped from the draft: %d documents", a, res.Total)
		}
	}

	// A published chart whose next published revision drops an element.
	chart := claimcharts.ChartID("CN105900101", 1, demo.VideoStandard)
	c, err := reg.Chart(ctx, admin, chart)
	must(t, err)
	pub, _ := c.Revision(c.PublishedRevision)
	published := pub.Elements
	gone := published[len(published)-1].Text.En
	if res := search(t, ix, anonymous, Request{Query: `"` + gone + `"`}); res.Total == 0 {
		t.Fatalf("the public does not find the published element %q", gone)
	}
	publishRevision(t, reg, chart, published[:len(published)-1])
	catchUp(t, ix)
	for _, a := range []claimcharts.Actor{anonymous, huaxin, reviewerWang, admin} {
		res := search(t, ix, a, Request{Query: `"` + gone + `"`})
		for _, h := range res.Items {
			if h.Chart == chart {
				t.Errorf("%s still finds %s, dropped by the published revision", a, h.ID)
			}
		}
	}
}

// publishRevision sets the draft revision plant added to chart to
// elements, and takes it through review, decision and publication.
func publishRevision(tb testing.TB, reg *claimcharts.Registry, chart string, elements []claimcharts.Element) {
	tb.Helper()
	ctx := context.Background()
	c, err := reg.Chart(ctx, admin, chart)
	must(tb, err)
	no := c.Latest().No
	_, err = reg.EditRevision(ctx, huaxin, chart, no, 0, claimcharts.RevisionInput{Elements: elements})
	must(tb, err)
	_, err = reg.SubmitRevision(ctx, huaxin, chart, no, 0)
	must(tb, err)
	var verdicts []claimcharts.Verdict
	for _, e := range elements {
		verdicts = append(verdicts, claimcharts.Verdict{Element: e.Label, Result: "met"})
	}
	for _, who := range []string{demo.ReviewerWang, demo.ReviewerSmith} {
		rv, err := reg.AssignReview(ctx, admin, claimcharts.Assignment{Pool: demo.PoolSlug, Chart: chart, Revision: no, Reviewer: who})
		must(tb, err)
		reviewer := claimcharts.Actor{ID: who, Role: claimcharts.RoleReviewer}
		_, err = reg.UpdateReview(ctx, reviewer, rv.ID, 0, claimcharts.Opinion{Conflict: claimcharts.Conflict{Declared: true, None: true},
			Verdicts: verdicts, Conclusion: claimcharts.Essential})
		must(tb, err)
		_, err = reg.SubmitReview(ctx, reviewer, rv.ID, 0)
		must(tb, err)
	}
	d, err := reg.Decide(ctx, admin, claimcharts.DecisionRequest{Pool: demo.PoolSlug, Chart: chart, Revision: no})
	must(tb, err)
	_, err = reg.PublishDetermination(ctx, admin, d.ID, 0)
	must(tb, err)
}
