package claimcharts_test

import (
	"context"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

var admin = claimcharts.System

// listedPatent loads the demo and returns its registry and one admitted
// entry of the demo pool with its published chart.
func listedPatent(tb testing.TB) (*claimcharts.Registry, *claimcharts.Entry, *claimcharts.Chart) {
	tb.Helper()
	reg := openRegistry(tb)
	ctx := context.Background()
	if _, err := demo.Load(ctx, reg); err != nil {
		tb.Fatal(err)
	}
	entries, _, err := reg.Entries(ctx, claimcharts.Actor{}, demo.PoolSlug, claimcharts.ListOptions{Where: map[string]string{"status": claimcharts.EntryAdmitted}})
	if err != nil || len(entries) == 0 {
		tb.Fatalf("admitted demo entries: %d, %v", len(entries), err)
	}
	for _, e := range entries {
		charts, _, err := reg.Charts(ctx, claimcharts.Actor{}, claimcharts.ListOptions{Where: map[string]string{"patent": e.Patent}})
		if err != nil {
			tb.Fatal(err)
		}
		for _, c := range charts {
			if c.Public() {
				return reg, e, c
			}
		}
	}
	tb.Fatal("no admitted demo patent with a published chart")
	return nil, nil, nil
}

func filing(e *claimcharts.Entry) claimcharts.Filing {
	return claimcharts.Filing{Pool: e.Pool, Patent: e.Patent, Statement: "Claim 1 reads on an optional feature only.",
		Evidence: "Section 8.4.2 says 'may'.", References: []string{"8.4.2"},
		Challenger: claimcharts.Challenger{Name: "Wang Fang", Contact: "wang@example.org"}}
}

func TestFileChallenge(t *testing.T) {
	reg, e, c := listedPatent(t)
	ctx := context.Background()
	element := c.Revisions[c.PublishedRevision-1].Elements[0].Label
	good := filing(e)
	good.Chart, good.Element = c.ID, element
	ch, err := reg.FileChallenge(ctx, claimcharts.Actor{}, good)
	if err != nil {
		t.Fatalf("an anonymous caller files a challenge: %v", err)
	}
	if ch.Status != claimcharts.ChallengeFiled || ch.Challenger == nil {
		t.Fatalf("filed challenge = %+v", ch)
	}
	bad := []struct {
		name  string
		edit  func(*claimcharts.Filing)
		field string
	}{
		{"no statement", func(f *claimcharts.Filing) { f.Statement = "  " }, "statement"},
		{"statement too long", func(f *claimcharts.Filing) { f.Statement = strings.Repeat("x", 10001) }, "statement"},
		{"too many references", func(f *claimcharts.Filing) { f.References = make([]string, 21) }, "references"},
		{"contact too long", func(f *claimcharts.Filing) { f.Challenger.Contact = strings.Repeat("x", 201) }, "challenger.contact"},
		{"patent number unreadable", func(f *claimcharts.Filing) { f.Patent = "CN 1" }, "patent"},
		{"patent not listed", func(f *claimcharts.Filing) { f.Patent = "CN 103931153 A" }, "patent"},
		{"chart of another patent", func(f *claimcharts.Filing) { f.Chart = "nope" }, "chart"},
		{"element the chart lacks", func(f *claimcharts.Filing) { f.Chart, f.Element = c.ID, "99[z]" }, "element"},
		{"element without chart", func(f *claimcharts.Filing) { f.Element = element }, "chart"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			f := filing(e)
			tc.edit(&f)
			_, err := reg.FileChallenge(ctx, claimcharts.Actor{}, f)
			if claimcharts.ErrorCode(err) != claimcharts.EINVALID || !hasField(err, tc.field) {
				t.Fatalf("FileChallenge = %v, want invalid naming %s", err, tc.field)
			}
		})
	}
}

func hasField(err error, path string) bool {
	for _, f := range claimcharts.ErrorFields(err) {
		if strings.HasPrefix(f.Path, path) {
			return true
		}
	}
	return false
}

