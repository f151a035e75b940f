package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/search/corpus"
)

// envBenchData names a data directory made by `sepportal gen-corpus
// --patents N` and indexed by `sepportal reindex` (the index in
// <dir>/index); envBenchPatents gives its N (default 1,000,000). The
// benchmarks then open the index alone, as a server's searches use it.
// Without envBenchData they build a corpus of envBenchPatents (default
// 20,000) patents in a temporary directory.
const (
	envBenchData    = "SEPPORTAL_BENCH_DATA"
	envBenchPatents = "SEPPORTAL_BENCH_PATENTS"
)

// benchIndex opens the benchmark's index and the number of patents it holds.
func benchIndex(b *testing.B) (*Index, int) {
	b.Helper()
	if dir := os.Getenv(envBenchData); dir != "" {
		ix, err := Open(filepath.Join(dir, "index"), nil, benchOptions)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { ix.Close() })
		if ix.Status(context.Background()).Generation == "" {
			b.Fatalf("no index in %s: run sepportal reindex --data-dir %s", dir, dir)
		}
		return ix, benchPatents(1000000)
	}
	store, _ := openStore(b)
	n := benchPatents(20000)
	if _, err := corpus.Generate(context.Background(), store, corpus.Options{Patents: n}); err != nil {
		b.Fatal(err)
	}
	return openIndexWith(b, store, benchOptions), n
}

// benchOptions open the benchmarks' index with no cache, so that every
// search is computed whichever engine ran the same query before, and a
// query timeout long enough that a slow search is timed, not failed.
var benchOptions = Options{Logger: quietLogger(), CachedPages: -1, CachedFacets: -1, QueryTimeout: time.Minute}

// benchPatents reads envBenchPatents, def when unset.
func benchPatents(def int) int {
	if v, err := strconv.Atoi(os.Getenv(envBenchPatents)); err == nil && v > 0 {
		return v
	}
	return def
}

// BenchmarkSearch times queries at the size of the corpus, with each
// engine (Options.Engine), nothing cached: two-word queries with and
// without facets, hyphenated words (phrases), patent-number lookups in random spellings, a filtered
// pool list and the whole pool's list. Besides ns/op it reports the p50
// and p95 latency, and the process's peak memory.
func BenchmarkSearch(b *testing.B) {
	ix, n := benchIndex(b)
	for _, engine := range []string{EngineBitmap, EngineBleve} {
		b.Run(engine, func(b *testing.B) {
			ix.opts.Engine = engine
			benchSearches(b, ix, n)
		})
	}
}

