package search

import (
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"

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

// TestFacetsByDocNumbersTheWidestFieldApart builds the values by document
// of made-up segments whose documents hold the values of one field by the
// bits of their number (2^17 combinations, more than 16 bits number), and
// counts small and large matches both ways: the widest field is numbered
// apart when both numberings fit in 16 bits, all values together when
// either does not, and the counts agree with intersections in every case.
func TestFacetsByDocNumbersTheWidestFieldApart(t *testing.T) {
	const n = 1 << 17
	bits := func(name string, k int) []facetTerm { // doc holds name:i if bit i of its number is set
		var terms []facetTerm
		for i := range k {
			b := roaring.New()
			for d := uint32(0); d < n; d++ {
				if d>>i&1 == 1 {
					b.Add(d)
				}
			}
			terms = append(terms, facetTerm{term: fmt.Sprintf("%s:%02d", name, i), docs: b})
		}
		return terms
	}
	modulo := func(name string, k int) []facetTerm { // doc d holds name:(d % k)
		var terms []facetTerm
		for i := range k {
			b := roaring.New()
			for d := uint32(i); d < n; d += uint32(k) {
				b.Add(d)
			}
			terms = append(terms, facetTerm{term: fmt.Sprintf("%s:%02d", name, i), docs: b})
		}
		return terms
	}
	sorted := func(groups ...[]facetTerm) []facetTerm {
		var terms []facetTerm
		for _, g := range groups {
			terms = append(terms, g...)
		}
		sort.Slice(terms, func(i, j int) bool { return terms[i].term < terms[j].term })
		return terms
	}
	for _, tc := range []struct {
		name             string
		terms            []facetTerm
		shift            uint32
		restLen, wideLen int // combinations
	}{
		{"apart", sorted(modulo("holder", 7), modulo("section", 40), modulo("year", 11)), 16, 7 * 11, 40},
		{"wide field of 2^17 combinations", sorted(modulo("holder", 7), bits("section", 17)), 0, n, 1},
		{"other fields of 2^17 combinations", sorted(bits("holder", 17), modulo("section", 20)), 0, n, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFacetsByDoc(n, tc.terms)
			if f.shift != tc.shift || f.rest.len() != tc.restLen || f.wide.len() != tc.wideLen {
				t.Errorf("shift %d, %d and %d combinations; want shift %d, %d and %d", f.shift, f.rest.len(), f.wide.len(), tc.shift, tc.restLen, tc.wideLen)
			}
			for _, step := range []uint32{1, 3, 997, n / 4} {
				match := roaring.New()
				for d := uint32(step / 2); d < n; d += step {
					match.Add(d)
				}
				got := f.count(match, len(tc.terms))
				for id, term := range tc.terms {
					if want := match.AndCardinality(term.docs); uint64(got[id]) != want {
						t.Fatalf("every %d-th document: %s counts %d by document, %d by intersection", step, term.term, got[id], want)
					}
				}
			}
		})
	}
}

// TestWidestField finds the field of the most values among sorted terms,
// a field being the values sharing the name before the colon.
func TestWidestField(t *testing.T) {
	terms := func(names ...string) []facetTerm {
		var out []facetTerm
		for _, s := range names {
			out = append(out, facetTerm{term: s})
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		terms  []facetTerm
		lo, hi uint32
	}{
		{"none", nil, 0, 0},
		{"one value", terms("pool:a"), 0, 1},
		{"first", terms("a:1", "a:2", "b:1"), 0, 2},
		{"middle", terms("a:1", "b:1", "b:2", "b:3", "c:1", "c:2"), 1, 4},
		{"last", terms("a:1", "b:1", "b:2"), 1, 3},
		{"a name that prefixes another", terms("s:1", "se:1", "se:2", "sec:1"), 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if lo, hi := widestField(tc.terms); lo != tc.lo || hi != tc.hi {
				t.Errorf("[%d, %d), want [%d, %d)", lo, hi, tc.lo, tc.hi)
			}
		})
	}
}
