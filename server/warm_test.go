package server

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/search"
)

// TestPoolListsWarmedWhenTheIndexMoves: with WarmLists, the server
// computes the public pools' first list pages itself when the index
// moves, so the first caller after a change is answered from the cache;
// a write that moves the index has them computed again.
func TestPoolListsWarmedWhenTheIndexMoves(t *testing.T) {
	e := newSearchEnv(t, func(c *Config) { c.WarmLists = true })
	pools, err := e.reg.AllPools(context.Background(), claimcharts.Actor{})
	if err != nil || len(pools) == 0 {
		t.Fatalf("public pools of the demo: %d, %v", len(pools), err)
	}
	want := uint64(len(pools) * len(warmRequests(pools[0].Slug)))
	warmedTo := func(misses uint64) search.CacheStats {
		t.Helper()
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if st := e.ix.CacheStats(); st.Misses >= misses {
				return st
			}
		}
		t.Fatalf("the pool lists were not warmed: %+v, want %d misses", e.ix.CacheStats(), misses)
		return search.CacheStats{}
	}
	st := warmedTo(want)
	if st.Hits != 0 {
		t.Fatalf("cache hits before any request: %+v", st)
	}
	path := "/api/v1/pools/" + url.PathEscape(pools[0].Slug) + "/patents?limit=20"
	e.must(http.StatusOK, req{method: "GET", path: path})
	if after := e.ix.CacheStats(); after.Hits != st.Hits+1 || after.Misses != st.Misses {
		t.Errorf("the first caller's pool list: %+v after %+v, want one more hit and no miss", after, st)
	}

	// A write moves the index: the lists are warmed again.
	body := poolBody("warm-new", "published")
	body["standards"] = []string{}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: body})
	e.sync()
	again := warmedTo(st.Misses + want)
	e.must(http.StatusOK, req{method: "GET", path: path})
	if after := e.ix.CacheStats(); after.Hits != again.Hits+1 {
		t.Errorf("after a write, the first caller's pool list: %+v after %+v, want a hit", after, again)
	}
}
