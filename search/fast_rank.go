package search

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Relevance, as bleve scores it with the bm25 model (search/scorer and
// the searchers of bleve 2.6): a term scores
//
//	idf · tf·k1 / (tf + k1·(1 − b + b·fieldLength/avgDocLength)) · boost·idf·queryNorm
//
// with tf = √freq, fieldLength = 1/norm², idf = ln(1 + (N − n + ½)/(n + ½))
// over the N live documents and the n holding the term, avgDocLength the
// field's term count over N rounded up, and queryNorm = 1/√Σ(boost·idf)²
// over every term of the query. A conjunction scores the sum of its
// parts, a disjunction the sum of its matching parts times the share of
// its parts that match; the query's should clause adds its score to the
// must clause's. Only the boost of a term counts: bleve ignores the boost
// of a conjunction or disjunction. Sums are taken in an order that may
// differ from bleve's, so scores agree to the last few bits, not always
// exactly (see the differential test).

// scorer scores documents of one segment at a time, in increasing order.
type scorer interface {
	// at scores doc, and says whether it matches.
	at(doc uint64) (float64, bool, error)
	// start positions the scorer on segment v, before its first document.
	start(v *segView) error
	// weight is Σ(boost·idf)² over the terms.
	weight() float64
	// setNorm gives every term the query norm.
	setNorm(qnorm float64)
	// bounds sets out[j], for each block blocks[j] of segment v (in
	// increasing order), to a score that no document of the block
	// exceeds (fast_bound.go), or returns errUnhandled when it cannot
	// bound its scores. A bound is computed as at computes
	// a score, operation for operation, from parts no smaller than the
	// score's: floating-point sums and products of non-negative numbers
	// grow with their operands, so it is not exceeded even in the last
	// place, and a score equal to it is a tie.
	bounds(c *segmentCache, v *segView, blocks []uint32, out []float64) error
}

// stats are the snapshot's figures that scores depend on.
type stats struct {
	s    *snapshot
	docs uint64
	avg  map[string]float64
}

// avgLength is bleve's average length of field: its term count over the
// live documents, rounded up (0 for an empty index).
func (st *stats) avgLength(field string) (float64, error) {
	if a, ok := st.avg[field]; ok {
		return a, nil
	}
	card, err := st.s.is.FieldCardinality(field)
	if err != nil {
		return 0, err
	}
	a := 0.0
	if st.docs > 0 || card > 0 {
		a = math.Ceil(float64(card) / float64(st.docs))
	}
	st.avg[field] = a
	return a, nil
}

// docFreq returns the number of the snapshot's live documents that hold
// term in field, counted once per snapshot (see docFreqs).
func (s *snapshot) docFreq(field, term string) (uint64, error) {
	key := field + "\x00" + term
	if n, ok := s.freqs.get(key); ok {
		return n, nil
	}
	var n uint64
	for i := range s.segs {
		k, err := s.segs[i].docFreq(field, term)
		if err != nil {
			return 0, err
		}
		n += k
	}
	s.freqs.put(key, n)
	return n, nil
}

// docFreqs are the document frequencies of the terms searched in one
// snapshot of the index, by field and term: a snapshot never changes, and
// every search of a word counted it again in every segment. A snapshot
// lasts until the indexer's next batch, which on a registry read far more
// than it is written may be days, and every word searched meanwhile
// would stay: past docFreqsKept terms (some 100 bytes each, 6 MB in
// all) the counts are forgotten and counted again.
type docFreqs struct {
	is     *scorch.IndexSnapshot // whose counts; kept, so that no later snapshot takes its address
	mu     sync.RWMutex
	counts map[string]uint64
}

// docFreqsKept bounds the terms a docFreqs keeps. (A variable: a test
// lowers it.)
var docFreqsKept = 1 << 16

// get returns the count kept for key; false when none is (or f is nil).
func (f *docFreqs) get(key string) (uint64, bool) {
	if f == nil {
		return 0, false
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	n, ok := f.counts[key]
	return n, ok
}

// put keeps the count of key, forgetting all the others first when
// docFreqsKept are kept.
func (f *docFreqs) put(key string, n uint64) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.counts) >= docFreqsKept {
		f.counts = make(map[string]uint64)
	}
	f.counts[key] = n
}

