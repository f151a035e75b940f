package search

import (
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Phrases in the bitmap engine. A word that analyzes to several tokens
// ("multi-user") and a quoted phrase are bleve match-phrase queries
// (compile.go several). bleve matches one as a conjunction of its terms
// whose documents it then keeps when the terms stand at consecutive
// positions (search/searcher/search_phrase.go, with no slop); it scores
// the conjunction's documents as the conjunction scores them. The engine
// does the same: the terms' postings intersected, then each candidate's
// locations read from the postings and checked.

// phraseTerms analyzes a phrase query as bleve's MatchPhraseQuery does,
// with the analyzer it names or else its field's, under the index's
// mapping m: the term at each position of the phrase, "" where the
// analyzer dropped a word (a stop word), which any word matches.
// errUnhandled: a fuzzy phrase, a phrase of no field, one of no tokens
// (bleve's match-none, which a boolean query treats apart), and one of
// several terms at a position (the Chinese analyzer's characters and
// pairs of characters): bleve's count of those depends on the size of
// the page it is asked for (a quoted 帧间预测 matched 307 documents of the
// differential test's index in pages of 6 to 100, 308 in a page of
// 10,000, and 308 one by one), so the engine cannot agree with it.
// Auto fuzziness cannot be seen from outside bleve: the compiler never
// sets it, and a phrase that had it would be matched exactly here.
func phraseTerms(m mapping.IndexMapping, q *query.MatchPhraseQuery) (field string, terms []string, err error) {
	if m == nil || q.FieldVal == "" || q.Fuzziness != 0 {
		return "", nil, errUnhandled
	}
	name := q.Analyzer
	if name == "" {
		name = m.AnalyzerNameForPath(q.FieldVal)
	}
	a := m.AnalyzerNamed(name)
	if a == nil {
		return "", nil, errUnhandled
	}
	toks := a.Analyze([]byte(q.MatchPhrase))
	if len(toks) == 0 {
		return "", nil, errUnhandled
	}
	first, last := toks[0].Position, toks[0].Position
	for _, t := range toks {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	terms = make([]string, last-first+1)
	for _, t := range toks {
		i := t.Position - first
		if len(t.Term) == 0 || terms[i] != "" {
			return "", nil, errUnhandled
		}
		terms[i] = string(t.Term)
	}
	return q.FieldVal, terms, nil
}

// phraseConjunction is the conjunction of a phrase's terms that bleve's
// phrase searcher scores a match by, each term boosted as the phrase is.
func phraseConjunction(field string, terms []string, boost float64) query.Query {
	var conj []query.Query
	for _, t := range terms {
		if t != "" {
			tq := termQuery(field, t)
			tq.SetBoost(boost)
			conj = append(conj, tq)
		}
	}
	return query.NewConjunctionQuery(conj)
}

// evalPhrase returns the live documents of the segment that hold the
// phrase q, to be read only (see eval).
func (v *segView) evalPhrase(q *query.MatchPhraseQuery) (*roaring.Bitmap, error) {
	field, terms, err := phraseTerms(v.mapping, q)
	if err != nil {
		return nil, err
	}
	var bm *roaring.Bitmap
	if v.cache != nil {
		bm, err = v.cache.phrase(v, field, terms)
	} else {
		bm, err = v.phraseDocs(field, terms)
	}
	if err != nil || v.deleted == nil || v.deleted.IsEmpty() {
		return bm, err
	}
	return roaring.AndNot(bm, v.deleted), nil
}

// phrase returns the documents of the segment v, deleted ones included,
// that hold the phrase of terms in field, to be read only: found once,
// then kept in the segment's entry, up to phraseBytesKept. A phrase is
// found by reading the locations of every document that holds all its
// terms, and a hyphenated word of the vocabulary ("multi-user") is
// named by query after query: 4 % of the CPU of cold two-word queries
// at 1,000,000 patents went to finding the same phrases again.
func (c *segmentCache) phrase(v *segView, field string, terms []string) (*roaring.Bitmap, error) {
	return c.entry(v.seg).phrases.keep(field+"\x00"+strings.Join(terms, "\x00"), postingsKept, phraseBytesKept, func() (*roaring.Bitmap, error) {
		return v.phraseDocs(field, terms)
	})
}

// phraseBytesKept bounds the bytes of the phrases' documents a segment's
// entry keeps: they are built on the heap, where the terms' postings are
// views of the segment's file. A phrase in a tenth of a segment of
// 330,000 documents takes 66 kB, so 2 MB hold some thirty such phrases a
// segment, and at most 50 MB for the 24 segments of 1,000,000 patents.
var phraseBytesKept int64 = 2 << 20

// phraseDocs returns the documents of the segment, deleted ones
// included, that hold the phrase of terms in field.
func (v *segView) phraseDocs(field string, terms []string) (*roaring.Bitmap, error) {
	cand, err := v.phraseCandidates(field, terms)
	if err != nil || cand.IsEmpty() {
		return roaring.New(), err
	}
	p, err := v.openPhrase(field, terms)
	if err != nil {
		return nil, err
	}
	out := roaring.New()
	for it := cand.Iterator(); it.HasNext(); {
		doc := it.Next()
		ok, err := p.at(uint64(doc))
		if err != nil {
			return nil, err
		}
		if ok {
			out.Add(doc)
		}
	}
	return out, nil
}

// phraseCandidates returns the documents, deleted ones included, that
// hold every term of the phrase, to be read only; nil when every word is
// dropped.
func (v *segView) phraseCandidates(field string, terms []string) (*roaring.Bitmap, error) {
	var bms []*roaring.Bitmap
	for _, t := range terms {
		if t == "" {
			continue
		}
		bm, err := v.keptPostings(field, t)
		if err != nil {
			return nil, err
		}
		bms = append(bms, bm)
	}
	switch len(bms) {
	case 0:
		return nil, nil
	case 1:
		return bms[0], nil
	}
	return roaring.FastAnd(bms...), nil
}

// phrase reads the locations of a phrase's terms, document by document
// in increasing order: a cursor per position of the phrase, nil for a
// dropped word, and the locations of each in the current document.
type phrase struct {
	terms []*termCursor
	locs  [][]segment.Location
	byPos []posIndex // of the positions whose locations are many (see read)
}

// posIndex finds a term's locations in a document by position: where a
// document holds the first term and another many times each, checking
// each location of the first against each of the other's took time in
// the product (a claim of 10,000 words alternating "alpha" and "beta"
// took seconds to search for "alpha beta").
type posIndex struct {
	built bool
	first map[uint64]int32 // position → 1 + the index of its first location
	next  []int32          // 1 + the index of the next location at the same position, 0 at the last
}

// indexedFrom is the product of the first term's and another's locations
// in a document past which the other's are indexed by position.
const indexedFrom = 1024

// index indexes locs by position, in order within each position.
func (x *posIndex) index(locs []segment.Location) {
	if x.first == nil {
		x.first = make(map[uint64]int32, len(locs))
	} else {
		clear(x.first)
	}
	x.next = slices.Grow(x.next[:0], len(locs))[:len(locs)]
	for j := len(locs) - 1; j >= 0; j-- {
		pos := locs[j].Pos()
		x.next[j] = x.first[pos]
		x.first[pos] = int32(j + 1)
	}
	x.built = true
}

// openPhrase opens the cursors of a phrase's terms in field, over every
// document, deleted or not.
func (v *segView) openPhrase(field string, terms []string) (*phrase, error) {
	dict, err := v.seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	p := newPhrase(len(terms))
	for i, t := range terms {
		if t == "" {
			continue
		}
		pl, err := dict.PostingsList([]byte(t), nil, nil)
		if err != nil {
			return nil, err
		}
		p.terms[i] = newTermCursor(pl.Iterator(false, false, true, nil))
	}
	return p, nil
}

// newPhrase returns a phrase of n positions with no cursors yet.
func newPhrase(n int) *phrase {
	return &phrase{terms: make([]*termCursor, n), locs: make([][]segment.Location, n), byPos: make([]posIndex, n)}
}

// at reports whether doc holds the phrase, as bleve's phrase searcher
// finds it with no slop: a location of the first term, and for each
// position i after it but a dropped word's, a location of its term i
// positions further in the same element of the field's array. doc must
// not decrease from call to call.
func (p *phrase) at(doc uint64) (bool, error) {
	if ok, err := p.read(doc); err != nil || !ok {
		return false, err
	}
	for _, first := range p.locs[0] {
		if p.from(first) {
			return true, nil
		}
	}
	return false, nil
}

// read reads the locations of every term of the phrase in doc into
// p.locs, and reports whether doc holds them all. doc must not decrease
// from call to call.
func (p *phrase) read(doc uint64) (bool, error) {
	for i, c := range p.terms {
		if c == nil {
			continue
		}
		l, ok, err := c.at(doc)
		if err != nil || !ok {
			return false, err
		}
		p.locs[i] = l
	}
	for i := 1; i < len(p.terms); i++ {
		p.byPos[i].built = false
		if p.terms[i] != nil && len(p.locs[0])*len(p.locs[i]) > indexedFrom {
			p.byPos[i].index(p.locs[i])
		}
	}
	return true, nil
}

// from reports whether the locations of the positions after the first
// follow the first's location.
func (p *phrase) from(first segment.Location) bool {
	for i := 1; i < len(p.terms); i++ {
		if p.terms[i] == nil {
			continue
		}
		if j := p.follower(first, i, -1); j < 0 {
			return false
		}
	}
	return true
}

// follower returns the index in p.locs[i] of the next location after
// index j (-1: from the start) that follows first as the phrase's term i
// must, or -1 when there is none. Locations indexed by position are
// looked up, others scanned.
func (p *phrase) follower(first segment.Location, i, j int) int {
	locs, x := p.locs[i], &p.byPos[i]
	for {
		switch {
		case !x.built:
			j++
		case j < 0:
			j = int(x.first[first.Pos()+uint64(i)]) - 1
		default:
			j = int(x.next[j]) - 1
		}
		if j < 0 || j >= len(locs) {
			return -1
		}
		if follows(first, locs[j], i) {
			return j
		}
	}
}

// follows reports whether l stands i positions after first, in the same
// element of the field's array: where the phrase's term i must stand.
func follows(first, l segment.Location, i int) bool {
	return l.Pos() == first.Pos()+uint64(i) && slices.Equal(l.ArrayPositions(), first.ArrayPositions())
}

// termCursor walks the postings of a term with their locations.
type termCursor struct {
	it      segment.PostingsIterator
	skip    chunkSkip
	doc     uint64
	locs    []segment.Location // of doc, valid until the iterator moves
	started bool
	done    bool
}

// newTermCursor returns the cursor of the postings iterator it.
func newTermCursor(it segment.PostingsIterator) *termCursor {
	return &termCursor{it: it, skip: newChunkSkip(it)}
}

// at returns the locations of the term in doc, and whether doc holds the
// term (a field without term vectors has none). doc must not decrease
// from call to call.
func (c *termCursor) at(doc uint64) ([]segment.Location, bool, error) {
	if c.done {
		return nil, false, nil
	}
	if !c.started || c.doc < doc {
		c.skip.to(doc)
		p, err := c.it.Advance(doc)
		if err != nil {
			return nil, false, err
		}
		if p == nil {
			c.done = true
			return nil, false, nil
		}
		c.started, c.doc, c.locs = true, p.Number(), p.Locations()
	}
	if c.doc != doc {
		return nil, false, nil
	}
	return c.locs, true, nil
}

// phraseScorer scores a phrase as bleve's phrase searcher does: the
// conjunction of its terms scores a document that holds the phrase. The
// conjunction's bounds bound the phrase's: it matches fewer documents.
// A phrase held (see compile) is in every document scored, whose
// positions the match has checked: they are not read again.
type phraseScorer struct {
	scorer // the conjunction
	field  string
	terms  []string
	held   bool
	p      *phrase // of the current segment; nil when held
}

// phrase returns the scorer of the phrase q, held or not (see compile).
func (st *stats) phrase(q *query.MatchPhraseQuery, held bool) (scorer, error) {
	field, terms, err := phraseTerms(st.s.mapping, q)
	if err != nil {
		return nil, err
	}
	sc, err := st.compile(phraseConjunction(field, terms, q.Boost()), held)
	if err != nil {
		return nil, err
	}
	return &phraseScorer{scorer: sc, field: field, terms: terms, held: held}, nil
}

func (ps *phraseScorer) start(v *segView) error {
	if err := ps.scorer.start(v); err != nil || ps.held {
		return err
	}
	var err error
	ps.p, err = v.openPhrase(ps.field, ps.terms)
	return err
}

func (ps *phraseScorer) at(doc uint64) (float64, bool, error) {
	s, ok, err := ps.scorer.at(doc)
	if err != nil || !ok {
		return 0, false, err
	}
	if ps.held {
		return s, true, nil
	}
	if ok, err := ps.p.at(doc); err != nil || !ok {
		return 0, false, err
	}
	return s, true, nil
}
