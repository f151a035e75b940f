package search

import (
	"container/list"
	"encoding/binary"
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
// the ladders of its pools' days (fast_ladder.go) and its terms' block
// summaries (fast_bound.go).
// Segments never change but for the documents they delete, and both are
// read with the deleted documents in: a match never holds one, so they
// count nothing. An entry lives while its segment is in the index's
// current snapshot; searches that need it together read it once.
type segmentCache struct {
	mu        sync.Mutex
	entries   map[segment.Segment]*segmentEntry
	termBytes atomic.Int64 // kept by the entries' terms (fast_bound.go)
	usedMu    sync.Mutex
	used      *list.List // the terms kept, the one used last in front
}

type segmentEntry struct {
	facetsOnce, orderOnce sync.Once
	facets                []facetTerm
	facetsErr             error
	byDocOnce             sync.Once
	byDoc                 *facetsByDoc
	order                 atomic.Pointer[orderAnswer]
	mu                    sync.Mutex
	ladders               map[string]*ladderOnce // by field and prefix (fast_ladder.go)
	blocksMu              sync.Mutex
	blocks                map[string]*blockSlot    // by field and term (fast_bound.go)
	lengths               map[string]*fieldLengths // by field (fast_bound.go)
	lengthBytes           int64                    // kept in lengths
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
			c.dropTerms(c.entries[seg])
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
		if byDoc := c.facetsByDoc(&s.segs[i], terms); byDoc.cheaper(match[i], len(terms)) {
			for id, n := range byDoc.count(match[i], len(terms)) {
				if n > 0 {
					counts[terms[id].term] += int(n)
				}
			}
			continue
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

// facetsByDoc is a segment's facet values by document, as combinations:
// documents hold a handful of values each (pool, status, holder,
// country, year...), and many hold the same handful, so a document
// holds the number of its combination, whose values are the facetTerms
// numbered ids[start[c]:start[c+1]]. A small match counts its facets
// faster by reading each match's values than by intersecting it with
// every value's postings: a dense two-word query matches some thousands
// of a segment's documents, while the segment has hundreds of values.
// A match of many documents counts its combinations first, then their
// values once each.
type facetsByDoc struct {
	combo  []uint32 // per document
	start  []uint32 // per combination, and one past the last
	ids    []uint32
	perDoc float64 // values a document holds, on average
}

// facetsByDoc returns the facet values by document of the segment v,
// whose values are terms.
func (c *segmentCache) facetsByDoc(v *segView, terms []facetTerm) *facetsByDoc {
	e := c.entry(v.seg)
	e.byDocOnce.Do(func() { e.byDoc = newFacetsByDoc(v.seg.Count(), terms) })
	return e.byDoc
}

// newFacetsByDoc inverts the postings of terms, of a segment of n
// documents, and numbers the combinations of values they hold.
func newFacetsByDoc(n uint64, terms []facetTerm) *facetsByDoc {
	start := make([]uint32, n+1)
	eachPosting(terms, func(_ uint32, doc uint32) { start[doc+1]++ })
	for d := range n {
		start[d+1] += start[d]
	}
	ids := make([]uint32, start[n])
	next := append([]uint32(nil), start[:n]...)
	eachPosting(terms, func(id, doc uint32) {
		ids[next[doc]] = id
		next[doc]++
	})
	f := &facetsByDoc{combo: make([]uint32, n), start: []uint32{0}, perDoc: float64(len(ids)) / float64(max(1, n))}
	numbers := map[string]uint32{}
	key := make([]byte, 0, 64)
	for d := range n {
		values := ids[start[d]:start[d+1]]
		key = key[:0]
		for _, id := range values {
			key = binary.LittleEndian.AppendUint32(key, id)
		}
		c, ok := numbers[string(key)]
		if !ok {
			c = uint32(len(f.start) - 1)
			numbers[string(key)] = c
			f.ids = append(f.ids, values...)
			f.start = append(f.start, uint32(len(f.ids)))
		}
		f.combo[d] = c
	}
	return f
}

// eachPosting calls fn with the number of each term and each of its
// documents.
func eachPosting(terms []facetTerm, fn func(id, doc uint32)) {
	buf := make([]uint32, 256)
	for id, t := range terms {
		it := t.docs.ManyIterator()
		for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
			for _, doc := range buf[:k] {
				fn(uint32(id), doc)
			}
		}
	}
}

// cheaper reports whether reading the values of match's documents costs
// less than intersecting match with the postings of each of the segment's
// values. A dense container of the match is intersected a word, 64
// documents, at a time: some tens of steps per value. A sparse one, an
// array, is merged with each value's documents there: a step per match
// and value. Measured on the 100,000-patent dense corpus: at 256 steps a
// dense container, the whole pool's list (a third of each segment) went
// by document and answered 17 % fewer requests; at 64 it keeps to
// intersections. Counted as one step a dense container, a two-word query
// at 1,000,000 (6 % of a segment: arrays) went by intersection too, and
// its facets took 40 % more time than by document.
func (f *facetsByDoc) cheaper(match *roaring.Bitmap, values int) bool {
	st := match.Stats()
	dense := float64(st.BitmapContainers + st.RunContainers)
	intersect := float64(values) * (64*dense + float64(st.ArrayContainerValues))
	return float64(match.GetCardinality())*f.perDoc < intersect
}

// count returns the count of each value among the documents of match:
// by document, or, for a match of more than an eighth as many documents
// as there are combinations, by combination: a document's combination
// is counted in a small array, where reading its values is a second read
// from memory (at 1M, a two-word query's facets took a third less time
// by combination than by document at an eighth, as much at a 32nd).
func (f *facetsByDoc) count(match *roaring.Bitmap, values int) []uint32 {
	counts := make([]uint32, values)
	combos := len(f.start) - 1
	byCombo := 8*match.GetCardinality() > uint64(combos)
	var perCombo []uint32
	if byCombo {
		perCombo = make([]uint32, combos)
	}
	buf := make([]uint32, 256)
	it := match.ManyIterator()
	for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
		for _, doc := range buf[:k] {
			c := f.combo[doc]
			if byCombo {
				perCombo[c]++
				continue
			}
			for _, id := range f.ids[f.start[c]:f.start[c+1]] {
				counts[id]++
			}
		}
	}
	for c, n := range perCombo {
		if n > 0 {
			for _, id := range f.ids[f.start[c]:f.start[c+1]] {
				counts[id] += n
			}
		}
	}
	return counts
}
