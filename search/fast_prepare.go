package search

import (
	"cmp"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	s, err := ix.scorchSnapshot()
	if s == nil {
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
	return ix.segments.warmWords(ctx, s, ix.readWordsFile())
}

// wordsFile, in the index's directory, lists the words whose summaries
// the term cache held when the index was last closed, used last first:
// the next start reads them first (as PostgreSQL's autoprewarm reloads
// the buffers it listed at shutdown). The commonest words of the index
// are not those its callers search; without the list, the first pass over
// the load benchmark's 1,000 queries after a start read 10,458 summaries
// at 1,000,000 patents, one client's p95 116 ms against 18.8 on the second.
const wordsFile = "words.json"

// keptWord is a word of wordsFile.
type keptWord struct {
	Field string `json:"f"`
	Term  string `json:"t"`
}

// readWordsFile returns the words of wordsFile; none when there is none
// or it cannot be read (it is a hint).
func (ix *Index) readWordsFile() []keptWord {
	b, err := os.ReadFile(filepath.Join(ix.dir, wordsFile))
	if err != nil {
		return nil
	}
	var words []keptWord
	if json.Unmarshal(b, &words) != nil {
		return nil
	}
	return words
}

// writeWordsFile writes the words the term cache holds to wordsFile,
// through a temporary file, so that a crash leaves the old list or the
// new one.
func (ix *Index) writeWordsFile() error {
	b, err := json.Marshal(ix.segments.keptWords())
	if err != nil {
		return err
	}
	tmp := filepath.Join(ix.dir, wordsFile+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(ix.dir, wordsFile))
}

// keptWords returns the words of the summaries kept, used last first,
// each once (a word is kept per segment).
func (c *segmentCache) keptWords() []keptWord {
	c.usedMu.Lock()
	defer c.usedMu.Unlock()
	var words []keptWord
	seen := map[string]bool{}
	if c.used == nil {
		return nil
	}
	for el := c.used.Front(); el != nil; el = el.Next() {
		key := el.Value.(*blockSlot).key
		if seen[key] {
			continue
		}
		seen[key] = true
		field, term, _ := strings.Cut(key, "\x00")
		words = append(words, keptWord{Field: field, Term: term})
	}
	return words
}

// wordFields are the fields a query's words are scored in.
var wordFields = []string{fTextEn, fTextZh, fTitleEn, fTitleZh}

// warmShare is the part of termCacheBytes (in quarters) that Prepare
// fills with the commonest words: the rest is left to the words searched
// before any of them is dropped.
const warmShare = 3

// warmWords reads the summaries of the words listed (those kept when the
// index was last closed, wordsFile), then of the commonest words of the
// text and title fields of s, the words of most documents first, in every segment, until the cache holds warmShare quarters of
// its budget or the words run out. A word's summary is read on the first
// search for it otherwise, and the commonest words cost the most to read
// (at 1,000,000 patents, the first minute after a start was spent
// reading them: one client's p95 was three times a warm one's), and are
// the likeliest searched. Dropping stays the searches' order of use.
func (c *segmentCache) warmWords(ctx context.Context, s *snapshot, listed []keptWord) error {
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
	first := make([]word, 0, len(listed)+len(words))
	for _, w := range listed {
		if slices.Contains(wordFields, w.Field) {
			first = append(first, word{field: w.Field, term: w.Term})
		}
	}
	full := termCacheBytes / 4 * warmShare
	for _, w := range append(first, words...) {
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