// TestChallengeVisibility: the queue is the administrator's, a decision is
// public, the challenger never is.
func TestChallengeVisibility(t *testing.T) {
	reg, e, _ := listedPatent(t)
	ctx := context.Background()
	ch, err := reg.FileChallenge(ctx, claimcharts.Actor{}, filing(e))
	if err != nil {
		t.Fatal(err)
	}
	licensor := claimcharts.Actor{ID: "l", Role: claimcharts.RoleLicensor, Organization: e.Holder}
	for _, a := range []claimcharts.Actor{{}, licensor} {
		if _, err := reg.Challenge(ctx, a, ch.ID); claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
			t.Fatalf("%s reads a filed challenge: %v", a, err)
		}
		if list, _, err := reg.Challenges(ctx, a, claimcharts.ListOptions{}); err != nil || len(list) != 0 {
			t.Fatalf("%s lists %d filed challenges, %v", a, len(list), err)
		}
	}
	queue, _, err := reg.Challenges(ctx, admin, claimcharts.ListOptions{Where: map[string]string{"status": claimcharts.ChallengeFiled}})
	if err != nil || len(queue) != 1 || queue[0].Challenger == nil {
		t.Fatalf("administrator's queue = %+v, %v", queue, err)
	}
	if _, err := reg.DecideChallenge(ctx, admin, ch.ID, 0, claimcharts.ChallengeDecision{Outcome: claimcharts.ChallengeDismissed,
		Reasons: claimcharts.Text{En: "The feature is mandatory."}}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []claimcharts.Actor{{}, licensor} {
		got, err := reg.Challenge(ctx, a, ch.ID)
		if err != nil || got.Challenger != nil || got.Status != claimcharts.ChallengeDismissed {
			t.Fatalf("%s reads the decided challenge as %+v, %v; want it without its challenger", a, got, err)
		}
		list, _, err := reg.Challenges(ctx, a, claimcharts.ListOptions{Where: map[string]string{"patent": e.Patent}})
		if err != nil || len(list) != 1 || list[0].Challenger != nil {
			t.Fatalf("%s lists %+v, %v", a, list, err)
		}
	}
	if got, _ := reg.Challenge(ctx, admin, ch.ID); got.Challenger == nil || got.Challenger.Contact != "wang@example.org" {
		t.Fatalf("the administrator reads the challenger as %+v", got.Challenger)
	}
}

// TestDecideChallenge table-tests who may decide what in which state.
func TestDecideChallenge(t *testing.T) {
	reg, e, _ := listedPatent(t)
	ctx := context.Background()
	dismiss := claimcharts.ChallengeDecision{Outcome: claimcharts.ChallengeDismissed, Reasons: claimcharts.Text{Zh: "该特征是强制性的。"}}
	uphold := claimcharts.ChallengeDecision{Outcome: claimcharts.ChallengeUpheld, Reasons: claimcharts.Text{En: "Optional feature."}}
	file := func() string {
		ch, err := reg.FileChallenge(ctx, claimcharts.Actor{}, filing(e))
		if err != nil {
			t.Fatal(err)
		}
		return ch.ID
	}
	reviewer := claimcharts.Actor{ID: "r", Role: claimcharts.RoleReviewer}
	licensor := claimcharts.Actor{ID: "l", Role: claimcharts.RoleLicensor, Organization: e.Holder}
	refusals := []struct {
		name  string
		actor claimcharts.Actor
		d     claimcharts.ChallengeDecision
		code  string
	}{
		{"anonymous", claimcharts.Actor{}, dismiss, claimcharts.EUNAUTHORIZED},
		{"reviewer", reviewer, dismiss, claimcharts.EFORBIDDEN},
		{"licensor", licensor, uphold, claimcharts.EFORBIDDEN},
		{"dismissal without reasons", admin, claimcharts.ChallengeDecision{Outcome: claimcharts.ChallengeDismissed}, claimcharts.EINVALID},
		{"unknown outcome", admin, claimcharts.ChallengeDecision{Outcome: "filed"}, claimcharts.EINVALID},
	}
	id := file()
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := reg.DecideChallenge(ctx, tc.actor, id, 0, tc.d); claimcharts.ErrorCode(err) != tc.code {
				t.Fatalf("DecideChallenge = %v, want %s", err, tc.code)
			}
		})
	}
	if _, err := reg.DecideChallenge(ctx, admin, "ch-nope", 0, dismiss); claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
		t.Fatalf("deciding a missing challenge: %v", err)
	}
	if _, err := reg.DecideChallenge(ctx, admin, id, 99, dismiss); claimcharts.ErrorCode(err) != claimcharts.EPRECONDITION {
		t.Fatalf("deciding over a stale revision: %v", err)
	}
	first, err := reg.DecideChallenge(ctx, admin, id, 0, dismiss)
	if err != nil || first.Status != claimcharts.ChallengeDismissed || first.DecidedOn == "" {
		t.Fatalf("dismissal = %+v, %v", first, err)
	}
	again, err := reg.DecideChallenge(ctx, admin, id, 0, dismiss)
	if err != nil || again.Rev != first.Rev {
		t.Fatalf("a double submit = rev %d, %v; want the same revision %d, no error", again.Rev, err, first.Rev)
	}
	_, err = reg.DecideChallenge(ctx, admin, id, 0, uphold)
	if claimcharts.ErrorCode(err) != claimcharts.ECONFLICT || claimcharts.NextSteps(err) == nil || len(claimcharts.NextSteps(err)) != 0 {
		t.Fatalf("upholding a dismissed challenge = %v (next %v), want a conflict naming no next step", err, claimcharts.NextSteps(err))
	}
	if zh, _ := claimcharts.ErrorIn(err, "zh"); !strings.Contains(zh, "允许的下一步：无") {
		t.Fatalf("Chinese conflict = %q", zh)
	}
	audit, err := reg.Audit(ctx, admin, claimcharts.KindChallenge, id)
	if err != nil || len(audit) != 2 || audit[1].Action != "decide:dismissed" || audit[1].Actor != admin.String() {
		t.Fatalf("audit = %+v, %v", audit, err)
	}
}

