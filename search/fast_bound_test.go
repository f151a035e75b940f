package search

import (
	"context"
	"errors"
	"testing"

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
	root, err := parse(q)
	if err != nil {
		t.Fatal(err)
	}
	p, err := (&compiler{m: ix.mapping}).compileTop(root)
	if err != nil {
		t.Fatal(err)
	}
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
