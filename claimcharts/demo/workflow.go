package demo

import (
	"context"
	"strconv"
	"strings"

	"sepportal/claimcharts"
)

// member takes a patent through its scenario: chart, application, review,
// determination and the moves on PoolSlug's list, each step skipped when
// it is done already.
func (l *loader) member(ctx context.Context, f *family, m *member) error {
	sc := scenarios[m.Scenario]
	if sc.chart == "" {
		return nil
	}
	chart, rev, err := l.chart(ctx, f, m, sc.chart)
	if err != nil || !sc.apply {
		return err
	}
	if err := l.apply(ctx, f, m, PoolSlug); err != nil {
		return err
	}
	if err := l.advance(ctx, m, claimcharts.EntryUnderReview); err != nil {
		return err
	}
	for i, id := range reviewers[f.Standard] {
		if sc.reviews[i] == "" {
			continue
		}
		if err := l.review(ctx, m, chart, rev, id, sc.reviews[i]); err != nil {
			return err
		}
	}
	if sc.decision != "" {
		if err := l.decide(ctx, m, chart, rev, sc.decision); err != nil {
			return err
		}
	}
	if err := l.advance(ctx, m, claimcharts.EntryRemoved); err != nil {
		return err
	}
	for _, pool := range m.AlsoApply {
		if err := l.apply(ctx, f, m, pool); err != nil {
			return err
		}
	}
	return nil
}

// chart creates the holder's chart of claim 1 and submits it (or leaves it a
// draft), with a second revision when planned. It returns the chart id and
// the revision that is reviewed.
func (l *loader) chart(ctx context.Context, f *family, m *member, status string) (string, int, error) {
	id := claimcharts.ChartID(m.key, 1, f.Standard)
	holder := licensor(f.Holder)
	ok, err := l.exists(ctx, claimcharts.KindChart, id)
	if err == nil && !ok {
		_, err = l.reg.CreateChart(ctx, holder, claimcharts.NewChart{Patent: m.Number, Claim: 1, Standard: f.Standard,
			Note: "Claim 1 against the demo excerpt. / 权利要求1与演示摘录的对照。", Elements: f.Elements})
	}
	if err != nil || status == claimcharts.RevisionDraft {
		return id, 1, err
	}
	c, err := l.reg.Chart(ctx, holder, id)
	if err != nil {
		return id, 1, err
	}
	if c, err = l.submit(ctx, c, 1); err != nil || m.Revision2 == nil {
		return id, 1, err
	}
	if len(c.Revisions) < 2 {
		in := claimcharts.RevisionInput{Note: m.Revision2.Note, Elements: f.revision2(m)}
		if c, err = l.reg.AddRevision(ctx, holder, id, 0, in); err != nil {
			return id, 2, err
		}
	}
	_, err = l.submit(ctx, c, 2)
	return id, 2, err
}

// submit submits revision no of c unless it is submitted already.
func (l *loader) submit(ctx context.Context, c *claimcharts.Chart, no int) (*claimcharts.Chart, error) {
	if rev, ok := c.Revision(no); ok && rev.Status == claimcharts.RevisionSubmitted {
		return c, nil
	}
	return l.reg.SubmitRevision(ctx, licensor(c.Holder), c.ID, no, 0)
}

// apply makes the holder's application to pool unless it exists.
func (l *loader) apply(ctx context.Context, f *family, m *member, pool string) error {
	ok, err := l.exists(ctx, claimcharts.KindEntry, claimcharts.EntryKey(pool, m.key))
	if err != nil || ok {
		return err
	}
	// Licensors apply to published pools; the draft pool's applications are
	// entered by its administrator.
	actor := licensor(f.Holder)
	if pool != PoolSlug {
		actor = claimcharts.System
	}
	_, err = l.reg.Apply(ctx, actor, pool, claimcharts.Application{Patent: m.Number, Date: m.Entry.appliedOn(),
		Note: "Application with a claim chart of claim 1. / 附权利要求1对照表申请入池。"})
	return err
}

// entryRank orders entry statuses along the workflow.
var entryRank = map[string]int{claimcharts.EntryApplied: 0, claimcharts.EntryUnderReview: 1,
	claimcharts.EntryAdmitted: 2, claimcharts.EntryRemoved: 3}

// advance makes the planned moves of m's entry on PoolSlug that are past its
// status and not past until.
func (l *loader) advance(ctx context.Context, m *member, until string) error {
	e, err := l.reg.Entry(ctx, claimcharts.System, PoolSlug, m.Number)
	if err != nil {
		return err
	}
	for _, ch := range m.Entry.steps() {
		if entryRank[ch.Status] <= entryRank[e.Status] || entryRank[ch.Status] > entryRank[until] {
			continue
		}
		if e, err = l.reg.MoveEntry(ctx, claimcharts.System, PoolSlug, m.Number, 0, ch); err != nil {
			return err
		}
	}
	return nil
}

