package lists

import (
	"context"
	"strconv"
	"strings"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// A charts list has one row per element mapping: patent, claim, standard,
// optionally the revision with its status and note, the element's label
// and text, and the standard reference it maps to with the quoted text and
// an explanation. The rows of one chart (patent, claim, standard) come
// together; the rows of one element too. A chart's submitted revisions
// never change: a file that changes one is refused for that chart, and a
// file without a revision column revises the draft, or starts a new draft
// revision when the latest is submitted and differs.

// maxChartRows caps the rows of one chart (200 elements × 50 mappings, twice).
const maxChartRows = 20_000

type chartHandler struct {
	im    *importer
	group []Row
	key   string
	// done holds the charts whose rows have ended, by group key, with the
	// row they began at.
	done map[string]int
	// refs holds the references of the standards the charts map to, by
	// slug: each standard's lookup is built once for the import.
	refs map[string]standardRefs
}

// standardRefs is what a chart's rows need of its standard: its slug, to
// read a citation, and a lookup of its references by label.
type standardRefs struct {
	slug string
	find func(label string) (claimcharts.Reference, bool)
}

var revisionStatuses = choice{"draft": claimcharts.RevisionDraft, "草稿": claimcharts.RevisionDraft, "submitted": claimcharts.RevisionSubmitted, "已提交": claimcharts.RevisionSubmitted, "提交": claimcharts.RevisionSubmitted}

func (h *chartHandler) row(ctx context.Context, row Row) error {
	key := chartGroupKey(row)
	if len(h.group) > 0 && key == h.key {
		if len(h.group) >= maxChartRows {
			h.im.rejectIssue(RowIssue{Row: row.Line}.says(msg.ChartMaxRows, maxChartRows))
			return nil
		}
		h.group = append(h.group, row)
		return nil
	}
	if err := h.finish(ctx); err != nil {
		return err
	}
	if h.done == nil {
		h.done = map[string]int{}
	}
	if first, ok := h.done[key]; ok {
		h.im.rejectIssue(RowIssue{Row: row.Line, Column: h.im.header("patent")}.says(msg.ChartRowsTogether, first))
		return nil
	}
	h.done[key] = row.Line
	h.group, h.key = []Row{row}, key
	return nil
}

// finish stages the chart whose rows were read last.
func (h *chartHandler) finish(ctx context.Context) error {
	if len(h.group) == 0 {
		return nil
	}
	g := h.group
	h.group = nil
	lines := make([]int, len(g))
	for i, r := range g {
		lines[i] = r.Line
	}
	return h.im.unit(lines, func() error { return h.chart(ctx, g) })
}

// chartGroupKey names the chart a row belongs to, as the row writes it.
func chartGroupKey(row Row) string {
	p := cell(row, "patent")
	if n, err := claimcharts.ParseNumber(p); err == nil {
		p = n.Key()
	}
	return p + "\x00" + cell(row, "claim") + "\x00" + strings.ToLower(cell(row, "standard"))
}

// chart stages the chart of a group of rows.
func (h *chartHandler) chart(ctx context.Context, g []Row) error {
	im, first := h.im, g[0]
	p, err := h.patent(ctx, cell(first, "patent"))
	if err != nil {
		return err
	}
	claim, err := strconv.Atoi(cell(first, "claim"))
	if err != nil || claim < 1 {
		return cellSays("claim", cell(first, "claim"), msg.ClaimFromOne)
	}
	std := claimcharts.ResolveStandard(cell(first, "standard"), im.standards)
	if std == "" {
		return cellSays("standard", cell(first, "standard"), msg.ChartOneStandard)
	}
	revs, err := h.revisions(g, h.standardRefs(std))
	if err != nil {
		return err
	}
	id := claimcharts.ChartID(p.Key(), claim, std)
	c, prev, err := claimcharts.Load[claimcharts.Chart](ctx, im.sr.Store, claimcharts.KindChart, id)
	switch {
	case claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND:
		c = &claimcharts.Chart{ID: id, Patent: p.Key(), Claim: claim, Standard: std}
	case err != nil:
		return err
	}
	c.Holder = p.Holder
	if err := mergeRevisions(c, revs, im.r.Now()); err != nil {
		return err
	}
	if err := im.sr.CheckChart(ctx, c, p); err != nil {
		return err
	}
	return im.put(ctx, c, prev)
}

// patent loads the chart's patent, which the actor must be able to write.
func (h *chartHandler) patent(ctx context.Context, v string) (*claimcharts.Patent, error) {
	n, err := claimcharts.ParseNumber(v)
	if err != nil {
		return nil, cellErr("patent", v, err)
	}
	p, _, err := h.im.sr.FindPatent(ctx, n)
	if err == nil && !claimcharts.SeesPatent(h.im.actor, p, nil) {
		err = claimcharts.Errorf(claimcharts.ENOTFOUND, "no patent %s", v) // answered as a patent that does not exist
	}
	switch {
	case claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND:
		return nil, cellSays("patent", v, msg.NoPatentYet, n.String())
	case err != nil:
		return nil, err
	case !claimcharts.CanWriteHolder(h.im.actor, p.Holder):
		return nil, cellSays("patent", v, msg.OwnCharts, p.Holder)
	}
	return p, nil
}

// standard returns the registry's standard slug.
func (im *importer) standard(slug string) *claimcharts.Standard {
	for _, s := range im.standards {
		if s.Slug == slug {
			return s
		}
	}
	return nil
}

// standardRefs returns the references of the registry's standard slug,
// building their lookup the first time a chart maps to the standard.
func (h *chartHandler) standardRefs(slug string) standardRefs {
	if r, ok := h.refs[slug]; ok {
		return r
	}
	std := h.im.standard(slug)
	r := standardRefs{slug: std.Slug, find: std.ReferenceLookup()}
	if h.refs == nil {
		h.refs = map[string]standardRefs{}
	}
	h.refs[slug] = r
	return r
}

// fileRevision is a revision as the file writes it; no is 0 when the file
// has no revision column.
type fileRevision struct {
	no     int
	status string
	claimcharts.Revision
	// labels holds the labels of Elements, to find a repeated one.
	labels map[string]bool
}

// maxElements is the most elements a revision has (Revision's validation).
const maxElements = 200

// revisions reads the rows of a chart into revisions, elements and
// mappings.
func (h *chartHandler) revisions(g []Row, std standardRefs) ([]fileRevision, error) {
	var revs []fileRevision
	seenRev := map[int]bool{}
	for _, row := range g {
		no := 0
		if v := cell(row, "revision"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return nil, cellSays("revision", v, msg.RevisionFromOne)
			}
			no = n
		}
		if len(revs) == 0 || revs[len(revs)-1].no != no {
			if seenRev[no] {
				return nil, cellSays("revision", cell(row, "revision"), msg.RevisionTogether, no)
			}
			seenRev[no] = true
			revs = append(revs, fileRevision{no: no})
		}
		if err := addRevisionRow(&revs[len(revs)-1], row, std); err != nil {
			return nil, err
		}
	}
	return revs, nil
}

