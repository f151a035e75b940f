package search

import (
	"time"

	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// The list as of a date. A patent stood on a pool's list on its spells
// (claimcharts.Entry.ListedSpans): nearly always one, from its admission
// until its removal, and more when an upheld challenge put it back under
// review and it was admitted again. Its document holds the first day of
// its first spell (fListedFrom), the end of its last (fListedUntil) and
// the days between its spells (fListedOff), so that it was on the list on
// day d when
//
//	from ≤ d, and not until ≤ d, and d not among the days off
//
// two ranges over the days of one pool, which the bitmap engine answers
// from its per-segment ladders (fast_ladder.go), and three terms: the
// day, its month and its year among the days off.

// withAsOf narrows a compiled list to the patents on pool's list on day
// asOf. The list keeps its sorts and cursors. A list as of a date is a
// pool's: the query names one pool.
func withAsOf(p *plan, root node, asOf claimcharts.Date) error {
	if asOf == "" {
		return nil
	}
	if _, err := claimcharts.ParseDate("as_of", string(asOf)); err != nil {
		return err
	}
	pool := poolFilter(root)
	if pool == "" {
		return claimcharts.Says(claimcharts.EINVALID, msg.AsOfNeedsPool).With(claimcharts.Because("as_of", msg.AsOfNeedsPool))
	}
	day := string(asOf)
	var off []query.Query
	for _, t := range []string{day, day[:len("2006-01")], day[:len("2006")]} {
		off = append(off, termQuery(fListedOff, listedValue(pool, claimcharts.Date(t))))
	}
	p.filter = append(p.filter, onOrBefore(fListedFrom, pool, asOf))
	p.mustNot = append(p.mustNot, onOrBefore(fListedUntil, pool, asOf), query.NewDisjunctionQuery(off))
	return nil
}

// onOrBefore matches the documents whose field holds a day of pool's
// list on or before d: the values "pool/…" up to "pool/d". Pool slugs
// hold no "/", so no other pool's value falls in the range.
func onOrBefore(field, pool string, d claimcharts.Date) query.Query {
	yes := true
	q := query.NewTermRangeInclusiveQuery(pool+"/", listedValue(pool, d), &yes, &yes)
	q.SetField(field)
	return q
}

// addListed adds to d the days a patent stood on pool's list, its spells.
func addListed(d *doc, pool string, spans []claimcharts.Span) {
	if len(spans) == 0 {
		return
	}
	d.add(fListedFrom, listedValue(pool, spans[0].From))
	d.add(fListedUntil, listedValue(pool, spans[len(spans)-1].Until))
	for i := 1; i < len(spans); i++ {
		for _, t := range daysCovering(spans[i-1].Until, spans[i].From) {
			d.add(fListedOff, listedValue(pool, claimcharts.Date(t)))
		}
	}
}

// daysCovering returns the fewest years ("YYYY"), months ("YYYY-MM") and
// days ("YYYY-MM-DD") that together hold exactly the days from (inclusive)
// to until (exclusive): whole years and months where they fit, days at
// the ends. Two dates that do not read as dates cover nothing.
func daysCovering(from, until claimcharts.Date) []string {
	day, err := time.Parse(time.DateOnly, string(from))
	end, err2 := time.Parse(time.DateOnly, string(until))
	if err != nil || err2 != nil {
		return nil
	}
	var out []string
	for day.Before(end) {
		switch {
		case day.YearDay() == 1 && !day.AddDate(1, 0, 0).After(end):
			out = append(out, day.Format("2006"))
			day = day.AddDate(1, 0, 0)
		case day.Day() == 1 && !day.AddDate(0, 1, 0).After(end):
			out = append(out, day.Format("2006-01"))
			day = day.AddDate(0, 1, 0)
		default:
			out = append(out, day.Format(time.DateOnly))
			day = day.AddDate(0, 0, 1)
		}
	}
	return out
}
