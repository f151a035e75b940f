package search

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
	"sepportal/search/corpus"
)

// diffIndex is an index of the demo data beside a generated corpus, in
// several segments, some with deleted documents: built, then changed (a
// planted draft, a revised chart, a third of the corpus's patents
// retitled in three rounds), as the indexer follows the feed. Nothing is cached, so
// every search is computed.
func diffIndex(tb testing.TB) *Index {
	tb.Helper()
	ctx := context.Background()
	store, _ := openStore(tb)
	reg := claimcharts.NewRegistry(store)
	if _, err := demo.Load(ctx, reg); err != nil {
		tb.Fatal(err)
	}
	if _, err := corpus.Generate(ctx, store, corpus.Options{Patents: 1200, Seed: 1, BatchSize: 300}); err != nil {
		tb.Fatal(err)
	}
	ix := openIndexWith(tb, store, Options{Logger: quietLogger(), CachedPages: -1, CachedFacets: -1})
	plant(tb, reg)
	catchUp(tb, ix)
	for round := range 3 {
		for i := round; i < 1200; i += 9 {
			touch(ctx, store, i)
		}
		catchUp(tb, ix)
	}
	return ix
}

// segmentShape counts the index's segments and its deleted documents.
func segmentShape(tb testing.TB, ix *Index) (segments int, deleted uint64) {
	tb.Helper()
	s, err := ix.openSnapshot()
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	for i := range s.segs {
		if d := s.segs[i].deleted; d != nil {
			deleted += d.GetCardinality()
		}
	}
	return len(s.segs), deleted
}

// diffRequests are the searches the engines are compared on: two-word
// queries of the corpus, words of the demo, Chinese words written with
// Latin letters, either of two Chinese words (each all of its pairs of
// characters, which a document may hold some of), and the lists, with
// filters of every kind, in every sort.
func diffRequests() []Request {
	var out []Request
	queries := append(corpus.TwoWordQueries(11, 24), "merge candidate", "帧间预测", "PPDU", "motion -vector",
		"(merge OR skip) candidate", plantedPatent, plantedDraft, plantedRevision, "merg*", "\"motion vector\"",
		"多用户PPDU", "BSS颜色 站点", "触发帧 -多用户PPDU", "(帧间预测 OR 运动矢量)")
	filters := []map[string]string{
		nil,
		{"pool": corpus.Pool},
		{"pool": corpus.Pool, "status": claimcharts.EntryAdmitted, "holder": corpus.HolderSlug(3)},
		{"pool": demo.PoolSlug, "status": "under_review"},
		{"country": "CN"},
		{"is": TypePatent, "filed": "2012..2016"},
		{"expires": ">=2030"},
	}
	r := rand.New(rand.NewPCG(5, 6))
	for i, q := range queries {
		f := filters[r.IntN(len(filters))]
		out = append(out, Request{Query: q, Filters: f, Sort: Sorts[i%len(Sorts)], Limit: 7})
		out = append(out, Request{Query: q, Limit: 10})
	}
	// Relevance tops found by blocks (fast_top.go): many matches, small
	// pages and pages past the first, where ties of equal score are many.
	for i, q := range corpus.TwoWordQueries(7, 6) {
		out = append(out, Request{Query: q, Limit: 1 + 2*i}, Request{Query: q, Limit: 40, Filters: filters[1+i%2]})
	}
	for _, f := range filters {
		for _, sort := range []string{"number", "-number", "date"} {
			out = append(out, Request{Filters: f, Sort: sort, Limit: 9})
		}
	}
	// A pool's list as of a day: ranges of the days each entry was listed.
	for _, day := range []claimcharts.Date{"2016-06-30", "2022-01-01"} {
		out = append(out, Request{Filters: map[string]string{"pool": corpus.Pool}, AsOf: day, Limit: 9},
			Request{Filters: map[string]string{"pool": demo.PoolSlug}, AsOf: day, Sort: "-number", Limit: 4})
	}
	// Phrases (fast_phrase.go), in every sort: hyphenated words, quoted
	// phrases (a stop word between two of their words; Chinese, whose
	// analyzer puts a character and a pair at one position, which bleve
	// answers: see phraseTerms), words that a document holds apart or in
	// the other order, which must not match, and a phrase beside another
	// word, a filter, or excluded.
	phrases := []Request{
		{Query: "multi-user"}, {Query: "HEVC-based"}, {Query: "user-field"}, {Query: "field-user"},
		{Query: "\"multi PPDU\""}, {Query: "\"deriving a motion vector\""}, {Query: "\"多用户PPDU\""}, {Query: "\"帧间预测\""},
		{Query: "multi-user PPDU", Filters: map[string]string{"pool": corpus.Pool}},
		{Query: "\"motion vector\" candidate", Filters: map[string]string{"country": "CN"}},
		{Query: "multi-user -trigger", Filters: map[string]string{"holder": corpus.HolderSlug(3)}},
		{Query: "candidate -\"motion vector\""},
	}
	for i, req := range phrases {
		req.Limit = 6
		for _, sort := range []string{"", Sorts[i%len(Sorts)]} {
			req.Sort = sort
			out = append(out, req)
		}
	}
	for _, q := range []string{"holder:bench-licensor-1*", "-holder:" + corpus.HolderSlug(2) + " pool:" + corpus.Pool,
		"section:8.5.*", "status:admitted pool:" + demo.PoolSlug, "granted:<2015 -country:US", "is:element standard:" + demo.VideoStandard} {
		out = append(out, Request{Query: q, Limit: 8}, Request{Query: q, Sort: "-number", Limit: 8})
	}
	return out
}

