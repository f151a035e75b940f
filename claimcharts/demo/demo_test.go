package demo_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/demo"
)

// mustLoad opens an embedded store in a temporary directory and loads the demo.
func mustLoad(tb testing.TB) (*claimcharts.Registry, demo.Summary) {
	tb.Helper()
	store, err := bolt.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	reg := claimcharts.NewRegistry(store)
	sum, err := demo.Load(context.Background(), reg)
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return reg, sum
}

// all decodes every record of a kind, straight from the store.
func all[T any](tb testing.TB, s claimcharts.Store, kind claimcharts.Kind) []*T {
	tb.Helper()
	var out []*T
	q := claimcharts.Query{Kind: kind, Limit: claimcharts.MaxLimit}
	for {
		page, err := s.List(context.Background(), q)
		if err != nil {
			tb.Fatal(err)
		}
		for _, d := range page.Docs {
			v := new(T)
			if err := json.Unmarshal(d.Data, v); err != nil {
				tb.Fatalf("%s %s: %v", kind, d.Key, err)
			}
			out = append(out, v)
		}
		if page.Next == "" {
			return out
		}
		q.After = page.Next
	}
}

// TestDemo loads the demo once and checks what a user of the demo would see.
func TestDemo(t *testing.T) {
	ctx := context.Background()
	reg, sum := mustLoad(t)
	s := reg.Store

	t.Run("counts", func(t *testing.T) { checkCounts(t, s, sum) })
	t.Run("workflow states", func(t *testing.T) { checkStates(t, s, sum) })

	t.Run("anonymous sees the published pool only", func(t *testing.T) {
		pools, _, err := reg.Pools(ctx, claimcharts.Actor{}, claimcharts.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var slugs []string
		for _, p := range pools {
			slugs = append(slugs, p.Slug)
		}
		if len(slugs) != 1 || slugs[0] != demo.PoolSlug {
			t.Errorf("anonymous pool list = %v, want [%s]", slugs, demo.PoolSlug)
		}
		p, err := reg.Pool(ctx, claimcharts.Actor{}, demo.PoolSlug)
		if err != nil {
			t.Fatal(err)
		}
		if p.Policy.ReviewersRequired != 2 || p.Policy.Rule != "unanimous" || p.Policy.ReviewerIdentityPublic {
			t.Errorf("policy = %+v, want 2 reviewers, unanimous, identities private", p.Policy)
		}
	})

	t.Run("unpublished records do not leak", func(t *testing.T) { checkHidden(t, reg) })
	t.Run("published records are readable", func(t *testing.T) { checkPublic(t, reg) })
	t.Run("bilingual and marked as demo", func(t *testing.T) { checkTexts(t, s) })
	t.Run("numbers", func(t *testing.T) { checkNumbers(t, s) })

	t.Run("second load changes nothing", func(t *testing.T) { checkIdempotent(t, reg, sum) })
}

// checkCounts checks the minimum number of each kind of record, straight
// from the store, and that Load's Summary agrees with the store.
func checkCounts(t *testing.T, s claimcharts.Store, sum demo.Summary) {
	got := map[string][2]int{ // stored, minimum
		"organizations":  {len(all[claimcharts.Organization](t, s, claimcharts.KindOrganization)), 6},
		"standards":      {len(all[claimcharts.Standard](t, s, claimcharts.KindStandard)), 2},
		"pools":          {len(all[claimcharts.Pool](t, s, claimcharts.KindPool)), 2},
		"families":       {len(all[claimcharts.Family](t, s, claimcharts.KindFamily)), 8},
		"patents":        {len(all[claimcharts.Patent](t, s, claimcharts.KindPatent)), 30},
		"charts":         {len(all[claimcharts.Chart](t, s, claimcharts.KindChart)), 12},
		"reviews":        {len(all[claimcharts.Review](t, s, claimcharts.KindReview)), 24},
		"determinations": {len(all[claimcharts.Determination](t, s, claimcharts.KindDetermination)), 8},
		"entries":        {len(all[claimcharts.Entry](t, s, claimcharts.KindEntry)), 30},
	}
	reported := map[string]int{"organizations": sum.Organizations, "standards": sum.Standards, "pools": sum.Pools,
		"families": sum.Families, "patents": sum.Patents, "charts": sum.Charts, "reviews": sum.Reviews,
		"determinations": sum.Determinations, "entries": sum.Entries}
	for name, c := range got {
		if c[0] < c[1] {
			t.Errorf("%d %s stored, want at least %d", c[0], name, c[1])
		}
		if reported[name] != c[0] {
			t.Errorf("Summary reports %d %s, the store holds %d", reported[name], name, c[0])
		}
	}
	for _, st := range all[claimcharts.Standard](t, s, claimcharts.KindStandard) {
		if len(st.References) < 15 {
			t.Errorf("standard %s has %d references, want at least 15", st.Slug, len(st.References))
		}
	}
}

// checkIdempotent loads the demo again into the loaded store: nothing may
// change, as the change feed shows, and the summary stays the same.
func checkIdempotent(t *testing.T, reg *claimcharts.Registry, sum demo.Summary) {
	ctx := context.Background()
	s := reg.Store
	before, err := s.Changes(ctx, 0, 1e6)
	if err != nil {
		t.Fatal(err)
	}
	again, err := demo.Load(ctx, reg)
	if err != nil {
		t.Fatalf("second Load: %v", err)
	}
	after, err := s.Changes(ctx, 0, 1e6)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("second Load wrote %d changes, want none", len(after)-len(before))
	}
	if again != sum {
		t.Errorf("second Load summary = %+v, first %+v", again, sum)
	}
}

