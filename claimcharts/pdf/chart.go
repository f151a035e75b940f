package pdf

import (
	"context"
	"io"
	"net/url"
	"strconv"
	"strings"

	"sepportal/claimcharts"
)

// Chart is what a claim chart PDF shows: one revision of a chart with its
// patent and standard, and the pool's determination on that revision with
// its reviews, each as the caller may see it.
type Chart struct {
	Patent   *claimcharts.Patent
	Chart    *claimcharts.Chart
	Revision *claimcharts.Revision
	Standard *claimcharts.Standard
	Holder   *claimcharts.Organization
	// Pool and Determination are nil when no determination on the
	// revision is visible to the caller.
	Pool          *claimcharts.Pool
	Determination *claimcharts.Determination
	Reviews       []*claimcharts.Review
}

// LoadChart reads revision no of chart id as actor may see it (no 0: the
// latest revision actor may see, the published one for the public). A
// chart or revision actor may not see is not found, as the Registry says.
func LoadChart(ctx context.Context, reg *claimcharts.Registry, actor claimcharts.Actor, id string, no int) (*Chart, error) {
	return loadChart(ctx, reg, actor, id, no, nil)
}

// loadChart reads a chart revision and the determination on it: det, or
// when nil the first one on the revision actor may see.
func loadChart(ctx context.Context, reg *claimcharts.Registry, actor claimcharts.Actor, id string, no int, det *claimcharts.Determination) (*Chart, error) {
	c, err := reg.Chart(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if no == 0 && len(c.Revisions) > 0 {
		no = c.Revisions[len(c.Revisions)-1].No
	}
	rev, err := reg.ChartRevision(ctx, actor, id, no)
	if err != nil {
		return nil, err
	}
	out := &Chart{Chart: c, Revision: rev}
	if out.Patent, err = reg.Patent(ctx, actor, c.Patent); err != nil {
		return nil, err
	}
	if out.Standard, err = reg.Standard(ctx, actor, c.Standard); err != nil {
		return nil, err
	}
	out.Holder, _ = reg.Organization(ctx, actor, c.Holder)
	if out.Determination = det; det == nil {
		if out.Determination, err = firstDetermination(ctx, reg, actor, id, no); err != nil {
			return nil, err
		}
	}
	if d := out.Determination; d != nil {
		if out.Pool, err = reg.Pool(ctx, actor, d.Pool); err != nil {
			return nil, err
		}
		if out.Reviews, err = loadReviews(ctx, reg, actor, d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// firstDetermination is the first determination on revision no of a chart
// that actor may see, or nil.
func firstDetermination(ctx context.Context, reg *claimcharts.Registry, actor claimcharts.Actor, id string, no int) (*claimcharts.Determination, error) {
	dets, _, err := reg.Determinations(ctx, actor, claimcharts.ListOptions{Where: map[string]string{"chart": id}, Limit: claimcharts.MaxLimit})
	if err != nil {
		return nil, err
	}
	for _, d := range dets {
		if d.Revision == no {
			return d, nil
		}
	}
	return nil, nil
}

// loadReviews reads a determination's reviews that actor may see, masked
// as the Registry masks them.
func loadReviews(ctx context.Context, reg *claimcharts.Registry, actor claimcharts.Actor, d *claimcharts.Determination) ([]*claimcharts.Review, error) {
	var out []*claimcharts.Review
	for _, id := range d.Reviews {
		rv, err := reg.Review(ctx, actor, id)
		if claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rv)
	}
	return out, nil
}

// version is the data version of a claim chart: a hash of the records shown.
func (c *Chart) version() string {
	return claimcharts.DataVersion(c.Patent, c.Chart.ID, c.Revision, c.Standard, c.Determination, c.Reviews)
}

// patentPath is the portal page of a patent.
func patentPath(p *claimcharts.Patent) string {
	return "/patents/" + url.PathEscape(p.Number.String())
}

// poolPath is the portal page of a pool.
func poolPath(slug string) string { return "/pools/" + url.PathEscape(slug) }

// WriteChart writes the claim chart PDF of c.
func WriteChart(w io.Writer, m Meta, c *Chart) error {
	lang := m.lang()
	title := label(lang, "chart_title") + " — " + c.Patent.Number.String() + ", " + label(lang, "claim") + " " + strconv.Itoa(c.Chart.Claim)
	pool := label(lang, "no_pool")
	if c.Pool != nil {
		pool = c.Pool.Name.In(lang)
	}
	d := newDoc(m, page{title: title, pool: pool, asOf: day(m), version: c.version(), link: m.url(patentPath(c.Patent))}, label(lang, "chart_subject"), false, c)
	d.heading(title, 0)
	d.chartBibliography(m, c)
	d.chartElements(c)
	d.determination(m, c.Determination, c.Pool, c.Revision, c.Reviews)
	return d.output(w)
}

// chartBibliography draws the patent's bibliographic data and the chart revision.
func (d *doc) chartBibliography(m Meta, c *Chart) {
	lang, p := d.lang, c.Patent
	d.heading(label(lang, "bibliographic"), 1)
	holder := p.Holder
	if c.Holder != nil {
		holder = c.Holder.Name.In(lang)
	}
	rev := strconv.Itoa(c.Revision.No) + " (" + label(lang, c.Revision.Status) + ")"
	if c.Revision.SubmittedAt != nil {
		rev += " " + c.Revision.SubmittedAt.UTC().Format("2006-01-02")
	}
	claimText := ""
	if cl, ok := p.Claim(c.Chart.Claim); ok {
		claimText = bilingual(cl.Text)
	}
	d.fields([][2]string{
		{label(lang, "patent"), p.Number.String() + "  " + m.url(patentPath(p))},
		{label(lang, "title"), bilingual(p.Title)},
		{label(lang, "holder"), holder},
		{label(lang, "family"), p.Family},
		{label(lang, "type"), label(lang, p.Type)},
		{label(lang, "dates"), patentDates(lang, p.Dates)},
		{label(lang, "legal_status"), label(lang, p.LegalStatus)},
		{label(lang, "standard"), standardName(lang, c.Standard)},
		{label(lang, "claim") + " " + strconv.Itoa(c.Chart.Claim), claimText},
		{label(lang, "revision"), rev},
		{label(lang, "note"), c.Revision.Note},
	})
}

// chartElements draws each claim element beside its standard references
// (label, title, quoted text) and the explanation: a row per mapping.
func (d *doc) chartElements(c *Chart) {
	lang, refs := d.lang, c.Standard.ReferenceLookup()
	d.heading(label(lang, "elements"), 1)
	t := d.startTable(bodySize, column{label(lang, "element"), 3}, column{label(lang, "reference"), 4}, column{label(lang, "explanation"), 3})
	for _, e := range c.Revision.Elements {
		d.bookmark(label(lang, "element") + " " + e.Label)
		maps := e.Mappings
		if len(maps) == 0 {
			maps = []claimcharts.Mapping{{}}
		}
		for j, mp := range maps {
			el := ""
			if j == 0 {
				el = e.Label + "\n" + bilingual(e.Text)
			}
			t.row([]string{el, referenceText(lang, refs, mp), bilingual(mp.Explanation)}, "")
		}
	}
	d.endTable()
}

// referenceText is a mapped reference: its label and title (found by
// refs, a lookup of the standard's references), then the quote.
func referenceText(lang string, refs func(label string) (claimcharts.Reference, bool), mp claimcharts.Mapping) string {
	if mp.Ref == "" {
		return ""
	}
	head := mp.Ref
	if ref, ok := refs(mp.Ref); ok && !ref.Title.IsZero() {
		head += " " + ref.Title.In(lang)
	}
	if mp.Quote == "" {
		return head
	}
	return head + "\n“" + mp.Quote + "”"
}

// determination draws the pool's determination on a revision and the
// findings of its reviews per element.
func (d *doc) determination(m Meta, det *claimcharts.Determination, pool *claimcharts.Pool, rev *claimcharts.Revision, reviews []*claimcharts.Review) {
	lang := d.lang
	d.heading(label(lang, "determination"), 1)
	if det == nil {
		d.para(label(lang, "no_determination"), bodySize, false, "")
		return
	}
	published := ""
	if det.PublishedAt != nil {
		published = det.PublishedAt.UTC().Format("2006-01-02")
	}
	poolName := det.Pool
	if pool != nil {
		poolName = pool.Name.In(lang) + "  " + m.url(poolPath(pool.Slug))
	}
	d.fields([][2]string{
		{label(lang, "pool"), poolName},
		{label(lang, "result"), label(lang, det.Result)},
		{label(lang, "rule"), label(lang, det.Rule)},
		{label(lang, "decided_on"), string(det.DecidedOn)},
		{label(lang, "published"), published},
		{label(lang, "note"), bilingual(det.Note)},
	})
	if len(reviews) == 0 {
		return
	}
	d.heading(label(lang, "findings"), 1)
	t := d.startTable(bodySize, column{label(lang, "element"), 2}, column{label(lang, "reviewer"), 2}, column{label(lang, "verdict"), 1.5}, column{label(lang, "note"), 4.5})
	for _, e := range rev.Elements {
		for i, rv := range reviews {
			v := verdictFor(rv, e.Label)
			t.row([]string{e.Label, reviewerName(lang, rv.Reviewer, i+1), label(lang, v.Result), bilingual(v.Note)}, "")
		}
	}
	d.endTable()
}

// verdictFor returns a review's verdict on an element.
func verdictFor(rv *claimcharts.Review, element string) claimcharts.Verdict {
	for _, v := range rv.Verdicts {
		if v.Element == element {
			return v
		}
	}
	return claimcharts.Verdict{Element: element}
}

// bilingual shows both languages of a text, Chinese first, when they differ.
func bilingual(t claimcharts.Text) string {
	zh, en := strings.TrimSpace(t.Zh), strings.TrimSpace(t.En)
	switch {
	case zh == "" || zh == en:
		return en
	case en == "":
		return zh
	}
	return zh + "\n" + en
}

// patentDates lists a patent's known dates.
func patentDates(lang string, ds claimcharts.Dates) string {
	var parts []string
	for _, p := range []struct {
		key string
		d   claimcharts.Date
	}{{"date_priority", ds.Priority}, {"date_filing", ds.Filing}, {"date_grant", ds.Grant}, {"date_expiry", ds.Expiry}} {
		if p.d != "" {
			parts = append(parts, label(lang, p.key)+" "+string(p.d))
		}
	}
	return strings.Join(parts, "; ")
}

// standardName is "IEEE 802.11ax 2021 — title".
func standardName(lang string, s *claimcharts.Standard) string {
	name := strings.TrimSpace(s.Body + " " + s.Number + " " + s.Version)
	if t := s.Title.In(lang); t != "" {
		name += " — " + t
	}
	return name
}
