package search

import (
	"errors"
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The bitmap engine. bleve answers a search by walking every match
// through its collector: a DocumentMatch, a score and the facet doc values
// for each one, so that a query matching 3 % of a million documents costs
// 30,000 of each. The queries the compiler produces are all made of term
// lookups (terms, prefixes and ranges of keyword terms) joined by AND,
// OR and NOT, so the set of matches is a set operation on the postings
// of the index's segments, which scorch keeps as roaring bitmaps. The
// bitmap engine evaluates the query that way, per segment, and answers
// from the bitmap: the total is its cardinality, a facet value's count
// the cardinality of its intersection with the value's postings, the
// page of a number order a walk of the sort keys in order (fast_sort.go),
// the page of relevance the top of a BM25 scoring that reads postings for
// the matches only (fast_rank.go). Phrases are the intersection of their
// terms' postings, each candidate's positions checked (fast_phrase.go).
// The words of a page it answers are located in its hits' segments for
// the snippets (fast_marks.go). Anything else is not handled, and bleve
// answers it as before.

// Search engines (Options.Engine).
const (
	EngineBitmap = "bitmap"
	EngineBleve  = "bleve"
)

// errUnhandled says that the bitmap engine does not handle a query: bleve
// answers it.
var errUnhandled = errors.New("search: not handled by the bitmap engine")

// snapshot is one point-in-time view of the index's segments. Close
// releases it: scorch keeps the segments it holds until then.
type snapshot struct {
	is      *scorch.IndexSnapshot
	segs    []segView
	mapping mapping.IndexMapping // the index's, which analyzes phrases
	freqs   *docFreqs            // of is; nil: counted per search
}

// segView is one segment of a snapshot and the documents it has deleted.
type segView struct {
	seg     segment.Segment
	deleted *roaring.Bitmap
	live    *roaring.Bitmap      // set on first use by all
	cache   *segmentCache        // what the engine keeps of the segment
	mapping mapping.IndexMapping // the index's, which analyzes phrases
}

// openSnapshot returns a snapshot of the index in use, or errUnhandled
// when that index is not a scorch index (the empty in-memory index of a
// store that was never built).
// scorchSnapshot is openSnapshot for readers that have nothing to do
// without one: nil and no error when the index is not scorch's.
func (ix *Index) scorchSnapshot() (*snapshot, error) {
	s, err := ix.openSnapshot()
	if errors.Is(err, errUnhandled) {
		return nil, nil
	}
	return s, err
}

func (ix *Index) openSnapshot() (*snapshot, error) {
	ix.state.RLock()
	defer ix.state.RUnlock()
	adv, err := ix.cur.Advanced()
	if err != nil {
		return nil, errUnhandled
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, errUnhandled
	}
	r, err := sc.Reader()
	if err != nil {
		return nil, err
	}
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, errUnhandled
	}
	if is == nil { // the index is closed
		return nil, errUnhandled
	}
	// bleve analyzes a phrase under the mapping of the index it searches,
	// which may be an older index's until its rebuild is swapped in.
	m := ix.cur.Mapping()
	s := &snapshot{is: is, mapping: m, freqs: ix.freqs.of(is)}
	for _, ss := range is.Segments() {
		s.segs = append(s.segs, segView{seg: ss.Segment(), deleted: ss.Deleted(), cache: &ix.segments, mapping: m})
	}
	return s, nil
}

// Close releases the snapshot.
func (s *snapshot) Close() error { return s.is.Close() }

// all returns the segment's documents that are not deleted.
func (v *segView) all() *roaring.Bitmap {
	if v.live == nil {
		live := roaring.New()
		live.AddRange(0, v.seg.Count())
		if v.deleted != nil {
			live.AndNot(v.deleted)
		}
		v.live = live
	}
	return v.live
}

