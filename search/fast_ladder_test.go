package search

import (
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts/demo"
	"sepportal/search/corpus"
)

// TestLadderMatchesTermWalk: in every segment of an index with several
// segments and deleted documents, a range over a pool's days answered
// from its ladder holds the same documents as the walk of its terms, for
// a range up to every term of the pool (inclusive and not), between two
// terms, before the first and past the last.
func TestLadderMatchesTermWalk(t *testing.T) {
	ix := diffIndex(t)
	s, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	yes := true
	checked := 0
	for _, field := range []string{fListedFrom, fListedUntil} {
		for _, pool := range []string{corpus.Pool, demo.PoolSlug} {
			prefix := pool + "/"
			for i := range s.segs {
				v := &s.segs[i]
				walk := *v
				walk.cache = nil // the plain walk of the terms
				l, err := ix.segments.ladder(v, field, prefix)
				if err != nil {
					t.Fatal(err)
				}
				// Up to every term, against a running union of the walk's
				// terms; past the ends and between two terms, against the walk.
				check := func(max string, inc bool, want *roaring.Bitmap) {
					t.Helper()
					q := query.NewTermRangeInclusiveQuery(prefix, max, &yes, &inc)
					q.SetField(field)
					got, err := v.evalRange(q)
					if err != nil {
						t.Fatal(err)
					}
					if want == nil {
						if want, err = walk.evalRange(q); err != nil {
							t.Fatal(err)
						}
					}
					if !got.Equals(want) {
						t.Fatalf("%s up to %q (inclusive %v) in segment %d: the ladder holds %d documents, the walk %d", field, max, inc, i, got.GetCardinality(), want.GetCardinality())
					}
					checked++
				}
				union := roaring.New()
				err = eachTerm(v.seg, field, []byte(prefix), prefixEnd([]byte(prefix)), v.deleted, func(term string, docs *roaring.Bitmap) error {
					check(term, false, union.Clone())
					union.Or(docs)
					check(term, true, union.Clone())
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				for j, max := range []string{prefix + "0000", prefix + "9999", prefix + "2015-06-15\x00"} {
					check(max, j%2 == 0, nil)
				}
				for j := 0; j < len(l.terms); j += 97 {
					check(l.terms[j]+"\x00", true, nil)
				}
				if len(l.terms) > maxRungs && len(l.rungs) > maxRungs {
					t.Errorf("%s of %s in segment %d: %d rungs for %d terms", field, pool, i, len(l.rungs), len(l.terms))
				}
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d ranges checked: the index lacks the days the test needs", checked)
	}
	// A ladder's answer is the caller's: changing it changes no later one.
	v := &s.segs[0]
	q := query.NewTermRangeInclusiveQuery(corpus.Pool+"/", corpus.Pool+"/9999", &yes, &yes)
	q.SetField(fListedFrom)
	first, _ := v.evalRange(q)
	n := first.GetCardinality()
	first.Or(roaring.BitmapOf(0, 1, 2, 3))
	first.Clear()
	if again, _ := v.evalRange(q); again.GetCardinality() != n || n == 0 {
		t.Fatalf("a ladder's answer changed with its caller's bitmap: %d, then %d", n, again.GetCardinality())
	}
}
