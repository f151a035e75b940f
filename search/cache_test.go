package search

import (
	"context"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// found reports whether a search for word, by actor, finds anything.
func found(tb testing.TB, ix *Index, actor claimcharts.Actor, word string) bool {
	tb.Helper()
	return search(tb, ix, actor, Request{Query: word}).Total > 0
}

// TestCacheKeepsEachCallersView asks the same questions as callers who
// may read more and then as callers who may read less: an answer cached
// for one never reaches another, pages and facet counts alike.
func TestCacheKeepsEachCallersView(t *testing.T) {
	ix, reg := demoIndex(t)
	plant(t, reg)
	catchUp(t, ix)
	for _, word := range []string{plantedPatent, plantedDraft, plantedRevision} {
		if !found(t, ix, admin, word) || !found(t, ix, huaxin, word) {
			t.Fatalf("the administrator and the holder do not find %q", word)
		}
		for name, a := range map[string]claimcharts.Actor{"anonymous": anonymous, "another licensor": codecLabs, "a reviewer": reviewerKim} {
			if found(t, ix, a, word) {
				t.Errorf("%s finds %q after the holder searched for it", name, word)
			}
		}
	}
	// The pool list's facets: the holder's count its pending application.
	filters := map[string]string{"pool": demo.PoolSlug, "is": TypePatent}
	mine := search(t, ix, huaxin, Request{Filters: filters})
	public := search(t, ix, anonymous, Request{Filters: filters})
	if mine.Total <= public.Total {
		t.Fatalf("the holder sees %d patents on the pool's list, the public %d: the planted application is missing", mine.Total, public.Total)
	}
	if sum(public.Facets["status"]) != int(public.Total) {
		t.Errorf("the public's status facet counts %v for %d patents: another caller's counts were served", public.Facets["status"], public.Total)
	}
}

func sum(fc []FacetCount) int {
	n := 0
	for _, f := range fc {
		n += f.Count
	}
	return n
}

// TestCacheFollowsTheIndex searches, changes a record, and searches again:
// the second answer shows the change, for pages and facet counts.
func TestCacheFollowsTheIndex(t *testing.T) {
	ix, reg := demoIndex(t)
	ctx := context.Background()
	const word = "frobnicatorium"
	if found(t, ix, admin, word) {
		t.Fatal("the word is in the demo already")
	}
	before := search(t, ix, admin, Request{Filters: map[string]string{"holder": demo.Huaxin}})
	p := &claimcharts.Patent{Holder: demo.Huaxin, Type: "invention", LegalStatus: "granted",
		Title: claimcharts.Text{En: "A " + word + " for coding"}}
	var err error
	if p.Number, err = claimcharts.ParseNumber("CN 109999998 B"); err != nil {
		t.Fatal(err)
	}
	must(t, reg.CreatePatent(ctx, huaxin, p))
	catchUp(t, ix)
	if !found(t, ix, admin, word) {
		t.Error("a cached answer hid a patent the index holds")
	}
	after := search(t, ix, admin, Request{Filters: map[string]string{"holder": demo.Huaxin}})
	if after.Total != before.Total+1 || sum(after.Facets["holder"]) != sum(before.Facets["holder"])+1 {
		t.Errorf("after a new patent the holder's list has %d (was %d) and its facet %v (was %v)",
			after.Total, before.Total, after.Facets["holder"], before.Facets["holder"])
	}
}

// TestCacheAnswersRepeatsAndCopies checks that a repeated search is
// answered from the cache, and that changing an answer does not change
// what the next caller gets.
func TestCacheAnswersRepeatsAndCopies(t *testing.T) {
	ix, _ := demoIndex(t)
	req := Request{Filters: map[string]string{"pool": demo.PoolSlug, "is": TypePatent}}
	first := search(t, ix, anonymous, req)
	if len(first.Items) == 0 {
		t.Fatal("the demo pool lists nothing")
	}
	misses := ix.CacheStats().Misses
	title := first.Items[0].Title
	first.Items[0].Title = "changed by a caller"
	first.Facets["status"] = nil
	second := search(t, ix, anonymous, req)
	if got := ix.CacheStats().Misses; got != misses {
		t.Errorf("a repeated search was computed again (%d misses, was %d)", got, misses)
	}
	if second.Items[0].Title != title || len(second.Facets["status"]) == 0 {
		t.Error("a caller's change to its answer reached the next caller")
	}
}

// TestBusySearchesAnswerUnavailable takes every search slot: a search
// that needs one answers busy (503), while a number lookup and a cached
// answer still come back.
func TestBusySearchesAnswerUnavailable(t *testing.T) {
	store, _ := openStore(t)
	reg := claimcharts.NewRegistry(store)
	if _, err := demo.Load(context.Background(), reg); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(t.TempDir(), store, Options{Logger: quietLogger(), MaxSearches: 1, SlotWait: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	must(t, ix.Rebuild(context.Background()))
	cached := Request{Query: "motion"}
	search(t, ix, anonymous, cached)
	release, err := ix.cache.acquire(context.Background())
	must(t, err)
	defer release()
	_, err = ix.Search(context.Background(), anonymous, Request{Query: "decoding"})
	if code := claimcharts.ErrorCode(err); code != claimcharts.EUNAVAILABLE {
		t.Errorf("a search with every slot taken: %v (code %q), want %q", err, code, claimcharts.EUNAVAILABLE)
	}
	if ix.CacheStats().Busy != 1 {
		t.Errorf("busy count %d, want 1", ix.CacheStats().Busy)
	}
	if res := search(t, ix, anonymous, Request{Query: "CN105900101B"}); res.Total == 0 {
		t.Error("a number lookup found nothing while the slots were taken")
	}
	search(t, ix, anonymous, cached)
}

// TestCountryFacetCountsEachPatentOnce: a European patent validated in a
// state counts under the state only, so the country facet adds up to the
// patents found, while the country filter finds the validation under EP
// and under its state.
func TestCountryFacetCountsEachPatentOnce(t *testing.T) {
	ix, reg := demoIndex(t)
	ctx := context.Background()
	for _, n := range []string{"EP (DE) 3 999 001", "DE (EP) 3 999 002", "EP 3 999 003 B1"} {
		p := &claimcharts.Patent{Holder: demo.Huaxin, Type: "invention", LegalStatus: "granted", Title: claimcharts.Text{En: "Quuxvalidated coding"}}
		var err error
		if p.Number, err = claimcharts.ParseNumber(n); err != nil {
			t.Fatal(err)
		}
		must(t, reg.CreatePatent(ctx, huaxin, p))
	}
	catchUp(t, ix)
	filters := map[string]string{"is": TypePatent}
	res := search(t, ix, admin, Request{Query: "quuxvalidated", Filters: filters})
	counts := map[string]int{}
	for _, f := range res.Facets["country"] {
		counts[f.Value] = f.Count
	}
	if res.Total != 3 || sum(res.Facets["country"]) != 3 || counts["DE"] != 2 || counts["EP"] != 1 {
		t.Fatalf("country facet %v for %d patents: want DE 2, EP 1", res.Facets["country"], res.Total)
	}
	filters["country"] = "EP"
	if ep := search(t, ix, admin, Request{Query: "quuxvalidated", Filters: filters}); ep.Total != 3 {
		t.Errorf("country:EP finds %d, want the European patent and its 2 validations", ep.Total)
	}
}

// TestFacetSize: a facet lists 20 values unless asked for more (every
// holder here, past 20) or fewer, and an answer cut short for one caller
// is never what the next one gets from the cache.
func TestFacetSize(t *testing.T) {
	ix, reg := demoIndex(t)
	ctx := context.Background()
	for i := range 21 {
		slug := "holder-" + string(rune('a'+i))
		must(t, reg.CreateOrganization(ctx, admin, &claimcharts.Organization{Slug: slug, Name: claimcharts.Text{En: slug}, Roles: []string{"licensor"}}))
		p := &claimcharts.Patent{Holder: slug, Type: "invention", LegalStatus: "granted", Title: claimcharts.Text{En: "Zorblefacet coding"}}
		var err error
		if p.Number, err = claimcharts.ParseNumber("CN 1099990" + string(rune('1'+i/10)) + string(rune('0'+i%10)) + " B"); err != nil {
			t.Fatal(err)
		}
		must(t, reg.CreatePatent(ctx, admin, p))
	}
	catchUp(t, ix)
	holders := func(size int) int {
		return len(search(t, ix, admin, Request{Query: "zorblefacet", FacetSize: size}).Facets["holder"])
	}
	if n := holders(2); n != 2 {
		t.Errorf("facet size 2 lists %d holders", n)
	}
	if n := holders(0); n != DefaultFacetSize {
		t.Errorf("the default facet size lists %d holders, want %d", n, DefaultFacetSize)
	}
	if n := holders(MaxFacetSize); n != 21 {
		t.Errorf("facet size %d lists %d holders, want all 21", MaxFacetSize, n)
	}
}
