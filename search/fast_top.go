package search

import (
	"container/heap"
	"context"
	"errors"
	"math"
	"sort"
	"sync"

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
		if err := h.scoreRun(ctx, sc, i, it, hi-lo, math.MaxUint64, n, math.Inf(1)); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// scoreRun scores up to count matches of segment seg from it, those
// before the document end, and keeps the best n in h. should bounds the
// score of the query's should clause over these matches (+Inf: no
// bound): once h holds n hits, a match whose must clause scores too
// little to enter it even with should more is left there, its should
// clause unread (the title words of a two-word query: a third of the
// postings read to score a cold query at 1,000,000 patents).
func (h *rankHeap) scoreRun(ctx context.Context, sc scorer, seg int, it roaring.IntPeekable, count, end uint64, n int, should float64) error {
	bs, _ := sc.(*boolScorer)
	prune := bs != nil && bs.should != nil && !math.IsInf(should, 1)
	for k := uint64(0); k < count && it.HasNext() && uint64(it.PeekNext()) < end; k++ {
		if k&4095 == 4095 && ctx.Err() != nil {
			return ctx.Err()
		}
		doc := uint64(it.Next())
		var score float64
		var err error
		if prune && len(*h) == n {
			if score, _, err = bs.must.at(doc); err == nil {
				if !better(hitRef{seg: seg, doc: doc, score: score + should}, (*h)[0]) {
					continue
				}
				score, err = bs.plusShould(doc, score)
			}
		} else {
			score, _, err = sc.at(doc)
		}
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
	seg := -1
	for _, i := range indexOrder(hits) {
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

// indexOrder returns the indexes of hits in index order: segment by
// segment, each segment's documents in increasing order, as postings
// iterators walk them.
func indexOrder(hits []hitRef) []int {
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return hits[order[a]].before(hits[order[b]]) })
	return order
}

// boundedFrom is the number of matches from which the top is found by
// blocks. (A variable: the differential test lowers it, to compare both
// ways on a small index.)
var boundedFrom uint64 = 4096

// segBlocks are the blocks of one segment that hold matches: how many
// each holds and a score none of them exceeds.
type segBlocks struct {
	seg    int
	blocks []uint32 // in increasing order
	counts []uint8  // at most blockDocs each
	bounds []float64
	should []float64 // the should clause's part of bounds; nil: none
}

// ref returns the k-th block.
func (sb *segBlocks) ref(k int) blockRef {
	return blockRef{seg: sb.seg, block: uint64(sb.blocks[k]), count: uint64(sb.counts[k]), bound: sb.bounds[k], should: sb.shouldAt(k)}
}

// reaching returns the first of the blocks from the k-th whose bound
// reaches score (len(sb.counts) when none does): the heap, full with
// hits of score or more, beats the others.
func (sb *segBlocks) reaching(k int, score float64) int {
	for k < len(sb.bounds) && sb.bounds[k] < score {
		k++
	}
	return k
}

// precedes reports whether block a comes before block b in index order.
func (a blockRef) precedes(b blockRef) bool {
	return a.seg < b.seg || a.seg == b.seg && a.block < b.block
}

// shouldAt is the should clause's part of the k-th block's bound, +Inf
// when not known.
func (sb *segBlocks) shouldAt(k int) float64 {
	if sb.should == nil {
		return math.Inf(1)
	}
	return sb.should[k]
}

// A block's count of matches fits its byte.
var _ [255 - (1 << blockShift)]struct{}

// blockRef is one block of a segment, with its count and bound.
type blockRef struct {
	seg    int
	block  uint64
	count  uint64
	bound  float64
	should float64 // the should clause's part of bound (+Inf: not known)
}

// topBounded returns the best n matches, best first, scoring only the
// blocks whose bound reaches the n-th best score found so far: first the
// blocks of the highest bounds until they hold n matches, which sets that
// score, then, in index order, each other block whose bound still
// reaches it as it rises. A match of a block whose bound is below the
// n-th score cannot enter the top; one whose bound equals it might (equal
// scores go to the earlier document), so it is scored. The answer is
// the one scoring every match gives, whichever blocks come first: they
// only set the score the others must reach. Nothing is sorted but those
// first blocks: a million documents are 65,536 blocks, and sorting them
// by bound, then by place, cost more than scoring the matches that pass.
// The blocks below the score are passed over in a loop of their bounds
// alone: a two-word query at 1,000,000 patents holds matches in some
// 100,000 blocks, and looking at each as a blockRef cost 15 % of its
// CPU. errUnhandled: the scorer has no bounds.
func (s *snapshot) topBounded(ctx context.Context, c *segmentCache, sc scorer, match []*roaring.Bitmap, n int) ([]hitRef, error) {
	blocks, release, err := s.scoreBlocks(c, sc, match)
	if err != nil {
		return nil, err
	}
	defer release()
	first := highestBlocks(blocks, firstMatches*n)
	sort.Slice(first, func(i, j int) bool { return first[i].precedes(first[j]) })
	h := make(rankHeap, 0, n+1)
	r := blockRun{s: s, sc: sc, h: &h, match: match, n: n, seg: -1}
	for _, b := range first {
		if err := r.score(ctx, b); err != nil {
			return nil, err
		}
	}
	r.seg = -1 // the first blocks moved the iterators on: start again
	next := 0  // the next of the first blocks, in index order
	for _, sb := range blocks {
		for k := 0; k < len(sb.counts); k++ {
			if len(h) == n {
				if k = sb.reaching(k, h[0].score); k == len(sb.counts) {
					break
				}
			}
			b := sb.ref(k)
			for next < len(first) && first[next].precedes(b) {
				next++
			}
			if next < len(first) && first[next].seg == b.seg && first[next].block == b.block {
				next++
				continue
			}
			if err := r.score(ctx, b); err != nil {
				return nil, err
			}
		}
	}
	sort.Slice(h, func(i, j int) bool { return better(h[i], h[j]) })
	return h, nil
}

// firstMatches is how many matches per hit asked the first blocks hold
// between them. The more they hold, the closer the score they set is to
// the top's last and the fewer blocks pass it later: on the dense corpus
// of 1,000,000 patents, 300 two-word queries for 20 hits scored a median
// of 983 blocks with first blocks of 20 matches (10 blocks), 898 with 80
// (47 blocks), while only 521 reach the final top's last score; more
// first blocks gain little more (186 blocks: 821 scored).
const firstMatches = 4

// highestBlocks returns blocks of the highest bounds that hold at least n
// matches between them (all the blocks when they hold fewer), few: each
// is kept only while the others do not hold n without it.
func highestBlocks(blocks []segBlocks, n int) []blockRef {
	var kept blockHeap
	held := uint64(0)
	for _, sb := range blocks {
		for k, count := range sb.counts {
			if held >= uint64(n) && sb.bounds[k] <= kept[0].bound {
				continue
			}
			heap.Push(&kept, sb.ref(k))
			held += uint64(count)
			for held-kept[0].count >= uint64(n) {
				held -= heap.Pop(&kept).(blockRef).count
			}
		}
	}
	return kept
}

// blockHeap keeps blocks, the lowest bound on top.
type blockHeap []blockRef

func (h blockHeap) Len() int           { return len(h) }
func (h blockHeap) Less(i, j int) bool { return h[i].bound < h[j].bound }
func (h blockHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *blockHeap) Push(x any)        { *h = append(*h, x.(blockRef)) }
func (h *blockHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// beats reports whether the heap, full, holds n hits that each rank
// before every match of block b: they score above its bound, or as much
// and come earlier in the index than the block's first document.
func (h rankHeap) beats(b blockRef) bool {
	last := h[0]
	return b.bound < last.score || b.bound == last.score && last.before(hitRef{seg: b.seg, doc: b.block << blockShift})
}

// scoreBlocks returns, per segment holding matches, the blocks that hold
// them, with their counts of matches and bounds, in buffers reused from
// query to query: release gives them back once the blocks are no longer
// read.
func (s *snapshot) scoreBlocks(c *segmentCache, sc scorer, match []*roaring.Bitmap) (blocks []segBlocks, release func(), err error) {
	total := 0
	for i := range s.segs {
		total += int(min(match[i].GetCardinality(), uint64(segmentBlocks(&s.segs[i]))))
	}
	bounds, counts, held := boundScratch.get(total), countScratch.get(total), blockScratch.get(total)
	bs, _ := sc.(*boolScorer)
	var should *[]float64
	if bs != nil && bs.should != nil {
		should = boundScratch.get(total)
	}
	release = func() {
		boundScratch.put(bounds)
		countScratch.put(counts)
		blockScratch.put(held)
		if should != nil {
			boundScratch.put(should)
		}
	}
	buf := make([]uint32, 256)
	off := 0
	for i := range s.segs {
		if match[i].IsEmpty() {
			continue
		}
		n := matchBlocks(match[i], buf, (*held)[off:], (*counts)[off:])
		sb := segBlocks{seg: i, blocks: (*held)[off : off+n], counts: (*counts)[off : off+n], bounds: (*bounds)[off : off+n]}
		var err error
		if should != nil {
			sb.should = (*should)[off : off+n]
			err = bs.boundsApart(c, &s.segs[i], sb.blocks, sb.bounds, sb.should)
		} else {
			err = sc.bounds(c, &s.segs[i], sb.blocks, sb.bounds)
		}
		off += n
		if err != nil {
			release()
			return nil, nil, err
		}
		blocks = append(blocks, sb)
	}
	return blocks, release, nil
}

// matchBlocks sets blocks to the blocks that hold documents of match, in
// increasing order, and counts to the number each holds, and returns how
// many there are. Both are long enough for one block per document.
func matchBlocks(match *roaring.Bitmap, buf, blocks []uint32, counts []uint8) int {
	n, cur, count := 0, uint32(0), uint8(0) // the block counted, while count > 0
	it := match.ManyIterator()
	for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
		for _, doc := range buf[:k] {
			if b := doc >> blockShift; b != cur || count == 0 {
				if count > 0 {
					blocks[n], counts[n] = cur, count
					n++
				}
				cur, count = b, 0
			}
			count++
		}
	}
	if count > 0 {
		blocks[n], counts[n] = cur, count
		n++
	}
	return n
}

// segmentBlocks is the number of blocks of segment v.
func segmentBlocks(v *segView) int {
	return int((v.seg.Count() + blockDocs() - 1) >> blockShift)
}

// scratch reuses slices from query to query: those of a segment's blocks
// are thousands long.
type scratch[T any] struct{ pool sync.Pool }

// boundScratch, countScratch and blockScratch hold blocks' bounds,
// counts and numbers.
var (
	boundScratch scratch[float64]
	countScratch scratch[uint8]
	blockScratch scratch[uint32]
)

// get returns a slice of n elements, whatever they hold.
func (s *scratch[T]) get(n int) *[]T {
	p, _ := s.pool.Get().(*[]T)
	if p == nil || cap(*p) < n {
		p = new([]T)
		*p = make([]T, n)
	}
	*p = (*p)[:n]
	return p
}

// put gives p back, to be reused.
func (s *scratch[T]) put(p *[]T) { s.pool.Put(p) }

// blockRun scores the matches of blocks given in index order, but those
// of a block whose bound the heap beats by then, and keeps the best n in
// h. Set seg to -1 to start again from the first segment.
type blockRun struct {
	s      *snapshot
	sc     scorer
	h      *rankHeap
	match  []*roaring.Bitmap
	n      int
	seg    int
	it     roaring.IntPeekable
	blocks int // scored so far
}

// score scores the matches of block b, unless the heap, full, beats it.
func (r *blockRun) score(ctx context.Context, b blockRef) error {
	if len(*r.h) == r.n && r.h.beats(b) {
		return nil
	}
	if r.blocks++; r.blocks&255 == 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if b.seg != r.seg {
		r.seg = b.seg
		if err := r.sc.start(&r.s.segs[b.seg]); err != nil {
			return err
		}
		r.it = r.match[b.seg].Iterator()
	}
	start := b.block << blockShift
	r.it.AdvanceIfNeeded(uint32(start))
	return r.h.scoreRun(ctx, r.sc, b.seg, r.it, b.count, start+blockDocs(), r.n, b.should)
}
