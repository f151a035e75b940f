package search

import (
	"container/list"
	"encoding/binary"
	"sort"
	"strings"
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
	termHits  atomic.Uint64
	termReads atomic.Uint64
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
	postings              shelf                    // by field and term (fast.go)
	phrases               shelf                    // by field and terms (fast_phrase.go)
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
	var counts, merged []termCount
	for i := range s.segs {
		if match[i].IsEmpty() {
			continue
		}
		terms, err := c.facetTerms(&s.segs[i])
		if err != nil {
			return nil, err
		}
		var byID []uint32
		if cheaper(match[i], len(terms)) {
			byID = c.facetsByDoc(&s.segs[i], terms).count(match[i], len(terms))
		} else {
			byID = make([]uint32, len(terms))
			for id, t := range terms {
				byID[id] = uint32(match[i].AndCardinality(t.docs))
			}
		}
		counts, merged = mergeCounts(merged[:0], counts, terms, byID), counts
	}
	tf := &bsearch.TermFacets{}
	for _, tc := range counts {
		tf.Add(&bsearch.TermFacet{Term: tc.term, Count: tc.n})
	}
	sort.Sort(tf)
	if tf.Len() > maxFacetValues {
		tf.TrimToTopN(maxFacetValues)
	}
	return &bsearch.FacetResult{Field: fFacet, Terms: tf}, nil
}

// termCount is a facet value's count.
type termCount struct {
	term string
	n    int
}

// mergeCounts appends to out the counts of sum, sorted by value, plus
// those of a segment whose values are terms, sorted, counted by number
// in byID: the values of the snapshot's segments are merged once each,
// where a map by value cost a hash and an insertion per segment and value
// (0.4 s of 51 s of CPU at 8 clients on c1m). A value no match holds is
// left out.
func mergeCounts(out, sum []termCount, terms []facetTerm, byID []uint32) []termCount {
	i := 0
	for id, n := range byID {
		if n == 0 {
			continue
		}
		term := terms[id].term
		for i < len(sum) && sum[i].term < term {
			out = append(out, sum[i])
			i++
		}
		if i < len(sum) && sum[i].term == term {
			out = append(out, termCount{term: term, n: sum[i].n + int(n)})
			i++
			continue
		}
		out = append(out, termCount{term: term, n: int(n)})
	}
	return append(out, sum[i:]...)
}

// facetsByDoc is a segment's facet values by document, as combinations:
// documents hold a handful of values each (pool, status, holder,
// country, year...), and many hold the same handful, so a document
// holds the number of its combination. A small match counts its facets
// faster by reading each match's values than by intersecting it with
// every value's postings: a dense two-word query matches some thousands
// of a segment's documents, while the segment has hundreds of values.
// A match of many documents counts its combinations first, then their
// values once each.
//
// The field of the most values (sections) is numbered apart from the
// others: at 1,000,000 patents a segment of 330,000 documents held
// 74,000 combinations of all its values, but 685 without the sections',
// so counting every combination's values read the whole of its 2.7 MB
// of values per query, from memory. A document's number holds the
// combination of the other fields' values above shift and of the wide
// field's below it (mask); when either numbering passes 16 bits, all
// values are numbered together (shift 0, mask 0, and the wide field's
// numbering holds the empty combination alone).
type facetsByDoc struct {
	combo []uint32 // per document
	shift uint32
	mask  uint32
	rest  combinations // of the values of every field but the wide one
	wide  combinations // of the wide field's values
}

// combinations numbers sets of facet values: the values of combination
// c are the facetTerms numbered ids[start[c]:start[c+1]].
type combinations struct {
	start   []uint32 // per combination, and one past the last
	ids     []uint32
	numbers map[string]uint32 // while building: by the values' numbers
}

// number returns the number of the combination of values, new if need
// be.
func (cs *combinations) number(values []uint32, key []byte) uint32 {
	key = key[:0]
	for _, id := range values {
		key = binary.LittleEndian.AppendUint32(key, id)
	}
	c, ok := cs.numbers[string(key)]
	if !ok {
		c = uint32(len(cs.start) - 1)
		cs.numbers[string(key)] = c
		cs.ids = append(cs.ids, values...)
		cs.start = append(cs.start, uint32(len(cs.ids)))
	}
	return c
}

func newCombinations() combinations {
	return combinations{start: []uint32{0}, numbers: map[string]uint32{}}
}

// len returns the number of combinations.
func (cs *combinations) len() int { return len(cs.start) - 1 }