// addRevisionRow adds one row's status, note, element and mapping.
func addRevisionRow(r *fileRevision, row Row, std standardRefs) error {
	st, err := revisionStatuses.pick("status", cell(row, "status"))
	if err != nil {
		return err
	}
	if err := agree(&r.status, st, "status"); err != nil {
		return err
	}
	if err := agree(&r.Note, cell(row, "note"), "note"); err != nil {
		return err
	}
	label := cell(row, "element")
	if label == "" {
		return emptyCell("element", msg.EmptyElement)
	}
	n := len(r.Elements)
	if n == 0 || r.Elements[n-1].Label != label {
		if err := r.addElement(label); err != nil {
			return err
		}
		n++
	}
	e := &r.Elements[n-1]
	if t := rowText(row, "element_text"); !t.IsZero() {
		if !e.Text.IsZero() && e.Text != t {
			return cellSays("element_text", t.In("en"), msg.ElementOtherText, label)
		}
		e.Text = t
	}
	return addMapping(e, row, std)
}

// addElement starts an element labelled label, refusing a label an
// earlier element has and an element past maxElements.
func (r *fileRevision) addElement(label string) error {
	switch {
	case r.labels[label]:
		return cellSays("element", label, msg.ElementTogether, label)
	case len(r.Elements) == maxElements:
		return cellSays("element", label, msg.ChartMaxElements, maxElements, label, maxElements+1)
	}
	if r.labels == nil {
		r.labels = map[string]bool{}
	}
	r.labels[label] = true
	r.Elements = append(r.Elements, claimcharts.Element{Label: label})
	return nil
}

