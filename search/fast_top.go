package search

import (
	"container/heap"
	"context"
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

// topScored scores every match and returns the best n, best first. A
// scorer is made per goroutine: scorers keep their place in the postings.
func (s *snapshot) topScored(ctx context.Context, newScorer func() (scorer, error), match []*roaring.Bitmap, total uint64, n int) ([]hitRef, error) {
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
		for k := lo; k < hi && it.HasNext(); k++ {
			if k&4095 == 4095 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			doc := uint64(it.Next())
			score, _, err := sc.at(doc)
			if err != nil {
				return nil, err
			}
			r := hitRef{seg: i, doc: doc, score: score}
			if len(h) < n {
				heap.Push(&h, r)
			} else if better(r, h[0]) {
				h[0] = r
				heap.Fix(&h, 0)
			}
		}
	}
	return h, nil
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
