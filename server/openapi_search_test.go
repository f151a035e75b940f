package server

import (
	"context"
	"io"
	"log/slog"
	"net/url"

	"sepportal/search"
)

// withIndex gives the server an index built over its store, until the
// function it returns is called.
func withIndex(e *testEnv) func() {
	e.t.Helper()
	ix, err := search.Open(e.t.TempDir(), e.reg.Store, search.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := ix.Rebuild(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	e.srv.search = ix
	return func() {
		e.srv.search = nil
		ix.Close()
	}
}

// exerciseSearch covers the search operations: the checker's server gets an
// index over its store for the time of these calls.
func exerciseSearch(e *testEnv, c *specChecker) {
	e.t.Helper()
	c.ok(e, 503, req{method: "GET", path: "/api/v1/search?q=merge"})
	defer withIndex(e)()

	c.ok(e, 200, req{method: "GET", path: "/api/v1/search?q=" + url.QueryEscape(`"merge candidate"`) + "&limit=5"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/search?q=EP2777236&facets=false", token: e.licensor})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/search?q=merge&facet_size=1000"})
	c.ok(e, 400, req{method: "GET", path: "/api/v1/search?q=" + url.QueryEscape(`"unbalanced`)})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools/pub/patents?status=admitted&sort=number"})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/pools/secret/patents"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/standards/h265-v8/references/8.5.3.2.2/charts"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/standards/h265-v8/references/8.5.3.2.2/patents?pool=pub"})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/standards/no-such/references/8.5.3.2.2/patents"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/search/status", token: e.admin})
	c.ok(e, 403, req{method: "GET", path: "/api/v1/search/status", token: e.reviewer})
	c.ok(e, 202, req{method: "POST", path: "/api/v1/search/reindex", token: e.admin})
}