// BenchmarkSearchTogether runs the 1,000 two-word queries of the load
// benchmark's text mix (`sepportal load --mix text=1`) from as many
// goroutines as the index runs searches at once (Options.MaxSearches:
// two per CPU), with facets, nothing cached, and reports the process's
// CPU time per query (cpu-ms/op, user and system): what bounds the cold
// queries a server answers per second on its cores (1.86 cores' worth of
// 9.3 ms a query is 200 q/s), without HTTP and the load generator, whose
// noise hides a few per cent. A query's first run reads its words'
// per-segment data, as a server does while it warms: each query runs
// once before the timing starts.
func BenchmarkSearchTogether(b *testing.B) {
	ix, _ := benchIndex(b)
	ix.opts.Engine = EngineBitmap
	queries := corpus.TwoWordQueries(5, 1000)
	for _, q := range queries {
		if _, err := ix.Search(context.Background(), claimcharts.Actor{}, Request{Query: q}); err != nil {
			b.Fatal(err)
		}
	}
	var next atomic.Int64
	b.SetParallelism(2)
	b.ResetTimer()
	start := corpus.CPUTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			q := queries[int(next.Add(1)-1)%len(queries)]
			if _, err := ix.Search(context.Background(), claimcharts.Actor{}, Request{Query: q}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(corpus.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	corpus.ReportMemory(b)
}

// hyphenated are words that analyze to several English tokens, which the
// compiler makes phrases of: "multi-user" is in the corpus's vocabulary
// ("multi-user PPDU"), "user-field" holds two words that are adjacent in
// its text.
var hyphenated = []string{"multi-user", "user-field", "multi-user PPDU"}

// benchSearches runs BenchmarkSearch's cases on ix of n patents.
func benchSearches(b *testing.B, ix *Index, n int) {
	queries := corpus.TwoWordQueries(1, 1000)
	r := rand.New(rand.NewPCG(2, 3))
	cases := []struct {
		name string
		req  func(i int) Request
	}{
		{"two-words", func(i int) Request { return Request{Query: queries[i%len(queries)]} }},
		{"two-words-nofacets", func(i int) Request { return Request{Query: queries[i%len(queries)], NoFacets: true} }},
		{"hyphenated", func(i int) Request { return Request{Query: hyphenated[i%len(hyphenated)]} }},
		{"number", func(i int) Request {
			s := corpus.Spellings(r.IntN(n))
			return Request{Query: s[r.IntN(len(s))]}
		}},
		{"pool-list", func(i int) Request {
			return Request{Filters: map[string]string{"pool": corpus.Pool, "is": TypePatent, "status": claimcharts.EntryAdmitted,
				"holder": fmt.Sprintf("bench-licensor-%02d", i%40)}}
		}},
		{"whole-pool", func(i int) Request {
			return Request{Filters: map[string]string{"pool": corpus.Pool}, Sort: []string{"number", "-number"}[i%2]}
		}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := ix.Search(context.Background(), claimcharts.Actor{}, tc.req(i)); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			corpus.ReportLatency(b, lat)
			corpus.ReportMemory(b)
		})
	}
}

// BenchmarkRebuild builds the index of a store from scratch, as `sepportal
// reindex` does: the store of envBenchData, or a generated corpus of
// envBenchPatents (default 20,000) patents. It reports documents per
// second and the process's memory.
func BenchmarkRebuild(b *testing.B) {
	var store claimcharts.Store
	if dir := os.Getenv(envBenchData); dir != "" {
		s, err := bolt.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		store = s
	} else {
		s, _ := openStore(b)
		if _, err := corpus.Generate(context.Background(), s, corpus.Options{Patents: benchPatents(20000)}); err != nil {
			b.Fatal(err)
		}
		store = s
	}
	for b.Loop() {
		ix, err := Open(b.TempDir(), store, Options{Logger: quietLogger()})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := ix.Rebuild(context.Background()); err != nil {
			b.Fatal(err)
		}
		docs := ix.Status(context.Background()).Documents
		b.ReportMetric(float64(docs)/time.Since(start).Seconds(), "docs/s")
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
	corpus.ReportMemory(b)
}

// BenchmarkWriteToSearchable times how long a committed write takes to be
// found: a standard with a new word is created through the registry,
// with the indexer running as in the server, and searched for every
// millisecond until it is found. Each write waits a random part of the
// indexer's poll interval first, as writes arrive at any point of it. It
// reports the p50 and p95 of the wait.
func BenchmarkWriteToSearchable(b *testing.B) {
	ix, reg := demoIndex(b)
	ix.Start()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(4, 5))
	lat := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		time.Sleep(time.Duration(r.Int64N(int64(ix.opts.Poll))))
		b.StartTimer()
		word := fmt.Sprintf("quokkaframe%d", i)
		s := &claimcharts.Standard{Slug: fmt.Sprintf("bench-std-%d", i), Body: "TEST", Number: "Q.1", Version: "1",
			Title:      claimcharts.Text{En: "Benchmark standard"},
			References: []claimcharts.Reference{{Label: "1", Kind: "section", Title: claimcharts.Text{En: word + " signalling"}}}}
		start := time.Now()
		if err := reg.CreateStandard(ctx, admin, s); err != nil {
			b.Fatal(err)
		}
		for search(b, ix, anonymous, Request{Query: word, NoFacets: true}).Total == 0 {
			if time.Since(start) > time.Minute {
				b.Fatalf("%s not found a minute after it was written", word)
			}
			time.Sleep(time.Millisecond)
		}
		lat = append(lat, time.Since(start))
	}
	corpus.ReportLatency(b, lat)
}
