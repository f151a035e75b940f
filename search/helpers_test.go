package search

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/demo"
)

// quietLogger discards the indexer's log.
func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// testContext returns a context that ends shortly before the test's
// deadline (go test -timeout), so that a wait that never ends fails the test
// with its own message instead of the binary's panic. Without a deadline it
// never ends.
func testContext(t *testing.T) (context.Context, context.CancelFunc) {
	deadline, ok := t.Deadline()
	if !ok {
		return context.WithCancel(context.Background())
	}
	grace := time.Until(deadline) / 20
	return context.WithDeadline(context.Background(), deadline.Add(-grace))
}

// openStore opens an embedded store in a new temporary directory.
func openStore(tb testing.TB) (*bolt.Store, string) {
	tb.Helper()
	dir := tb.TempDir()
	s, err := bolt.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s, dir
}

// openIndex opens an index for store in a new temporary directory, builds
// it and closes it when the test ends. The indexer is not started: tests
// call SyncOnce (see catchUp) to follow the feed.
func openIndex(tb testing.TB, store claimcharts.Store) *Index {
	tb.Helper()
	return openIndexWith(tb, store, Options{Logger: quietLogger()})
}

// openIndexWith is openIndex with opts.
func openIndexWith(tb testing.TB, store claimcharts.Store, opts Options) *Index {
	tb.Helper()
	ix, err := Open(tb.TempDir(), store, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return ix
}

// catchUp indexes every change the store holds.
func catchUp(tb testing.TB, ix *Index) {
	tb.Helper()
	for {
		n, err := ix.SyncOnce(context.Background())
		if err != nil {
			tb.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// demoIndex is an index over a store holding the demo data.
func demoIndex(tb testing.TB) (*Index, *claimcharts.Registry) {
	tb.Helper()
	store, _ := openStore(tb)
	reg := claimcharts.NewRegistry(store)
	if _, err := demo.Load(context.Background(), reg); err != nil {
		tb.Fatal(err)
	}
	return openIndex(tb, store), reg
}

// search runs a query and fails the test on an error.
func search(tb testing.TB, ix *Index, actor claimcharts.Actor, req Request) *Result {
	tb.Helper()
	res, err := ix.Search(context.Background(), actor, req)
	if err != nil {
		tb.Fatalf("search %q: %v", req.Query, err)
	}
	return res
}

// jsonMarshal is json.Marshal, for tests that rewrite stored records.
func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
