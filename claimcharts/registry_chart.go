package claimcharts

import (
	"context"
	"strconv"

	"sepportal/claimcharts/msg"
)

// NewChart is what a licensor submits to start a chart: the claim of a
// patent, the standard it reads on, and the first revision's content.
type NewChart struct {
	Patent   string    `json:"patent" validate:"required,max=200"`
	Claim    int       `json:"claim" validate:"min=1"`
	Standard string    `json:"standard" validate:"required,slug"`
	Note     string    `json:"note,omitempty" validate:"max=2000"`
	Elements []Element `json:"elements" validate:"min=1,max=200,dive"`
}

// RevisionInput is the content of a chart revision.
type RevisionInput struct {
	Note     string    `json:"note,omitempty" validate:"max=2000"`
	Elements []Element `json:"elements" validate:"min=1,max=200,dive"`
}

// Chart returns a chart as actor may see it (ChartFor): the public sees
// only the published revision; the holder and administrators see all, an
// assigned reviewer the revisions assigned to it and the published one.
func (r *Registry) Chart(ctx context.Context, actor Actor, id string) (*Chart, error) {
	c, err := find[Chart](ctx, r.Store, KindChart, id)
	if err != nil {
		return nil, hidden(err, KindChart, id)
	}
	return r.chartFor(ctx, actor, c)
}

// chartFor returns c as actor may see it, or not-found.
func (r *Registry) chartFor(ctx context.Context, actor Actor, c *Chart) (*Chart, error) {
	reviews, err := r.assignments(ctx, actor, c.ID)
	if err != nil {
		return nil, err
	}
	view, ok := ChartFor(actor, c, reviews)
	if !ok {
		return nil, notFound(KindChart, c.ID)
	}
	return view, nil
}

// assignments returns the reviews on the charts when actor's rights
// depend on them (NeedsAssignments), and nothing otherwise.
func (r *Registry) assignments(ctx context.Context, actor Actor, charts ...string) ([]*Review, error) {
	if !NeedsAssignments(actor) {
		return nil, nil
	}
	var out []*Review
	for _, c := range charts {
		page, err := r.Store.List(ctx, Query{Kind: KindReview, Where: map[string]string{"chart": c}, Limit: MaxLimit})
		if err != nil {
			return nil, err
		}
		reviews, err := decodePage[Review](page)
		if err != nil {
			return nil, err
		}
		out = append(out, reviews...)
	}
	return out, nil
}

// Charts lists charts visible to actor, filtered by patent, standard or
// holder, each as actor may see it.
func (r *Registry) Charts(ctx context.Context, actor Actor, opts ListOptions) ([]*Chart, string, error) {
	opts, err := r.patentFilter(ctx, opts)
	if err != nil {
		return nil, "", err
	}
	items, next, err := list[Chart](ctx, r.Store, KindChart, actor, opts)
	if err != nil {
		return nil, "", err
	}
	out := items[:0]
	for _, c := range items {
		if view, ok := ChartFor(actor, c, nil); ok {
			out = append(out, view)
		}
	}
	return out, next, nil
}

// CreateChart starts a chart with a draft first revision; administrators, or
// the licensor holding the patent.
func (r *Registry) CreateChart(ctx context.Context, actor Actor, in NewChart) (*Chart, error) {
	if err := Validate(&in); err != nil {
		return nil, err
	}
	p, err := r.writablePatent(ctx, actor, in.Patent, msg.ActWriteChartsFor)
	if err != nil {
		return nil, err
	}
	key := p.Key()
	c := &Chart{ID: ChartID(key, in.Claim, in.Standard), Patent: key, Claim: in.Claim, Standard: in.Standard, Holder: p.Holder,
		Revisions: []Revision{{No: 1, Status: RevisionDraft, Note: in.Note, Elements: in.Elements}}}
	if err := r.checkChart(ctx, c, p); err != nil {
		return nil, err
	}
	return c, r.save(ctx, actor, c, Doc{}, "create")
}

