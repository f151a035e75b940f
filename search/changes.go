package search

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

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
		r, err := ix.readChanges(context.WithoutCancel(ctx), pool, limit, maxChangesSortedHere)
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
// counts of fChangeDay's dictionary (a walk of its newest terms, no
// document read, see recentDays); counts that include changes since
// deleted narrow too far, and the search widens until it finds limit
// changes or all there are. Up to sortHere changes in those days are
// read from the segments and sorted here (changesSortedHere), more by the
// index.
func (ix *Index) readChanges(ctx context.Context, pool string, limit int, sortHere uint64) (*Result, error) {
	ctx, cancel := context.WithTimeout(ctx, ix.opts.QueryTimeout)
	defer cancel()
	for want := limit; ; want *= 2 {
		days, complete, err := ix.recentDays(pool, want)
		if err != nil {
			return nil, searchError(ctx, err)
		}
		from, all := sinceDay(days, want)
		if all = all && complete; all {
			from = changeDay(pool, "")
		}
		// A change holds the day terms of its pool and of all pools, and
		// nothing else does: the days alone find the changes (of pool).
		yes := true
		q := query.NewTermRangeInclusiveQuery(from, changeDay(pool, lastDay), &yes, &yes)
		q.SetField(fChangeDay)
		out, ok, err := ix.changesSortedHere(q, limit, sortHere)
		if err == nil && !ok {
			out, err = ix.changesSortedByIndex(ctx, q, limit)
		}
		if err != nil {
			return nil, searchError(ctx, err)
		}
		if all || len(out.Items) >= limit {
			return out, nil
		}
	}
}

// maxChangesSortedHere bounds the changes that the change log reads and
// sorts itself: up to it, reading each change's stored display from its
// segment costs less than the index's sort, which decodes a block of
// sort keys per change and finds each hit's document again by its id;
// past it (a day of many changes, a bulk admission) the index sorts and
// only the page's displays are read.
const maxChangesSortedHere = 8 * MaxLimit

// changesSortedHere reads every change q (a range of fChangeDay) finds,
// from the segments, and keeps the newest limit in the index's order of
// change documents: date descending, then the number sort key (sortKey:
// the patent, then the document's id). It reads nothing and answers
// false when q finds more than sortHere changes or the index is not one
// whose segments it reads.
func (ix *Index) changesSortedHere(q *query.TermRangeQuery, limit int, sortHere uint64) (*Result, bool, error) {
	s, err := ix.openSnapshot()
	if errors.Is(err, errUnhandled) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer s.Close()
	found := make([]*roaring.Bitmap, len(s.segs))
	var n uint64
	for i := range s.segs {
		if found[i], err = s.segs[i].evalRange(q); err != nil {
			return nil, false, err
		}
		n += found[i].GetCardinality()
	}
	if n > sortHere {
		return nil, false, nil
	}
	out := &Result{Items: make([]Hit, 0, n), Total: n, Facets: map[string][]FacetCount{}}
	for i, docs := range found {
		seg := s.segs[i].seg
		for it := docs.Iterator(); it.HasNext(); {
			var h Hit
			var bad error
			err := seg.VisitStoredFields(uint64(it.Next()), func(field string, _ byte, value []byte, _ []uint64) bool {
				if field != fDisplay {
					return true
				}
				bad = json.Unmarshal(value, &h.Display)
				return false
			})
			if err = cmp.Or(err, bad); err != nil {
				return nil, false, err
			}
			if h.Change != nil {
				h.Snippets = map[string][]string{}
				out.Items = append(out.Items, h)
			}
		}
	}
	slices.SortFunc(out.Items, func(a, b Hit) int {
		if c := cmp.Compare(b.Change.Date, a.Change.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.Change.Patent+" "+a.ID, b.Change.Patent+" "+b.ID)
	})
	out.Items = out.Items[:min(limit, len(out.Items))]
	return out, true, nil
}

