package search

import (
	"errors"
	"testing"

	"sepportal/search/corpus"
)

// TestFacetsByDocCountAsIntersections counts the facet values of the
// differential test's index (several segments, deleted documents) both
// ways, by reading each match's values and by intersecting the match
// with each value's postings, for small and large matches of the public
// and of an administrator: the counts must agree value for value.
func TestFacetsByDocCountAsIntersections(t *testing.T) {
	ix := diffIndex(t)
	s, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	queries := append(corpus.TwoWordQueries(3, 8), "帧间预测", "PPDU", "holder:"+corpus.HolderSlug(3), "")
	compared := 0
	for _, vis := range []access{actorAccess(anonymous), actorAccess(admin)} {
		for _, q := range queries {
			p := compileQuery(t, ix, q)
			match, _, err := s.match(p.query(vis, false))
			if errors.Is(err, errUnhandled) {
				continue // a phrase: bleve counts its facets
			}
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			for i := range s.segs {
				terms, err := ix.segments.facetTerms(&s.segs[i])
				if err != nil {
					t.Fatal(err)
				}
				got := ix.segments.facetsByDoc(&s.segs[i], terms).count(match[i], len(terms))
				for id, term := range terms {
					if want := match[i].AndCardinality(term.docs); uint64(got[id]) != want {
						t.Fatalf("%q segment %d: %s counts %d by document, %d by intersection", q, i, term.term, got[id], want)
					}
					compared++
				}
			}
		}
	}
	t.Logf("%d counts compared", compared)
}