// checkStates checks that the demo shows every state of the workflow.
func checkStates(t *testing.T, s claimcharts.Store, sum demo.Summary) {
	entries := map[string]int{}
	reasons := map[string]bool{}
	for _, e := range all[claimcharts.Entry](t, s, claimcharts.KindEntry) {
		if e.Pool != demo.PoolSlug {
			continue
		}
		entries[e.Status]++
		if e.Status == claimcharts.EntryRemoved {
			reasons[e.Reason+map[bool]string{true: " after admission", false: " before admission"}[e.Effective != ""]] = true
		}
	}
	if entries[claimcharts.EntryAdmitted] < 20 || entries[claimcharts.EntryApplied] < 1 || entries[claimcharts.EntryUnderReview] < 1 {
		t.Errorf("entries by status = %v, want 20+ admitted, 1+ applied, 1+ under review", entries)
	}
	if sum.Admitted != entries[claimcharts.EntryAdmitted] {
		t.Errorf("Summary.Admitted = %d, the store holds %d", sum.Admitted, entries[claimcharts.EntryAdmitted])
	}
	for _, r := range []string{"expired after admission", "withdrawn after admission", "not_essential before admission"} {
		if !reasons[r] {
			t.Errorf("no entry removed as %s; removals: %v", r, reasons)
		}
	}
	reviews := map[string]int{}
	for _, r := range all[claimcharts.Review](t, s, claimcharts.KindReview) {
		reviews[r.Status]++
		if r.Status == claimcharts.ReviewSubmitted && r.Conclusion == claimcharts.NotEssential {
			reviews["not_essential"]++
		}
	}
	for _, st := range []string{claimcharts.ReviewAssigned, claimcharts.ReviewDraft, claimcharts.ReviewSubmitted, "not_essential"} {
		if reviews[st] == 0 {
			t.Errorf("no review %s; reviews by status = %v", st, reviews)
		}
	}
	dets := map[string]int{}
	for _, d := range all[claimcharts.Determination](t, s, claimcharts.KindDetermination) {
		dets[d.Status+" "+d.Result]++
	}
	if dets["published essential"] < 8 || dets["published not_essential"] < 1 || dets["draft essential"] < 1 {
		t.Errorf("determinations = %v, want 8+ published essential, 1+ published not_essential, 1+ draft", dets)
	}
	revised, draft := 0, 0
	for _, c := range all[claimcharts.Chart](t, s, claimcharts.KindChart) {
		if len(c.Revisions) > 1 && c.Revisions[1].Status == claimcharts.RevisionSubmitted {
			revised++
		}
		if c.Latest().Status == claimcharts.RevisionDraft {
			draft++
		}
	}
	if revised == 0 || draft == 0 {
		t.Errorf("%d charts with a submitted second revision, %d draft charts; want one of each at least", revised, draft)
	}
}