// review brings reviewer id's review of the chart revision for PoolSlug to
// status: assigned, draft (a partial opinion) or submitted.
func (l *loader) review(ctx context.Context, m *member, chart string, rev int, id, status string) error {
	actor := reviewer(id)
	rv, err := l.findReview(ctx, actor, chart, rev)
	if err == nil && rv == nil {
		rv, err = l.reg.AssignReview(ctx, claimcharts.System, claimcharts.Assignment{Pool: PoolSlug, Chart: chart, Revision: rev, Reviewer: id})
	}
	if err != nil || status == claimcharts.ReviewAssigned || rv.Status == claimcharts.ReviewSubmitted {
		return err
	}
	if rv.Status == claimcharts.ReviewAssigned {
		r, err := l.reg.ChartRevision(ctx, claimcharts.System, chart, rev)
		if err != nil {
			return err
		}
		if rv, err = l.reg.UpdateReview(ctx, actor, rv.ID, 0, opinion(r, m.NotMet, status)); err != nil {
			return err
		}
	}
	if status == claimcharts.ReviewSubmitted {
		_, err = l.reg.SubmitReview(ctx, actor, rv.ID, 0)
	}
	return err
}

// findReview returns actor's review of revision rev of chart for PoolSlug, or nil.
func (l *loader) findReview(ctx context.Context, actor claimcharts.Actor, chart string, rev int) (*claimcharts.Review, error) {
	items, _, err := l.reg.Reviews(ctx, actor, claimcharts.ListOptions{
		Where: map[string]string{"pool": PoolSlug, "chart": chart}, Limit: claimcharts.MaxLimit})
	for _, rv := range items {
		if rv.Revision == rev {
			return rv, err
		}
	}
	return nil, err
}

// conflictFree is every demo reviewer's conflict-of-interest declaration.
var conflictFree = claimcharts.Conflict{Declared: true, None: true,
	Statement: "No ties to the holder or its competitors in the last five years (demo declaration). / 近五年与专利权人及其竞争者无利害关系（示例声明）。"}

// opinion writes a reviewer's opinion on a revision: a verdict on every
// element, met unless notMet has a note for it, and the conclusion that
// follows; for a draft, verdicts on the first two elements and no conclusion.
func opinion(rev *claimcharts.Revision, notMet map[string]claimcharts.Text, status string) claimcharts.Opinion {
	op := claimcharts.Opinion{Conflict: conflictFree}
	var failed []string
	for i, e := range rev.Elements {
		if status == claimcharts.ReviewDraft && i == 2 {
			break
		}
		v := claimcharts.Verdict{Element: e.Label, Result: "met", Note: metNote(e)}
		if note, ok := notMet[e.Label]; ok {
			v.Result, v.Note = "not_met", note
			failed = append(failed, e.Label)
		}
		op.Verdicts = append(op.Verdicts, v)
	}
	n := strconv.Itoa(len(rev.Elements))
	switch {
	case status == claimcharts.ReviewDraft:
		op.Summary = claimcharts.Text{Zh: "审查意见草稿，审查进行中。（虚构演示审查意见）", En: "Draft opinion; the review is in progress. (Fictitious demo review.)"}
	case len(failed) > 0:
		op.Conclusion = claimcharts.NotEssential
		els := strings.Join(failed, ", ")
		op.Summary = claimcharts.Text{Zh: "要素 " + els + " 未满足，权利要求1非必要。（虚构演示审查意见）",
			En: "Element " + els + " is not met; claim 1 is not essential. (Fictitious demo review.)"}
	default:
		op.Conclusion = claimcharts.Essential
		op.Summary = claimcharts.Text{Zh: "权利要求1的全部" + n + "个要素均由所引标准条文满足，权利要求1为必要权利要求。（虚构演示审查意见）",
			En: "All " + n + " elements of claim 1 are met by the cited parts of the standard; claim 1 is essential. (Fictitious demo review.)"}
	}
	return op
}

// metNote is a reviewer's note on an element the standard's cited parts require.
func metNote(e claimcharts.Element) claimcharts.Text {
	refs := make([]string, len(e.Mappings))
	for i, m := range e.Mappings {
		refs[i] = m.Ref
	}
	cited := strings.Join(refs, ", ")
	return claimcharts.Text{Zh: "满足：" + cited + " 将该特征规定为符合标准的实现所必须具备的内容。",
		En: "Met: " + cited + " make the feature mandatory for a conforming implementation."}
}

// decide has PoolSlug decide on the chart revision, dated as planned, and
// publishes the determination when status says so.
func (l *loader) decide(ctx context.Context, m *member, chart string, rev int, status string) error {
	id := claimcharts.DeterminationID(PoolSlug, chart, rev)
	ok, err := l.exists(ctx, claimcharts.KindDetermination, id)
	if err != nil {
		return err
	}
	if !ok {
		on := m.Entry.Decided
		if on == "" {
			on = m.Entry.Admitted
		}
		_, err = l.reg.Decide(ctx, claimcharts.System, claimcharts.DecisionRequest{Pool: PoolSlug, Chart: chart, Revision: rev, DecidedOn: on,
			Note: claimcharts.Text{Zh: "依本池“一致同意”规则，根据两份独立审查意见作出。（虚构演示审查结果）",
				En: "Decided under the pool's unanimous rule from two independent reviews. (Fictitious demo determination.)"}})
		if err != nil {
			return err
		}
	}
	if status != claimcharts.StatusPublished {
		return nil
	}
	d, err := l.reg.Determination(ctx, claimcharts.System, id)
	if err == nil && d.Status != claimcharts.StatusPublished {
		_, err = l.reg.PublishDetermination(ctx, claimcharts.System, id, 0)
	}
	return err
}
