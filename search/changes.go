package search

import (
	"context"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
)

// The change log of the pools' public lists lives in the index, one
// document per event (an admission, a removal, a challenge decided), so
// that "the newest n changes of a pool, or of every pool" is one sorted
// search with a limit whatever the size of the pool. Change documents are
// derived for the public only, from what the public may read (the
// visibility rules of claimcharts); they carry no principal in their
// visibility, so no ordinary search, count or facet ever finds them:
// Changes alone reads them.

// TypeChange is the type of a change document.
const TypeChange = "change"

// Change is one event of a pool's public list: an admission (Status
// admitted, Date the admission day), a removal (removed, with its Reason)
// or a challenge's outcome (upheld or dismissed, with the Challenge's id
// and its Reasons; never the challenger).
type Change struct {
	Pool   string           `json:"pool"`
	Patent string           `json:"patent"`
	Number string           `json:"number"`
	Holder string           `json:"holder,omitempty"`
	Status string           `json:"status"`
	Date   claimcharts.Date `json:"date"`
	Reason string           `json:"reason,omitempty"`
	// Challenge and Reasons are set for a challenge's outcome.
	Challenge string           `json:"challenge,omitempty"`
	Reasons   claimcharts.Text `json:"reasons,omitzero"`
}

// changeOrder ranks the events of one patent on one day: its admission
// before its removal, both before a challenge's outcome.
var changeOrder = map[string]string{claimcharts.EntryAdmitted: "0", claimcharts.EntryRemoved: "1",
	claimcharts.ChallengeUpheld: "2", claimcharts.ChallengeDismissed: "2"}

// changeDocs derives the unit's change documents: the admissions (one a
// spell on the list, claimcharts.Entry.ListedSpans) and removals of its
// entries the public may read, and the outcomes of the
// decided challenges to them.
func (u *unit) changeDocs() []*doc {
	var out []*doc
	public := map[string]*claimcharts.Entry{}
	for _, e := range u.entries {
		if !claimcharts.SeesEntry(claimcharts.Actor{}, e, u.pools[e.Pool]) {
			continue
		}
		public[e.Pool] = e
		for _, s := range e.ListedSpans() {
			out = append(out, u.changeDoc(Change{Status: claimcharts.EntryAdmitted, Date: s.From}, e))
		}
		if e.Status == claimcharts.EntryRemoved && e.Effective != "" {
			out = append(out, u.changeDoc(Change{Status: claimcharts.EntryRemoved, Date: e.Removed, Reason: e.Reason}, e))
		}
	}
	for _, ch := range u.challenges {
		pub, ok := claimcharts.ChallengeFor(claimcharts.Actor{}, ch)
		e := public[ch.Pool]
		if !ok || e == nil {
			continue
		}
		out = append(out, u.changeDoc(Change{Status: pub.Status, Date: pub.DecidedOn, Challenge: pub.ID, Reasons: pub.Reasons}, e))
	}
	return out
}

// changeDoc is the document of change c of entry e.
func (u *unit) changeDoc(c Change, e *claimcharts.Entry) *doc {
	c.Pool, c.Patent, c.Number, c.Holder = e.Pool, e.Patent, u.patent.Number.String(), e.Holder
	which := c.Challenge
	if c.Status == claimcharts.EntryAdmitted {
		which = string(c.Date) // one admission a spell on the list
	}
	id := e.Pool + "|" + e.Patent + "|" + changeOrder[c.Status] + c.Status + "|" + which
	d := &doc{id: "c|" + id, typ: TypeChange, rec: recPatent(u.key), display: Display{Type: TypeChange, ID: id, Change: &c}}
	d.add(fPool, c.Pool)
	d.add(fDate, string(c.Date))
	d.add(fChangeDay, changeDay(c.Pool, c.Date), changeDay("", c.Date))
	d.add(fSortNumber, c.Patent)
	d.normalize()
	return d
}