// postings returns the live documents holding term in field, to be read
// only: the segment's postings (see keptPostings) when it has deleted
// none.
func (v *segView) postings(field, term string) (*roaring.Bitmap, error) {
	bm, err := v.keptPostings(field, term)
	if err != nil || v.deleted == nil || v.deleted.IsEmpty() {
		return bm, err
	}
	return roaring.AndNot(bm, v.deleted), nil
}

// keptPostings returns the documents holding term in field, deleted ones
// included, to be read only: from the segment's cache entry when the
// segment has one.
func (v *segView) keptPostings(field, term string) (*roaring.Bitmap, error) {
	if v.cache != nil {
		return v.cache.postings(v.seg, field, term)
	}
	return readPostings(v.seg, field, term)
}

// docFreq returns the number of live documents holding term in field,
// as zapx's PostingsList.Count counts them.
func (v *segView) docFreq(field, term string) (uint64, error) {
	bm, err := v.keptPostings(field, term)
	if err != nil {
		return 0, err
	}
	n := bm.GetCardinality()
	if v.deleted != nil {
		n -= bm.AndCardinality(v.deleted)
	}
	return n, nil
}

// readPostings reads the documents holding term in field of seg,
// deleted ones included.
func readPostings(seg segment.Segment, field, term string) (*roaring.Bitmap, error) {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	pl, err := dict.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return nil, err
	}
	return postingsBitmap(pl)
}

// postingsKept bounds the terms whose postings a segment's cache entry
// keeps (see shelf): a bitmap read from the segment is a view of its
// mapped file, some tens of bytes a container, a few hundred bytes a
// term, so 4,096 terms hold about a megabyte a segment. Past it the
// entry forgets them all and starts again: the words searched come back
// at once, and a segment lives as long as no batch merges it away,
// which may be days on a registry read far more than it is written. (A
// variable: a test lowers it.)
var postingsKept = 1 << 12

// postings returns the documents holding term in field of seg, deleted
// ones included, to be read only: read once, then kept in the segment's
// entry. A search reads a word's postings again and again: to match,
// for its document frequency, to score.
func (c *segmentCache) postings(seg segment.Segment, field, term string) (*roaring.Bitmap, error) {
	return c.entry(seg).postings.keep(field+"\x00"+term, postingsKept, 0, func() (*roaring.Bitmap, error) {
		return readPostings(seg, field, term)
	})
}

// shelf keeps bitmaps by key, up to a number of them and of bytes: past
// either, it forgets them all and starts again.
type shelf struct {
	mu    sync.RWMutex
	byKey map[string]*roaring.Bitmap
	bytes int64 // of the bitmaps kept, when counted
}

// keep returns the bitmap kept under key, read first when it is not.
// A shelf keeps up to maxKeys bitmaps and maxBytes of them (0: not
// counted).
func (s *shelf) keep(key string, maxKeys int, maxBytes int64, read func() (*roaring.Bitmap, error)) (*roaring.Bitmap, error) {
	s.mu.RLock()
	bm := s.byKey[key]
	s.mu.RUnlock()
	if bm != nil {
		return bm, nil
	}
	bm, err := read()
	if err != nil {
		return nil, err
	}
	var size int64
	if maxBytes > 0 {
		size = int64(bm.GetSizeInBytes())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byKey == nil || len(s.byKey) >= maxKeys || maxBytes > 0 && s.bytes+size > maxBytes {
		s.byKey, s.bytes = make(map[string]*roaring.Bitmap), 0
	}
	s.byKey[key] = bm
	s.bytes += size
	return bm, nil
}

// postingsBitmap reads a postings list as a bitmap. A list of one
// document has no bitmap: zapx encodes it in the list's offset.
func postingsBitmap(pl segment.PostingsList) (*roaring.Bitmap, error) {
	it, ok := pl.Iterator(false, false, false, nil).(segment.OptimizablePostingsIterator)
	if !ok {
		return nil, errUnhandled
	}
	if bm := it.ActualBitmap(); bm != nil {
		return bm, nil
	}
	if n, ok := it.DocNum1Hit(); ok && n != math.MaxUint64 {
		return roaring.BitmapOf(uint32(n)), nil
	}
	return roaring.New(), nil
}

// eachTerm calls fn with every term of field in seg from start
// (inclusive) to end (exclusive; nil: to the end), in order, and its
// documents but those of except.
func eachTerm(seg segment.Segment, field string, start, end []byte, except *roaring.Bitmap, fn func(term string, docs *roaring.Bitmap) error) error {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return err
	}
	it := dict.AutomatonIterator(nil, start, end)
	for {
		e, err := it.Next()
		if err != nil || e == nil {
			return err
		}
		pl, err := dict.PostingsList([]byte(e.Term), except, nil)
		if err != nil {
			return err
		}
		bm, err := postingsBitmap(pl)
		if err != nil {
			return err
		}
		if err := fn(e.Term, bm); err != nil {
			return err
		}
	}
}

