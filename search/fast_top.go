package search

import (
	"container/heap"
	"context"
	"errors"
	"math"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
)

// The top of a relevance order: the matches scored (fast_rank.go) and the
// best kept, in bleve's order for equal scores (the index's order).

// hitRef is a document of a snapshot: its segment and number there,
// which order hits of equal rank as bleve orders them (by index order),
// with its score and sort key.
type hitRef struct {
	seg   int
	doc   uint64
	score float64
	key   string
}

// before reports whether a comes before b in index order.
func (a hitRef) before(b hitRef) bool {
	return a.seg < b.seg || a.seg == b.seg && a.doc < b.doc
}

// rankHeap keeps the best hits seen, the worst on top.
type rankHeap []hitRef

func (h rankHeap) Len() int { return len(h) }
func (h rankHeap) Less(i, j int) bool {
	return h[i].score < h[j].score || h[i].score == h[j].score && h[j].before(h[i])
}
func (h rankHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *rankHeap) Push(x any)   { *h = append(*h, x.(hitRef)) }
func (h *rankHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// parallelScoring is the number of matches from which a query is scored
// by two goroutines, each on its half of every segment's matches: below
// it, starting the second costs more than it saves. (A variable: the
// differential test lowers it, to compare both ways on a small index.)
var parallelScoring uint64 = 8192

// topScored returns the best n matches, best first: by blocks
// (topBounded) when the match is large beside n and the scorer bounds
// its scores, else by scoring every match. A scorer is made per
// goroutine: scorers keep their place in the postings.
func (s *snapshot) topScored(ctx context.Context, c *segmentCache, newScorer func() (scorer, error), match []*roaring.Bitmap, total uint64, n int) ([]hitRef, error) {
	if n > 0 && total >= boundedFrom && total >= 4*uint64(n) {
		sc, err := newScorer()
		if err != nil {
			return nil, err
		}
		hits, err := s.topBounded(ctx, c, sc, match, n)
		if !errors.Is(err, errUnhandled) {
			return hits, err
		}
	}
	parts := 1
	if total >= parallelScoring {
		parts = 2
	}
	type answer struct {
		hits []hitRef
		err  error
	}
	answers := make(chan answer, parts)
	for part := range parts {
		go func() {
			sc, err := newScorer()
			if err == nil {
				var hits []hitRef
				hits, err = s.scorePart(ctx, sc, match, n, part, parts)
				answers <- answer{hits: hits, err: err}
				return
			}
			answers <- answer{err: err}
		}()
	}
	var all []hitRef
	var err error
	for range parts {
		a := <-answers
		all = append(all, a.hits...)
		if err == nil {
			err = a.err
		}
	}
	if err != nil {
		return nil, err
	}
	sort.Slice(all, func(i, j int) bool { return better(all[i], all[j]) })
	return all[:min(n, len(all))], nil
}

// scorePart scores part of parts of each segment's matches (by rank) and
// returns its best n.
func (s *snapshot) scorePart(ctx context.Context, sc scorer, match []*roaring.Bitmap, n, part, parts int) ([]hitRef, error) {
	h := make(rankHeap, 0, n+1)
	for i := range s.segs {
		card := match[i].GetCardinality()
		lo, hi := card*uint64(part)/uint64(parts), card*uint64(part+1)/uint64(parts)
		if lo == hi {
			continue
		}
		if err := sc.start(&s.segs[i]); err != nil {
			return nil, err
		}
		it := match[i].Iterator()
		if lo > 0 {
			first, err := match[i].Select(uint32(lo))
			if err != nil {
				return nil, err
			}
			it.AdvanceIfNeeded(first)
		}
		if err := h.scoreRun(ctx, sc, i, it, hi-lo, math.MaxUint64, n); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// scoreRun scores up to count matches of segment seg from it, those
// before the document end, and keeps the best n in h.
func (h *rankHeap) scoreRun(ctx context.Context, sc scorer, seg int, it roaring.IntPeekable, count, end uint64, n int) error {
	for k := uint64(0); k < count && it.HasNext() && uint64(it.PeekNext()) < end; k++ {
		if k&4095 == 4095 && ctx.Err() != nil {
			return ctx.Err()
		}
		doc := uint64(it.Next())
		score, _, err := sc.at(doc)
		if err != nil {
			return err
		}
		r := hitRef{seg: seg, doc: doc, score: score}
		if len(*h) < n {
			heap.Push(h, r)
		} else if better(r, (*h)[0]) {
			(*h)[0] = r
			heap.Fix(h, 0)
		}
	}
	return nil
}

// better reports whether a ranks before b: a higher score, or an equal
// one earlier in the index.
func better(a, b hitRef) bool {
	return a.score > b.score || a.score == b.score && a.before(b)
}

// scoreHits gives hits their scores (a page sorted by number, of a query
// with words, shows them as bleve's does).
func (s *snapshot) scoreHits(sc scorer, hits []hitRef) error {
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return hits[order[a]].before(hits[order[b]]) })
	seg := -1
	for _, i := range order {
		if hits[i].seg != seg {
			seg = hits[i].seg
			if err := sc.start(&s.segs[seg]); err != nil {
				return err
			}
		}
		score, _, err := sc.at(hits[i].doc)
		if err != nil {
			return err
		}
		hits[i].score = score
	}
	return nil
}

// boundedFrom is the number of matches from which the top is found by
// blocks. (A variable: the differential test lowers it, to compare both
// ways on a small index.)
var boundedFrom uint64 = 4096

// scoreBlock is a block of a segment's matches (fast_bound.go): how many
// there are and a score none of them exceeds.
type scoreBlock struct {
	seg   int
	block uint64
	count uint64
	bound float64
}

// topBounded returns the best n matches, best first, scoring only the
// blocks whose bound reaches the n-th best score found so far: first the
// blocks of the highest bounds until they hold n matches, which sets that
// score, then, in index order, each other block whose bound still
// reaches it as it rises. A match of a block whose bound is below the
// n-th score cannot enter the top; one whose bound equals it might (equal
// scores go to the earlier document), so it is scored. The answer is
// the one scoring every match gives. errUnhandled: the scorer has no
// bounds.
func (s *snapshot) topBounded(ctx context.Context, c *segmentCache, sc scorer, match []*roaring.Bitmap, n int) ([]hitRef, error) {
	blocks, err := s.scoreBlocks(c, sc, match)
	if err != nil {
		return nil, err
	}
	sort.Slice(blocks, func(i, j int) bool { return blocks[i].bound > blocks[j].bound })
	first := 0
	for seen := uint64(0); first < len(blocks) && seen < uint64(n); first++ {
		seen += blocks[first].count
	}
	h := make(rankHeap, 0, n+1)
	if err := s.scoreIn(ctx, sc, &h, blocks[:first], match, n); err != nil {
		return nil, err
	}
	rest := blocks[first:]
	if len(h) == n {
		rest = rest[:sort.Search(len(rest), func(i int) bool { return rest[i].bound < h[0].score })]
	}
	if err := s.scoreIn(ctx, sc, &h, rest, match, n); err != nil {
		return nil, err
	}
	sort.Slice(h, func(i, j int) bool { return better(h[i], h[j]) })
	return h, nil
}

// beats reports whether the heap, full, holds n hits that each rank
// before every match of block b: they score above its bound, or as much
// and come earlier in the index than the block's first document.
func (h rankHeap) beats(b scoreBlock) bool {
	last := h[0]
	return b.bound < last.score || b.bound == last.score && last.before(hitRef{seg: b.seg, doc: b.block << blockShift})
}

// scoreBlocks returns the blocks holding matches, with their counts and
// bounds.
func (s *snapshot) scoreBlocks(c *segmentCache, sc scorer, match []*roaring.Bitmap) ([]scoreBlock, error) {
	var out []scoreBlock
	buf := make([]uint32, 256)
	for i := range s.segs {
		if match[i].IsEmpty() {
			continue
		}
		v := &s.segs[i]
		nb := (v.seg.Count() + blockDocs() - 1) >> blockShift
		bounds, err := sc.bounds(c, v, int(nb))
		if err != nil {
			return nil, err
		}
		counts := make([]uint64, nb)
		it := match[i].ManyIterator()
		for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
			for _, doc := range buf[:k] {
				counts[doc>>blockShift]++
			}
		}
		for b, n := range counts {
			if n > 0 {
				out = append(out, scoreBlock{seg: i, block: uint64(b), count: n, bound: bounds[b]})
			}
		}
	}
	return out, nil
}

// scoreIn scores the matches of blocks, in index order, but those of a
// block whose bound the heap beats by then, and keeps the best n in h.
func (s *snapshot) scoreIn(ctx context.Context, sc scorer, h *rankHeap, blocks []scoreBlock, match []*roaring.Bitmap, n int) error {
	sort.Slice(blocks, func(i, j int) bool {
		a, b := blocks[i], blocks[j]
		return a.seg < b.seg || a.seg == b.seg && a.block < b.block
	})
	seg := -1
	var it roaring.IntPeekable
	for _, b := range blocks {
		if len(*h) == n && h.beats(b) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if b.seg != seg {
			seg = b.seg
			if err := sc.start(&s.segs[seg]); err != nil {
				return err
			}
			it = match[seg].Iterator()
		}
		start := b.block << blockShift
		it.AdvanceIfNeeded(uint32(start))
		if err := h.scoreRun(ctx, sc, seg, it, b.count, start+blockDocs(), n); err != nil {
			return err
		}
	}
	return nil
}