// checkHidden reads the demo's unpublished records anonymously: each must
// be ENOTFOUND, as if it did not exist.
func checkHidden(t *testing.T, reg *claimcharts.Registry) {
	ctx := context.Background()
	anon := claimcharts.Actor{}
	chartOf := func(number, std string) string {
		key, err := claimcharts.PatentKey(number)
		if err != nil {
			t.Fatal(err)
		}
		return claimcharts.ChartID(key, 1, std)
	}
	reads := []struct {
		name string
		read func() error
	}{
		{"applied-only patent", func() error { _, err := reg.Patent(ctx, anon, demo.AppliedPatent); return err }},
		{"patent under review", func() error { _, err := reg.Patent(ctx, anon, demo.UnderReviewPatent); return err }},
		{"draft determination", func() error { _, err := reg.Determination(ctx, anon, demo.DraftDetermination); return err }},
		{"draft pool", func() error { _, err := reg.Pool(ctx, anon, demo.DraftPoolSlug); return err }},
		{"application entry", func() error { _, err := reg.Entry(ctx, anon, demo.PoolSlug, demo.AppliedPatent); return err }},
		{"chart under review", func() error {
			_, err := reg.Chart(ctx, anon, chartOf(demo.ReviewingPatent, demo.WiFiStandard))
			return err
		}},
		{"draft chart", func() error {
			_, err := reg.Chart(ctx, anon, chartOf(demo.DraftChartPatent, demo.WiFiStandard))
			return err
		}},
	}
	for _, r := range reads {
		if err := r.read(); claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
			t.Errorf("anonymous read of the %s: err = %v, want %s", r.name, err, claimcharts.ENOTFOUND)
		}
	}
	d, err := reg.Determination(ctx, claimcharts.System, demo.DraftDetermination)
	if err != nil || d.Status != claimcharts.StatusDraft {
		t.Errorf("administrator's read of %s = %+v, %v; want a draft", demo.DraftDetermination, d, err)
	}
	reviews, _, err := reg.Reviews(ctx, anon, claimcharts.ListOptions{Limit: claimcharts.MaxLimit})
	if err != nil || len(reviews) == 0 {
		t.Fatalf("anonymous review list: %d, %v", len(reviews), err)
	}
	for _, rv := range reviews {
		if rv.Reviewer != "withheld" || !rv.Published {
			t.Errorf("anonymous review list shows review %s by %q, published %v", rv.ID, rv.Reviewer, rv.Published)
		}
	}
}

// checkPublic reads the demo's published records anonymously.
func checkPublic(t *testing.T, reg *claimcharts.Registry) {
	ctx := context.Background()
	anon := claimcharts.Actor{}
	for _, number := range []string{demo.AdmittedPatent, demo.RevisedPatent, demo.UtilityModelPatent, demo.ExpiredPatent, demo.WithdrawnPatent} {
		if _, err := reg.Patent(ctx, anon, number); err != nil {
			t.Errorf("anonymous read of %s: %v", number, err)
		}
		if _, err := reg.Entry(ctx, anon, demo.PoolSlug, number); err != nil {
			t.Errorf("anonymous read of the entry of %s: %v", number, err)
		}
	}
	d, err := reg.Determination(ctx, anon, demo.NotEssentialDetermination)
	if err != nil || d.Result != claimcharts.NotEssential {
		t.Errorf("anonymous read of %s = %+v, %v; want a published not_essential result", demo.NotEssentialDetermination, d, err)
	}
	key, _ := claimcharts.PatentKey(demo.RevisedPatent)
	c, err := reg.Chart(ctx, anon, claimcharts.ChartID(key, 1, demo.VideoStandard))
	if err != nil || c.PublishedRevision != 2 || len(c.Revisions) != 1 {
		t.Errorf("anonymous read of the revised chart = %+v, %v; want only revision 2", c, err)
	}
}

