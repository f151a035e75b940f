package lists

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/storetest"
)

// TestStageListsAsIfWritten: the stage lists staged records with the
// stored ones, in key order and page by page, and does not list a stored
// record whose staged version no longer matches.
func TestStageListsAsIfWritten(t *testing.T) {
	ctx := context.Background()
	base, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { base.Close() })
	put := func(s claimcharts.Store, key, holder string, rev int64) {
		t.Helper()
		doc := claimcharts.Doc{Kind: claimcharts.KindPatent, Key: key, Rev: rev, Indexes: map[string]string{"holder": holder},
			Data: []byte(fmt.Sprintf(`{"number":%q,"holder":%q}`, key, holder))}
		if _, err := s.Put(ctx, doc, claimcharts.AuditEvent{Kind: doc.Kind, Key: key, Action: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"A1", "A2", "A3"} {
		put(base, k, "acme", 0)
	}
	s := newStage(base, nil)
	put(s, "A2", "bolt", 1)
	put(s, "A0", "acme", 0)
	put(s, "A4", "acme", 0)
	keys := func(holder string) string {
		return storetest.Keys(t, s, claimcharts.Query{Kind: claimcharts.KindPatent, Where: map[string]string{"holder": holder}, Limit: 2})
	}
	if got := keys("acme"); got != "[A0 A1 A3 A4]" {
		t.Errorf("holder acme: %s", got)
	}
	if got := keys("bolt"); got != "[A2]" {
		t.Errorf("holder bolt: %s", got)
	}
	put(s, "A4", "bolt", 1) // staged again, under another holder
	if got := keys("acme"); got != "[A0 A1 A3]" {
		t.Errorf("holder acme after A4 moved: %s", got)
	}
	s.take() // the batch is being written: still listed
	if got := keys("bolt"); got != "[A2 A4]" {
		t.Errorf("holder bolt, batch in flight: %s", got)
	}
}

// TestStageRollbackUnlists: a rolled-back unit's records are listed as
// they were staged before it, under their earlier index values.
func TestStageRollbackUnlists(t *testing.T) {
	ctx := context.Background()
	base, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { base.Close() })
	s := newStage(base, nil)
	put := func(key, holder string, rev int64) {
		t.Helper()
		doc := claimcharts.Doc{Kind: claimcharts.KindPatent, Key: key, Rev: rev, Indexes: map[string]string{"holder": holder},
			Data: []byte(fmt.Sprintf(`{"number":%q,"holder":%q}`, key, holder))}
		if _, err := s.Put(ctx, doc, claimcharts.AuditEvent{Kind: doc.Kind, Key: key, Action: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	keys := func(holder string) string {
		return storetest.Keys(t, s, claimcharts.Query{Kind: claimcharts.KindPatent, Where: map[string]string{"holder": holder}, Limit: 1})
	}
	put("A1", "acme", 0)
	put("A2", "bolt", 0)
	m := s.mark()
	put("A2", "acme", 1)
	put("A3", "acme", 0)
	if got := keys("acme"); got != "[A1 A2 A3]" {
		t.Fatalf("holder acme in the unit: %s", got)
	}
	s.rollback(m)
	if got, bolt := keys("acme"), keys("bolt"); got != "[A1]" || bolt != "[A2]" {
		t.Errorf("after the rollback: holder acme %s, holder bolt %s", got, bolt)
	}
}

// TestKeySetKeepsKeysInOrder: a key set of many keys, added and removed
// in no order, yields the keys after any key in order.
func TestKeySetKeepsKeysInOrder(t *testing.T) {
	var ks keySet
	want := map[string]bool{}
	for i := range 3000 {
		k := fmt.Sprintf("K%04d", i*7919%3001)
		ks.add(k)
		want[k] = true
		if i%3 == 0 {
			r := fmt.Sprintf("K%04d", i*104729%3001)
			ks.remove(r)
			delete(want, r)
		}
	}
	sorted := slices.Sorted(maps.Keys(want))
	for _, after := range []string{"", "K0000", "K1500", "K15000", "K2999", "K3001", "Z"} {
		i, _ := slices.BinarySearch(sorted, after)
		if i < len(sorted) && sorted[i] == after {
			i++
		}
		if got := slices.Collect(ks.after(after)); !slices.Equal(got, sorted[i:]) {
			t.Errorf("after %q: %d keys, want %d", after, len(got), len(sorted)-i)
		}
	}
}
