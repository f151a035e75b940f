package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
	"sepportal/search/corpus"
)

// TestTopBoundedMatchesScoringAll compares, on the differential test's
// index (several segments, deleted documents), the top found by blocks with the top of every match scored:
// the same documents in the same order with the same scores, bit for
// bit, for tops of 1 to 150 of two-word queries matching thousands,
// where ties of equal score are many, for the public and an
// administrator (who reads the drafts too).
func TestTopBoundedMatchesScoringAll(t *testing.T) {
	ix := diffIndex(t)
	queries := append(corpus.TwoWordQueries(3, 12), "帧间预测", "PPDU vector", "(merge OR skip) candidate", "motion -vector")
	bounded, cut := 0, 0
	for _, actor := range []claimcharts.Actor{anonymous, admin} {
		for _, q := range queries {
			for _, n := range []int{1, 2, 3, 7, 20, 150} {
				b, c := compareTops(t, ix, actor, q, n)
				bounded, cut = bounded+b, cut+c
			}
		}
	}
	t.Logf("%d tops found by blocks; %d of them scored fewer matches than there are", bounded, cut)
	if bounded == 0 || cut < bounded/2 {
		t.Fatalf("%d tops found by blocks, %d of them cut short: the test does not exercise the bounds", bounded, cut)
	}
}

// compareTops compares the top n of query q for actor found both ways;
// it returns 1, 1 when it was found by blocks and scored fewer matches
// than there are.
func compareTops(t *testing.T, ix *Index, actor claimcharts.Actor, q string, n int) (bounded, cut int) {
	t.Helper()
	p := compileQuery(t, ix, q)
	s, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	match, total, err := s.match(p.query(actorAccess(actor), false))
	if errors.Is(err, errUnhandled) {
		return 0, 0 // a phrase: bleve answers it
	}
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	newScorer := func() (scorer, error) { return s.newScorer(p.must, p.should) }
	sc := mustScorer(t, newScorer)
	want, err := s.scorePart(context.Background(), sc, match, n, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	sortHits(want)
	counting := &countingScorer{scorer: mustScorer(t, newScorer)}
	got, err := s.topBounded(context.Background(), &ix.segments, counting, match, n)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%q top %d: %d hits by blocks, %d scoring all", q, n, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%q top %d of %d: hit %d by blocks %+v, scoring all %+v", q, n, total, i, got[i], want[i])
		}
	}
	if counting.scored < total {
		cut = 1
	}
	return 1, cut
}

// sortHits orders hits best first.
func sortHits(h []hitRef) {
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && better(h[j], h[j-1]); j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}

