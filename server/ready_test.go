package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/search"
)

// readyAnswer is what /readyz answers.
type readyAnswer struct {
	Status string           `json:"status"`
	Index  search.Readiness `json:"index"`
}

// getReady asks srv's /readyz and decodes the answer.
func getReady(t *testing.T, srv http.Handler) (int, readyAnswer) {
	t.Helper()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	var a readyAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatalf("/readyz answered %d %s: %v", rec.Code, rec.Body, err)
	}
	return rec.Code, a
}

// TestReadyzWaitsForTheIndex: a server whose index has not caught up with
// the store is not ready, and says how far behind it is (issue 15: a start
// on an imported store said ready while the public list showed 250 of
// 1,537 patents). The indexer is never started here: the test moves it.
func TestReadyzWaitsForTheIndex(t *testing.T) {
	ctx := context.Background()
	store, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	reg := claimcharts.NewRegistry(store)
	addOrgs := func(from, to int) {
		for i := from; i < to; i++ {
			o := &claimcharts.Organization{Slug: fmt.Sprintf("org-%d", i), Name: claimcharts.Text{En: "Org"}, Roles: []string{"licensor"}}
			if err := reg.CreateOrganization(ctx, claimcharts.System, o); err != nil {
				t.Fatal(err)
			}
		}
	}
	addOrgs(0, 5)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ix, err := search.Open(t.TempDir(), store, search.Options{Logger: log, MaxReadyLag: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	srv := New(Config{Registry: reg, Logger: log, Version: "test", Search: ix})

	status, a := getReady(t, srv)
	if status != http.StatusServiceUnavailable || a.Status != "catching_up" || a.Index.StoreSeq != 5 || a.Index.Lag != 5 {
		t.Fatalf("before the index is built: /readyz = %d %+v, want 503 catching_up with a lag of 5", status, a)
	}
	if err := ix.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if status, a = getReady(t, srv); status != http.StatusServiceUnavailable {
		t.Fatalf("built but the feed not read to its end: /readyz = %d %+v, want 503", status, a)
	}
	syncAll(t, ix)
	if status, a = getReady(t, srv); status != http.StatusOK || a.Status != "ready" || a.Index.Lag != 0 || a.Index.IndexedSeq != 5 {
		t.Fatalf("caught up: /readyz = %d %+v, want 200 ready with no lag", status, a)
	}
	addOrgs(5, 7)
	if status, a = getReady(t, srv); status != http.StatusOK || a.Index.Lag != 2 {
		t.Fatalf("2 changes behind, 2 allowed: /readyz = %d %+v, want 200 with a lag of 2", status, a)
	}
	addOrgs(7, 8)
	if status, a = getReady(t, srv); status != http.StatusServiceUnavailable || a.Index.Lag != 3 {
		t.Fatalf("3 changes behind, 2 allowed: /readyz = %d %+v, want 503 with a lag of 3", status, a)
	}
	syncAll(t, ix)
	if status, a = getReady(t, srv); status != http.StatusOK || a.Index.Lag != 0 {
		t.Fatalf("caught up again: /readyz = %d %+v, want 200", status, a)
	}
}

// syncAll indexes every change the store holds.
func syncAll(t *testing.T, ix *search.Index) {
	t.Helper()
	for {
		n, err := ix.SyncOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}
