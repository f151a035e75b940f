package claimcharts

import (
	"context"
	"encoding/json"

	"sepportal/claimcharts/msg"
)

// Assignment is an administrator's request that a reviewer review one chart
// revision for a pool.
type Assignment struct {
	Pool     string `json:"pool" validate:"required,slug"`
	Chart    string `json:"chart" validate:"required,slug"`
	Revision int    `json:"revision" validate:"min=1"`
	Reviewer string `json:"reviewer" validate:"required,slug"`
}

// Opinion is what a reviewer writes into an assigned review.
type Opinion struct {
	Conflict   Conflict  `json:"conflict"`
	Verdicts   []Verdict `json:"verdicts" validate:"max=200,dive"`
	Conclusion string    `json:"conclusion,omitempty" validate:"omitempty,oneof=essential not_essential unclear"`
	Summary    Text      `json:"summary"`
}

// newReviewID returns a key for a review of revision rev of chart for pool.
// It carries a random suffix, not the reviewer, so that published review
// keys reveal nothing about who reviewed.
func newReviewID(pool, chart string, rev int) string {
	return DeterminationID(pool, chart, rev) + "-" + randomID(4)
}

// Review returns a review as actor may see it (ReviewFor). The public sees
// published reviews, with the reviewer's identity masked unless the pool
// publishes it.
func (r *Registry) Review(ctx context.Context, actor Actor, id string) (*Review, error) {
	rv, err := find[Review](ctx, r.Store, KindReview, id)
	if err != nil {
		return nil, hidden(err, KindReview, id)
	}
	view, ok := r.reviewFor(ctx, actor, rv)
	if !ok {
		return nil, notFound(KindReview, id)
	}
	return view, nil
}

// Reviews lists reviews: all for administrators, their own for reviewers,
// published ones (masked) for everyone else.
func (r *Registry) Reviews(ctx context.Context, actor Actor, opts ListOptions) ([]*Review, string, error) {
	items, next, err := list[Review](ctx, r.Store, KindReview, actor, opts)
	if err != nil {
		return nil, "", err
	}
	out := items[:0]
	for _, rv := range items {
		if view, ok := r.reviewFor(ctx, actor, rv); ok {
			out = append(out, view)
		}
	}
	return out, next, nil
}

// reviewFor returns rv as actor may see it (ReviewFor), reading its pool.
func (r *Registry) reviewFor(ctx context.Context, actor Actor, rv *Review) (*Review, bool) {
	pool, err := find[Pool](ctx, r.Store, KindPool, rv.Pool)
	if err != nil {
		pool = nil
	}
	return ReviewFor(actor, rv, pool)
}

// AssignReview assigns a submitted chart revision to a reviewer; administrators only.
func (r *Registry) AssignReview(ctx context.Context, actor Actor, a Assignment) (*Review, error) {
	if err := requireAdmin(actor, msg.ActAssignReviews); err != nil {
		return nil, err
	}
	if err := Validate(&a); err != nil {
		return nil, err
	}
	if err := r.exists(ctx, KindPool, a.Pool, "pool"); err != nil {
		return nil, err
	}
	c, err := find[Chart](ctx, r.Store, KindChart, a.Chart)
	if err != nil {
		if ErrorCode(err) == ENOTFOUND {
			return nil, Says(EINVALID, msg.MissingChart).With(Because("chart", msg.NotFound, msg.Noun("chart"), quote(a.Chart)))
		}
		return nil, err
	}
	rev, ok := c.Revision(a.Revision)
	if !ok || rev.Status != RevisionSubmitted {
		return nil, Says(EINVALID, msg.SubmittedOnly).With(Because("revision", msg.NoSubmitted, a.Chart, a.Revision))
	}
	round, err := r.round(ctx, a.Pool, c.Patent)
	if err != nil {
		return nil, err
	}
	dup, err := r.Store.List(ctx, Query{Kind: KindReview, Where: map[string]string{"chart": a.Chart, "pool": a.Pool, "reviewer": a.Reviewer}, Limit: MaxLimit})
	if err != nil {
		return nil, err
	}
	for _, d := range dup.Docs {
		var other Review
		if json.Unmarshal(d.Data, &other) == nil && other.Revision == a.Revision && other.Round == round {
			return nil, Says(ECONFLICT, msg.AlreadyAssigned, a.Reviewer, a.Revision, a.Chart, other.ID)
		}
	}
	rv := &Review{ID: newReviewID(a.Pool, a.Chart, a.Revision), Pool: a.Pool, Chart: a.Chart,
		Revision: a.Revision, Reviewer: a.Reviewer, Round: round, Status: ReviewAssigned}
	return rv, create[Review](ctx, r, actor, rv, nil)
}

// loadOwnReview loads a review for a write by its assigned reviewer. A
// submitted review is a conflict, returned with the review so that a
// submit can tell a double submit.
func (r *Registry) loadOwnReview(ctx context.Context, actor Actor, id string, ifMatch int64) (*Review, Doc, error) {
	rv, doc, err := load[Review](ctx, r.Store, KindReview, id)
	if err != nil {
		return nil, Doc{}, hidden(err, KindReview, id)
	}
	if !assignedTo(actor, rv) {
		if !SeesReview(actor, rv) {
			return nil, Doc{}, notFound(KindReview, id)
		}
		return nil, Doc{}, forbidden(actor, msg.ActOthersReview)
	}
	if rv.Status == ReviewSubmitted {
		return rv, Doc{}, Illegal(nil, msg.ReviewFixed, id)
	}
	return rv, doc, checkRev(doc.Rev, ifMatch)
}

// UpdateReview records a reviewer's draft opinion.
func (r *Registry) UpdateReview(ctx context.Context, actor Actor, id string, ifMatch int64, op Opinion) (*Review, error) {
	if err := Validate(&op); err != nil {
		return nil, err
	}
	rv, doc, err := r.loadOwnReview(ctx, actor, id, ifMatch)
	if err != nil {
		return nil, err
	}
	rv.Conflict, rv.Verdicts, rv.Conclusion, rv.Summary, rv.Status = op.Conflict, op.Verdicts, op.Conclusion, op.Summary, ReviewDraft
	if err := Validate(rv); err != nil {
		return nil, err
	}
	return rv, r.save(ctx, actor, rv, doc, "update")
}

// SubmitReview submits a complete review; it never changes afterwards.
// Submitting it again returns it unchanged.
func (r *Registry) SubmitReview(ctx context.Context, actor Actor, id string, ifMatch int64) (*Review, error) {
	rv, doc, err := r.loadOwnReview(ctx, actor, id, ifMatch)
	if err != nil {
		if rv != nil && rv.Status == ReviewSubmitted {
			return rv, nil // a double submit changes nothing
		}
		return nil, err
	}
	c, err := find[Chart](ctx, r.Store, KindChart, rv.Chart)
	if err != nil {
		return nil, err
	}
	rev, ok := c.Revision(rv.Revision)
	if !ok {
		return nil, Internal(notFound(KindChart, rv.Chart))
	}
	if errs := rv.checkSubmittable(rev); len(errs) > 0 {
		return nil, Says(EINVALID, msg.ReviewIncomplete).With(errs...)
	}
	now := r.Now()
	rv.Status, rv.SubmittedAt = ReviewSubmitted, &now
	return rv, r.save(ctx, actor, rv, doc, "submit")
}

// with returns a copy of m with k set to v.
func with(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}
