package search

import (
	"cmp"
	"context"
	"errors"
	"slices"
)

// Prepare reads, for each segment of the index in use, what the bitmap
// engine otherwise reads on the first search that needs it: the facet
// values with their documents, the values by document, and the number
// order; then the commonest words' summaries (warmWords). The first
// callers after a start or a merge then do not pay for
// it, and the pool lists are not left to bleve while a large segment's
// number order is read in the background (at 1,000,000 patents bleve
// answered the whole pool's list at a fifth of the rate for the first
// seconds). It returns when every segment is read or ctx ends; a segment
// whose values cannot be read is left to the first search that needs
// them, which reports the error.
func (ix *Index) Prepare(ctx context.Context) error {
	s, err := ix.openSnapshot()
	if errors.Is(err, errUnhandled) {
		return nil
	}
	if err != nil {
		return err
	}
	defer s.Close()
	ix.segments.forget(s)
	for i := range s.segs {
		if err := ctx.Err(); err != nil {
			return err
		}
		v := &s.segs[i]
		if terms, err := ix.segments.facetTerms(v); err == nil {
			ix.segments.facetsByDoc(v, terms)
		}
		ix.segments.prepareOrder(v)
	}
	return ix.segments.warmWords(ctx, s)
}

// wordFields are the fields a query's words are scored in.
var wordFields = []string{fTextEn, fTextZh, fTitleEn, fTitleZh}

// warmShare is the part of termCacheBytes (in quarters) that Prepare
// fills with the commonest words: the rest is left to the words searched
// before any of them is dropped.
const warmShare = 3

// warmWords reads the summaries of the commonest words of the text and
// title fields of s into the term cache, the words of most documents
// first, in every segment, until the cache holds warmShare quarters of
// its budget or the words run out. A word's summary is read on the first
// search for it otherwise, and the commonest words cost the most to read
// (at 1,000,000 patents, the first minute after a start was spent
// reading them: one client's p95 was three times a warm one's), and are
// the likeliest searched. Dropping stays the searches' order of use.
func (c *segmentCache) warmWords(ctx context.Context, s *snapshot) error {
	type word struct {
		field, term string
		docs        uint64
	}
	docs := map[word]uint64{}
	for i := range s.segs {
		for _, field := range wordFields {
			dict, err := s.segs[i].seg.Dictionary(field)
			if err != nil {
				return err
			}
			it := dict.AutomatonIterator(nil, nil, nil)
			for {
				e, err := it.Next()
				if err != nil {
					return err
				}
				if e == nil {
					break
				}
				docs[word{field: field, term: e.Term}] += e.Count
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	words := make([]word, 0, len(docs))
	for w, n := range docs {
		w.docs = n
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b word) int {
		return cmp.Or(cmp.Compare(b.docs, a.docs), cmp.Compare(a.field, b.field), cmp.Compare(a.term, b.term))
	})
	full := termCacheBytes / 4 * warmShare
	for _, w := range words {
		if c.termBytes.Load() >= full {
			return nil
		}
		for i := range s.segs {
			if err := ctx.Err(); err != nil {
				return err
			}
			if _, _, err := c.loadTerm(&s.segs[i], w.field, []byte(w.term)); err != nil {
				return err
			}
		}
	}
	return nil
}
