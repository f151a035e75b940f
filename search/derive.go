package search

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"sepportal/claimcharts"
)

// recPatent and recStandard name the records that own documents: a
// patent owns its document and its charts' element documents, a standard
// its reference documents.
func recPatent(key string) string    { return string(claimcharts.KindPatent) + "/" + key }
func recStandard(slug string) string { return string(claimcharts.KindStandard) + "/" + slug }

// docs derives every document of the unit: the patent's views and the
// views of each element of its charts.
func (u *unit) docs() []*doc {
	out := u.patentDocs()
	for _, c := range u.charts {
		out = append(out, u.elementDocs(c)...)
	}
	out = append(out, u.changeDocs()...)
	src := u.sources()
	for _, d := range out {
		d.sources = src
	}
	return out
}

// sources lists the records of the unit with their revisions.
func (u *unit) sources() string {
	var out []string
	add := func(kind claimcharts.Kind, key string, rev int64) {
		out = append(out, string(kind)+"/"+key+"@"+strconv.FormatInt(rev, 10))
	}
	add(claimcharts.KindPatent, u.key, u.patent.Rev)
	if u.holder != nil {
		add(claimcharts.KindOrganization, u.holder.Slug, u.holder.Rev)
	}
	for _, e := range u.entries {
		add(claimcharts.KindEntry, e.Key(), e.Rev)
	}
	for _, d := range u.dets {
		add(claimcharts.KindDetermination, d.ID, d.Rev)
	}
	for _, c := range u.challenges {
		add(claimcharts.KindChallenge, c.ID, c.Rev)
	}
	for _, c := range u.charts {
		add(claimcharts.KindChart, c.ID, c.Rev)
		for _, r := range u.reviews[c.ID] {
			add(claimcharts.KindReview, r.ID, r.Rev)
		}
	}
	for _, p := range u.pools {
		if p != nil {
			add(claimcharts.KindPool, p.Slug, p.Rev)
		}
	}
	for _, s := range u.standards {
		if s != nil {
			add(claimcharts.KindStandard, s.Slug, s.Rev)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// reviewersOf returns the reviewers of reviews.
func reviewersOf(reviews []*claimcharts.Review) []string {
	var out []string
	for _, r := range reviews {
		out = append(out, r.Reviewer)
	}
	return out
}

// allReviews returns the reviews on every chart of the patent.
func (u *unit) allReviews() []*claimcharts.Review {
	var out []*claimcharts.Review
	for _, c := range u.charts {
		out = append(out, u.reviews[c.ID]...)
	}
	return out
}

// seesPatent reports whether v may read the unit's patent.
func (u *unit) seesPatent(v viewer) bool {
	return claimcharts.SeesPatent(v.actor, u.patent, u.allReviews())
}

// chartRevision returns the revision of chart c that v reads: the newest
// of those v may read (claimcharts.ChartFor), nil if none.
func (u *unit) chartRevision(v viewer, c *claimcharts.Chart) *claimcharts.Revision {
	view, ok := claimcharts.ChartFor(v.actor, c, u.reviews[c.ID])
	if !ok {
		return nil
	}
	return view.Latest()
}

// views derives the documents of one record seen by the public and by
// the viewers. Views only grow from the public one to the administrator's,
// so when those two agree every viewer's does and one document serves all.
func views(viewers []viewer, derive func(viewer) *doc, id func(string) string) []*doc {
	pub, adm := derive(publicViewer), derive(viewers[0])
	if pub != nil && adm != nil {
		pub.normalize()
		adm.normalize()
		if pub.content() == adm.content() {
			pub.vis, pub.id = []string{principalPublic}, id(principalPublic)
			return []*doc{pub}
		}
	}
	return viewsToDocs(viewers, derive, id)
}

func (u *unit) patentDocs() []*doc {
	derive := u.patentView
	id := func(p string) string { return "p|" + u.key + "|" + p }
	if u.allPublic() {
		return publicOnly(derive, id)
	}
	return views(viewersOf(u.patent.Holder, reviewersOf(u.allReviews())), derive, id)
}

// allPublic reports whether every record of the unit is as public as it
// gets: the patent published, every entry public on a published pool,
// every chart's latest revision the published one, every review published
// by a pool that names its reviewers. Then every viewer sees what the
// public sees, and the views need not be compared.
func (u *unit) allPublic() bool {
	if !u.patent.Public() {
		return false
	}
	for _, e := range u.entries {
		if p := u.pools[e.Pool]; !e.Public() || p == nil || !p.Public() {
			return false
		}
	}
	for _, c := range u.charts {
		if c.PublishedRevision != len(c.Revisions) {
			return false
		}
		for _, r := range u.reviews[c.ID] {
			if p := u.pools[r.Pool]; !r.Public() || p == nil || !p.Policy.ReviewerIdentityPublic {
				return false
			}
		}
	}
	return true
}

// publicOnly derives the one document every viewer reads.
func publicOnly(derive func(viewer) *doc, id func(string) string) []*doc {
	d := derive(publicViewer)
	if d == nil {
		return nil
	}
	d.normalize()
	d.vis, d.id = []string{principalPublic}, id(principalPublic)
	return []*doc{d}
}

// patentView is the patent's document as v sees it, nil if v may not.
func (u *unit) patentView(v viewer) *doc {
	p := u.patent
	if !u.seesPatent(v) {
		return nil
	}
	d := &doc{typ: TypePatent, rec: recPatent(u.key), title: p.Title}
	u.patentFields(d, v)
	d.add(fNumbers, u.key)
	if p.Application != nil {
		d.add(fNumbers, p.Application.Key())
	}
	if p.Family != "" {
		d.add(fNumbers, familyNumber(p.Family)) // the family's patents, and no element
	}
	d.add(fStandard, p.Standards...)
	for _, c := range p.Citations {
		d.add(fSection, c.Label)
		d.add(fStandard, c.Slug)
		if c.Slug != "" {
			d.add(fReference, ReferenceValue(c.Slug, c.Label))
		}
	}
	d.addText("abstract", p.Abstract)
	if u.holder != nil {
		d.addText("holder", u.holder.Name) // "华为", "Huawei" find the holder's patents
	}
	for _, c := range p.Claims {
		d.addText("claims:"+strconv.Itoa(c.Number), c.Text)
	}
	for _, c := range u.charts {
		if rev := u.chartRevision(v, c); rev != nil {
			d.add(fStandard, c.Standard)
			for _, e := range rev.Elements {
				for _, m := range e.Mappings {
					d.add(fSection, m.Ref)
					d.add(fReference, ReferenceValue(c.Standard, m.Ref))
				}
			}
		}
	}
	d.display.Results = u.results(d, "")
	d.display.Type, d.display.ID, d.display.Title = TypePatent, u.key, p.Title
	return d
}

// patentFields adds what patent and element documents share: the number,
// holder, family, type, legal status, dates and pool listings.
func (u *unit) patentFields(d *doc, v viewer) {
	p := u.patent
	d.add(fPatent, u.key)
	d.add(fHolder, p.Holder)
	d.add(fSortNumber, numberSortKey(p.Number))
	d.display.Patent, d.display.Number, d.display.Holder = u.key, p.Number.String(), p.Holder
	d.display.Pools = u.listings(d, v)
	if !u.seesPatent(v) {
		return // an element of a published chart whose patent is not public
	}
	d.add(fFamily, p.Family)
	d.add(fCountry, p.Number.Country, p.Number.Validation)
	d.country = countryFacet(p.Number)
	d.add(fPType, p.Type)
	d.add(fLegal, p.LegalStatus)
	d.add(fFiled, string(p.Dates.Filing))
	d.add(fGranted, string(p.Dates.Grant))
	d.add(fExpires, string(p.Dates.Expiry))
	d.add(fPriority, string(p.Dates.Priority))
	d.add(fDate, string(sortDate(p.Dates)))
	dates := p.Dates
	d.display.Family, d.display.PatentType, d.display.Legal, d.display.Dates = p.Family, p.Type, p.LegalStatus, &dates
}

// listings adds the pool entries v may see and returns them for display.
func (u *unit) listings(d *doc, v viewer) []PoolListing {
	var out []PoolListing
	for _, e := range u.entries {
		if !claimcharts.SeesEntry(v.actor, e, u.pools[e.Pool]) {
			continue
		}
		d.add(fPool, e.Pool)
		d.add(fStatus, e.Status)
		d.add(fPoolStatus, e.Pool+"/"+e.Status)
		spans := e.ListedSpans()
		addListed(d, e.Pool, spans)
		l := PoolListing{Pool: e.Pool, Status: e.Status, Effective: e.Effective, Removed: e.Removed, Reason: e.Reason}
		if len(spans) > 1 {
			l.Spans = spans
		}
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pool < out[j].Pool })
	return out
}

// results adds the published determinations of the patent (of one chart
// when chart is set): their results and their notes (the rationale). A
// draft determination is not a result, for anyone: results are what the
// pool has published.
func (u *unit) results(d *doc, chart string) []string {
	var out []string
	for _, det := range u.dets {
		if !det.Public() || chart != "" && det.Chart != chart {
			continue
		}
		d.add(fResult, det.Result)
		if chart == "" {
			d.addText("rationale", det.Note)
		}
		out = append(out, det.Result)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// familyNumber is how a patent document lists its family among its
// numbers, so that a number lookup finds the family's patents with a
// term on a small field.
func familyNumber(id string) string { return "family:" + id }

// sortDate is the date a patent sorts by: grant, else filing, else priority.
func sortDate(d claimcharts.Dates) claimcharts.Date {
	for _, x := range []claimcharts.Date{d.Grant, d.Filing, d.Priority} {
		if x != "" {
			return x
		}
	}
	return ""
}

// numberSortKey orders numbers by office, then numerically: the serial is
// left-padded so that US 9,700,202 comes before US 10,500,101.
func numberSortKey(n claimcharts.Number) string {
	const width = 24
	s := n.Serial
	for len(s) < width {
		s = "0" + s
	}
	return n.Country + s + n.Validation
}

// countryFacet is the one country the country facet counts a patent under:
// a European patent validated in a state under that state (where it is in
// force), any other under its office. So the facet's counts add up to the
// documents counted, and EP counts the European patents not validated
// anywhere named; the country filter still finds a validation under EP and
// under its state.
func countryFacet(n claimcharts.Number) string {
	if n.Validation != "" {
		return n.Validation
	}
	return n.Country
}

// listedValue is the value of fListedFrom or fListedUntil for day d of
// pool's list; empty for no day.
func listedValue(pool string, d claimcharts.Date) string {
	if d == "" {
		return ""
	}
	return pool + "/" + string(d)
}

// ReferenceValue is the value of the reference filter for a standard's
// reference: "80211ax-2021/27.3.11.4" (with a trailing * its subtree).
func ReferenceValue(standard, label string) string { return standard + "/" + label }
