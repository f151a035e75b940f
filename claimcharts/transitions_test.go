package claimcharts_test

import (
	"context"
	"slices"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// actors of the transition tables; the licensor is set per record (its holder).
var (
	anonymous = claimcharts.Actor{}
	outsider  = claimcharts.Actor{ID: "bot", Role: claimcharts.RoleLicensor, Organization: "nobody"}
	stranger  = claimcharts.Actor{ID: "expert-nobody", Role: claimcharts.RoleReviewer}
)

// refusal is the code a caller hears for a write its role does not allow:
// unauthorized without a token, forbidden with one.
func refusal(a claimcharts.Actor) string {
	if a.Anonymous() {
		return claimcharts.EUNAUTHORIZED
	}
	return claimcharts.EFORBIDDEN
}

// wantResult fails unless err has code want ("" for success) and, for an
// illegal transition, names exactly next as the allowed steps.
func wantResult(t *testing.T, err error, want string, next []string) {
	t.Helper()
	if got := claimcharts.ErrorCode(err); got != want {
		t.Fatalf("got %q (%v), want %q", got, err, want)
	}
	if got := claimcharts.NextSteps(err); next != nil && (got == nil || !slices.Equal(got, next)) {
		t.Fatalf("next steps %v, want %v", claimcharts.NextSteps(err), next)
	}
}

// TestEntryRules: every role × entry status × requested status. Only
// administrators move entries; an illegal move is a conflict naming the
// legal ones; the status the entry is in again is a harmless no-op.
func TestEntryRules(t *testing.T) {
	reg := openRegistry(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	legal := map[string][]string{
		claimcharts.EntryApplied:     {claimcharts.EntryUnderReview, claimcharts.EntryRemoved},
		claimcharts.EntryUnderReview: {claimcharts.EntryAdmitted, claimcharts.EntryRemoved},
		claimcharts.EntryAdmitted:    {claimcharts.EntryRemoved},
		claimcharts.EntryRemoved:     {},
	}
	statuses := []string{claimcharts.EntryApplied, claimcharts.EntryUnderReview, claimcharts.EntryAdmitted, claimcharts.EntryRemoved}
	entries := map[string]*claimcharts.Entry{}
	for _, s := range statuses {
		list, _, err := reg.Entries(ctx, admin, demo.PoolSlug, claimcharts.ListOptions{Where: map[string]string{"status": s}, Limit: 1})
		if err != nil || len(list) == 0 {
			t.Fatalf("no demo entry %s: %v", s, err)
		}
		entries[s] = list[0]
	}
	for _, from := range statuses {
		e := entries[from]
		holder := claimcharts.Actor{ID: "h", Role: claimcharts.RoleLicensor, Organization: e.Holder}
		for _, to := range statuses {
			ch := claimcharts.StatusChange{Status: to, Reason: "withdrawn"}
			if to != claimcharts.EntryRemoved {
				ch.Reason = ""
			}
			for _, a := range []claimcharts.Actor{anonymous, holder, outsider, stranger} {
				t.Run(from+"→"+to+" by "+a.String(), func(t *testing.T) {
					_, err := reg.MoveEntry(ctx, a, e.Pool, e.Patent, 0, ch)
					wantResult(t, err, refusal(a), nil)
				})
			}
			if slices.Contains(legal[from], to) {
				continue // done below, once, as it changes the entry
			}
			t.Run(from+"→"+to+" by admin", func(t *testing.T) {
				got, err := reg.MoveEntry(ctx, admin, e.Pool, e.Patent, 0, ch)
				if from == to {
					wantResult(t, err, "", nil)
					if got.Rev != e.Rev {
						t.Fatalf("a repeated move wrote revision %d over %d", got.Rev, e.Rev)
					}
					return
				}
				wantResult(t, err, claimcharts.ECONFLICT, legal[from])
			})
		}
	}
	// The legal moves, each once.
	_, err := reg.MoveEntry(ctx, admin, demo.PoolSlug, entries[claimcharts.EntryApplied].Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryUnderReview})
	wantResult(t, err, "", nil)
	_, err = reg.MoveEntry(ctx, admin, demo.PoolSlug, entries[claimcharts.EntryAdmitted].Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Reason: "expired"})
	wantResult(t, err, "", nil)
	ur := entries[claimcharts.EntryUnderReview]
	_, err = reg.MoveEntry(ctx, admin, ur.Pool, ur.Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryAdmitted})
	wantResult(t, err, claimcharts.ECONFLICT, nil) // no published determination finds it essential
	_, err = reg.MoveEntry(ctx, admin, ur.Pool, ur.Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Reason: "withdrawn"})
	wantResult(t, err, "", nil)
	for _, s := range []string{claimcharts.EntryApplied, claimcharts.EntryAdmitted} {
		if evs, _ := reg.Audit(ctx, admin, claimcharts.KindEntry, entries[s].Key()); evs[len(evs)-1].Actor != admin.String() {
			t.Errorf("the move of the %s entry is not audited: %+v", s, evs[len(evs)-1])
		}
	}
}

