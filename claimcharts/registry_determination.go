package claimcharts

import (
	"context"
	"strconv"

	"sepportal/claimcharts/msg"
)

// DecisionRequest asks the pool to decide on one chart revision.
type DecisionRequest struct {
	Pool      string `json:"pool" validate:"required,slug"`
	Chart     string `json:"chart" validate:"required,slug"`
	Revision  int    `json:"revision" validate:"min=1"`
	DecidedOn Date   `json:"decided_on,omitempty" validate:"omitempty,date"`
	Note      Text   `json:"note"`
}

// DeterminationID is the key of pool's determination on a chart revision.
func DeterminationID(pool, chart string, rev int) string {
	return pool + "-" + chart + "-r" + strconv.Itoa(rev)
}

// RoundID is the key of a record of review round round: id itself for the
// first round (0), id with "-round" and the round's number after it for
// the rounds challenges reopened.
func RoundID(id string, round int) string {
	if round == 0 {
		return id
	}
	return id + "-round" + strconv.Itoa(round)
}

// Determination returns a determination visible to actor.
func (r *Registry) Determination(ctx context.Context, actor Actor, id string) (*Determination, error) {
	d, err := find[Determination](ctx, r.Store, KindDetermination, id)
	if err != nil {
		return nil, hidden(err, KindDetermination, id)
	}
	if !SeesDetermination(actor, d) {
		return nil, notFound(KindDetermination, id)
	}
	return d, nil
}

// Determinations lists determinations visible to actor.
func (r *Registry) Determinations(ctx context.Context, actor Actor, opts ListOptions) ([]*Determination, string, error) {
	opts, err := r.patentFilter(ctx, opts)
	if err != nil {
		return nil, "", err
	}
	return list[Determination](ctx, r.Store, KindDetermination, actor, opts)
}

// Decide creates a draft determination from the submitted reviews of a chart
// revision under the pool's rule; administrators only.
func (r *Registry) Decide(ctx context.Context, actor Actor, req DecisionRequest) (*Determination, error) {
	if err := requireAdmin(actor, msg.ActDecide); err != nil {
		return nil, err
	}
	if err := Validate(&req); err != nil {
		return nil, err
	}
	pool, err := find[Pool](ctx, r.Store, KindPool, req.Pool)
	if err != nil {
		return nil, hidden(err, KindPool, req.Pool)
	}
	c, err := find[Chart](ctx, r.Store, KindChart, req.Chart)
	if err != nil {
		return nil, hidden(err, KindChart, req.Chart)
	}
	page, err := r.Store.List(ctx, Query{Kind: KindReview, Where: map[string]string{"chart": req.Chart, "pool": req.Pool, "status": ReviewSubmitted}, Limit: MaxLimit})
	if err != nil {
		return nil, err
	}
	reviews, err := decodePage[Review](page)
	if err != nil {
		return nil, err
	}
	round, err := r.round(ctx, req.Pool, c.Patent)
	if err != nil {
		return nil, err
	}
	var ids, conclusions []string
	for _, rv := range reviews {
		if rv.Revision == req.Revision && rv.Round == round {
			ids, conclusions = append(ids, rv.ID), append(conclusions, rv.Conclusion)
		}
	}
	result, err := Decide(pool.Policy, conclusions)
	if err != nil {
		return nil, err
	}
	if req.DecidedOn == "" {
		req.DecidedOn = Date(r.Now().Format("2006-01-02"))
	}
	d := &Determination{ID: RoundID(DeterminationID(req.Pool, req.Chart, req.Revision), round), Pool: req.Pool, Patent: c.Patent, Chart: req.Chart,
		Revision: req.Revision, Round: round, Reviews: ids, Rule: pool.Policy.Rule, Result: result, Status: StatusDraft, Note: req.Note, DecidedOn: req.DecidedOn}
	return d, create[Determination](ctx, r, actor, d, nil)
}

// UpdateDetermination changes the note or date of a draft determination.
func (r *Registry) UpdateDetermination(ctx context.Context, actor Actor, id string, ifMatch int64, note Text, decidedOn Date) (*Determination, error) {
	if err := requireAdmin(actor, msg.ActChangeDecisions); err != nil {
		return nil, err
	}
	d, doc, err := loadForWrite[Determination](ctx, r.Store, KindDetermination, id, id, ifMatch)
	if err != nil {
		return nil, err
	}
	if d.Status == StatusPublished {
		return nil, Illegal(nil, msg.DecisionFixed, id)
	}
	d.Note = note
	if decidedOn != "" {
		d.DecidedOn = decidedOn
	}
	if err := Validate(d); err != nil {
		return nil, err
	}
	return d, r.save(ctx, actor, d, doc, "update")
}

// PublishDetermination publishes a determination, the chart revision it
// judged, the reviews it relied on and the patent (with its family), so that
// a result is never public about a patent the public cannot see; whatever
// the result, review results are what the pool discloses. Administrators only. Publishing is
// idempotent: calling it again completes a publication a crash interrupted.
func (r *Registry) PublishDetermination(ctx context.Context, actor Actor, id string, ifMatch int64) (*Determination, error) {
	if err := requireAdmin(actor, msg.ActPublishDecisions); err != nil {
		return nil, err
	}
	d, doc, err := loadForWrite[Determination](ctx, r.Store, KindDetermination, id, id, ifMatch)
	if err != nil {
		return nil, err
	}
	newly := d.Status != StatusPublished
	if newly {
		now := r.Now()
		d.Status, d.PublishedAt = StatusPublished, &now
		if err := r.save(ctx, actor, d, doc, "publish"); err != nil {
			return nil, err
		}
	}
	if err := r.publishPatent(ctx, actor, d.Patent); err != nil {
		return nil, err
	}
	if err := r.publishChart(ctx, actor, d.Chart, d.Revision); err != nil {
		return nil, err
	}
	for _, rid := range d.Reviews {
		if err := r.publishReview(ctx, actor, rid); err != nil {
			return nil, err
		}
	}
	if newly {
		return d, r.emit(ctx, Event{Type: EventDeterminationPublished, Pool: d.Pool, Patent: d.Patent, Record: d})
	}
	return d, nil
}

func (r *Registry) publishChart(ctx context.Context, actor Actor, id string, rev int) error {
	c, doc, err := load[Chart](ctx, r.Store, KindChart, id)
	if err != nil || c.PublishedRevision >= rev {
		return err
	}
	c.PublishedRevision = rev
	return r.save(ctx, actor, c, doc, "publish")
}

func (r *Registry) publishReview(ctx context.Context, actor Actor, id string) error {
	rv, doc, err := load[Review](ctx, r.Store, KindReview, id)
	if err != nil || rv.Published {
		return err
	}
	rv.Published = true
	return r.save(ctx, actor, rv, doc, "publish")
}
