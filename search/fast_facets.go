package search

import (
	"sort"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// facetTerm is one value of the facet field in one segment and its
// documents, deleted or not.
type facetTerm struct {
	term string
	docs *roaring.Bitmap
}

// segmentCache keeps what the bitmap engine reads once per segment: its
// facet values with their postings, its number order (fast_sort.go) and
// its terms' block summaries (fast_bound.go).
// Segments never change but for the documents they delete, and both are
// read with the deleted documents in: a match never holds one, so they
// count nothing. An entry lives while its segment is in the index's
// current snapshot; searches that need it together read it once.
type segmentCache struct {
	mu      sync.Mutex
	entries map[segment.Segment]*segmentEntry
}

type segmentEntry struct {
	facetsOnce, orderOnce sync.Once
	facets                []facetTerm
	facetsErr             error
	order                 atomic.Pointer[orderAnswer]
	blocksMu              sync.Mutex
	blocks                map[string]*blockSlot // by field and term (fast_bound.go)
}

// orderAnswer is a segment's number order, once read.
type orderAnswer struct {
	order *numberOrder
	err   error
}

// entry returns the entry of seg, new if need be.
func (c *segmentCache) entry(seg segment.Segment) *segmentEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[segment.Segment]*segmentEntry{}
	}
	e := c.entries[seg]
	if e == nil {
		e = &segmentEntry{}
		c.entries[seg] = e
	}
	return e
}

// forget drops the entries of segments the snapshot s no longer holds.
func (c *segmentCache) forget(s *snapshot) {
	in := make(map[segment.Segment]bool, len(s.segs))
	for _, v := range s.segs {
		in[v.seg] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for seg := range c.entries {
		if !in[seg] {
			delete(c.entries, seg)
		}
	}
}

// facetTerms returns the facet values of the segment v.
func (c *segmentCache) facetTerms(v *segView) ([]facetTerm, error) {
	e := c.entry(v.seg)
	e.facetsOnce.Do(func() { e.facets, e.facetsErr = readFacetTerms(v.seg) })
	return e.facets, e.facetsErr
}

// readFacetTerms reads every value of the facet field of seg.
func readFacetTerms(seg segment.Segment) ([]facetTerm, error) {
	var terms []facetTerm
	err := eachTerm(seg, fFacet, nil, nil, nil, func(term string, docs *roaring.Bitmap) error {
		terms = append(terms, facetTerm{term: term, docs: docs})
		return nil
	})
	return terms, err
}

// countFacets counts the facet values of the matches, as bleve's term
// facet of maxFacetValues values counts them: a value's count is the
// number of matches holding it, the most frequent first, ties by value.
func (s *snapshot) countFacets(c *segmentCache, match []*roaring.Bitmap) (*bsearch.FacetResult, error) {
	counts := map[string]int{}
	for i := range s.segs {
		if match[i].IsEmpty() {
			continue
		}
		terms, err := c.facetTerms(&s.segs[i])
		if err != nil {
			return nil, err
		}
		for _, t := range terms {
			if n := match[i].AndCardinality(t.docs); n > 0 {
				counts[t.term] += int(n)
			}
		}
	}
	tf := &bsearch.TermFacets{}
	for term, n := range counts {
		tf.Add(&bsearch.TermFacet{Term: term, Count: n})
	}
	sort.Sort(tf)
	if tf.Len() > maxFacetValues {
		tf.TrimToTopN(maxFacetValues)
	}
	return &bsearch.FacetResult{Field: fFacet, Terms: tf}, nil
}