// docFreqsOf holds the document frequencies of the snapshot searched
// last.
type docFreqsOf struct{ last atomic.Pointer[docFreqs] }

// of returns the document frequencies of is: those kept when is is the
// snapshot searched last, else new ones, which the searches of is share
// from now on. (Searches of an older and a newer snapshot that run
// together take turns: each only reads the counts of its own.)
func (o *docFreqsOf) of(is *scorch.IndexSnapshot) *docFreqs {
	if f := o.last.Load(); f != nil && f.is == is {
		return f
	}
	f := &docFreqs{is: is, counts: map[string]uint64{}}
	o.last.Store(f)
	return f
}

// newScorer compiles the scoring part of a plan, the must clauses and the
// should clauses, as bleve's boolean searcher scores them; errUnhandled
// when a clause is not made of terms.
func (s *snapshot) newScorer(must, should []query.Query) (scorer, error) {
	docs, err := s.is.DocCount()
	if err != nil {
		return nil, err
	}
	st := &stats{s: s, docs: docs, avg: map[string]float64{}}
	m, err := st.compile(query.NewConjunctionQuery(must), true)
	if err != nil {
		return nil, err
	}
	root := &boolScorer{must: m}
	if len(should) > 0 {
		if root.should, err = st.compile(query.NewDisjunctionQuery(should), false); err != nil {
			return nil, err
		}
	}
	root.setNorm(1 / math.Sqrt(root.weight()))
	return root, nil
}

// compile turns a query into its scorer. held says that every document
// the scorer will be asked about matches q: the query's must clause, as
// the documents scored are its matches, and the conjunctions and phrases
// within it. A term held is in every document scored, which its scorer
// then need not check.
func (st *stats) compile(q query.Query, held bool) (scorer, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		t, err := st.term(q)
		if err != nil {
			return nil, err
		}
		t.held = held
		return t, nil
	case *query.MatchPhraseQuery:
		return st.phrase(q, held)
	case *query.ConjunctionQuery:
		kids, err := st.compileAll(q.Conjuncts, held)
		if err != nil {
			return nil, err
		}
		return &sumScorer{kids: kids, all: true}, nil
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, errUnhandled
		}
		kids, err := st.compileAll(q.Disjuncts, false)
		if err != nil {
			return nil, err
		}
		return &sumScorer{kids: kids}, nil
	}
	return nil, errUnhandled
}

// compileAll compiles the parts of a conjunction or disjunction, each
// held or not (see compile).
func (st *stats) compileAll(qs []query.Query, held bool) ([]scorer, error) {
	if len(qs) == 0 {
		return nil, errUnhandled
	}
	out := make([]scorer, len(qs))
	for i, q := range qs {
		sc, err := st.compile(q, held)
		if err != nil {
			return nil, err
		}
		out[i] = sc
	}
	return out, nil
}

// term returns the scorer of a term query, with the term's idf over the
// whole snapshot.
func (st *stats) term(q *query.TermQuery) (*termScorer, error) {
	if q.FieldVal == "" {
		return nil, errUnhandled
	}
	n, err := st.s.docFreq(q.FieldVal, q.Term)
	if err != nil {
		return nil, err
	}
	avg, err := st.avgLength(q.FieldVal)
	if err != nil {
		return nil, err
	}
	t := &termScorer{field: q.FieldVal, term: []byte(q.Term), boost: q.BoostVal.Value(), avg: avg, weightOne: 1}
	if avg > 0 {
		t.idf = math.Log(1 + (float64(st.docs)-float64(n)+0.5)/(float64(n)+0.5))
	} else {
		t.idf = 1 + math.Log(float64(st.docs)/float64(n+1))
	}
	return t, nil
}

// termScorer scores one term.
type termScorer struct {
	field     string
	term      []byte
	boost     float64
	avg, idf  float64
	weightOne float64 // boost·idf·queryNorm, bleve's queryWeight
	held      bool    // every document scored holds the term (see compile)
	it        segment.PostingsIterator
	impacts   *termBlocks // the term's in the segment, if kept; else it:
	cur       uint64      // the document of the current posting
	freq      uint64
	norm      float64
	done      bool
}

