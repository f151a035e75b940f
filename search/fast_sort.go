package search

import (
	"context"
	"math"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// numberOrder is a segment's documents in the order of their number sort
// key (fSortNumber), read once from the key's dictionary, which holds the
// keys sorted: a page of a number order is then the first documents of
// the order that the query matches, from the cursor's key on.
type numberOrder struct {
	docs []uint32 // documents by key, then by number
	offs []uint32 // the key of docs[i] is keys[offs[i]:offs[i+1]]
	keys []byte
	pos  []uint32 // docs[pos[d]] == d
}

// noPos marks a document without a sort key in numberOrder.pos.
const noPos = math.MaxUint32

// key returns the key at position i.
func (o *numberOrder) key(i int) string { return string(o.keys[o.offs[i]:o.offs[i+1]]) }

// syncOrderDocs is the size of segment whose number order a search reads
// itself; a larger one's is read in the background (a million documents
// take seconds, longer than a search may), and bleve answers the pages
// that need it until it is there.
var syncOrderDocs uint64 = 50000

// numberOrder returns the number order of the segment v, errUnhandled when
// it is not read yet or some of the segment's documents have no key (bleve
// would sort them last).
func (c *segmentCache) numberOrder(v *segView) (*numberOrder, error) {
	e := c.entry(v.seg)
	e.orderOnce.Do(func() {
		if v.seg.Count() <= syncOrderDocs {
			e.readOrder(v.seg)
			return
		}
		v.seg.AddRef() // the snapshot that holds it may be closed first
		go func() {
			defer v.seg.DecRef()
			e.readOrder(v.seg)
		}()
	})
	if a := e.order.Load(); a != nil {
		return a.order, a.err
	}
	return nil, errUnhandled
}

// prepareOrder reads the number order of the segment v unless a search
// has begun to read it.
func (c *segmentCache) prepareOrder(v *segView) {
	e := c.entry(v.seg)
	e.orderOnce.Do(func() { e.readOrder(v.seg) })
}

// readOrder reads the number order of seg into e.
func (e *segmentEntry) readOrder(seg segment.Segment) {
	o, err := readNumberOrder(seg)
	e.order.Store(&orderAnswer{order: o, err: err})
}

// readNumberOrder walks the sort key's dictionary of seg, every document
// deleted or not: the order does not change as documents are deleted.
func readNumberOrder(seg segment.Segment) (*numberOrder, error) {
	n := seg.Count()
	o := &numberOrder{docs: make([]uint32, 0, n), offs: make([]uint32, 1, n+1), pos: make([]uint32, n)}
	for i := range o.pos {
		o.pos[i] = noPos
	}
	err := eachTerm(seg, fSortNumber, nil, nil, nil, func(term string, docs *roaring.Bitmap) error {
		for d := range roaring.Values(docs) {
			if o.pos[d] != noPos {
				return errUnhandled // two keys: bleve sorts by the first
			}
			o.pos[d] = uint32(len(o.docs))
			o.docs = append(o.docs, d)
			o.keys = append(o.keys, term...)
			o.offs = append(o.offs, uint32(len(o.keys)))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if uint64(len(o.docs)) != n {
		return nil, errUnhandled
	}
	return o, nil
}

// numberPage returns the first n matches in number order (descending
// when desc), after the key after when it is not empty.
func (s *snapshot) numberPage(ctx context.Context, c *segmentCache, match []*roaring.Bitmap, n int, desc bool, after string) ([]hitRef, error) {
	var all []hitRef
	for i := range s.segs {
		if match[i].IsEmpty() {
			continue
		}
		o, err := c.numberOrder(&s.segs[i])
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		all = append(all, o.first(i, match[i], n, desc, after)...)
	}
	sort.Slice(all, func(a, b int) bool { return numberBefore(all[a], all[b], desc) })
	return all[:min(n, len(all))], nil
}

// numberBefore orders hits by key, then as bleve breaks ties: by index
// order, whichever the direction.
func numberBefore(a, b hitRef, desc bool) bool {
	if a.key != b.key {
		return a.key < b.key != desc
	}
	return a.before(b)
}

// first returns the first n documents of match in the order, after the
// key after. Walking the order costs about n·(documents/matches) steps,
// reading each match's place costs one step a match: it picks the cheaper.
func (o *numberOrder) first(seg int, match *roaring.Bitmap, n int, desc bool, after string) []hitRef {
	// from is the first position to take, going up; to the last, going down.
	from, to := 0, len(o.docs)-1
	if after != "" {
		if desc {
			to = sort.Search(len(o.docs), func(i int) bool { return o.key(i) >= after }) - 1
		} else {
			from = sort.Search(len(o.docs), func(i int) bool { return o.key(i) > after })
		}
	}
	card := match.GetCardinality()
	if card*card < uint64(n)*uint64(len(o.docs)) {
		return o.firstOfFew(seg, match, n, desc, from, to)
	}
	var out []hitRef
	step, i := 1, from
	if desc {
		step, i = -1, to
	}
	for ; i >= from && i <= to && len(out) < n; i += step {
		if d := o.docs[i]; match.Contains(d) {
			out = append(out, hitRef{seg: seg, doc: uint64(d), key: o.key(i)})
		}
	}
	return out
}

// firstOfFew is first for a match of few documents: each one's place.
func (o *numberOrder) firstOfFew(seg int, match *roaring.Bitmap, n int, desc bool, from, to int) []hitRef {
	var places []int
	for d := range roaring.Values(match) {
		if p := int(o.pos[d]); p >= from && p <= to {
			places = append(places, p)
		}
	}
	sort.Ints(places)
	if desc {
		for i, j := 0, len(places)-1; i < j; i, j = i+1, j-1 {
			places[i], places[j] = places[j], places[i]
		}
	}
	places = places[:min(n, len(places))]
	out := make([]hitRef, len(places))
	for i, p := range places {
		out[i] = hitRef{seg: seg, doc: uint64(o.docs[p]), key: o.key(p)}
	}
	return out
}
