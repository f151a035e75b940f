package claimcharts

import (
	"context"
	"time"

	"sepportal/claimcharts/msg"
)

// Candidate is a reviewer an administrator may assign: the subject of a
// live reviewer token, with the organization the token names (if any).
type Candidate struct {
	ID           string
	Organization string
}

// ProposeReviewers returns the candidates proposed for revision rev of
// chart c in review round round: none from the chart holder's
// organization, none already assigned that revision in that round, and
// none who declared a conflict of interest in any review of the chart
// (reviews are the chart's reviews).
func ProposeReviewers(c *Chart, rev, round int, candidates []Candidate, reviews []*Review) []Candidate {
	excluded := map[string]bool{}
	for _, rv := range reviews {
		if rv.Chart != c.ID {
			continue
		}
		if rv.Revision == rev && rv.Round == round || rv.Conflict.Declared && !rv.Conflict.None {
			excluded[rv.Reviewer] = true
		}
	}
	var out []Candidate
	for _, cand := range candidates {
		if cand.Organization == c.Holder || excluded[cand.ID] {
			continue
		}
		out = append(out, cand)
	}
	return out
}

// Reviewers lists the reviewers that hold a live token, one per subject;
// administrators only.
func (r *Registry) Reviewers(ctx context.Context, actor Actor) ([]Candidate, error) {
	if err := requireAdmin(actor, msg.ActListReviewers); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []Candidate
	for doc, err := range Scan(ctx, r.Store, Query{Kind: KindToken}) {
		if err != nil {
			return nil, err
		}
		t, err := Decode[Token](doc)
		if err != nil {
			return nil, err
		}
		if t.Role == RoleReviewer && t.RevokedAt == nil && !seen[t.Subject] {
			seen[t.Subject] = true
			out = append(out, Candidate{ID: t.Subject, Organization: t.Organization})
		}
	}
	return out, nil
}

// Awaiting is one chart revision on an administrator's queue, in a pool.
type Awaiting struct {
	Pool     *Pool
	Entry    *Entry
	Chart    *Chart
	Revision int
	// Reviews are the reviews of this revision for this pool in the
	// entry's review round.
	Reviews []*Review
	// Proposed are the reviewers proposed for it (ProposeReviewers).
	Proposed []Candidate
}

// Expiring is an admitted entry whose patent expires soon.
type Expiring struct {
	Entry  *Entry
	Expiry Date
}

// Queues are what waits for an administrator across the pools.
type Queues struct {
	// Applications are entries applied for and not yet under review.
	Applications []*Entry
	// Assign are submitted chart revisions of entries under review that
	// have fewer reviewers than the pool's rule needs.
	Assign []Awaiting
	// Decide are revisions with enough submitted reviews and no determination.
	Decide []Awaiting
	// Publish are draft determinations.
	Publish []*Determination
	// UnderReview are entries under review, to admit or remove.
	UnderReview []*Entry
	// Expiring are admitted entries whose patents expire within a year.
	Expiring []Expiring
}

// ExpiryNotice is how many days before a patent's expiry its admitted
// entries are announced on the administrator's feed.
const ExpiryNotice = 90

// ExpiringWithin returns the expiring entries whose patents expire at most
// days after today (or have expired already).
func (q *Queues) ExpiringWithin(today time.Time, days int) []Expiring {
	horizon := Date(today.AddDate(0, 0, days).Format(time.DateOnly))
	var out []Expiring
	for _, x := range q.Expiring {
		if !horizon.Before(x.Expiry) {
			out = append(out, x)
		}
	}
	return out
}