// checkChart validates a chart's shape and its meaning against its patent
// (nil to load it) and standard.
func (r *Registry) checkChart(ctx context.Context, c *Chart, p *Patent) error {
	if err := Validate(c); err != nil {
		return err
	}
	if p == nil {
		var err error
		if p, err = find[Patent](ctx, r.Store, KindPatent, c.Patent); err != nil {
			return err
		}
	}
	s, err := find[Standard](ctx, r.Store, KindStandard, c.Standard)
	if err != nil {
		if ErrorCode(err) == ENOTFOUND {
			return Says(EINVALID, msg.MissingStandard).With(Because("standard", msg.NotFound, msg.Noun("standard"), quote(c.Standard)))
		}
		return err
	}
	if errs := c.checkAgainst(p, s); len(errs) > 0 {
		return Says(EINVALID, msg.ChartMismatch).With(errs...)
	}
	return nil
}

// loadChartFor loads a chart for a write by actor and checks its revision.
func (r *Registry) loadChartFor(ctx context.Context, actor Actor, id string, ifMatch int64) (*Chart, Doc, error) {
	c, doc, err := load[Chart](ctx, r.Store, KindChart, id)
	if err != nil {
		return nil, Doc{}, hidden(err, KindChart, id)
	}
	if !CanWriteHolder(actor, c.Holder) {
		if _, err := r.chartFor(ctx, actor, c); err != nil {
			return nil, Doc{}, err
		}
		return nil, Doc{}, forbidden(actor, msg.ActReviseChartsOf, quote(c.Holder))
	}
	return c, doc, checkRev(doc.Rev, ifMatch)
}

// AddRevision starts a new draft revision; the latest must be submitted.
func (r *Registry) AddRevision(ctx context.Context, actor Actor, id string, ifMatch int64, in RevisionInput) (*Chart, error) {
	if err := Validate(&in); err != nil {
		return nil, err
	}
	c, doc, err := r.loadChartFor(ctx, actor, id, ifMatch)
	if err != nil {
		return nil, err
	}
	if last := c.Latest(); last.Status != RevisionSubmitted {
		return nil, Illegal([]string{StepUpdateDraft, StepSubmit}, msg.RevisionDraft, last.No, id)
	}
	c.Revisions = append(c.Revisions, Revision{No: len(c.Revisions) + 1, Status: RevisionDraft, Note: in.Note, Elements: in.Elements})
	if err := r.checkChart(ctx, c, nil); err != nil {
		return nil, err
	}
	return c, r.save(ctx, actor, c, doc, "revise")
}

// EditRevision replaces the content of a draft revision. Submitted
// revisions never change.
func (r *Registry) EditRevision(ctx context.Context, actor Actor, id string, no int, ifMatch int64, in RevisionInput) (*Chart, error) {
	if err := Validate(&in); err != nil {
		return nil, err
	}
	c, doc, err := r.loadChartFor(ctx, actor, id, ifMatch)
	if err != nil {
		return nil, err
	}
	rev, err := draftRevision(c, no)
	if err != nil {
		return nil, err
	}
	rev.Note, rev.Elements = in.Note, in.Elements
	if err := r.checkChart(ctx, c, nil); err != nil {
		return nil, err
	}
	return c, r.save(ctx, actor, c, doc, "update")
}

// SubmitRevision submits a draft revision for review; it is immutable from then on.
func (r *Registry) SubmitRevision(ctx context.Context, actor Actor, id string, no int, ifMatch int64) (*Chart, error) {
	c, doc, err := r.loadChartFor(ctx, actor, id, ifMatch)
	if err != nil {
		return nil, err
	}
	rev, err := draftRevision(c, no)
	if err != nil {
		return nil, err
	}
	now := r.Now()
	rev.Status, rev.SubmittedAt = RevisionSubmitted, &now
	if err := r.checkChart(ctx, c, nil); err != nil {
		return nil, err
	}
	return c, r.save(ctx, actor, c, doc, "submit")
}

func draftRevision(c *Chart, no int) (*Revision, error) {
	rev, ok := c.Revision(no)
	if !ok {
		return nil, Says(ENOTFOUND, msg.NoRevision, c.ID, strconv.Itoa(no))
	}
	if rev.Status != RevisionDraft {
		return nil, Illegal([]string{StepNewRevision}, msg.RevisionFixed, no, c.ID)
	}
	return rev, nil
}

// ChartRevision returns one revision of a chart visible to actor.
func (r *Registry) ChartRevision(ctx context.Context, actor Actor, id string, no int) (*Revision, error) {
	c, err := r.Chart(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if rev, ok := c.Revision(no); ok {
		return rev, nil
	}
	return nil, Says(ENOTFOUND, msg.NoRevision, id, strconv.Itoa(no))
}