func (t *termScorer) weight() float64 { w := t.boost * t.idf; return w * w }

func (t *termScorer) setNorm(qnorm float64) { t.weightOne = t.boost * t.idf * qnorm }

func (t *termScorer) start(v *segView) error {
	t.it, t.impacts, t.done, t.cur = nil, nil, false, 0
	if v.cache != nil {
		tb, err := v.cache.termBlocks(v, t.field, t.term)
		if err != nil {
			return err
		}
		if tb.impacts() {
			t.impacts = tb
			return nil
		}
	}
	dict, err := v.seg.Dictionary(t.field)
	if err != nil {
		return err
	}
	pl, err := dict.PostingsList(t.term, v.deleted, nil)
	if err != nil {
		return err
	}
	t.it = pl.Iterator(true, true, false, nil)
	return t.next(0, true)
}

// next moves to the first posting at or after doc.
func (t *termScorer) next(doc uint64, first bool) error {
	var p segment.Posting
	var err error
	if first {
		p, err = t.it.Next()
	} else {
		p, err = t.it.Advance(doc)
	}
	if err != nil {
		return err
	}
	if p == nil {
		t.done = true
		return nil
	}
	t.cur, t.freq, t.norm = p.Number(), p.Frequency(), p.Norm()
	return nil
}

func (t *termScorer) at(doc uint64) (float64, bool, error) {
	if t.impacts != nil {
		if t.held {
			freq, norm := t.impacts.heldPosting(uint32(doc))
			return t.scoreOf(freq, norm), true, nil
		}
		freq, norm, ok := t.impacts.posting(uint32(doc))
		if !ok {
			return 0, false, nil
		}
		return t.scoreOf(freq, norm), true, nil
	}
	if t.done {
		return 0, false, nil
	}
	if t.cur < doc {
		if err := t.next(doc, false); err != nil || t.done {
			return 0, false, err
		}
	}
	if t.cur != doc {
		return 0, false, nil
	}
	return t.score(), true, nil
}

// score is the current posting's score.
func (t *termScorer) score() float64 { return t.scoreOf(t.freq, t.norm) }

// scoreOf is the score of a posting of freq and norm, computed as
// bleve's TermQueryScorer computes it, operation for operation. It grows
// with freq and with norm (a shorter field) while the weight is positive.
func (t *termScorer) scoreOf(freq uint64, norm float64) float64 {
	return t.weighted(t.unweighted(freq, norm))
}

// unweighted is scoreOf before the query's weight: it depends on the
// term's idf and its field's average length alone.
func (t *termScorer) unweighted(freq uint64, norm float64) float64 {
	tf := math.Sqrt(float64(freq))
	var s float64
	if t.avg > 0 {
		fieldLength := 1 / (norm * norm)
		s = t.idf * (tf * bsearch.BM25_k1) /
			(tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*fieldLength/t.avg)))
	} else {
		s = tf * norm * t.idf
	}
	return s
}

// weighted is an unweighted score times the query's weight, as scoreOf
// computes it.
func (t *termScorer) weighted(s float64) float64 {
	if t.weightOne != 1.0 {
		s *= t.weightOne
	}
	return s
}

// bounds are the scores of each block's highest frequency and norm,
// computed once per pair of the term's palette, and kept unweighted for
// the next query of the term in the snapshot (paletteScores).
func (t *termScorer) bounds(c *segmentCache, v *segView, blocks []uint32, out []float64) error {
	if !(t.idf > 0 && t.weightOne > 0) {
		return errUnhandled // the score would not grow with freq and norm
	}
	tb, err := c.termBlocks(v, t.field, t.term)
	if err != nil {
		return err
	}
	kept := tb.scored.Load()
	if kept == nil || kept.idf != t.idf || kept.avg != t.avg {
		kept = &paletteScores{idf: t.idf, avg: t.avg, scores: make([]float64, len(tb.palette))}
		for pair := 1; pair < len(tb.palette); pair++ {
			kept.scores[pair] = t.unweighted(tb.bound(pair))
		}
		tb.scored.Store(kept)
	}
	var few [1 << 8]float64
	scores := few[:]
	if len(tb.palette) > len(few) {
		scores = make([]float64, len(tb.palette))
	}
	for pair := 1; pair < len(tb.palette); pair++ {
		scores[pair] = t.weighted(kept.scores[pair])
	}
	tb.code.scores(out, blocks, scores)
	return nil
}