// changesSortedByIndex is the index's sorted search of the newest limit
// changes q finds.
func (ix *Index) changesSortedByIndex(ctx context.Context, q query.Query, limit int) (*Result, error) {
	sreq := bleve.NewSearchRequestOptions(q, limit, 0, false)
	sreq.SortBy([]string{"-" + fDate, fSortNumber})
	sreq.Score = "none"
	sreq.Fields = []string{fDisplay}
	res, err := ix.alias.SearchInContext(ctx, sreq)
	if err != nil {
		return nil, err
	}
	return result(res, nil, sreq, Request{}), nil
}

// dayCount is a term of fChangeDay's dictionary: a day of a pool's (or
// every pool's) changes and how many documents hold it.
type dayCount struct {
	term  string
	count uint64
}

// changeDays reads the days of pool's changes (every pool's when pool is
// empty) with their counts, oldest first: all of them, or those from day
// from on (a changeDay term) when from is set.
func (ix *Index) changeDays(pool, from string) ([]dayCount, error) {
	var dict index.FieldDict
	var err error
	if from == "" {
		dict, err = ix.alias.FieldDictPrefix(fChangeDay, []byte(changeDay(pool, "")))
	} else {
		dict, err = ix.alias.FieldDictRange(fChangeDay, []byte(from), []byte(changeDay(pool, lastDay)))
	}
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

// lastDay is the newest day a change can carry.
const lastDay = "9999-12-31"

// recentSpans are the spans of days, back from the newest day of a
// pool's changes, that recentDays reads before it reads them all.
var recentSpans = []int{16, 64, 256, 1024, 4096}

// recentDays reads the newest days of pool's changes (every pool's when
// pool is empty), oldest first, enough of them that sinceDay finds the
// day from which they count want changes; complete is true when they are
// all the days there are. A pool of ten years holds thousands of days,
// and each day's count is a read of its postings: the days are read back
// from the newest in spans that grow, then all of them.
func (ix *Index) recentDays(pool string, want int) (days []dayCount, complete bool, err error) {
	newest, ok, err := ix.newestChangeDay(pool)
	if err != nil || !ok {
		days, err = ix.changeDays(pool, "")
		return days, true, err
	}
	for _, span := range recentSpans {
		if newest < span {
			break
		}
		days, err := ix.changeDays(pool, changeDay(pool, dayOf(newest-span)))
		if err != nil {
			return nil, false, err
		}
		if _, all := sinceDay(days, want); !all {
			return days, false, nil
		}
	}
	days, err = ix.changeDays(pool, "")
	return days, true, err
}

// firstDay and lastDayTime are the first and the last day of dayOf.
var (
	firstDay    = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	lastDayTime = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)
)

// dayOf is the date n days after 0001-01-01.
func dayOf(n int) claimcharts.Date {
	return claimcharts.Date(firstDay.AddDate(0, 0, n).Format(time.DateOnly))
}

// newestChangeDay finds the newest day of pool's changes as a number of
// days after 0001-01-01, by bisection on the days: each step asks the
// dictionary whether any term lies from that day on (false when pool has
// no change dated from 0001-01-01 to lastDay).
func (ix *Index) newestChangeDay(pool string) (int, bool, error) {
	has := func(n int) (bool, error) {
		dict, err := ix.alias.FieldDictRange(fChangeDay, []byte(changeDay(pool, dayOf(n))), []byte(changeDay(pool, lastDay)))
		if err != nil {
			return false, err
		}
		defer dict.Close()
		e, err := dict.Next()
		return e != nil, err
	}
	// Seconds, not a time.Duration, which ends at 292 years.
	lo, hi := 0, int((lastDayTime.Unix()-firstDay.Unix())/(24*60*60))
	if ok, err := has(lo); !ok || err != nil {
		return 0, false, err
	}
	for lo < hi { // a term lies from day lo on
		mid := lo + (hi-lo+1)/2
		ok, err := has(mid)
		if err != nil {
			return 0, false, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo, true, nil
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
