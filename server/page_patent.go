package server

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
)

// patentPageData is what a patent's page shows.
type patentPageData struct {
	P        *claimcharts.Patent
	Number   string
	Title    string
	Abstract string
	Holder   named
	Family   []familyMember
	Claims   []claimView
	Charts   []chartView
	Entries  []entryView
	API      string
	// Challenges are the decided challenges; ChallengeForm is the public
	// challenge form, when the patent is on a list.
	Challenges    []*claimcharts.Challenge
	ChallengeForm string
}

// familyMember is another public patent of the family.
type familyMember struct{ Key, Number, Country string }

// claimView is one claim in the reader's language.
type claimView struct {
	Number, DependsOn int
	Text              string
}

// chartView is one claim chart: the published revision element by
// element, the review result and the revision history.
type chartView struct {
	ID, Title string
	Standard  named
	Revision  *claimcharts.Revision
	Elements  []elementView
	Results   []resultView
	History   []*claimcharts.Revision
	Diffs     []revisionDiff
	API       string
	PDF       string
}

// elementView is one claim element beside its standard references.
type elementView struct {
	Anchor, Label, Text string
	Mappings            []mappingView
}

// mappingView is one reference of an element: its label, title, the quoted
// standard text and the explanation.
type mappingView struct {
	Ref, Kind, Title, Quote, Explanation, Href string
}

// resultView is a published determination with the reviews it relied on.
type resultView struct {
	Report    string // the review report PDF
	Pool      named
	Result    string
	DecidedOn claimcharts.Date
	Rule      string
	Note      string
	Revision  int
	Reviewers []string
	Findings  []findingRow
}

// findingRow is one element's verdicts, one per reviewer.
type findingRow struct {
	Element  string
	Verdicts []claimcharts.Verdict
}

// entryView is the patent's entry on one pool's list with its history.
type entryView struct {
	Pool  named
	Entry *claimcharts.Entry
}

// patentPage answers /patents/{number}: any spelling of the number finds
// the patent; what the public may not read is not found.
func (s *Server) patentPage(c *gin.Context) {
	ctx, l := c.Request.Context(), lang(c)
	p, err := s.registry.Patent(ctx, claimcharts.Actor{}, c.Param("number"))
	if err != nil {
		abort(c, err)
		return
	}
	n := s.newNamer(ctx, l, claimcharts.Actor{})
	d := patentPageData{P: p, Number: p.Number.String(), Title: p.Title.In(l), Abstract: p.Abstract.In(l),
		Holder: n.Org(p.Holder), API: "/api/v1/patents/" + url.PathEscape(p.Key())}
	for _, cl := range p.Claims {
		d.Claims = append(d.Claims, claimView{Number: cl.Number, DependsOn: cl.DependsOn, Text: cl.Text.In(l)})
	}
	if d.Family, err = s.familyOf(ctx, p); err == nil {
		d.Charts, err = s.chartsOf(ctx, n, p)
	}
	if err == nil {
		d.Entries, err = s.entriesOf(ctx, n, p)
	}
	if err == nil {
		d.Challenges, err = s.publicChallenges(ctx, claimcharts.ListOptions{Where: map[string]string{"patent": p.Key()}})
	}
	for _, e := range d.Entries {
		if e.Entry.Status == claimcharts.EntryAdmitted {
			d.ChallengeForm = challengeHref(p.Key())
		}
	}
	if err != nil {
		abort(c, err)
		return
	}
	render(c, "patent.html", newView(c, d.Number+" · "+d.Title, d))
}

