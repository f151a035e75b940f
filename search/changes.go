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

// changeDocs derives the unit's change documents: the admissions and
// removals of its entries the public may read, and the outcomes of the
// decided challenges to them.
func (u *unit) changeDocs() []*doc {
	var out []*doc
	public := map[string]*claimcharts.Entry{}
	for _, e := range u.entries {
		if !claimcharts.SeesEntry(claimcharts.Actor{}, e, u.pools[e.Pool]) {
			continue
		}
		public[e.Pool] = e
		if e.Effective != "" {
			out = append(out, u.changeDoc(Change{Status: claimcharts.EntryAdmitted, Date: e.Effective}, e))
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
	id := e.Pool + "|" + e.Patent + "|" + changeOrder[c.Status] + c.Status + "|" + c.Challenge
	d := &doc{id: "c|" + id, typ: TypeChange, rec: recPatent(u.key), display: Display{Type: TypeChange, ID: id, Change: &c}}
	d.add(fPool, c.Pool)
	d.add(fDate, string(c.Date))
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

// readChanges runs the change log's search: change documents (of pool),
// newest first, the page's documents only read.
func (ix *Index) readChanges(ctx context.Context, pool string, limit int) (*Result, error) {
	ctx, cancel := context.WithTimeout(ctx, ix.opts.QueryTimeout)
	defer cancel()
	var q query.Query = termQuery(fType, TypeChange)
	if pool != "" {
		q = query.NewConjunctionQuery([]query.Query{q, termQuery(fPool, pool)})
	}
	sreq := bleve.NewSearchRequestOptions(q, limit, 0, false)
	sreq.SortBy([]string{"-" + fDate, fSortNumber})
	sreq.Score = "none"
	sreq.Fields = []string{fDisplay}
	res, err := ix.alias.SearchInContext(ctx, sreq)
	if err != nil {
		return nil, searchError(ctx, err)
	}
	return result(res, nil, sreq, Request{}), nil
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