// TestBitmapEngineMatchesBleve runs every request of diffRequests for
// every kind of caller through both engines and through three pages of
// each: the same total, facet counts and hits in the same order with the
// same scores (relevance: equal scores within 1e-9 may swap places).
func TestBitmapEngineMatchesBleve(t *testing.T) {
	defer func(n, b uint64) { parallelScoring, boundedFrom = n, b }(parallelScoring, boundedFrom)
	parallelScoring, boundedFrom = 200, 200 // the test's queries match hundreds to thousands
	ix := diffIndex(t)
	segs, deleted := segmentShape(t, ix)
	if segs < 2 || deleted == 0 {
		t.Fatalf("the index has %d segments and %d deleted documents: the test needs several and some", segs, deleted)
	}
	actors := map[string]claimcharts.Actor{
		"public":                      anonymous,
		"admin":                       admin,
		"licensor":                    huaxin,
		"corpus licensor":             {ID: "b", Role: claimcharts.RoleLicensor, Organization: corpus.HolderSlug(3)},
		"reviewer":                    reviewerKim,
		"reviewer of an old revision": reviewerWang,
	}
	compared := 0
	for name, actor := range actors {
		for _, req := range diffRequests() {
			compared += comparePages(t, ix, name, actor, req)
		}
	}
	pages, fallbacks, marks := ix.bitmapPages.Load(), ix.bleveFallbacks.Load(), ix.bitmapMarks.Load()
	t.Logf("%d segments, %d deleted documents; %d pages compared, the bitmap engine answered %d, bleve %d; the engine located the words of %d",
		segs, deleted, compared, pages, fallbacks, marks)
	// Date orders, Chinese phrases and prefixes of words go to bleve; the rest
	// must not, or the comparison compares bleve with itself.
	if pages < 3*fallbacks {
		t.Fatalf("the bitmap engine answered %d pages, bleve %d", pages, fallbacks)
	}
}