// familyOf lists the other public members of the patent's family.
func (s *Server) familyOf(ctx context.Context, p *claimcharts.Patent) ([]familyMember, error) {
	if p.Family == "" {
		return nil, nil
	}
	members, _, err := s.registry.Patents(ctx, claimcharts.Actor{}, claimcharts.ListOptions{Where: map[string]string{"family": p.Family}, Limit: claimcharts.MaxLimit})
	if err != nil {
		return nil, err
	}
	var out []familyMember
	for _, m := range members {
		if m.Key() != p.Key() {
			out = append(out, familyMember{Key: m.Key(), Number: m.Number.String(), Country: m.Number.Country})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// chartsOf reads the patent's charts the public may see, with their
// standards, determinations and reviews.
func (s *Server) chartsOf(ctx context.Context, n *namer, p *claimcharts.Patent) ([]chartView, error) {
	anon := claimcharts.Actor{}
	charts, _, err := s.registry.Charts(ctx, anon, claimcharts.ListOptions{Where: map[string]string{"patent": p.Key()}, Limit: claimcharts.MaxLimit})
	if err != nil {
		return nil, err
	}
	dets, _, err := s.registry.Determinations(ctx, anon, claimcharts.ListOptions{Where: map[string]string{"patent": p.Key()}, Limit: claimcharts.MaxLimit})
	if err != nil {
		return nil, err
	}
	l := locale(n.lang)
	stds := map[string]chartStandard{}
	var out []chartView
	for _, ch := range charts {
		if len(ch.Revisions) == 0 {
			continue
		}
		std, err := s.readStandard(ctx, stds, ch.Standard)
		if err != nil {
			return nil, err
		}
		cv := chartView{ID: ch.ID, Standard: n.Standard(ch.Standard), History: revisionsOf(ch),
			API: "/api/v1/charts/" + url.PathEscape(ch.ID), PDF: "/api/v1/charts/" + url.PathEscape(ch.ID) + "/pdf?lang=" + n.lang}
		cv.Title = fmt.Sprintf(l.T("chart.title"), strconv.Itoa(ch.Claim), cv.Standard.Name)
		cv.Revision = cv.History[len(cv.History)-1]
		cv.Elements = elementsOf(l, ch.ID, std, cv.Revision)
		cv.Diffs = diffsOf(l, cv.History)
		for _, det := range dets {
			if det.Chart != ch.ID {
				continue
			}
			rv, err := s.resultOf(ctx, n, det)
			if err != nil {
				return nil, err
			}
			cv.Results = append(cv.Results, rv)
		}
		out = append(out, cv)
	}
	return out, nil
}

// chartStandard is what a chart's elements need of its standard: its slug
// and a lookup of its references by label.
type chartStandard struct {
	slug string
	refs func(label string) (claimcharts.Reference, bool)
}

// readStandard reads standard slug as the public sees it, once per page:
// read holds the standards the page has read, as a patent's charts often
// share one, and the lookup of a standard's references is built once.
func (s *Server) readStandard(ctx context.Context, read map[string]chartStandard, slug string) (chartStandard, error) {
	if cs, ok := read[slug]; ok {
		return cs, nil
	}
	std, err := s.registry.Standard(ctx, claimcharts.Actor{}, slug)
	if err != nil {
		return chartStandard{}, err
	}
	cs := chartStandard{slug: std.Slug, refs: std.ReferenceLookup()}
	read[slug] = cs
	return cs, nil
}

// revisionsOf lists a chart's revisions as the caller received them, oldest first.
func revisionsOf(ch *claimcharts.Chart) []*claimcharts.Revision {
	out := make([]*claimcharts.Revision, len(ch.Revisions))
	for i := range ch.Revisions {
		out[i] = &ch.Revisions[i]
	}
	return out
}

// elementsOf sets each element of a revision beside its references.
func elementsOf(l locale, chartID string, std chartStandard, rev *claimcharts.Revision) []elementView {
	var out []elementView
	for _, e := range rev.Elements {
		ev := elementView{Anchor: chartID + "-" + e.Label, Label: e.Label, Text: l.In(e.Text)}
		for _, m := range e.Mappings {
			mv := mappingView{Ref: m.Ref, Quote: m.Quote, Explanation: l.In(m.Explanation), Href: sectionHref(std.slug, m.Ref)}
			if ref, ok := std.refs(m.Ref); ok {
				mv.Kind, mv.Title = ref.Kind, l.In(ref.Title)
				if mv.Quote == "" {
					mv.Quote = ref.Text
				}
			}
			ev.Mappings = append(ev.Mappings, mv)
		}
		out = append(out, ev)
	}
	return out
}

// resultOf reads the reviews a determination relied on, as the public may
// see them (the Registry withholds reviewer identities the pool keeps
// private), and lays out their findings per element.
func (s *Server) resultOf(ctx context.Context, n *namer, det *claimcharts.Determination) (resultView, error) {
	l := locale(n.lang)
	rv := resultView{Report: "/api/v1/determinations/" + url.PathEscape(det.ID) + "/report?lang=" + n.lang, Pool: n.Pool(det.Pool), Result: det.Result, DecidedOn: det.DecidedOn, Rule: det.Rule, Note: l.In(det.Note), Revision: det.Revision}
	var reviews []*claimcharts.Review
	for _, id := range det.Reviews {
		r, err := s.registry.Review(ctx, claimcharts.Actor{}, id)
		if err != nil {
			if claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND {
				continue
			}
			return rv, err
		}
		reviews = append(reviews, r)
	}
	rows := map[string]*findingRow{}
	var order []string
	for i, r := range reviews {
		name := r.Reviewer
		if name == "withheld" {
			name = fmt.Sprintf(l.T("review.withheld"), i+1)
		}
		rv.Reviewers = append(rv.Reviewers, name)
		for _, v := range r.Verdicts {
			row, ok := rows[v.Element]
			if !ok {
				row = &findingRow{Element: v.Element, Verdicts: make([]claimcharts.Verdict, len(reviews))}
				rows[v.Element] = row
				order = append(order, v.Element)
			}
			row.Verdicts[i] = v
		}
	}
	for _, e := range order {
		rv.Findings = append(rv.Findings, *rows[e])
	}
	return rv, nil
}

// entriesOf names the patent's entries on the published pools' lists.
func (s *Server) entriesOf(ctx context.Context, n *namer, p *claimcharts.Patent) ([]entryView, error) {
	entries, err := s.registry.EntriesOfPatent(ctx, claimcharts.Actor{}, p.Key())
	if err != nil {
		return nil, err
	}
	out := make([]entryView, 0, len(entries))
	for _, e := range entries {
		out = append(out, entryView{Pool: n.Pool(e.Pool), Entry: e})
	}
	return out, nil
}

// publicChallenges reads every decided challenge opts selects, as the
// public reads them (without their challengers), through the Registry.
func (s *Server) publicChallenges(ctx context.Context, opts claimcharts.ListOptions) ([]*claimcharts.Challenge, error) {
	var out []*claimcharts.Challenge
	opts.Limit = claimcharts.MaxLimit
	for {
		items, next, err := s.registry.Challenges(ctx, claimcharts.Actor{}, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if next == "" {
			return out, nil
		}
		opts.After = next
	}
}