// agree sets *v to s, refusing a second, different non-empty value.
func agree(v *string, s, field string) error {
	switch {
	case s == "" || *v == s:
	case *v == "":
		*v = s
	default:
		return cellSays(field, s, msg.DiffersEarlier, *v)
	}
	return nil
}

// addMapping adds the row's mapping to e, if it names a reference.
func addMapping(e *claimcharts.Element, row Row, std standardRefs) error {
	ref := cell(row, "reference")
	m := claimcharts.Mapping{Ref: referenceLabel(ref, std), Quote: cell(row, "quote"), Explanation: rowText(row, "explanation")}
	if ref == "" {
		if m.Quote != "" || !m.Explanation.IsZero() {
			return cellSays("reference", "", msg.QuoteNeedsRef)
		}
		return nil
	}
	e.Mappings = append(e.Mappings, m)
	return nil
}

// referenceLabel reads a reference as the standard labels it: as written
// when the standard has that label, else as ParseCitations reads it ("Sec.
// 8.5.3.2" → "8.5.3.2", "Fig. 8-3" → "Figure 8-3").
func referenceLabel(ref string, std standardRefs) string {
	if _, ok := std.find(ref); ok || ref == "" {
		return ref
	}
	if cits, _ := claimcharts.ParseCitations(ref, std.slug); len(cits) == 1 {
		return cits[0].Label
	}
	return ref
}

// mergeRevisions applies the file's revisions to c: a revision the file
// numbers replaces a stored draft, must equal a stored submitted revision,
// or follows the last one; without numbers the file revises the draft or
// starts a new revision.
func mergeRevisions(c *claimcharts.Chart, revs []fileRevision, now time.Time) error {
	for _, fr := range revs {
		k := fr.no
		if k == 0 {
			k = len(c.Revisions)
			if k == 0 || c.Latest().Status == claimcharts.RevisionSubmitted && !sameRevision(c.Latest(), &fr.Revision) {
				k++
			}
		}
		switch {
		case k <= len(c.Revisions) && c.Revisions[k-1].Status == claimcharts.RevisionSubmitted:
			if !sameRevision(&c.Revisions[k-1], &fr.Revision) {
				return cellSays("element", "", msg.RevisionSubmitted, k, c.ID, len(c.Revisions)+1)
			}
		case k <= len(c.Revisions):
			setRevision(&c.Revisions[k-1], fr, now)
		case k == len(c.Revisions)+1:
			if k > 1 && c.Latest().Status != claimcharts.RevisionSubmitted {
				return cellSays("revision", itoa(k), msg.RevisionIsDraft, k-1, c.ID, k)
			}
			c.Revisions = append(c.Revisions, claimcharts.Revision{No: k})
			setRevision(c.Latest(), fr, now)
		default:
			return cellSays("revision", itoa(k), msg.NextRevision, c.ID, len(c.Revisions), len(c.Revisions)+1)
		}
	}
	return nil
}

// setRevision sets a draft revision's content and, if the file says so,
// submits it.
func setRevision(r *claimcharts.Revision, fr fileRevision, now time.Time) {
	r.Note, r.Elements = fr.Note, fr.Elements
	r.Status = claimcharts.RevisionDraft
	if fr.status == claimcharts.RevisionSubmitted {
		r.Status, r.SubmittedAt = claimcharts.RevisionSubmitted, &now
	}
}

// sameRevision reports whether two revisions have the same content.
func sameRevision(a, b *claimcharts.Revision) bool {
	if a.Note != b.Note || len(a.Elements) != len(b.Elements) {
		return false
	}
	for i := range a.Elements {
		x, y := a.Elements[i], b.Elements[i]
		if x.Label != y.Label || x.Text != y.Text || len(x.Mappings) != len(y.Mappings) {
			return false
		}
		for j := range x.Mappings {
			if x.Mappings[j] != y.Mappings[j] {
				return false
			}
		}
	}
	return true
}
