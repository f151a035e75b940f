package search

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// TestChangesNewestFirst reads the demo's change log (of every pool and
// of the demo pool) at every length, with the newest days sorted here and
// by the index: each answer is the head of the whole log (found by type
// and pool, not by day) as the index sorts it, newest first, then by
// patent; and the days read for the newest change are fewer than all.
func TestChangesNewestFirst(t *testing.T) {
	ix, _ := demoIndex(t)
	ctx, cancel := testContext(t)
	defer cancel()
	for _, pool := range []string{"", "demo-video-pool"} {
		var q query.Query = termQuery(fType, TypeChange)
		if pool != "" {
			q = query.NewConjunctionQuery([]query.Query{q, termQuery(fPool, pool)})
		}
		whole, err := ix.changesSortedByIndex(ctx, q, MaxLimit)
		if err != nil {
			t.Fatal(err)
		}
		all := changesOf(whole)
		if len(all) < 30 {
			t.Fatalf("the demo's log of %q holds %d changes", pool, len(all))
		}
		for i := 1; i < len(all); i++ {
			if all[i].Date > all[i-1].Date {
				t.Fatalf("the index sorts %v before %v", all[i-1], all[i])
			}
		}
		for limit := 1; limit <= len(all)+1; limit++ {
			for _, sortHere := range []uint64{0, maxChangesSortedHere} {
				r, err := ix.readChanges(ctx, pool, limit, sortHere)
				if err != nil {
					t.Fatal(err)
				}
				want := all[:min(limit, len(all))]
				if got := changesOf(r); !slices.Equal(got, want) {
					t.Errorf("the newest %d changes of %q (sorted here up to %d) are\n%v\nwant\n%v", limit, pool, sortHere, got, want)
				}
			}
		}
		days, complete, err := ix.recentDays(pool, 1)
		if err != nil {
			t.Fatal(err)
		}
		every, err := ix.changeDays(pool, "")
		if err != nil {
			t.Fatal(err)
		}
		if complete || len(days) >= len(every) || days[len(days)-1] != every[len(every)-1] {
			t.Errorf("for the newest change of %q recentDays reads %v (complete %v) of %v", pool, days, complete, every)
		}
	}
}
