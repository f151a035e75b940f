package claimcharts

import (
	"context"
	"slices"
	"strings"
	"time"

	"sepportal/claimcharts/msg"
)

// Filing is what anyone sends to challenge a listed patent's essentiality.
type Filing struct {
	Pool   string `json:"pool" validate:"required,slug"`
	Patent string `json:"patent" validate:"required,max=200"`
	// Chart and Element narrow the challenge to one claim element of a
	// published chart; Element needs Chart.
	Chart      string     `json:"chart,omitempty" validate:"omitempty,slug"`
	Element    string     `json:"element,omitempty" validate:"omitempty,max=40"`
	Statement  string     `json:"statement" validate:"required,max=10000"`
	Evidence   string     `json:"evidence,omitempty" validate:"max=10000"`
	References []string   `json:"references,omitempty" validate:"max=20,dive,required,max=100"`
	Challenger Challenger `json:"challenger"`
}

// ChallengeDecision is the administrator's decision on a challenge.
type ChallengeDecision struct {
	Outcome string `json:"outcome" validate:"required,oneof=upheld dismissed"`
	Reasons Text   `json:"reasons"`
	// DecidedOn is the date of the decision; today when empty.
	DecidedOn Date `json:"decided_on,omitempty" validate:"omitempty,date"`
}

// FileChallenge records a challenge to a patent on a pool's public list;
// anyone may file one, anonymous callers included. The challenge waits in
// the administrator's queue and is not public until decided.
func (r *Registry) FileChallenge(ctx context.Context, actor Actor, f Filing) (*Challenge, error) {
	f.Statement, f.Evidence = strings.TrimSpace(f.Statement), strings.TrimSpace(f.Evidence)
	if err := Validate(&f); err != nil {
		return nil, err
	}
	e, err := r.Entry(ctx, Actor{}, f.Pool, f.Patent)
	switch ErrorCode(err) {
	case "", ENOTFOUND:
	case EINVALID:
		return nil, unreadableNumber("patent", err)
	default:
		return nil, err
	}
	if err != nil || e.Status != EntryAdmitted {
		return nil, Says(EINVALID, msg.ChallengeNotListed, f.Patent, f.Pool).With(Because("patent", msg.ChallengeNotListed, f.Patent, f.Pool))
	}
	if err := r.checkChallengedElement(ctx, e.Patent, f); err != nil {
		return nil, err
	}
	c := &Challenge{ID: "ch-" + r.Now().Format("20060102") + "-" + randomID(6), Pool: f.Pool, Patent: e.Patent,
		Chart: f.Chart, Element: f.Element, Statement: f.Statement, Evidence: f.Evidence, References: f.References,
		Status: ChallengeFiled, FiledAt: r.Now()}
	if f.Challenger != (Challenger{}) {
		who := f.Challenger
		c.Challenger = &who
	}
	return c, create[Challenge](ctx, r, actor, c, nil)
}

// checkChallengedElement checks that the chart and element a filing names
// are a published chart of the patent and an element of its published revision.
func (r *Registry) checkChallengedElement(ctx context.Context, patent string, f Filing) error {
	if f.Chart == "" {
		if f.Element != "" {
			return Invalid("an element is challenged on a chart", Because("chart", msg.Required))
		}
		return nil
	}
	c, err := find[Chart](ctx, r.Store, KindChart, f.Chart)
	if err != nil && ErrorCode(err) != ENOTFOUND {
		return err
	}
	if err != nil || c.Patent != patent || !c.Public() {
		return Says(EINVALID, msg.ChallengeNoChart, patent, quote(f.Chart)).With(Because("chart", msg.ChallengeNoChart, patent, quote(f.Chart)))
	}
	if f.Element == "" {
		return nil
	}
	rev, _ := c.Revision(c.PublishedRevision)
	if rev == nil || !slices.ContainsFunc(rev.Elements, func(el Element) bool { return el.Label == f.Element }) {
		return Says(EINVALID, msg.ChallengeNoElement, f.Chart, f.Element).With(Because("element", msg.ChallengeNoElement, f.Chart, f.Element))
	}
	return nil
}

// Challenge returns a challenge as actor may read it (ChallengeFor).
func (r *Registry) Challenge(ctx context.Context, actor Actor, id string) (*Challenge, error) {
	c, err := find[Challenge](ctx, r.Store, KindChallenge, id)
	if err != nil {
		return nil, hidden(err, KindChallenge, id)
	}
	view, ok := ChallengeFor(actor, c)
	if !ok {
		return nil, notFound(KindChallenge, id)
	}
	return view, nil
}

