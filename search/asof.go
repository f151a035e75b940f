package search

import (
	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// withAsOf narrows a compiled list to the patents on pool's list on day
// asOf, by the days each stood on it (claimcharts.Entry.ListedSpan,
// indexed as fListedFrom and fListedUntil): admitted on or before the
// day, and not removed on or before it. The list keeps its sorts and
// cursors. A list as of a date is a pool's: the query names one pool.
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
	p.filter = append(p.filter, onOrBefore(fListedFrom, pool, asOf))
	p.mustNot = append(p.mustNot, onOrBefore(fListedUntil, pool, asOf))
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