// sumScorer is a conjunction (all) or a disjunction of scorers.
type sumScorer struct {
	kids []scorer
	all  bool
}

func (c *sumScorer) weight() float64 {
	var w float64
	for _, k := range c.kids {
		w += k.weight()
	}
	return w
}

func (c *sumScorer) setNorm(qnorm float64) {
	for _, k := range c.kids {
		k.setNorm(qnorm)
	}
}

func (c *sumScorer) start(v *segView) error {
	for _, k := range c.kids {
		if err := k.start(v); err != nil {
			return err
		}
	}
	return nil
}

// bounds are the sums of the parts' bounds, in the parts' order: a
// disjunction scores the sum of its matching parts times a share of at
// most 1.
func (c *sumScorer) bounds(sc *segmentCache, v *segView, blocks []uint32, out []float64) error {
	if err := c.kids[0].bounds(sc, v, blocks, out); err != nil {
		return err
	}
	if len(c.kids) == 1 {
		return nil
	}
	part := boundScratch.get(len(out))
	defer boundScratch.put(part)
	for _, k := range c.kids[1:] {
		if err := k.bounds(sc, v, blocks, *part); err != nil {
			return err
		}
		addBounds(out, *part)
	}
	return nil
}

// addBounds adds the bounds b to sum.
func addBounds(sum, b []float64) {
	for i := range sum {
		sum[i] += b[i]
	}
}

func (c *sumScorer) at(doc uint64) (float64, bool, error) {
	var sum float64
	matched := 0
	for _, k := range c.kids {
		s, ok, err := k.at(doc)
		if err != nil {
			return 0, false, err
		}
		if ok {
			sum += s
			matched++
		} else if c.all {
			return 0, false, nil
		}
	}
	if matched == 0 {
		return 0, false, nil
	}
	if !c.all {
		sum *= float64(matched) / float64(len(c.kids))
	}
	return sum, true, nil
}

// boolScorer is the must clause plus, where it matches, the should clause.
type boolScorer struct {
	must, should scorer
}

func (b *boolScorer) weight() float64 {
	w := b.must.weight()
	if b.should != nil {
		w += b.should.weight()
	}
	return w
}

func (b *boolScorer) setNorm(qnorm float64) {
	b.must.setNorm(qnorm)
	if b.should != nil {
		b.should.setNorm(qnorm)
	}
}

func (b *boolScorer) start(v *segView) error {
	if err := b.must.start(v); err != nil {
		return err
	}
	if b.should != nil {
		return b.should.start(v)
	}
	return nil
}

func (b *boolScorer) bounds(c *segmentCache, v *segView, blocks []uint32, out []float64) error {
	if b.should == nil {
		return b.must.bounds(c, v, blocks, out)
	}
	part := boundScratch.get(len(out))
	defer boundScratch.put(part)
	return b.boundsApart(c, v, blocks, out, *part)
}

// boundsApart sets should to the should clause's bounds and out to the
// blocks' bounds, as bounds sets them: the must clause's plus should.
func (b *boolScorer) boundsApart(c *segmentCache, v *segView, blocks []uint32, out, should []float64) error {
	if err := b.must.bounds(c, v, blocks, out); err != nil {
		return err
	}
	if err := b.should.bounds(c, v, blocks, should); err != nil {
		return err
	}
	addBounds(out, should)
	return nil
}

func (b *boolScorer) at(doc uint64) (float64, bool, error) {
	s, ok, err := b.must.at(doc)
	if err != nil || !ok || b.should == nil {
		return s, ok, err
	}
	s, err = b.plusShould(doc, s)
	return s, true, err
}

// plusShould is the score of doc, whose must clause scores must.
func (b *boolScorer) plusShould(doc uint64, must float64) (float64, error) {
	extra, ok, err := b.should.at(doc)
	if ok {
		must += extra
	}
	return must, err
}
