package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sepportal/search"
)

// TestNothingUnpublishedOnPages plants the same unpublished records as
// TestNothingUnpublishedLeaks and reads every page type and the Atom feed
// as the public: none names a planted record, and the pages of the
// planted records are not found.
func TestNothingUnpublishedOnPages(t *testing.T) {
	e := newTestEnv(t)
	pl := e.plantUnpublished()
	e.withSearch()
	pages := []string{
		"/", "/pools/pub", "/pools/pub?status=any", "/pools/pub?status=any&sort=-date", "/pools/pub?as_of=2030-01-01",
		"/pools/pub/feed.atom", "/patents/EP2777236", "/holders/acme", "/holders/bolt-corp",
		"/standards/h265-v8", "/standards/h265-v8/sections/8.5.3.2", "/standards/h265-v8/sections/8.5.3.2?subtree=true",
		"/standards/h265-v8/sections/8.5.3.2.2", "/search?q=merge", "/search?q=candidates", "/search?q=us10285091b2",
		"/search?q=jp6637180", "/search?q=acme", "/search?q=expert", "/search?status=applied", "/search/help",
	}
	for _, lang := range []string{"en", "zh"} {
		for _, p := range pages {
			resp := e.must(http.StatusOK, req{method: "GET", path: p, header: map[string]string{"Accept-Language": lang}})
			for _, s := range pl.strings {
				if strings.Contains(string(resp.Body), s) {
					t.Errorf("GET %s (%s) shows unpublished %q", p, lang, s)
				}
			}
		}
	}
	for _, p := range []string{"/patents/US10285091", "/patents/JP6637180", "/pools/secret", "/pools/secret/feed.atom"} {
		e.must(http.StatusNotFound, req{method: "GET", path: p})
	}
	// The published patent is there, so the pages above were not empty.
	if body := string(e.must(http.StatusOK, req{method: "GET", path: "/pools/pub"}).Body); !strings.Contains(body, "EP 2777236") {
		t.Fatalf("the admitted patent is not on the pool's page")
	}
}

// withSearch gives the environment's server a search index built over its
// store, as serve does.
func (e *testEnv) withSearch() {
	e.t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ix, err := search.Open(e.t.TempDir(), e.reg.Store, search.Options{Logger: log})
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	e.srv = New(Config{Registry: e.reg, Logger: log, Version: "test", Search: ix})
	e.http = httptest.NewServer(e.srv)
	e.client = e.http.Client()
	e.t.Cleanup(e.http.Close)
}