// comparePages compares up to three pages of req and returns how many.
// A page of words with hits that the bitmap engine answers must have
// its words located by the engine too (see snapshot.locate), not by
// bleve, or the snippets compared would be bleve's twice.
func comparePages(t *testing.T, ix *Index, who string, actor claimcharts.Actor, req Request) int {
	t.Helper()
	defer func() { ix.opts.OnSearch = nil }()
	for page := 0; page < 3; page++ {
		ix.opts.Engine = EngineBleve
		want, wantErr := ix.Search(context.Background(), actor, req)
		ix.opts.Engine = EngineBitmap
		kind := ""
		ix.opts.OnSearch = func(k string, _ time.Duration) { kind = k }
		answered, located := ix.bitmapPages.Load(), ix.bitmapMarks.Load()
		got, gotErr := ix.Search(context.Background(), actor, req)
		ix.opts.OnSearch = nil
		if (wantErr == nil) != (gotErr == nil) {
			t.Fatalf("%s %+v: bleve %v, bitmap %v", who, req, wantErr, gotErr)
		}
		if wantErr != nil {
			return page
		}
		if msg := resultDiff(want, got); msg != "" {
			t.Fatalf("%s %+v page %d: %s", who, req, page+1, msg)
		}
		if kind == KindText && ix.bitmapPages.Load() > answered && len(got.Items) > 0 && ix.bitmapMarks.Load() == located {
			t.Fatalf("%s %+v page %d: the bitmap engine answered the page and left its words to bleve to locate", who, req, page+1)
		}
		if want.Next == nil {
			return page + 1
		}
		req.Cursor = *want.Next
	}
	return 3
}

// scoreTolerance is how far the engines' scores may differ: bleve sums a
// query's parts in another order.
const scoreTolerance = 1e-9

// resultDiff says how two answers differ, "" when they agree.
func resultDiff(want, got *Result) string {
	if want.Total != got.Total {
		return fmt.Sprintf("total %d, bitmap %d", want.Total, got.Total)
	}
	if !reflect.DeepEqual(want.Facets, got.Facets) {
		return fmt.Sprintf("facets\n%v\nbitmap\n%v", want.Facets, got.Facets)
	}
	if (want.Next == nil) != (got.Next == nil) || want.Next != nil && *want.Next != *got.Next {
		return fmt.Sprintf("next %v, bitmap %v", deref(want.Next), deref(got.Next))
	}
	if len(want.Items) != len(got.Items) {
		return fmt.Sprintf("%d hits, bitmap %d", len(want.Items), len(got.Items))
	}
	for i := range want.Items {
		w, g := want.Items[i], got.Items[i]
		if !closeScores(w.Score, g.Score) {
			return fmt.Sprintf("hit %d: %s score %v, bitmap %s %v", i, w.ID, w.Score, g.ID, g.Score)
		}
		if w.ID != g.ID && !tied(want.Items, i) {
			return fmt.Sprintf("hit %d: %s (score %v), bitmap %s (score %v)", i, w.ID, w.Score, g.ID, g.Score)
		}
		if w.ID == g.ID && !sameHit(w, g) {
			return fmt.Sprintf("hit %d %s differs:\n%+v\nbitmap\n%+v", i, w.ID, w, g)
		}
	}
	return ""
}

// tied reports whether hit i scores as a neighbour does.
func tied(hits []Hit, i int) bool {
	return i > 0 && closeScores(hits[i-1].Score, hits[i].Score) || i+1 < len(hits) && closeScores(hits[i+1].Score, hits[i].Score)
}

func closeScores(a, b float64) bool {
	return math.Abs(a-b) <= scoreTolerance*math.Max(1, math.Abs(a))
}