func mustScorer(t *testing.T, newScorer func() (scorer, error)) scorer {
	t.Helper()
	sc, err := newScorer()
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// countingScorer counts the documents it scores.
type countingScorer struct {
	scorer
	scored uint64
}

func (c *countingScorer) at(doc uint64) (float64, bool, error) {
	c.scored++
	return c.scorer.at(doc)
}

// TestTopBoundedTiesGoToTheEarlierDocument builds an index of documents
// that all score the same but one, which scores more and comes in a later
// segment: the top two are that one and the first document of the index,
// found by blocks as by scoring all, though the block of the best one,
// scored first, holds later documents of the same score.
func TestTopBoundedTiesGoToTheEarlierDocument(t *testing.T) {
	idx, err := bleve.New(filepath.Join(t.TempDir(), "ix"), bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	// Four words: the norm, 1/√4, is exact, so a block's bound is exactly
	// the score of its documents.
	for batch, n := range []int{100, 20} {
		b := idx.NewBatch()
		for i := range n {
			text := "alpha beta gamma delta"
			if batch == 1 && i == 10 {
				text = "alpha alpha gamma delta"
			}
			if err := b.Index(fmt.Sprintf("d%d-%03d", batch, i), map[string]string{"text": text}); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	s := rawSnapshot(t, idx)
	defer s.Close()
	if len(s.segs) < 2 {
		t.Skipf("the index merged its segments: %d", len(s.segs))
	}
	must := []query.Query{termQuery("text", "alpha")}
	match, total, err := s.match(must[0])
	if err != nil {
		t.Fatal(err)
	}
	sc, err := s.newScorer(must, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.scorePart(context.Background(), sc, match, 2, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	sortHits(want)
	if want[0].seg != 1 || want[1].seg != 0 || want[0].score == want[1].score {
		t.Fatalf("the index is not as the test needs it: top two %+v of %d", want, total)
	}
	var c segmentCache
	got, err := s.topBounded(context.Background(), &c, mustScorer(t, func() (scorer, error) { return s.newScorer(must, nil) }), match, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("top two by blocks %+v, scoring all %+v", got, want)
	}
}

// rawSnapshot is a snapshot of a bleve index made in a test.
func rawSnapshot(t *testing.T, idx bleve.Index) *snapshot {
	t.Helper()
	adv, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.(*scorch.Scorch).Reader()
	if err != nil {
		t.Fatal(err)
	}
	is := r.(*scorch.IndexSnapshot)
	s := &snapshot{is: is}
	for _, ss := range is.Segments() {
		s.segs = append(s.segs, segView{seg: ss.Segment(), deleted: ss.Deleted()})
	}
	return s
}

// compileQuery parses and compiles q as a search would, failing t if it cannot.
func compileQuery(t *testing.T, ix *Index, q string) *plan {
	t.Helper()
	root, err := parse(q)
	if err != nil {
		t.Fatal(err)
	}
	p, err := (&compiler{m: ix.mapping}).compileTop(root)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTermCacheDropsTheLeastUsed reads the summaries of three words of a
// segment into a cache that holds two: the third drops the one used
// least recently (the second, the first having been used again), the
// bytes counted stay those of what is kept, and the words dropped and
// read again score as bleve does when the whole differential test runs
// in a cache that holds few.
func TestTermCacheDropsTheLeastUsed(t *testing.T) {
	defer func(n int64) { termCacheBytes = n }(termCacheBytes)
	ix := diffIndex(t)
	s, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v := &s.segs[0]
	words := []string{"motion", "vector", "candid"}
	var c segmentCache
	var sizes []int64
	for _, w := range words {
		tb, err := c.termBlocks(v, fTextEn, []byte(w))
		if err != nil {
			t.Fatal(err)
		}
		if !tb.impacts() || tb.freqs.n == 0 {
			t.Fatalf("%q: no impacts read (%d postings)", w, tb.freqs.n)
		}
		sizes = append(sizes, tb.size())
	}
	lengths := c.termBytes.Load() - sizes[0] - sizes[1] - sizes[2]
	termCacheBytes = lengths + sizes[0] + sizes[1] + min(sizes[0], sizes[1], sizes[2])/2

	var small segmentCache
	for _, w := range []string{words[0], words[1], words[0], words[2]} {
		if _, err := small.termBlocks(v, fTextEn, []byte(w)); err != nil {
			t.Fatal(err)
		}
	}
	e := small.entry(v.seg)
	kept := func(w string) bool { return e.blocks[fTextEn+"\x00"+w] != nil }
	if !kept(words[0]) || kept(words[1]) || !kept(words[2]) {
		t.Errorf("kept %q %v, %q %v, %q %v: want the first and the third, the second used least recently",
			words[0], kept(words[0]), words[1], kept(words[1]), words[2], kept(words[2]))
	}
	if got, want := small.termBytes.Load(), lengths+sizes[0]+sizes[2]; got != want {
		t.Errorf("counted %d bytes, want %d (lengths %d and the two words kept)", got, want, lengths)
	}

	// The whole comparison in a cache of a fifth of what it reads.
	defer func(n, b uint64) { parallelScoring, boundedFrom = n, b }(parallelScoring, boundedFrom)
	parallelScoring, boundedFrom = 200, 200
	for _, req := range diffRequests() {
		comparePages(t, ix, "public", anonymous, req)
	}
	full, lengths := ix.segments.termBytes.Load(), ix.segments.lengthBytes()
	termCacheBytes = lengths + (full-lengths)/5
	ix.segments.dropAll()
	for _, req := range diffRequests() {
		comparePages(t, ix, "public", anonymous, req)
	}
	if got := ix.segments.termBytes.Load(); got > termCacheBytes+ix.segments.largestTerm() {
		t.Errorf("the cache counts %d bytes with room for %d", got, termCacheBytes)
	}
	if got := ix.segments.lengthBytes() + ix.segments.termsKept(); got != ix.segments.termBytes.Load() {
		t.Errorf("the cache counts %d bytes, holds %d", ix.segments.termBytes.Load(), got)
	}
}

// lengthBytes, termsKept and largestTerm are the bytes of the cache's
// field lengths, of its terms' summaries, and of the largest of them.
func (c *segmentCache) lengthBytes() (n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries {
		n += e.lengthBytes
	}
	return n
}

func (c *segmentCache) termsKept() (n int64) {
	c.eachKept(func(slot *blockSlot) { n += slot.size })
	return n
}

func (c *segmentCache) largestTerm() (n int64) {
	c.eachKept(func(slot *blockSlot) { n = max(n, slot.size) })
	return n
}

func (c *segmentCache) eachKept(fn func(*blockSlot)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries {
		for _, slot := range e.blocks {
			if slot.used != nil {
				fn(slot)
			}
		}
	}
}

// dropAll drops every entry of the cache, as if its segments had left.
func (c *segmentCache) dropAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for seg, e := range c.entries {
		c.dropTerms(e)
		delete(c.entries, seg)
	}
}

// TestPaletteOverflowBoundsAbove gives a summary more distinct pairs
// than a palette holds, of norms close together (looked up in a table)
// and far apart (in a map): the blocks past it get the overflow pair,
// whose score is above that of every pair, and the others their own.
func TestPaletteOverflowBoundsAbove(t *testing.T) {
	for name, normStep := range map[string]int{"table": 1, "map": 9} {
		var pairs []blockBound
		for f := 1; f <= 250 && len(pairs) < maxPalette+5000; f++ {
			for k := 0; k < 900 && len(pairs) < maxPalette+5000; k++ {
				pairs = append(pairs, blockBound{freq: uint8(f), norm: uint16(0x3000 + k*normStep)})
			}
		}
		tb := &termBlocks{maxFreq: 250}
		tb.encode(pairs)
		if len(tb.palette) > maxPalette {
			t.Fatalf("%s: %d pairs in a palette of %d", name, len(tb.palette), maxPalette)
		}
		ts := &termScorer{boost: 1, avg: 30, idf: 2, weightOne: 0.5}
		over := 0
		for b, want := range pairs {
			got := tb.palette[tb.code.at(b)]
			if got == overflow {
				over++
				if ts.scoreOf(tb.bound(tb.code.at(b))) < ts.scoreOf(uint64(want.freq), float64(math.Float32frombits(uint32(want.norm)<<16))) {
					t.Fatalf("%s: block %d: the overflow pair scores below the block's own %+v", name, b, want)
				}
				continue
			}
			if got != want {
				t.Fatalf("%s: block %d: pair %+v, want %+v", name, b, got, want)
			}
		}
		if over != len(pairs)-(maxPalette-2) {
			t.Errorf("%s: %d blocks given the overflow pair, want %d", name, over, len(pairs)-(maxPalette-2))
		}
	}
}