// values returns the values of combination c.
func (cs *combinations) values(c uint32) []uint32 { return cs.ids[cs.start[c]:cs.start[c+1]] }

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
	lo, hi := widestField(terms)
	if f := numberCombinations(n, start, ids, lo, hi, 16); f != nil {
		return f
	}
	return numberCombinations(n, start, ids, 0, 0, 0)
}

// widestField returns the numbers [lo, hi) of the values of the field
// that has the most values among terms, which are sorted, so that a
// field's values ("name:value") are consecutive.
func widestField(terms []facetTerm) (lo, hi uint32) {
	for i := 0; i < len(terms); {
		name, _, _ := strings.Cut(terms[i].term, ":")
		j := i + 1
		for j < len(terms) && strings.HasPrefix(terms[j].term, name+":") {
			j++
		}
		if j-i > int(hi-lo) {
			lo, hi = uint32(i), uint32(j)
		}
		i = j
	}
	return lo, hi
}

// numberCombinations numbers the combinations of the values of n
// documents, document d holding the values ids[start[d]:start[d+1]] in
// increasing order, those in [lo, hi) apart from the others, their
// number below shift. It returns nil when either numbering passes shift
// bits; with shift 0 (and lo = hi), it numbers all values together.
func numberCombinations(n uint64, start, ids []uint32, lo, hi, shift uint32) *facetsByDoc {
	f := &facetsByDoc{combo: make([]uint32, n), shift: shift, mask: 1<<shift - 1, rest: newCombinations(), wide: newCombinations()}
	key, rest := make([]byte, 0, 64), make([]uint32, 0, 16)
	for d := range n {
		values := ids[start[d]:start[d+1]]
		a, b := sort.Search(len(values), func(i int) bool { return values[i] >= lo }), sort.Search(len(values), func(i int) bool { return values[i] >= hi })
		w := f.wide.number(values[a:b], key)
		rest = append(append(rest[:0], values[:a]...), values[b:]...)
		r := f.rest.number(rest, key)
		if shift > 0 && (r >= 1<<(32-shift) || w > f.mask) {
			return nil
		}
		f.combo[d] = r<<shift | w
	}
	f.rest.numbers, f.wide.numbers = nil, nil
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

// cheaper reports whether counting the values of match's documents
// (count) costs less than intersecting match with the postings of each
// of the segment's values, in nanoseconds as measured at 1,000,000
// patents on the dense corpus (two-word queries and the whole pool's
// list, segment by segment, each way): counting takes about 7 ns a match
// (3 when the match is the whole segment, read in order); an
// intersection about 350 ns per value and dense container of the match
// (a bitset or runs: a popcount of 1,024 words, or the value's own array
// tested bit by bit), and about 4 ns per value and document of an array
// container of the match, merged with the value's. So a two-word query
// (7 % of a segment: a few bitsets) counts, 4 times faster than it
// intersected when dense containers weighed 64, and the whole pool's
// list intersects, twice as fast.
func cheaper(match *roaring.Bitmap, values int) bool {
	st := match.Stats()
	dense := float64(st.BitmapContainers + st.RunContainers)
	intersect := float64(values) * (350*dense + 4*float64(st.ArrayContainerValues))
	return 7*float64(match.GetCardinality()) < intersect
}

// count returns the count of each value among the documents of match:
// by document, or, for a match of more than an eighth as many documents
// as there are combinations, by combination: a document's combinations
// are counted in small arrays, where reading their values is a second
// read from memory (at 1M, a two-word query's facets took a third less
// time by combination than by document at an eighth, as much at a 32nd).
func (f *facetsByDoc) count(match *roaring.Bitmap, values int) []uint32 {
	counts := make([]uint32, values)
	combos := f.rest.len() + f.wide.len()
	if 8*match.GetCardinality() <= uint64(combos) {
		buf := make([]uint32, 256)
		it := match.ManyIterator()
		for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
			for _, doc := range buf[:k] {
				c := f.combo[doc]
				for _, id := range f.rest.values(c >> f.shift) {
					counts[id]++
				}
				for _, id := range f.wide.values(c & f.mask) {
					counts[id]++
				}
			}
		}
		return counts
	}
	perRest, perWide := make([]uint32, f.rest.len()), make([]uint32, f.wide.len())
	buf := make([]uint32, 256)
	it := match.ManyIterator()
	for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
		for _, doc := range buf[:k] {
			c := f.combo[doc]
			perRest[c>>f.shift]++
			perWide[c&f.mask]++
		}
	}
	for _, part := range []struct {
		cs  *combinations
		per []uint32
	}{{&f.rest, perRest}, {&f.wide, perWide}} {
		for c, n := range part.per {
			if n > 0 {
				for _, id := range part.cs.values(uint32(c)) {
					counts[id] += n
				}
			}
		}
	}
	return counts
}
