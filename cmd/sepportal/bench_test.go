package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"sepportal/claimcharts/bolt"
	"sepportal/search/corpus"
)

// envBenchData names a data directory made by `sepportal gen-corpus
// --patents N` and indexed by `sepportal reindex`; envBenchPatents gives
// its N. Without envBenchData the benchmark generates 5,000 patents.
const (
	envBenchData    = "SEPPORTAL_BENCH_DATA"
	envBenchPatents = "SEPPORTAL_BENCH_PATENTS"
)

// BenchmarkServeSearch serves a corpus as `sepportal serve` does and
// sends GET /api/v1/search over loopback, one request at a time: two-word
// queries (with their facets, as the API answers by default) and patent
// numbers in the spellings pool lists use. It reports the p50 and p95
// latency as a client sees them, and the server process's memory.
func BenchmarkServeSearch(b *testing.B) {
	dir, n := benchData(b)
	m := startMain(b, Config{DataDir: dir})
	base := "http://" + m.Addr() + "/api/v1/search?q="
	waitIndexed(b, base)
	words := corpus.TwoWordQueries(5, 1000)
	r := rand.New(rand.NewPCG(9, 9))
	for _, tc := range []struct {
		name  string
		query func(i int) string
	}{
		{"two-words", func(i int) string { return words[i%len(words)] }},
		{"number", func(i int) string { s := corpus.Spellings(r.IntN(n)); return s[r.IntN(len(s))] }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if err := getOK(base + url.QueryEscape(tc.query(i))); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			corpus.ReportLatency(b, lat)
			corpus.ReportMemory(b)
		})
	}
}

// benchData returns the data directory to serve and its patent count.
func benchData(b *testing.B) (string, int) {
	if dir := os.Getenv(envBenchData); dir != "" {
		n, err := strconv.Atoi(os.Getenv(envBenchPatents))
		if err != nil || n <= 0 {
			n = 1000000
		}
		return dir, n
	}
	dir, n := b.TempDir(), 5000
	store, err := bolt.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	if _, err := corpus.Generate(context.Background(), store, corpus.Options{Patents: n}); err != nil {
		b.Fatal(err)
	}
	return dir, n
}

// waitIndexed waits until the server finds the first generated patent:
// a first start builds the index.
func waitIndexed(b testing.TB, base string) {
	u := base + url.QueryEscape(corpus.Spellings(0)[0])
	for deadline := time.Now().Add(30 * time.Minute); ; time.Sleep(time.Second) {
		var res struct{ Total int }
		resp, err := http.Get(u)
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&res)
			resp.Body.Close()
		}
		if err == nil && res.Total > 0 {
			return
		}
		if time.Now().After(deadline) {
			b.Fatalf("the server found no patent in 30 minutes (%v)", err)
		}
	}
}

// getOK fetches u and fails unless it answers 200.
func getOK(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return nil
}

// BenchmarkServePages serves a corpus as `sepportal serve` does and reads
// the public pages over loopback, one request at a time: the pool's list
// page, its list as of a random day, a patent's page, a standard section's page (what is charted
// against it) and the search page of a two-word query. It reports the p50
// and p95 latency as a client sees them.
func BenchmarkServePages(b *testing.B) {
	dir, n := benchData(b)
	m := startMain(b, Config{DataDir: dir})
	base := "http://" + m.Addr()
	waitIndexed(b, base+"/api/v1/search?q=")
	words := corpus.TwoWordQueries(5, 1000)
	r := rand.New(rand.NewPCG(7, 7))
	for _, tc := range []struct {
		name string
		path func(i int) string
	}{
		{"pool", func(i int) string { return "/pools/" + corpus.Pool }},
		{"pool-as-of", func(i int) string { return "/pools/" + corpus.Pool + "?as_of=" + corpus.Day(r) }},
		{"patent", func(i int) string { return "/patents/" + url.PathEscape(corpus.Spellings(r.IntN(n))[0]) }},
		{"section", func(i int) string {
			return "/standards/" + corpus.VideoStandard + "/sections/8.5.3." + strconv.Itoa(1+i%20)
		}},
		{"search", func(i int) string { return "/search?q=" + url.QueryEscape(words[i%len(words)]) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if err := getOK(base + tc.path(i)); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			corpus.ReportLatency(b, lat)
		})
	}
}