// AdminQueues gathers the administrator's queues; administrators only.
func (r *Registry) AdminQueues(ctx context.Context, actor Actor) (*Queues, error) {
	if err := requireAdmin(actor, msg.ActReadQueues); err != nil {
		return nil, err
	}
	reviewers, err := r.Reviewers(ctx, actor)
	if err != nil {
		return nil, err
	}
	q := &Queues{}
	horizon := Date(r.Now().AddDate(1, 0, 0).Format(time.DateOnly))
	for doc, err := range Scan(ctx, r.Store, Query{Kind: KindEntry}) {
		if err != nil {
			return nil, err
		}
		e, err := Decode[Entry](doc)
		if err != nil {
			return nil, err
		}
		switch e.Status {
		case EntryApplied:
			q.Applications = append(q.Applications, e)
		case EntryUnderReview:
			q.UnderReview = append(q.UnderReview, e)
			if err := r.queueCharts(ctx, q, e, reviewers); err != nil {
				return nil, err
			}
		case EntryAdmitted:
			p, err := find[Patent](ctx, r.Store, KindPatent, e.Patent)
			if err != nil {
				return nil, err
			}
			if x := p.Dates.Expiry; x != "" && !horizon.Before(x) {
				q.Expiring = append(q.Expiring, Expiring{Entry: e, Expiry: x})
			}
		}
	}
	ds, err := r.scanDeterminations(ctx, map[string]string{"status": StatusDraft})
	q.Publish = ds
	return q, err
}

// queueCharts puts the charts of entry e's patent on the assign or decide queue.
func (r *Registry) queueCharts(ctx context.Context, q *Queues, e *Entry, reviewers []Candidate) error {
	pool, err := find[Pool](ctx, r.Store, KindPool, e.Pool)
	if err != nil {
		return err
	}
	page, err := r.Store.List(ctx, Query{Kind: KindChart, Where: map[string]string{"patent": e.Patent}, Limit: MaxLimit})
	if err != nil {
		return err
	}
	charts, err := decodePage[Chart](page)
	if err != nil {
		return err
	}
	for _, c := range charts {
		rev := lastSubmitted(c)
		if rev == 0 {
			continue
		}
		all, err := r.scanReviews(ctx, map[string]string{"chart": c.ID})
		if err != nil {
			return err
		}
		a := Awaiting{Pool: pool, Entry: e, Chart: c, Revision: rev}
		submitted := 0
		for _, rv := range all {
			if rv.Pool == e.Pool && rv.Revision == rev && rv.Round == e.Round {
				a.Reviews = append(a.Reviews, rv)
				if rv.Status == ReviewSubmitted {
					submitted++
				}
			}
		}
		switch {
		case len(a.Reviews) < pool.Policy.ReviewersRequired:
			a.Proposed = ProposeReviewers(c, rev, e.Round, reviewers, all)
			q.Assign = append(q.Assign, a)
		case submitted >= pool.Policy.ReviewersRequired:
			if _, err := r.Store.Get(ctx, KindDetermination, RoundID(DeterminationID(e.Pool, c.ID, rev), e.Round)); ErrorCode(err) == ENOTFOUND {
				q.Decide = append(q.Decide, a)
			} else if err != nil {
				return err
			}
		}
	}
	return nil
}

// lastSubmitted is the number of c's newest submitted revision, 0 if none.
func lastSubmitted(c *Chart) int {
	for j := len(c.Revisions) - 1; j >= 0; j-- {
		if c.Revisions[j].Status == RevisionSubmitted {
			return c.Revisions[j].No
		}
	}
	return 0
}

func (r *Registry) scanReviews(ctx context.Context, where map[string]string) ([]*Review, error) {
	return scanAll[Review](ctx, r.Store, KindReview, where)
}

func (r *Registry) scanDeterminations(ctx context.Context, where map[string]string) ([]*Determination, error) {
	return scanAll[Determination](ctx, r.Store, KindDetermination, where)
}

// scanAll reads every record of kind that where selects.
func scanAll[T any, P interface {
	*T
	Record
}](ctx context.Context, s Store, kind Kind, where map[string]string) ([]P, error) {
	var out []P
	for doc, err := range Scan(ctx, s, Query{Kind: kind, Where: where}) {
		if err != nil {
			return nil, err
		}
		p, err := Decode[T, P](doc)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