// checkTexts checks that names and texts exist in Chinese and English and
// that names say the data are demo data.
func checkTexts(t *testing.T, s claimcharts.Store) {
	both := func(what string, x claimcharts.Text) {
		if !hasHan(x.Zh) || x.En == "" {
			t.Errorf("%s: want Chinese and English, got %+v", what, x)
		}
	}
	flagged := func(what string, set bool) {
		if !set {
			t.Errorf("%s is not marked Meta.Demo", what)
		}
	}
	marked := func(what string, x claimcharts.Text) {
		both(what, x)
		if !strings.Contains(x.Zh, "示例") || !strings.Contains(x.En, "demo") {
			t.Errorf("%s does not say it is demo data: %+v", what, x)
		}
	}
	for _, o := range all[claimcharts.Organization](t, s, claimcharts.KindOrganization) {
		marked("organization "+o.Slug, o.Name)
		flagged("organization "+o.Slug, o.Demo)
	}
	for _, p := range all[claimcharts.Pool](t, s, claimcharts.KindPool) {
		marked("pool "+p.Slug, p.Name)
		both("terms of "+p.Slug, p.Terms.Summary)
		flagged("pool "+p.Slug, p.Demo)
	}
	for _, st := range all[claimcharts.Standard](t, s, claimcharts.KindStandard) {
		marked("standard "+st.Slug, st.Title)
		flagged("standard "+st.Slug, st.Demo)
		for _, r := range st.References {
			both(st.Slug+" "+r.Label, r.Title)
		}
	}
	for _, p := range all[claimcharts.Patent](t, s, claimcharts.KindPatent) {
		marked("title of "+p.Number.String(), p.Title)
		both("abstract of "+p.Number.String(), p.Abstract)
		for _, c := range p.Claims {
			both("a claim of "+p.Number.String(), c.Text)
		}
		flagged("patent "+p.Number.String(), p.Demo)
	}
	for _, f := range all[claimcharts.Family](t, s, claimcharts.KindFamily) {
		marked("family "+f.ID, f.Title)
		flagged("family "+f.ID, f.Demo)
	}
	for _, c := range all[claimcharts.Chart](t, s, claimcharts.KindChart) {
		for _, e := range c.Latest().Elements {
			for _, m := range e.Mappings {
				both("chart "+c.ID+" "+e.Label, m.Explanation)
				if m.Quote == "" {
					t.Errorf("chart %s element %s maps %s without a quote", c.ID, e.Label, m.Ref)
				}
			}
		}
	}
}

// checkNumbers checks that the demo's patent numbers parse again to their
// keys and cover the main offices.
func checkNumbers(t *testing.T, s claimcharts.Store) {
	countries := map[string]int{}
	for _, p := range all[claimcharts.Patent](t, s, claimcharts.KindPatent) {
		key, err := claimcharts.PatentKey(p.Number.Submitted)
		if err != nil || key != p.Number.Key() {
			t.Errorf("%q parses to %q, %v; stored as %q", p.Number.Submitted, key, err, p.Number.Key())
		}
		countries[p.Number.Country]++
		if p.Type == "utility_model" && p.Number.Kind != "U" {
			t.Errorf("utility model %s has kind %q", p.Number, p.Number.Kind)
		}
	}
	for _, c := range []string{"CN", "US", "EP", "JP", "KR"} {
		if countries[c] < 3 && c != "KR" || countries[c] == 0 {
			t.Errorf("%d demo patents from %s; by office: %v", countries[c], c, countries)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
