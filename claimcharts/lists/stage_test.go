package lists

import (
	"context"
	"fmt"
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