// TestUpheldChallengeReopensReview follows an upheld challenge: the entry
// goes back under review in a new round, stays on the public record, and
// is admitted again only on a determination of that round.
func TestUpheldChallengeReopensReview(t *testing.T) {
	reg, e, c := listedPatent(t)
	ctx := context.Background()
	ch, err := reg.FileChallenge(ctx, claimcharts.Actor{}, filing(e))
	if err != nil {
		t.Fatal(err)
	}
	ch, err = reg.DecideChallenge(ctx, admin, ch.ID, 0, claimcharts.ChallengeDecision{Outcome: claimcharts.ChallengeUpheld})
	if err != nil || ch.Reopened != 1 {
		t.Fatalf("upheld = %+v, %v", ch, err)
	}
	got, err := reg.Entry(ctx, claimcharts.Actor{}, e.Pool, e.Patent)
	if err != nil || got.Status != claimcharts.EntryUnderReview || got.Round != 1 || got.Effective != e.Effective {
		t.Fatalf("the public reads the reopened entry as %+v, %v", got, err)
	}
	if last := got.History[len(got.History)-1]; last.Reason != "challenge_upheld" || last.Note != ch.ID {
		t.Fatalf("the entry's history ends with %+v", last)
	}
	admit := claimcharts.StatusChange{Status: claimcharts.EntryAdmitted}
	if _, err := reg.MoveEntry(ctx, admin, e.Pool, e.Patent, 0, admit); claimcharts.ErrorCode(err) != claimcharts.ECONFLICT {
		t.Fatalf("re-admitting on the old round's determination: %v, want a conflict", err)
	}
	// A new round: reviewers of the first round are assigned again.
	rev := c.PublishedRevision
	reviews, _, err := reg.Reviews(ctx, admin, claimcharts.ListOptions{Where: map[string]string{"chart": c.ID, "pool": e.Pool}})
	if err != nil || len(reviews) == 0 {
		t.Fatalf("first round reviews: %d, %v", len(reviews), err)
	}
	full, err := reg.Chart(ctx, admin, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	published, _ := full.Revision(rev)
	for _, old := range reviews {
		rv, err := reg.AssignReview(ctx, admin, claimcharts.Assignment{Pool: e.Pool, Chart: c.ID, Revision: rev, Reviewer: old.Reviewer})
		if err != nil || rv.Round != 1 {
			t.Fatalf("assigning %s in round 1: %+v, %v", old.Reviewer, rv, err)
		}
		who := claimcharts.Actor{ID: old.Reviewer, Role: claimcharts.RoleReviewer}
		op := claimcharts.Opinion{Conflict: claimcharts.Conflict{Declared: true, None: true}, Conclusion: claimcharts.Essential}
		for _, el := range published.Elements {
			op.Verdicts = append(op.Verdicts, claimcharts.Verdict{Element: el.Label, Result: "met"})
		}
		if _, err := reg.UpdateReview(ctx, who, rv.ID, 0, op); err != nil {
			t.Fatal(err)
		}
		if _, err := reg.SubmitReview(ctx, who, rv.ID, 0); err != nil {
			t.Fatal(err)
		}
	}
	d, err := reg.Decide(ctx, admin, claimcharts.DecisionRequest{Pool: e.Pool, Chart: c.ID, Revision: rev})
	if err != nil || d.Round != 1 || d.ID != claimcharts.RoundID(claimcharts.DeterminationID(e.Pool, c.ID, rev), 1) || len(d.Reviews) != len(reviews) {
		t.Fatalf("second-round determination = %+v, %v", d, err)
	}
	if _, err := reg.PublishDetermination(ctx, admin, d.ID, 0); err != nil {
		t.Fatal(err)
	}
	if got, err := reg.MoveEntry(ctx, admin, e.Pool, e.Patent, 0, admit); err != nil || got.Status != claimcharts.EntryAdmitted {
		t.Fatalf("re-admission after the new round: %+v, %v", got, err)
	}
	if audit, _ := reg.Audit(ctx, admin, claimcharts.KindEntry, e.Key()); !hasAction(audit, "reopen") {
		t.Fatalf("the entry's audit trail has no reopen: %+v", audit)
	}
}

func hasAction(evs []claimcharts.AuditEvent, action string) bool {
	for _, ev := range evs {
		if ev.Action == action {
			return true
		}
	}
	return false
}

// TestReopenReviewStates: only an admitted entry reopens; one under review
// stays so; the others are conflicts naming their next steps.
func TestReopenReviewStates(t *testing.T) {
	reg, e, _ := listedPatent(t)
	ctx := context.Background()
	if _, err := reg.ReopenReview(ctx, claimcharts.Actor{ID: "l", Role: claimcharts.RoleLicensor, Organization: e.Holder}, e.Pool, e.Patent, "x", ""); claimcharts.ErrorCode(err) != claimcharts.EFORBIDDEN {
		t.Fatalf("a licensor reopens: %v", err)
	}
	first, err := reg.ReopenReview(ctx, admin, e.Pool, e.Patent, "x", "")
	if err != nil || first.Round != 1 {
		t.Fatalf("reopen = %+v, %v", first, err)
	}
	if _, err := reg.FileChallenge(ctx, claimcharts.Actor{}, filing(e)); claimcharts.ErrorCode(err) != claimcharts.EINVALID || !hasField(err, "patent") {
		t.Fatalf("challenging a patent under review again: %v, want invalid", err)
	}
	second, err := reg.ReopenReview(ctx, admin, e.Pool, e.Patent, "x", "")
	if err != nil || second.Round != 1 || second.Rev != first.Rev {
		t.Fatalf("reopening twice = %+v, %v; want no change", second, err)
	}
	if _, err := reg.MoveEntry(ctx, admin, e.Pool, e.Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Reason: "withdrawn"}); err != nil {
		t.Fatal(err)
	}
	if _, err := reg.FileChallenge(ctx, claimcharts.Actor{}, filing(e)); claimcharts.ErrorCode(err) != claimcharts.EINVALID {
		t.Fatalf("challenging a removed patent: %v, want invalid", err)
	}
	_, err = reg.ReopenReview(ctx, admin, e.Pool, e.Patent, "x", "")
	if claimcharts.ErrorCode(err) != claimcharts.ECONFLICT || claimcharts.NextSteps(err) == nil {
		t.Fatalf("reopening a removed entry: %v (next %v)", err, claimcharts.NextSteps(err))
	}
}