// sameHit compares two hits but for their scores.
func sameHit(a, b Hit) bool {
	a.Score, b.Score = 0, 0
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// backgroundOrderIndex returns the demo index without a cache, whose
// segments' number orders are all read in the background, as a large
// segment's are.
func backgroundOrderIndex(t *testing.T) *Index {
	ix, _ := demoIndex(t)
	n := syncOrderDocs
	t.Cleanup(func() { syncOrderDocs = n })
	syncOrderDocs = 0
	ix.opts.CachedPages, ix.opts.CachedFacets = -1, -1
	ix.cache = newReadCache(ix.opts)
	return ix
}

// TestNumberOrderReadInBackground reads the number order of a segment too
// large to read during a search in the background: bleve answers the
// list until it is there, the bitmap engine after, and both the same.
func TestNumberOrderReadInBackground(t *testing.T) {
	ix := backgroundOrderIndex(t)
	req := Request{Filters: map[string]string{"pool": demo.PoolSlug}, Sort: "-number", Limit: 3}
	first := search(t, ix, admin, req)
	if n := ix.bleveFallbacks.Load(); n != 1 {
		t.Fatalf("the first list was answered by bleve %d times, want 1 (the order is not read yet)", n)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		before := ix.bitmapPages.Load()
		again := search(t, ix, admin, req)
		if ix.bitmapPages.Load() > before {
			if msg := resultDiff(first, again); msg != "" {
				t.Fatal(msg)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the number order was not read within a minute")
		}
	}
}

// TestPrepareReadsTheNumberOrder: after Prepare, the first list of a
// segment too large to read during a search is the bitmap engine's, not
// left to bleve while the order is read in the background.
func TestPrepareReadsTheNumberOrder(t *testing.T) {
	ix := backgroundOrderIndex(t)
	if err := ix.Prepare(context.Background()); err != nil {
		t.Fatal(err)
	}
	req := Request{Filters: map[string]string{"pool": demo.PoolSlug}, Sort: "-number", Limit: 3}
	search(t, ix, admin, req)
	if n := ix.bleveFallbacks.Load(); n != 0 {
		t.Fatalf("after Prepare the first list was answered by bleve %d times, want 0", n)
	}
	if ix.bitmapPages.Load() == 0 {
		t.Fatal("after Prepare the bitmap engine answered no page")
	}
}

// TestPrepareWarmsTheCommonestWords: Prepare reads the summaries of the
// words of most documents into the term cache, until it holds warmShare
// quarters of its budget. With room for every word, a search then reads
// none; with room for about half of them, the commonest word is kept in
// every segment that holds it and the rarest in none, and the cache
// stays within its budget.
func TestPrepareWarmsTheCommonestWords(t *testing.T) {
	defer func(n int64) { termCacheBytes = n }(termCacheBytes)
	ctx := context.Background()
	ix := diffIndex(t)
	s := preparedSnapshot(t, ix)
	defer s.Close()
	common, rare := commonestAndRarest(t, s, fTextEn)
	if missing := notKept(&ix.segments, s, fTextEn, common); len(missing) > 0 {
		t.Fatalf("after Prepare the commonest word %q is not kept in segments %v", common, missing)
	}
	full := ix.CacheStats().TermBytes

	termCacheBytes = full / 2 * 4 / warmShare
	var c segmentCache
	if err := c.warmWords(ctx, s, nil); err != nil {
		t.Fatal(err)
	}
	if got := c.termBytes.Load(); got > termCacheBytes {
		t.Errorf("warming kept %d bytes with room for %d", got, termCacheBytes)
	}
	if missing := notKept(&c, s, fTextEn, common); len(missing) > 0 {
		t.Errorf("with room for half the words, the commonest word %q is not kept in segments %v", common, missing)
	}
	for i := range s.segs {
		if _, kept := c.entry(s.segs[i].seg).blocks[fTextEn+"\x00"+rare]; kept {
			t.Errorf("segment %d: the rarest word %q was kept with room for half the words", i, rare)
		}
	}
}

// preparedSnapshot runs Prepare and returns the snapshot it prepared:
// again while a merge moves the segments under it.
func preparedSnapshot(t *testing.T, ix *Index) *snapshot {
	t.Helper()
	for attempt := 0; ; attempt++ {
		before, err := ix.openSnapshot()
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Prepare(context.Background()); err != nil {
			t.Fatal(err)
		}
		after, err := ix.openSnapshot()
		if err != nil {
			t.Fatal(err)
		}
		same := sameSegments(before, after)
		before.Close()
		if same {
			return after
		}
		after.Close()
		if attempt == 20 {
			t.Fatal("the index's segments kept moving")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// notKept returns the segments of s that hold term in field and whose
// entry in c does not keep its summary.
func notKept(c *segmentCache, s *snapshot, field, term string) []int {
	var missing []int
	for i := range s.segs {
		docs, err := s.segs[i].postings(field, term)
		if err != nil || docs.IsEmpty() {
			continue
		}
		e := c.entry(s.segs[i].seg)
		e.blocksMu.Lock()
		_, kept := e.blocks[field+"\x00"+term]
		e.blocksMu.Unlock()
		if !kept {
			missing = append(missing, i)
		}
	}
	return missing
}

// sameSegments reports whether a and b are made of the same segments.
func sameSegments(a, b *snapshot) bool {
	if len(a.segs) != len(b.segs) {
		return false
	}
	for i := range a.segs {
		if a.segs[i].seg != b.segs[i].seg {
			return false
		}
	}
	return true
}

// commonestAndRarest returns the terms of field in the most and the
// fewest documents of s.
func commonestAndRarest(t *testing.T, s *snapshot, field string) (common, rare string) {
	t.Helper()
	docs := map[string]uint64{}
	for i := range s.segs {
		dict, err := s.segs[i].seg.Dictionary(field)
		if err != nil {
			t.Fatal(err)
		}
		it := dict.AutomatonIterator(nil, nil, nil)
		for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
			if err != nil {
				t.Fatal(err)
			}
			docs[e.Term] += e.Count
		}
	}
	for term, n := range docs {
		if common == "" || n > docs[common] || n == docs[common] && term < common {
			common = term
		}
		if rare == "" || n < docs[rare] || n == docs[rare] && term < rare {
			rare = term
		}
	}
	return common, rare
}

// TestCloseListsTheWordsForTheNextStart: closing the index lists the
// words its term cache holds, used last first, and the next start's
// Prepare reads them before the commonest words: a rare word searched
// before a restart is kept after it, with room for half the words, where
// the commonest words alone would leave it out.
func TestCloseListsTheWordsForTheNextStart(t *testing.T) {
	defer func(n int64) { termCacheBytes = n }(termCacheBytes)
	ctx := context.Background()
	store, _ := openStore(t)
	if _, err := corpus.Generate(ctx, store, corpus.Options{Patents: 300, Seed: 1, BatchSize: 300}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opts := Options{Logger: quietLogger(), CachedPages: -1, CachedFacets: -1}
	ix, err := Open(dir, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	catchUp(t, ix)
	s := preparedSnapshot(t, ix)
	_, rare := commonestAndRarest(t, s, fTextEn)
	full := ix.CacheStats().TermBytes
	s.Close()
	search(t, ix, admin, Request{Query: rare, Lang: "en", Limit: 5})
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, wordsFile))
	if err != nil {
		t.Fatal(err)
	}
	var words []keptWord
	if err := json.Unmarshal(b, &words); err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(words, func(w keptWord) bool { return w.Field == fTextEn }); i < 0 || words[i].Term != rare {
		t.Fatalf("the first English word listed at close is not %q, searched last: %v", rare, words[:min(len(words), 5)])
	}

	termCacheBytes = full / 2 * 4 / warmShare
	again, err := Open(dir, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	s = preparedSnapshot(t, again)
	defer s.Close()
	if missing := notKept(&again.segments, s, fTextEn, rare); len(missing) > 0 {
		t.Fatalf("after a restart the word %q, searched last before it, is not kept in segments %v", rare, missing)
	}
}
