package bolt_test

import (
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/storetest"
)

// MustOpen opens an embedded store in a temporary directory.
func MustOpen(tb testing.TB) claimcharts.Store {
	tb.Helper()
	s, err := bolt.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestContract(t *testing.T) { storetest.Run(t, MustOpen) }

func TestSecondOpenIsRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := bolt.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = bolt.Open(dir)
	if err == nil || !strings.Contains(err.Error(), "in use by another sepportal process") {
		t.Fatalf("second open of %s: %v, want an in-use error", dir, err)
	}
}

func TestReopenKeepsRecords(t *testing.T) {
	dir := t.TempDir()
	s, err := bolt.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	storetest.MustPut(t, s, claimcharts.KindPool, "hevc", 0, nil, map[string]string{"slug": "hevc"})
	s.Close()
	s, err = bolt.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Get(t.Context(), claimcharts.KindPool, "hevc"); err != nil {
		t.Fatalf("record lost after reopening: %v", err)
	}
}
