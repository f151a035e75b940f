package claimcharts_test

import (
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
)

// openRegistry opens a registry on a fresh embedded store.
func openRegistry(tb testing.TB) *claimcharts.Registry {
	tb.Helper()
	store, err := bolt.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	return claimcharts.NewRegistry(store)
}
