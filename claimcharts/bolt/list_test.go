package bolt_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/storetest"
)

// TestListSkipsHiddenRecordsWithoutReadingThem lists, as an anonymous
// reader does, the published patents of a holder whose n and then 4n
// patents are all unpublished, among published patents of another holder
// with the keys in between. Each listing must find nothing, and must not
// read the hidden patents to find it: once every one of them was decoded
// just to see that it was not public (25.8 MB and a third of a second for
// 8,000 such patents on every anonymous request), where the indexes alone
// say so.
func TestListSkipsHiddenRecordsWithoutReadingThem(t *testing.T) {
	const n = 1000
	small, big := listHiddenAllocates(t, n), listHiddenAllocates(t, 4*n)
	// Reading each of the 3n more hidden patents would allocate at
	// least its 2 KB body, some 6 MB in all.
	if big > small+64<<10 {
		t.Errorf("listing past %d hidden patents allocates %d bytes, past %d allocates %d: the hidden patents are read", 4*n, big, n, small)
	}
}

// listHiddenAllocates fills a store with n unpublished patents of acme and
// n published ones of another holder, interleaved, and returns the bytes
// one anonymous listing of acme's patents allocates.
func listHiddenAllocates(tb testing.TB, n int) uint64 {
	tb.Helper()
	s := MustOpen(tb)
	body, _ := json.Marshal(map[string]string{"abstract": strings.Repeat("x", 2048)})
	ws := make([]claimcharts.Write, 0, 2*n)
	for i := range n {
		hidden := claimcharts.Doc{Kind: claimcharts.KindPatent, Key: fmt.Sprintf("US%07d", 2*i), Indexes: map[string]string{"holder": "acme"}, Data: body}
		shown := claimcharts.Doc{Kind: claimcharts.KindPatent, Key: fmt.Sprintf("US%07d", 2*i+1), Indexes: map[string]string{"holder": "other", "public": "true"}, Data: body}
		ws = append(ws, claimcharts.Write{Doc: hidden}, claimcharts.Write{Doc: shown})
	}
	if _, err := s.PutMany(context.Background(), ws); err != nil {
		tb.Fatal(err)
	}
	q := claimcharts.Query{Kind: claimcharts.KindPatent, Where: map[string]string{"holder": "acme", "public": "true"}, Limit: 1}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	page, err := s.List(context.Background(), q)
	runtime.ReadMemStats(&after)
	if err != nil || len(page.Docs) != 0 || page.Next != "" {
		tb.Fatalf("anonymous list of acme's hidden patents: %d docs, next %q, %v; want none", len(page.Docs), page.Next, err)
	}
	return after.TotalAlloc - before.TotalAlloc
}

// TestListWithSeveralFiltersFindsEveryMatch lists records with every
// combination of three filters, page by page in pages of several sizes,
// and checks the keys against the records written: the filters' indexes
// are walked together, each skipping ahead to the others' keys, and a
// record all of them hold must be listed once, in key order.
func TestListWithSeveralFiltersFindsEveryMatch(t *testing.T) {
	s := MustOpen(t)
	rng := rand.New(rand.NewPCG(7, 11))
	values := map[string][]string{"holder": {"acme", "bolt", "cora"}, "status": {"filed", "granted"}, "public": {"true"}}
	var written []claimcharts.Doc
	for i, k := range rng.Perm(10000)[:300] {
		idx := map[string]string{}
		for f, vs := range values {
			if rng.IntN(4) > 0 {
				idx[f] = vs[rng.IntN(len(vs))]
			}
		}
		written = append(written, storetest.MustPut(t, s, claimcharts.KindPatent, fmt.Sprintf("P%04d", k), 0, idx, i))
	}
	sort.Slice(written, func(i, j int) bool { return written[i].Key < written[j].Key })
	for _, where := range []map[string]string{
		{"holder": "acme"},
		{"holder": "acme", "public": "true"},
		{"holder": "bolt", "status": "granted"},
		{"holder": "cora", "status": "filed", "public": "true"},
		{"status": "granted", "public": "true"},
		{"holder": "nobody", "public": "true"},
	} {
		var want []string
		for _, d := range written {
			if holdsAll(d.Indexes, where) {
				want = append(want, d.Key)
			}
		}
		for _, limit := range []int{1, 3, 50} {
			got := storetest.Keys(t, s, claimcharts.Query{Kind: claimcharts.KindPatent, Where: where, Limit: limit})
			if got != fmt.Sprint(want) {
				t.Errorf("%v in pages of %d: %s, want %v", where, limit, got, want)
			}
		}
	}
}

// holdsAll reports whether idx has every field of where with its value.
func holdsAll(idx, where map[string]string) bool {
	for f, v := range where {
		if idx[f] != v {
			return false
		}
	}
	return true
}
