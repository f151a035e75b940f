package claimcharts_test

import (
	"context"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
	"sepportal/claimcharts/storetest"
)

// TestStaleWritesAreRefused: a change that names a revision (If-Match)
// other than the stored one is refused with a precondition error and
// changes nothing; a record that does not exist is not found by the name
// the caller gave.
func TestStaleWritesAreRefused(t *testing.T) {
	ctx := context.Background()
	reg := openRegistry(t)
	store := reg.Store
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	admin := claimcharts.Actor{ID: "root", Role: claimcharts.RoleAdmin}
	tok, _, err := reg.CreateToken(ctx, admin, claimcharts.NewToken{Role: claimcharts.RoleReviewer, Subject: "expert"})
	if err != nil {
		t.Fatal(err)
	}
	first := func(kind claimcharts.Kind) claimcharts.Doc {
		for _, d := range storetest.AllDocs(t, store, kind) {
			return d
		}
		t.Fatalf("the demo holds no %s", kind)
		return claimcharts.Doc{}
	}
	det, entry, std := first(claimcharts.KindDetermination), first(claimcharts.KindEntry), first(claimcharts.KindStandard)
	pool, number, _ := strings.Cut(entry.Key, "/")
	writes := map[string]func(ifMatch int64) error{
		"update a determination": func(rev int64) error {
			_, err := reg.UpdateDetermination(ctx, admin, det.Key, rev, claimcharts.Text{En: "note"}, "")
			return err
		},
		"publish a determination": func(rev int64) error {
			_, err := reg.PublishDetermination(ctx, admin, det.Key, rev)
			return err
		},
		"move an entry": func(rev int64) error {
			_, err := reg.MoveEntry(ctx, admin, pool, number, rev, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Date: "2025-01-01", Reason: "expired"})
			return err
		},
		"add a reference": func(rev int64) error {
			_, err := reg.AddReference(ctx, admin, std.Key, rev, claimcharts.Reference{Label: "99.9", Kind: "section"})
			return err
		},
		"revoke a token": func(rev int64) error {
			_, err := reg.RevokeToken(ctx, admin, tok.ID, rev)
			return err
		},
	}
	for name, write := range writes {
		t.Run(name, func(t *testing.T) {
			before, _ := store.Changes(ctx, 0, 1<<20)
			if err := write(1000); claimcharts.ErrorCode(err) != claimcharts.EPRECONDITION {
				t.Fatalf("with a stale If-Match: %v, want a precondition error", err)
			}
			if after, _ := store.Changes(ctx, 0, 1<<20); len(after) != len(before) {
				t.Fatal("a refused write changed the store")
			}
		})
	}
	_, err = reg.MoveEntry(ctx, admin, pool, "EP 1 234 567", 0, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Date: "2025-01-01", Reason: "expired"})
	if claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND || !strings.Contains(err.Error(), `"EP 1 234 567"`) {
		t.Fatalf("moving a missing entry: %v", err)
	}
}
