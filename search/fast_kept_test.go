package search

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
)

// keptIndex is a bleve index of 60 documents "d00".."d59" in two
// segments, the first with deleted documents: document i holds alpha
// when i is even, beta when a multiple of 3, gamma of 5, and the words
// of the documents the second batch rewrote (those of 7) are its own.
func keptIndex(t *testing.T) (*snapshot, func(i int, word string) bool) {
	t.Helper()
	idx, err := bleve.New(filepath.Join(t.TempDir(), "ix"), bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	holds := func(i int, word string) bool {
		switch word {
		case "alpha":
			return i%2 == 0
		case "beta":
			return i%3 == 0
		case "gamma":
			return i%5 == 0
		case "delta":
			return i%7 == 0 // the rewritten ones
		}
		return false
	}
	text := func(i int, rewritten bool) string {
		words := []string{"filler"}
		for _, w := range []string{"alpha", "beta", "gamma"} {
			if holds(i, w) {
				words = append(words, w)
			}
		}
		if rewritten {
			words = append(words, "delta")
		}
		return strings.Join(words, " ")
	}
	for batch := range 2 {
		b := idx.NewBatch()
		for i := range 60 {
			rewrite := i%7 == 0
			if batch == 0 && i >= 40 || batch == 1 && i < 40 && !rewrite {
				continue
			}
			if err := b.Index(fmt.Sprintf("d%02d", i), map[string]string{"text": text(i, batch == 1 && rewrite)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	s := rawSnapshot(t, idx)
	t.Cleanup(func() { s.Close() })
	var deleted uint64
	for i := range s.segs {
		s.segs[i].cache = &segmentCache{}
		if d := s.segs[i].deleted; d != nil {
			deleted += d.GetCardinality()
		}
	}
	if len(s.segs) < 2 || deleted == 0 {
		t.Skipf("the index is not as the test needs it: %d segments, %d deleted documents", len(s.segs), deleted)
	}
	return s, holds
}

// docIDs returns the identities of the documents of the bitmaps, by segment.
func docIDs(t *testing.T, s *snapshot, bms []*roaring.Bitmap) []string {
	t.Helper()
	var out []string
	for i, bm := range bms {
		for it := bm.Iterator(); it.HasNext(); {
			id, err := s.segs[i].seg.DocID(uint64(it.Next()))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(id))
		}
	}
	slices.Sort(out)
	return out
}

// evalCase is a query of keptIndex's documents and the documents it
// matches.
type evalCase struct {
	name  string
	q     query.Query
	match func(i int) bool
}

// evalCases are composites of terms, of the postings the segments keep
// and of the segments' live documents.
func evalCases(holds func(i int, word string) bool) []evalCase {
	term := func(w string) query.Query { return termQuery("text", w) }
	boolean := func(must, filter, mustNot query.Query) query.Query {
		b := query.NewBooleanQuery(nil, nil, nil)
		if must != nil {
			b.AddMust(must)
		}
		if filter != nil {
			b.AddFilter(filter)
		}
		if mustNot != nil {
			b.AddMustNot(mustNot)
		}
		return b
	}
	return []evalCase{
		{"term", term("alpha"), func(i int) bool { return holds(i, "alpha") }},
		{"and", query.NewConjunctionQuery([]query.Query{term("alpha"), term("beta")}),
			func(i int) bool { return holds(i, "alpha") && holds(i, "beta") }},
		{"and of one", query.NewConjunctionQuery([]query.Query{term("beta")}), func(i int) bool { return holds(i, "beta") }},
		{"and of three", query.NewConjunctionQuery([]query.Query{term("alpha"), term("beta"), term("gamma")}),
			func(i int) bool { return holds(i, "alpha") && holds(i, "beta") && holds(i, "gamma") }},
		{"or", query.NewDisjunctionQuery([]query.Query{term("beta"), term("gamma")}),
			func(i int) bool { return holds(i, "beta") || holds(i, "gamma") }},
		{"but", boolean(term("alpha"), nil, term("beta")), func(i int) bool { return holds(i, "alpha") && !holds(i, "beta") }},
		{"within, but", boolean(term("beta"), term("gamma"), term("alpha")),
			func(i int) bool { return holds(i, "beta") && holds(i, "gamma") && !holds(i, "alpha") }},
		{"within", boolean(term("gamma"), term("alpha"), nil), func(i int) bool { return holds(i, "gamma") && holds(i, "alpha") }},
		{"all but", boolean(nil, nil, term("alpha")), func(i int) bool { return !holds(i, "alpha") }},
		{"within all", boolean(nil, term("delta"), nil), func(i int) bool { return holds(i, "delta") }},
	}
}

// want returns the identities of the documents c matches.
func (c evalCase) want() []string {
	var out []string
	for i := range 60 {
		if c.match(i) {
			out = append(out, fmt.Sprintf("d%02d", i))
		}
	}
	return out
}

// TestEvalLeavesItsPartsAsTheyAre evaluates composites of terms, whose
// parts are the postings the segments keep and the segment's live
// documents, and checks both the answers and that the parts are as the
// segment holds them after: a composite that changed a part in place
// would change every later search of its term.
func TestEvalLeavesItsPartsAsTheyAre(t *testing.T) {
	s, holds := keptIndex(t)
	cases := evalCases(holds)
	for round := range 2 {
		for _, c := range cases {
			match, total, err := s.match(c.q)
			if err != nil {
				t.Fatal(err)
			}
			want := c.want()
			if got := docIDs(t, s, match); !slices.Equal(got, want) || total != uint64(len(want)) {
				t.Errorf("round %d, %s: matches %v (total %d), want %v", round, c.name, got, total, want)
			}
		}
	}
	for i := range s.segs {
		v := &s.segs[i]
		for _, w := range []string{"alpha", "beta", "gamma", "delta"} {
			checkKept(t, v, w)
		}
		var deleted uint64
		if v.deleted != nil {
			deleted = v.deleted.GetCardinality()
		}
		if live := v.all().GetCardinality(); live != v.seg.Count()-deleted {
			t.Errorf("segment %d: %d live documents, of %d less %d deleted", i, live, v.seg.Count(), deleted)
		}
	}
}

// checkKept fails t unless the postings of w in the text of segment v,
// as the segment keeps them, are those read from the segment.
func checkKept(t *testing.T, v *segView, w string) {
	t.Helper()
	kept, err := v.keptPostings("text", w)
	if err != nil {
		t.Fatal(err)
	}
	read, err := readPostings(v.seg, "text", w)
	if err != nil {
		t.Fatal(err)
	}
	if !kept.Equals(read) {
		t.Errorf("the segment keeps %v as the postings of %s, which are %v", kept.ToArray(), w, read.ToArray())
	}
}

// TestEvalTogether evaluates the queries of evalCases and a term's
// document frequency from several goroutines at once, each with its own
// view of the snapshot, as concurrent searches read the postings the
// segments keep and the counts the snapshot keeps (run it with -race).
func TestEvalTogether(t *testing.T) {
	s, holds := keptIndex(t)
	s.freqs = (&docFreqsOf{}).of(s.is)
	cases := evalCases(holds)
	errs := make(chan string, 8*20)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for round := range 20 {
				mine := &snapshot{is: s.is, segs: slices.Clone(s.segs), freqs: s.freqs}
				c := cases[round%len(cases)]
				match, _, err := mine.match(c.q)
				if err != nil {
					errs <- err.Error()
					return
				}
				if got := docIDs(t, mine, match); !slices.Equal(got, c.want()) {
					errs <- fmt.Sprintf("%s: matches %v, want %v", c.name, got, c.want())
				}
				if _, err := mine.docFreq("text", []string{"alpha", "beta", "gamma", "delta"}[round%4]); err != nil {
					errs <- err.Error()
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestPostingsKeptAreBounded reads more terms of a segment than it keeps:
// the entry keeps no more than postingsKept, and a term read again is
// read right.
func TestPostingsKeptAreBounded(t *testing.T) {
	defer func(n int) { postingsKept = n }(postingsKept)
	postingsKept = 2
	s, _ := keptIndex(t)
	v := &s.segs[0]
	words := []string{"alpha", "beta", "gamma", "filler", "alpha", "beta"}
	for _, w := range words {
		checkKept(t, v, w)
	}
	e := v.cache.entry(v.seg)
	if n := len(e.postings.byKey); n == 0 || n > postingsKept {
		t.Fatalf("the segment keeps the postings of %d terms, at most %d wanted", n, postingsKept)
	}
}

// TestDocFreqCountsTheLiveDocuments compares a snapshot's document
// frequencies, from the postings the segments keep and kept per
// snapshot, with the counts of zapx's postings lists without the deleted
// documents, which bleve's scores use.
func TestDocFreqCountsTheLiveDocuments(t *testing.T) {
	s, _ := keptIndex(t)
	s.freqs = (&docFreqsOf{}).of(s.is)
	for round := range 2 {
		for _, w := range []string{"alpha", "beta", "gamma", "delta", "filler", "absent"} {
			var want uint64
			for i := range s.segs {
				v := &s.segs[i]
				dict, err := v.seg.Dictionary("text")
				if err != nil {
					t.Fatal(err)
				}
				pl, err := dict.PostingsList([]byte(w), v.deleted, nil)
				if err != nil {
					t.Fatal(err)
				}
				want += pl.Count()
			}
			got, err := s.docFreq("text", w)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("round %d: %s is in %d live documents, counted %d", round, w, want, got)
			}
		}
	}
}

// TestDocFreqsAreTheSnapshots checks that the counts kept for a snapshot
// are read for that snapshot only, and that no more than docFreqsKept
// are kept.
func TestDocFreqsAreTheSnapshots(t *testing.T) {
	defer func(n int) { docFreqsKept = n }(docFreqsKept)
	docFreqsKept = 3
	var o docFreqsOf
	older, newer := &scorch.IndexSnapshot{}, &scorch.IndexSnapshot{}
	f := o.of(older)
	f.put("text\x00alpha", 7)
	if n, ok := o.of(older).get("text\x00alpha"); !ok || n != 7 {
		t.Fatalf("the same snapshot reads %d, %v; want 7 kept", n, ok)
	}
	if n, ok := o.of(newer).get("text\x00alpha"); ok {
		t.Fatalf("a newer snapshot reads the older one's count, %d", n)
	}
	g := o.of(newer)
	for i := range 5 {
		g.put(fmt.Sprintf("text\x00w%d", i), uint64(i))
	}
	if len(g.counts) > docFreqsKept {
		t.Fatalf("%d counts kept, at most %d wanted", len(g.counts), docFreqsKept)
	}
	if n, ok := g.get("text\x00w4"); !ok || n != 4 {
		t.Fatalf("the last count put reads %d, %v", n, ok)
	}
}

// TestMergeCounts merges a segment's counts by value number into the
// counts so far, both sorted by value.
func TestMergeCounts(t *testing.T) {
	terms := func(ts ...string) []facetTerm {
		out := make([]facetTerm, len(ts))
		for i, term := range ts {
			out[i].term = term
		}
		return out
	}
	cases := []struct {
		name  string
		sum   []termCount
		terms []facetTerm
		byID  []uint32
		want  []termCount
	}{
		{"first", nil, terms("a", "b", "c"), []uint32{1, 0, 2}, []termCount{{"a", 1}, {"c", 2}}},
		{"same values", []termCount{{"a", 1}, {"c", 2}}, terms("a", "c"), []uint32{3, 4}, []termCount{{"a", 4}, {"c", 6}}},
		{"between", []termCount{{"b", 1}, {"d", 2}}, terms("a", "c", "e"), []uint32{1, 5, 7},
			[]termCount{{"a", 1}, {"b", 1}, {"c", 5}, {"d", 2}, {"e", 7}}},
		{"after", []termCount{{"a", 1}, {"b", 2}}, terms("b", "z"), []uint32{0, 3}, []termCount{{"a", 1}, {"b", 2}, {"z", 3}}},
		{"before", []termCount{{"x", 1}, {"y", 2}}, terms("a", "y"), []uint32{3, 1}, []termCount{{"a", 3}, {"x", 1}, {"y", 3}}},
		{"none matched", []termCount{{"x", 1}}, terms("a"), []uint32{0}, []termCount{{"x", 1}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := mergeCounts(nil, c.sum, c.terms, c.byID); !slices.Equal(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

// TestShelfKeepsWithinItsBounds keeps bitmaps on shelves bounded by
// bytes and by keys: a shelf never holds more than either bound, a
// bitmap kept is not read again, and one forgotten is read again, right.
func TestShelfKeepsWithinItsBounds(t *testing.T) {
	docs := map[string]*roaring.Bitmap{"a": roaring.New(), "b": roaring.New(), "c": roaring.New()}
	for i, k := range []string{"a", "b", "c"} {
		for d := range uint32(2000) {
			docs[k].Add(d*7 + uint32(i))
		}
	}
	size := int64(docs["a"].GetSizeInBytes())
	for _, bound := range []struct {
		keys  int
		bytes int64
	}{{keys: 100, bytes: 2 * size}, {keys: 2, bytes: 0}} {
		var s shelf
		reads := 0
		keep := func(key string, wantRead bool) {
			t.Helper()
			before := reads
			got, err := s.keep(key, bound.keys, bound.bytes, func() (*roaring.Bitmap, error) {
				reads++
				return docs[key].Clone(), nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equals(docs[key]) {
				t.Fatalf("%+v: %s kept as %d documents, want %d", bound, key, got.GetCardinality(), docs[key].GetCardinality())
			}
			if read := reads > before; read != wantRead {
				t.Fatalf("%+v: %s read again: %v, want %v", bound, key, read, wantRead)
			}
			if len(s.byKey) > bound.keys || bound.bytes > 0 && s.bytes > bound.bytes {
				t.Fatalf("%+v: the shelf holds %d bitmaps of %d bytes", bound, len(s.byKey), s.bytes)
			}
		}
		keep("a", true)
		keep("b", true)
		keep("a", false)
		keep("c", true) // past the bound: the shelf starts again
		keep("a", true)
		keep("c", false)
	}
}
