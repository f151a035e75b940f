package pdf

import (
	"context"
	"io"
	"strconv"

	"sepportal/claimcharts"
)

// LoadReviewReport reads a determination and what its report shows (the
// chart revision decided on, its patent and standard, the reviews) as
// actor may see them; a determination actor may not see is not found.
func LoadReviewReport(ctx context.Context, reg *claimcharts.Registry, actor claimcharts.Actor, id string) (*Chart, error) {
	det, err := reg.Determination(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return loadChart(ctx, reg, actor, det.Chart, det.Revision, det)
}

// WriteReviewReport writes the review report of c's determination: the
// determination, then each review with its conflict declaration,
// conclusion and verdict per claim element.
func WriteReviewReport(w io.Writer, m Meta, c *Chart) error {
	lang, det := m.lang(), c.Determination
	title := label(lang, "report_title") + " — " + c.Patent.Number.String() + ", " + label(lang, "claim") + " " + strconv.Itoa(c.Chart.Claim)
	pool := det.Pool
	if c.Pool != nil {
		pool = c.Pool.Name.In(lang)
	}
	d := newDoc(m, page{title: title, pool: pool, asOf: day(m), version: c.version(), link: m.url(patentPath(c.Patent))}, label(lang, "report_subject"), false, c)
	d.heading(title, 0)
	d.fields([][2]string{
		{label(lang, "patent"), c.Patent.Number.String() + "  " + m.url(patentPath(c.Patent))},
		{label(lang, "title"), bilingual(c.Patent.Title)},
		{label(lang, "standard"), standardName(lang, c.Standard)},
		{label(lang, "revision"), strconv.Itoa(c.Revision.No)},
	})
	d.determination(m, det, c.Pool, c.Revision, nil)
	for i, rv := range c.Reviews {
		d.review(c.Revision, rv, i+1)
	}
	return d.output(w)
}

// review draws one review: who (masked unless the pool publishes
// reviewers), the conflict declaration, the conclusion and the verdicts.
func (d *doc) review(rev *claimcharts.Revision, rv *claimcharts.Review, n int) {
	lang := d.lang
	d.heading(reviewerName(lang, rv.Reviewer, n), 1)
	conflict := rv.Conflict.Statement
	if rv.Conflict.None {
		conflict = label(lang, "conflict_none")
	}
	submitted := ""
	if rv.SubmittedAt != nil {
		submitted = rv.SubmittedAt.UTC().Format("2006-01-02")
	}
	d.fields([][2]string{
		{label(lang, "conflict"), conflict},
		{label(lang, "conclusion"), label(lang, rv.Conclusion)},
		{label(lang, "summary"), bilingual(rv.Summary)},
		{label(lang, "submitted_on"), submitted},
	})
	t := d.startTable(bodySize, column{label(lang, "element"), 4}, column{label(lang, "verdict"), 1.2}, column{label(lang, "note"), 4})
	for _, e := range rev.Elements {
		v := verdictFor(rv, e.Label)
		t.row([]string{e.Label + "\n" + bilingual(e.Text), label(lang, v.Result), bilingual(v.Note)}, "")
	}
	d.endTable()
}