// termsBetween returns the union of the live postings of the terms of
// field from start to end (see eachTerm) that keep keeps.
func (v *segView) termsBetween(field string, start, end []byte, keep func(term string) bool) (*roaring.Bitmap, error) {
	var bms []*roaring.Bitmap
	err := eachTerm(v.seg, field, start, end, v.deleted, func(term string, docs *roaring.Bitmap) error {
		if keep == nil || keep(term) {
			bms = append(bms, docs)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return roaring.FastOr(bms...), nil
}

// eval returns the documents of the segment that q matches, as bleve
// matches them, or errUnhandled. The bitmap returned is to be read only:
// it may be a term's postings, the segment's live documents or a part's
// answer. Composites build theirs with roaring.And, AndNot, FastAnd and
// FastOr, which leave their inputs untouched.
func (v *segView) eval(q query.Query) (*roaring.Bitmap, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		if q.FieldVal == "" {
			return nil, errUnhandled
		}
		return v.postings(q.FieldVal, q.Term)
	case *query.MatchAllQuery:
		return v.all(), nil
	case *query.MatchNoneQuery:
		return roaring.New(), nil
	case *query.ConjunctionQuery, *query.DisjunctionQuery, *query.BooleanQuery:
		bm, _, err := v.evalOwned(q)
		return bm, err
	case *query.PrefixQuery:
		if q.FieldVal == "" || q.Prefix == "" {
			return nil, errUnhandled
		}
		return v.termsBetween(q.FieldVal, []byte(q.Prefix), prefixEnd([]byte(q.Prefix)), nil)
	case *query.TermRangeQuery:
		return v.evalRange(q)
	case *query.MatchPhraseQuery:
		return v.evalPhrase(q)
	}
	return nil, errUnhandled
}

// evalOwned is eval for composites, and reports whether the bitmap is the
// call's own, which its caller may change rather than copy: an answer
// built of more than one part. (A two-word query's match is some
// hundred thousand documents at 1,000,000 patents, and copying it to take
// out the private documents cost 3 % of the CPU of a search.)
func (v *segView) evalOwned(q query.Query) (bm *roaring.Bitmap, owned bool, err error) {
	switch q := q.(type) {
	case *query.ConjunctionQuery:
		return v.evalAll(q.Conjuncts, true)
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, false, errUnhandled
		}
		return v.evalAll(q.Disjuncts, false)
	case *query.BooleanQuery:
		return v.evalBoolean(q)
	}
	bm, err = v.eval(q)
	return bm, false, err
}

// evalAll returns the intersection (and) or the union of the kids, its
// own when there are several (see evalOwned). A composite of no kids is
// bleve's match-none searcher, which a boolean query treats apart: it is
// not handled. In a segment that has deleted documents, the kids that are
// terms give their postings as kept, deleted documents in, and the
// answer loses those once, in place: each term's live postings were a
// copy per query (a two-word query's words at 1,000,000 patents, some
// 13,000 documents a segment each).
func (v *segView) evalAll(kids []query.Query, and bool) (*roaring.Bitmap, bool, error) {
	if len(kids) == 0 {
		return nil, false, errUnhandled
	}
	var few [4]*roaring.Bitmap
	bms := few[:0]
	kept := len(kids) > 1 && v.deleted != nil && !v.deleted.IsEmpty()
	for _, k := range kids {
		var bm *roaring.Bitmap
		var err error
		if t, ok := k.(*query.TermQuery); ok && kept && t.FieldVal != "" {
			bm, err = v.keptPostings(t.FieldVal, t.Term)
		} else {
			bm, err = v.eval(k)
		}
		if err != nil {
			return nil, false, err
		}
		bms = append(bms, bm)
	}
	var out *roaring.Bitmap
	switch {
	case len(bms) == 1:
		return bms[0], false, nil
	case and:
		out = roaring.FastAnd(bms...)
	default:
		out = roaring.FastOr(bms...)
	}
	if kept {
		out.AndNot(v.deleted)
	}
	return out, true, nil
}

// evalBoolean matches as bleve's boolean searcher does: the must clause,
// or else the should clause (at least one of it), or else every document;
// within the filter, and then without the must-not clause. A should
// clause beside a must clause only scores. The bitmap returned is its
// own or not (see evalOwned).
func (v *segView) evalBoolean(q *query.BooleanQuery) (out *roaring.Bitmap, owned bool, err error) {
	if q.Must == nil && q.Should == nil && q.MustNot == nil && q.Filter == nil {
		return roaring.New(), true, nil
	}
	switch {
	case q.Must != nil:
		out, owned, err = v.evalOwned(q.Must)
		if err == nil && q.Should != nil {
			if d, ok := q.Should.(*query.DisjunctionQuery); !ok || d.Min > 0 {
				return nil, false, errUnhandled
			}
		}
	case q.Should != nil:
		out, owned, err = v.evalOwned(q.Should)
	default:
		out = v.all()
	}
	if err != nil {
		return nil, false, err
	}
	if q.Filter != nil {
		bm, err := v.eval(q.Filter)
		if err != nil {
			return nil, false, err
		}
		if owned {
			out.And(bm)
		} else {
			out, owned = roaring.And(out, bm), true
		}
	}
	if q.MustNot != nil {
		bm, err := v.eval(q.MustNot)
		switch {
		case err != nil:
			return nil, false, err
		case bm.IsEmpty():
		case owned:
			out.AndNot(bm)
		default:
			out, owned = roaring.AndNot(out, bm), true
		}
	}
	return out, owned, nil
}

// evalRange matches the terms between Min and Max as bleve's term range
// searcher does: Max, when given, is included in the walk and dropped
// after it unless inclusive; Min is dropped unless inclusive.
func (v *segView) evalRange(q *query.TermRangeQuery) (*roaring.Bitmap, error) {
	if q.FieldVal == "" {
		return nil, errUnhandled
	}
	if bm, ok, err := v.evalLadder(q); ok {
		return bm, err
	}
	incMin := q.InclusiveMin == nil || *q.InclusiveMin
	incMax := q.InclusiveMax != nil && *q.InclusiveMax
	var end []byte
	if q.Max != "" {
		end = prefixEnd(append([]byte(q.Max), 0))
	}
	keep := func(term string) bool {
		return (incMin || q.Min == "" || term != q.Min) && (incMax || q.Max == "" || term != q.Max)
	}
	return v.termsBetween(q.FieldVal, []byte(q.Min), end, keep)
}

// prefixEnd is the first key after every key starting with p, as scorch
// computes it (nil when there is none).
func prefixEnd(p []byte) []byte {
	end := append([]byte(nil), p...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// match evaluates q in every segment of the snapshot. The bitmaps are
// to be read only (see eval).
func (s *snapshot) match(q query.Query) ([]*roaring.Bitmap, uint64, error) {
	out := make([]*roaring.Bitmap, len(s.segs))
	var total uint64
	for i := range s.segs {
		bm, err := s.segs[i].eval(q)
		if err != nil {
			return nil, 0, err
		}
		out[i] = bm
		total += bm.GetCardinality()
	}
	return out, total, nil
}
