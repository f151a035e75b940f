package bolt_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/storetest"
)

// fillInNoOrder writes n patents with secondary keys, in no particular
// key order (as pool lists arrive), then updates every third, and
// returns what a reader sees of them: each record, the list by holder,
// the change feed and an audit trail.
func fillInNoOrder(t *testing.T, s claimcharts.Store, n int) string {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	text := strings.Repeat("a claim of some length, as patents hold them. ", 8)
	for _, i := range r.Perm(n) {
		key := fmt.Sprintf("EP%07d", i*7919%10_000_000)
		idx := map[string]string{"holder": fmt.Sprintf("h%d", i%5)}
		d := storetest.MustPut(t, s, claimcharts.KindPatent, key, 0, idx, map[string]string{"number": key, "title": text})
		if i%3 == 0 {
			storetest.MustPut(t, s, claimcharts.KindPatent, key, d.Rev, idx, map[string]string{"number": key, "title": "updated " + text})
		}
	}
	return seen(t, s)
}

// seen is what a reader sees of the store's patents.
func seen(t *testing.T, s claimcharts.Store) string {
	t.Helper()
	ctx := t.Context()
	var b strings.Builder
	for d, err := range claimcharts.Scan(ctx, s, claimcharts.Query{Kind: claimcharts.KindPatent}) {
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %d %d %s %s\n", d.Key, d.Rev, d.Seq, d.Indexes["holder"], d.Data)
	}
	b.WriteString(storetest.Keys(t, s, claimcharts.Query{Kind: claimcharts.KindPatent, Where: map[string]string{"holder": "h3"}, Limit: 7}))
	changes, err := s.Changes(ctx, 0, 100_000)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "\n%d changes, last %+v\n", len(changes), changes[len(changes)-1])
	audit, err := s.Audit(ctx, claimcharts.KindPatent, "EP0000000")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "audit %+v\n", audit)
	return b.String()
}

func TestCompactKeepsEverythingInASmallerFile(t *testing.T) {
	dir := t.TempDir()
	s, err := bolt.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	before := fillInNoOrder(t, s, 3000)
	s.Close()

	c, err := bolt.Compact(dir)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, bolt.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compacted %d → %d bytes", c.Before, c.After)
	if c.After != fi.Size() || c.After*10 > c.Before*7 {
		t.Errorf("compacted %d → %d bytes (the file now %d), want the file in place and under 70 %%", c.Before, c.After, fi.Size())
	}
	if _, err := os.Stat(filepath.Join(dir, bolt.FileName+".compact")); !os.IsNotExist(err) {
		t.Errorf("the compacted copy was left beside the store: %v", err)
	}

	s, err = bolt.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after := seen(t, s); after != before {
		t.Fatalf("compaction changed what readers see:\nbefore:\n%.2000s\nafter:\n%.2000s", before, after)
	}
	d := storetest.MustPut(t, s, claimcharts.KindPatent, "EP9999999", 0, nil, map[string]string{"number": "EP9999999"})
	if d.Seq != 4001 {
		t.Errorf("first write after compaction has change sequence %d, want 4001 (the feed's sequence kept)", d.Seq)
	}
}

func TestCompactRefusesAStoreInUse(t *testing.T) {
	dir := t.TempDir()
	s, err := bolt.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.MustPut(t, s, claimcharts.KindPool, "hevc", 0, nil, map[string]string{"slug": "hevc"})
	if _, err := bolt.Compact(dir); err == nil || !strings.Contains(err.Error(), "in use by another sepportal process") {
		t.Fatalf("compact of an open store: %v, want an in-use error", err)
	}
	if _, err := s.Get(t.Context(), claimcharts.KindPool, "hevc"); err != nil {
		t.Fatalf("the open store lost its record: %v", err)
	}
}

func TestCompactOfNoStoreSaysSo(t *testing.T) {
	dir := t.TempDir()
	_, err := bolt.Compact(dir)
	if err == nil || !strings.Contains(err.Error(), "no store to compact") {
		t.Fatalf("compact of an empty dir: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, bolt.FileName)); !os.IsNotExist(err) {
		t.Fatalf("compact created a store: %v", err)
	}
}
