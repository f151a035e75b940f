package search

import (
	"sort"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Ladders. The list as of a date ranges over the days of one pool
// (asof.go): "admitted on or before d" is the union of the postings of
// every day term of the pool up to d, some 7,000 terms at 200,000
// patents, and a union of them on every request cost more than the rest
// of the page. Segments are immutable, so the engine reads the pool's day
// terms of a segment once, in order, with the union of the first ones at
// every rung (one rung every len/maxRungs terms): the union up to any
// term is then the rung below it and at most one rung's worth of terms.

// ladderFields are the fields whose ranges from the first term of a
// group (a pool's days: "pool/" up to "pool/d") the engine answers from
// a ladder. Only these: a ladder is kept for each group of the field
// that a query ranges over.
var ladderFields = map[string]bool{fListedFrom: true, fListedUntil: true}

// maxRungs bounds the unions a ladder keeps, and so its memory: at most
// maxRungs bitmaps of the segment's documents beside the terms' own
// postings.
const maxRungs = 32

// ladder is the terms of one field that start with one prefix in one
// segment, in order, with their postings and the unions of their first
// ones. Deleted documents are in it: a snapshot removes its own.
type ladder struct {
	terms []string
	docs  []*roaring.Bitmap // docs[i]: the postings of terms[i]
	rungs []*roaring.Bitmap // rungs[j]: the union of docs[:(j+1)*step]
	step  int
}

// ladderOnce is a ladder, read once.
type ladderOnce struct {
	once sync.Once
	l    *ladder
	err  error
}

// ladder returns the ladder of the terms of field starting with prefix in
// the segment v, reading it the first time.
func (c *segmentCache) ladder(v *segView, field, prefix string) (*ladder, error) {
	e := c.entry(v.seg)
	e.mu.Lock()
	if e.ladders == nil {
		e.ladders = map[string]*ladderOnce{}
	}
	key := field + "\x00" + prefix
	lo := e.ladders[key]
	if lo == nil {
		lo = &ladderOnce{}
		e.ladders[key] = lo
	}
	e.mu.Unlock()
	lo.once.Do(func() { lo.l, lo.err = readLadder(v, field, prefix) })
	return lo.l, lo.err
}

// readLadder reads the ladder of field's terms starting with prefix in v.
func readLadder(v *segView, field, prefix string) (*ladder, error) {
	l := &ladder{}
	err := eachTerm(v.seg, field, []byte(prefix), prefixEnd([]byte(prefix)), nil, func(term string, docs *roaring.Bitmap) error {
		l.terms = append(l.terms, term)
		l.docs = append(l.docs, docs)
		return nil
	})
	if err != nil {
		return nil, err
	}
	l.step = max(1, (len(l.terms)+maxRungs-1)/maxRungs)
	union := roaring.New()
	for i, docs := range l.docs {
		union.Or(docs)
		if (i+1)%l.step == 0 {
			l.rungs = append(l.rungs, union.Clone())
		}
	}
	return l, nil
}

// firstN returns the union of the postings of the first n terms, the
// caller's to change.
func (l *ladder) firstN(n int) *roaring.Bitmap {
	j := n / l.step
	out := roaring.New()
	if j > 0 {
		out = l.rungs[j-1].Clone()
	}
	for _, docs := range l.docs[j*l.step : n] {
		out.Or(docs)
	}
	return out
}

// evalLadder answers a range from the start of a group of terms (Min,
// inclusive, a prefix of Max) on a ladder field; ok is false for any
// other range.
func (v *segView) evalLadder(q *query.TermRangeQuery) (bm *roaring.Bitmap, ok bool, err error) {
	if v.cache == nil || !ladderFields[q.FieldVal] || q.Min == "" || q.InclusiveMin != nil && !*q.InclusiveMin ||
		q.Max == "" || !strings.HasPrefix(q.Max, q.Min) {
		return nil, false, nil
	}
	l, err := v.cache.ladder(v, q.FieldVal, q.Min)
	if err != nil {
		return nil, true, err
	}
	n := sort.SearchStrings(l.terms, q.Max)
	if n < len(l.terms) && l.terms[n] == q.Max && q.InclusiveMax != nil && *q.InclusiveMax {
		n++
	}
	bm = l.firstN(n)
	if v.deleted != nil {
		bm.AndNot(v.deleted)
	}
	return bm, true, nil
}