// Challenges lists challenges as actor may read them, filtered by "pool",
// "patent" (any spelling) or "status": administrators read the queue
// (status "filed") and every decision, everyone else the decisions,
// without their challengers.
func (r *Registry) Challenges(ctx context.Context, actor Actor, opts ListOptions) ([]*Challenge, string, error) {
	opts, err := r.patentFilter(ctx, opts)
	if err != nil {
		return nil, "", err
	}
	items, next, err := list[Challenge](ctx, r.Store, KindChallenge, actor, opts)
	if err != nil {
		return nil, "", err
	}
	out := items[:0]
	for _, c := range items {
		if view, ok := ChallengeFor(actor, c); ok {
			out = append(out, view)
		}
	}
	return out, next, nil
}

// DecideChallenge records the administrator's decision on a filed
// challenge: upheld reopens the patent's review on the pool (ReopenReview),
// dismissed needs reasons. Deciding again as decided already is harmless
// and changes nothing (a double submit); any other decision on a decided
// challenge is a conflict naming none as the next step.
func (r *Registry) DecideChallenge(ctx context.Context, actor Actor, id string, ifMatch int64, d ChallengeDecision) (*Challenge, error) {
	if err := requireAdmin(actor, msg.ActDecideChallenges); err != nil {
		return nil, err
	}
	if err := Validate(&d); err != nil {
		return nil, err
	}
	c, doc, err := load[Challenge](ctx, r.Store, KindChallenge, id)
	if err != nil {
		return nil, hidden(err, KindChallenge, id)
	}
	if c.Status == d.Outcome {
		return c, nil
	}
	if !slices.Contains(challengeTransitions[c.Status], d.Outcome) {
		return nil, Illegal(challengeTransitions[c.Status], msg.ChallengeDecided, id, msg.Noun(c.Status), msg.Noun(d.Outcome))
	}
	if err := checkRev(doc.Rev, ifMatch); err != nil {
		return nil, err
	}
	if d.Outcome == ChallengeDismissed && d.Reasons.IsZero() {
		return nil, Says(EINVALID, msg.DismissNeedsReasons).With(Because("reasons", msg.NeedsText))
	}
	now := r.Now()
	if d.DecidedOn == "" {
		d.DecidedOn = Date(now.Format(time.DateOnly))
	}
	if d.Outcome == ChallengeUpheld {
		// Reopen first: a crash in between leaves the review reopened and
		// the challenge filed, and deciding again completes it.
		e, err := r.ReopenReview(ctx, actor, c.Pool, c.Patent, c.ID, d.DecidedOn)
		if err != nil {
			return nil, err
		}
		c.Reopened = e.Round
	}
	c.Status, c.Reasons, c.DecidedOn, c.DecidedAt = d.Outcome, d.Reasons, d.DecidedOn, &now
	if err := r.save(ctx, actor, c, doc, "decide:"+d.Outcome); err != nil {
		return nil, err
	}
	public, _ := ChallengeFor(Actor{}, c)
	return c, r.emit(ctx, Event{Type: EventChallengeDecided, Pool: c.Pool, Patent: c.Patent, Record: public})
}

// ReopenReview reopens the review of a patent on a pool because challenge
// (its id) was upheld: an admitted entry goes back under review in a new
// round, so that it is admitted again only on a determination published
// after the reopening, from reviews assigned after it. An entry under
// review already stays so; any other state is a conflict naming its next
// steps. Administrators only; audited as "reopen".
func (r *Registry) ReopenReview(ctx context.Context, actor Actor, pool, patent, challenge string, on Date) (*Entry, error) {
	if err := requireAdmin(actor, msg.ActReopenReviews); err != nil {
		return nil, err
	}
	e, doc, err := load[Entry](ctx, r.Store, KindEntry, EntryKey(pool, patent))
	if err != nil {
		return nil, hidden(err, KindEntry, patent)
	}
	switch e.Status {
	case EntryUnderReview:
		return e, nil
	case EntryAdmitted:
	default:
		return nil, Illegal(e.NextStatuses(), msg.NotReopenable, msg.Noun(e.Status))
	}
	now := r.Now()
	e.Status, e.Round, e.ReopenedAt = EntryUnderReview, e.Round+1, &now
	e.History = append(e.History, EntryEvent{Status: EntryUnderReview, Date: on, Reason: "challenge_upheld", Note: challenge, At: now})
	return e, r.save(ctx, actor, e, doc, "reopen")
}

// round returns the review round of patent on pool: the entry's Round, 0
// when there is no entry.
func (r *Registry) round(ctx context.Context, pool, patent string) (int, error) {
	e, err := find[Entry](ctx, r.Store, KindEntry, EntryKey(pool, patent))
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return 0, nil
	case err != nil:
		return 0, err
	}
	return e.Round, nil
}
