package search

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"sepportal/claimcharts/msg"
)

// bleve matches a phrase document by document (findPhrasePaths in its
// phrase searcher): for each location of the phrase's first term it reads
// every location of the next, so a document costs it the product of the
// terms' occurrences in it, and bleve looks at the search's deadline only
// between documents. A published claim of 20,000 characters repeating
// "一二" made the quoted 一二一二 run for minutes, holding a search slot.
// The engine matches a phrase of one term a position itself, by position
// (posIndex); the phrases it leaves to bleve (a Chinese phrase, whose
// positions hold a character and a pair; any phrase under an order the
// engine does not sort by) are weighed first by guardPhrases.

// maxPhraseWork is the most location pairs bleve may compare for a phrase
// in one document: about a second of a core (some 20 ns a pair, measured
// on the quoted 一二一二 over claims of 2,000 characters repeating 一二).
// A quoted 所述 in a patent of fifty claims that use it twenty times each
// is some 2,000,000.
var maxPhraseWork uint64 = 50_000_000

// guardPhrases refuses q when bleve would compare more than maxPhraseWork
// location pairs for one of its phrases in one document, reading only the
// frequencies of the phrases' terms in the documents that hold them all.
func (ix *Index) guardPhrases(ctx context.Context, q query.Query) error {
	var phrases []*query.MatchPhraseQuery
	collectPhrases(q, &phrases)
	if len(phrases) == 0 {
		return nil
	}
	s, err := ix.scorchSnapshot()
	if s == nil {
		return err
	}
	defer s.Close()
	for _, ph := range phrases {
		field, positions := phrasePositions(s.mapping, ph)
		for i := range s.segs {
			if err := ctx.Err(); err != nil {
				return err
			}
			work, err := s.segs[i].phraseWork(field, positions)
			if err != nil {
				return err
			}
			if work > maxPhraseWork {
				return badQuery(msg.PhraseTooCommon, ph.MatchPhrase)
			}
		}
	}
	return nil
}

// collectPhrases appends the phrases of q to out.
func collectPhrases(q query.Query, out *[]*query.MatchPhraseQuery) {
	switch q := q.(type) {
	case *query.MatchPhraseQuery:
		*out = append(*out, q)
	case *query.ConjunctionQuery:
		for _, k := range q.Conjuncts {
			collectPhrases(k, out)
		}
	case *query.DisjunctionQuery:
		for _, k := range q.Disjuncts {
			collectPhrases(k, out)
		}
	case *query.BooleanQuery:
		for _, k := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
			if k != nil {
				collectPhrases(k, out)
			}
		}
	}
}

// phrasePositions analyzes a phrase as bleve does: its field and the
// terms at each of its positions, in order, without the positions of
// dropped words. No field or no terms: nothing to weigh.
func phrasePositions(m mapping.IndexMapping, q *query.MatchPhraseQuery) (string, [][]string) {
	if m == nil || q.FieldVal == "" {
		return "", nil
	}
	name := q.Analyzer
	if name == "" {
		name = m.AnalyzerNameForPath(q.FieldVal)
	}
	a := m.AnalyzerNamed(name)
	if a == nil {
		return "", nil
	}
	at := map[int]int{} // token position → index in out
	var out [][]string
	for _, t := range a.Analyze([]byte(q.MatchPhrase)) {
		if len(t.Term) == 0 {
			continue
		}
		i, ok := at[t.Position]
		if !ok {
			i = len(out)
			at[t.Position] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], string(t.Term))
	}
	return q.FieldVal, out
}

// phraseWork is the most location pairs bleve compares for the phrase in
// one document of the segment: the occurrences of the first position's
// terms times those of the others', in the documents that hold a term of
// every position.
func (v *segView) phraseWork(field string, positions [][]string) (uint64, error) {
	if len(positions) < 2 {
		return 0, nil
	}
	var cand *roaring.Bitmap
	for _, terms := range positions {
		held := roaring.New()
		for _, t := range terms {
			bm, err := v.keptPostings(field, t)
			if err != nil {
				return 0, err
			}
			held.Or(bm)
		}
		if cand == nil {
			cand = held
		} else {
			cand.And(held)
		}
	}
	if cand.IsEmpty() {
		return 0, nil
	}
	counts := make([][]uint64, len(positions)) // by position, by candidate's rank
	for i, terms := range positions {
		counts[i] = make([]uint64, cand.GetCardinality())
		for _, t := range terms {
			if err := v.addFrequencies(field, t, cand, counts[i]); err != nil {
				return 0, err
			}
		}
	}
	var most uint64
	for d := range counts[0] {
		most = max(most, pathWork(positions, counts, d))
	}
	return most, nil
}

// pathWork bounds the location pairs bleve compares in candidate d: each
// path from a location of the first position reads every location of the
// next, and a position of several terms (a character and a pair) may
// extend a path several ways.
func pathWork(positions [][]string, counts [][]uint64, d int) uint64 {
	var work uint64
	paths := counts[0][d]
	for i := 1; i < len(positions); i++ {
		work += paths * counts[i][d]
		paths *= uint64(len(positions[i]))
	}
	return work
}

// addFrequencies adds the term's frequency in each candidate document to
// counts, indexed by the candidate's rank in cand.
func (v *segView) addFrequencies(field, term string, cand *roaring.Bitmap, counts []uint64) error {
	dict, err := v.seg.Dictionary(field)
	if err != nil {
		return err
	}
	pl, err := dict.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return err
	}
	it := pl.Iterator(true, false, false, nil)
	var p segment.Posting
	rank := 0
	for c := cand.Iterator(); c.HasNext(); rank++ {
		doc := uint64(c.Next())
		if p == nil || p.Number() < doc {
			if p, err = it.Advance(doc); err != nil || p == nil {
				return err
			}
		}
		if p.Number() == doc {
			counts[rank] += p.Frequency()
		}
	}
	return nil
}