// TestReviewRules: every role × review status × (update, submit). Only the
// assigned reviewer writes a review, until it is submitted; submitting
// again is a harmless no-op; a review others may not read is not found.
func TestReviewRules(t *testing.T) {
	reg := openRegistry(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	for _, status := range []string{claimcharts.ReviewAssigned, claimcharts.ReviewDraft, claimcharts.ReviewSubmitted} {
		list, _, err := reg.Reviews(ctx, admin, claimcharts.ListOptions{Where: map[string]string{"status": status}, Limit: claimcharts.MaxLimit})
		if err != nil || len(list) == 0 {
			t.Fatalf("no demo review %s: %v", status, err)
		}
		rv := list[0]
		own := claimcharts.Actor{ID: rv.Reviewer, Role: claimcharts.RoleReviewer}
		for _, a := range []claimcharts.Actor{anonymous, outsider, stranger, admin, own} {
			want := claimcharts.ENOTFOUND // others may not read an unpublished review
			switch {
			case a == own && status == claimcharts.ReviewSubmitted:
				want = claimcharts.ECONFLICT
			case a == own:
				// Allowed, but not over a stale revision (99).
				want = claimcharts.EPRECONDITION
			case a.IsAdmin() || rv.Published:
				want = refusal(a)
			}
			t.Run(status+" update by "+a.String(), func(t *testing.T) {
				_, err := reg.UpdateReview(ctx, a, rv.ID, 99, claimcharts.Opinion{})
				var next []string
				if want == claimcharts.ECONFLICT {
					next = []string{}
				}
				wantResult(t, err, want, next)
			})
			t.Run(status+" submit by "+a.String(), func(t *testing.T) {
				got, err := reg.SubmitReview(ctx, a, rv.ID, 99)
				switch {
				case a == own && status == claimcharts.ReviewSubmitted:
					wantResult(t, err, "", nil)
					if got.Rev != rv.Rev {
						t.Fatalf("a double submit wrote revision %d over %d", got.Rev, rv.Rev)
					}
				case a == own:
					wantResult(t, err, claimcharts.EPRECONDITION, nil)
				default:
					wantResult(t, err, want, nil)
				}
			})
		}
	}
}

// TestDeterminationRules: only administrators change or publish a
// determination; a published one never changes (a conflict naming no
// next step) and publishing it again is a harmless no-op.
func TestDeterminationRules(t *testing.T) {
	reg := openRegistry(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	for _, status := range []string{claimcharts.StatusDraft, claimcharts.StatusPublished} {
		list, _, err := reg.Determinations(ctx, admin, claimcharts.ListOptions{Where: map[string]string{"status": status}, Limit: 1})
		if err != nil || len(list) == 0 {
			t.Fatalf("no demo determination %s: %v", status, err)
		}
		d := list[0]
		for _, a := range []claimcharts.Actor{anonymous, outsider, stranger} {
			t.Run(status+" by "+a.String(), func(t *testing.T) {
				_, err := reg.UpdateDetermination(ctx, a, d.ID, 0, claimcharts.Text{En: "x"}, "")
				wantResult(t, err, refusal(a), nil)
				_, err = reg.PublishDetermination(ctx, a, d.ID, 0)
				wantResult(t, err, refusal(a), nil)
			})
		}
		t.Run(status+" by admin", func(t *testing.T) {
			if status == claimcharts.StatusPublished {
				_, err := reg.UpdateDetermination(ctx, admin, d.ID, 0, claimcharts.Text{En: "x"}, "")
				wantResult(t, err, claimcharts.ECONFLICT, []string{})
				got, err := reg.PublishDetermination(ctx, admin, d.ID, 0)
				wantResult(t, err, "", nil)
				if got.Rev != d.Rev {
					t.Fatalf("publishing again wrote revision %d over %d", got.Rev, d.Rev)
				}
				return
			}
			_, err := reg.UpdateDetermination(ctx, admin, d.ID, 99, claimcharts.Text{En: "x"}, "")
			wantResult(t, err, claimcharts.EPRECONDITION, nil) // allowed, but not over a stale revision
		})
	}
}