// Changes returns the newest changes of pool's public list (of every
// pool's when pool is empty), newest first, then by patent; at most
// limit (1 to MaxLimit). An answer is kept until the index changes.
func (ix *Index) Changes(ctx context.Context, pool string, limit int) ([]Change, error) {
	limit = max(1, min(limit, MaxLimit))
	key := "changes\x00" + strconv.FormatUint(ix.cache.version.Load(), 10) + "\x00" + pool + "\x00" + strconv.Itoa(limit)
	if r, ok := ix.cache.pages.get(key); ok {
		ix.cache.hits.Add(1)
		return changesOf(r), nil
	}
	v, err, _ := ix.cache.flight.Do(key, func() (any, error) {
		ix.cache.misses.Add(1)
		r, err := ix.readChanges(context.WithoutCancel(ctx), pool, limit)
		if err == nil {
			ix.cache.pages.put(key, r)
		}
		return r, err
	})
	if err != nil {
		return nil, err
	}
	return changesOf(v.(*Result)), nil
}

// changeDay is the value of fChangeDay for a change of pool on day d;
// pool empty counts the change among every pool's.
func changeDay(pool string, d claimcharts.Date) string { return pool + "/" + string(d) }

// readChanges runs the change log's search: change documents (of pool),
// newest first. Sorting reads a sort key per match, so the search first
// narrows to the newest days that hold limit changes, from the day
// counts of fChangeDay's dictionary (a walk of its terms, no document
// read); counts that include changes since deleted narrow too far, and
// the search widens until it finds limit changes or all there are.
func (ix *Index) readChanges(ctx context.Context, pool string, limit int) (*Result, error) {
	ctx, cancel := context.WithTimeout(ctx, ix.opts.QueryTimeout)
	defer cancel()
	days, err := ix.changeDays(pool)
	if err != nil {
		return nil, searchError(ctx, err)
	}
	var q query.Query = termQuery(fType, TypeChange)
	if pool != "" {
		q = query.NewConjunctionQuery([]query.Query{q, termQuery(fPool, pool)})
	}
	for want := limit; ; want *= 2 {
		from, all := sinceDay(days, want)
		narrowed := q
		if !all {
			yes := true
			r := query.NewTermRangeInclusiveQuery(from, changeDay(pool, "9999-12-31"), &yes, &yes)
			r.SetField(fChangeDay)
			narrowed = query.NewConjunctionQuery([]query.Query{q, r})
		}
		sreq := bleve.NewSearchRequestOptions(narrowed, limit, 0, false)
		sreq.SortBy([]string{"-" + fDate, fSortNumber})
		sreq.Score = "none"
		sreq.Fields = []string{fDisplay}
		res, err := ix.alias.SearchInContext(ctx, sreq)
		if err != nil {
			return nil, searchError(ctx, err)
		}
		if all || len(res.Hits) >= limit {
			return result(res, nil, sreq, Request{}), nil
		}
	}
}

// dayCount is a term of fChangeDay's dictionary: a day of a pool's (or
// every pool's) changes and how many documents hold it.
type dayCount struct {
	term  string
	count uint64
}

// changeDays reads the days of pool's changes (every pool's when pool is
// empty) with their counts, oldest first.
func (ix *Index) changeDays(pool string) ([]dayCount, error) {
	dict, err := ix.alias.FieldDictPrefix(fChangeDay, []byte(changeDay(pool, "")))
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var out []dayCount
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return out, err
		}
		out = append(out, dayCount{term: e.Term, count: e.Count})
	}
}

// sinceDay returns the newest day from which days count at least want
// changes; all is true when that takes every day.
func sinceDay(days []dayCount, want int) (from string, all bool) {
	var n uint64
	for i := len(days) - 1; i > 0; i-- {
		if n += days[i].count; n >= uint64(want) {
			return days[i].term, false
		}
	}
	return "", true
}

// changesOf reads the changes back from the hits of the change log.
func changesOf(r *Result) []Change {
	out := make([]Change, 0, len(r.Items))
	for _, h := range r.Items {
		if h.Change != nil {
			out = append(out, *h.Change)
		}
	}
	return out
}
