package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sepportal/search/corpus"
)

// Bounds of a load run: a run never sends more than maxLoadRequests
// requests nor lasts longer than maxLoadDuration, whatever the flags say.
const (
	maxLoadClients  = 512
	maxLoadDuration = 10 * time.Minute
	maxLoadRequests = 10_000_000
)

// loadConfig is what a load run sends, how hard and for how long.
type loadConfig struct {
	base     *url.URL
	metrics  string
	clients  int
	duration time.Duration
	requests int
	timeout  time.Duration
	patents  int
	seed     uint64
	mix      []loadKind
	queries  []string
}

// runLoad answers `sepportal load`: many concurrent clients over a mix of
// read requests against a running server on this machine, reporting
// throughput, latency percentiles and errors per kind of request and the
// server's resident memory.
func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseLoadFlags(args, stderr)
	if err != nil {
		return err
	}
	before, _ := readServerMetrics(ctx, cfg.metrics)
	rep := generateLoad(ctx, cfg)
	after, err := readServerMetrics(ctx, cfg.metrics)
	rep.write(stdout, cfg)
	if err != nil {
		fmt.Fprintf(stdout, "server metrics: not read at %s: %v\n", cfg.metrics, err)
		return nil
	}
	if times := after.since(before); len(times) > 0 {
		writeServerTimes(stdout, times)
	}
	fmt.Fprintf(stdout, "server RSS: %.0f MiB before, %.0f MiB after\n", before.rss/(1<<20), after.rss/(1<<20))
	return nil
}

// parseLoadFlags reads and checks the flags of `sepportal load`.
func parseLoadFlags(args []string, stderr io.Writer) (loadConfig, error) {
	fs := flag.NewFlagSet("sepportal load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "http://127.0.0.1:8080", "the server to load (loopback addresses only)")
	metrics := fs.String("metrics-url", "", "where the server's Prometheus metrics are, for its memory (default: its --metrics-addr default, http://"+DefaultMetricsAddr+"/metrics)")
	clients := fs.Int("clients", 8, "concurrent clients, each with one request in flight")
	duration := fs.Duration("duration", 30*time.Second, "how long to send requests (at most 10m)")
	requests := fs.Int("requests", 1_000_000, "stop after this many requests in all")
	timeout := fs.Duration("timeout", 10*time.Second, "a request slower than this counts as an error")
	patents := fs.Int("patents", 200_000, "patents in the generated corpus the server holds (for number lookups)")
	seed := fs.Uint64("seed", 1, "seed of the request order")
	vocabulary := fs.String("vocabulary", corpus.Dense, "the corpus's vocabulary, as given to gen-corpus (dense or zipf), for its queries")
	claims := fs.String("claims", defaultClaims, "the real claims the corpus was generated with (for zipf queries)")
	mix := fs.String("mix", "text=6,number=2,number-search=1,pool=1,pool-filtered=1",
		"kinds of request and their weights: "+strings.Join(loadKindNames(), ", "))
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sepportal load [flags]\n\nConcurrent read load on a server made with `sepportal gen-corpus`.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return loadConfig{}, errUsage
	}
	u, err := loopbackURL(*base)
	if err != nil {
		return loadConfig{}, err
	}
	cfg := loadConfig{base: u, metrics: *metrics, clients: *clients, duration: *duration, requests: *requests,
		timeout: *timeout, patents: *patents, seed: *seed}
	if cfg.metrics == "" {
		cfg.metrics = "http://" + DefaultMetricsAddr + "/metrics" // not on the public listener: see --metrics-addr
	} else if _, err := loopbackURL(cfg.metrics); err != nil {
		return loadConfig{}, fmt.Errorf("--metrics-url: %w", err)
	}
	switch {
	case cfg.clients < 1 || cfg.clients > maxLoadClients:
		return loadConfig{}, fmt.Errorf("--clients must be between 1 and %d", maxLoadClients)
	case cfg.duration <= 0 || cfg.duration > maxLoadDuration:
		return loadConfig{}, fmt.Errorf("--duration must be above 0 and at most %s", maxLoadDuration)
	case cfg.requests < 1 || cfg.requests > maxLoadRequests:
		return loadConfig{}, fmt.Errorf("--requests must be between 1 and %d", maxLoadRequests)
	case cfg.patents < 1:
		return loadConfig{}, errors.New("--patents must be at least 1")
	}
	if cfg.mix, err = parseMix(*mix); err != nil {
		return loadConfig{}, fmt.Errorf("--mix: %w", err)
	}
	if cfg.queries, err = loadQueries(*vocabulary, *claims); err != nil {
		return loadConfig{}, err
	}
	return cfg, nil
}

// loadQueries are the two-word queries of the search benchmarks, for a
// corpus of the given vocabulary.
func loadQueries(vocabulary, claimsPath string) ([]string, error) {
	switch vocabulary {
	case corpus.Dense:
		return corpus.TwoWordQueries(5, 1000), nil
	case corpus.Zipf:
		claims, err := corpus.ReadClaims(claimsPath)
		if err != nil {
			return nil, fmt.Errorf("zipf queries are drawn from the real claims: %w", err)
		}
		return corpus.Queries(corpus.Zipf, claims, 5, 1000), nil
	}
	return nil, fmt.Errorf("--vocabulary must be %s", strings.Join(corpus.Vocabularies, " or "))
}

// loopbackURL parses an http URL and refuses any host that is not a
// loopback address: load goes to this machine only.
func loopbackURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http URL", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return u, nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("%q is not a loopback address: load is sent to this machine only", host)
	}
	return u, nil
}

// loadKind is a kind of request in the mix: a name, a weight and the
// request path it makes from a random source.
type loadKind struct {
	name   string
	weight int
	path   func(r *rand.Rand, cfg *loadConfig) string
}

// loadKinds are the requests a load run can send, against the corpus of
// `sepportal gen-corpus`.
var loadKinds = map[string]func(r *rand.Rand, cfg *loadConfig) string{
	// A two-word query with its default facets, first page.
	"text": func(r *rand.Rand, cfg *loadConfig) string {
		return "/api/v1/search?limit=20&q=" + url.QueryEscape(cfg.queries[r.IntN(len(cfg.queries))])
	},
	// A patent by number, in one of the spellings pool lists use.
	"number": func(r *rand.Rand, cfg *loadConfig) string {
		s := corpus.Spellings(r.IntN(cfg.patents))
		return "/api/v1/patents/" + url.PathEscape(s[r.IntN(len(s))])
	},
	// A patent number typed into the search box.
	"number-search": func(r *rand.Rand, cfg *loadConfig) string {
		s := corpus.Spellings(r.IntN(cfg.patents))
		return "/api/v1/search?limit=20&q=" + url.QueryEscape(s[r.IntN(len(s))])
	},
	// The whole pool's list, first page, with its facets.
	"pool": func(*rand.Rand, *loadConfig) string {
		return "/api/v1/pools/" + corpus.Pool + "/patents?limit=20"
	},
	// The pool's list filtered by status and holder.
	"pool-filtered": func(r *rand.Rand, _ *loadConfig) string {
		return "/api/v1/pools/" + corpus.Pool + "/patents?limit=20&status=admitted&holder=" + corpus.HolderSlug(r.IntN(corpus.Holders))
	},
	// The pool's list as of a day of 2010 to 2024, first page, with its
	// facets, as the API answers it.
	"pool-as-of": func(r *rand.Rand, _ *loadConfig) string {
		return "/api/v1/pools/" + corpus.Pool + "/patents?limit=20&as_of=" + corpus.Day(r)
	},
	// The pool's public page.
	"pool-page": func(*rand.Rand, *loadConfig) string {
		return "/pools/" + corpus.Pool
	},
	// The pool's public page with its list as of a day of 2010 to 2024,
	// which the pages' cache cannot have kept.
	"pool-as-of-page": func(r *rand.Rand, _ *loadConfig) string {
		return "/pools/" + corpus.Pool + "?as_of=" + corpus.Day(r)
	},
	// A patent's public page, by number in one of its spellings.
	"patent-page": func(r *rand.Rand, cfg *loadConfig) string {
		s := corpus.Spellings(r.IntN(cfg.patents))
		return "/patents/" + url.PathEscape(s[r.IntN(len(s))])
	},
	// A standard's section page, with the charts mapped to it.
	"section-page": func(r *rand.Rand, _ *loadConfig) string {
		s := benchSections[r.IntN(len(benchSections))]
		return "/standards/" + s.Standard + "/sections/" + url.PathEscape(s.Label)
	},
	// The search page for a two-word query.
	"search-page": func(r *rand.Rand, cfg *loadConfig) string {
		return "/search?q=" + url.QueryEscape(cfg.queries[r.IntN(len(cfg.queries))])
	},
	// The reference of `sepportal hello`, not of the portal: a gin
	// handler answering a fixed JSON object.
	"hello": func(*rand.Rand, *loadConfig) string {
		return helloPath
	},
}

// benchSections are the sections of the generated corpus's standards.
var benchSections = corpus.Sections()

func loadKindNames() []string {
	names := make([]string, 0, len(loadKinds))
	for n := range loadKinds {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// parseMix reads "text=6,number=2": kinds and their positive weights.
func parseMix(s string) ([]loadKind, error) {
	var mix []loadKind
	for part := range strings.SplitSeq(s, ",") {
		name, w, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			w = "1"
		}
		path, known := loadKinds[name]
		if !known {
			return nil, fmt.Errorf("unknown kind %q (known: %s)", name, strings.Join(loadKindNames(), ", "))
		}
		weight, err := strconv.Atoi(w)
		if err != nil || weight < 1 {
			return nil, fmt.Errorf("the weight of %q must be a positive integer", name)
		}
		mix = append(mix, loadKind{name: name, weight: weight, path: path})
	}
	if len(mix) == 0 {
		return nil, errors.New("name at least one kind")
	}
	return mix, nil
}

// pick draws a kind by weight.
func pick(r *rand.Rand, mix []loadKind) *loadKind {
	total := 0
	for _, k := range mix {
		total += k.weight
	}
	n := r.IntN(total)
	for i := range mix {
		if n < mix[i].weight {
			return &mix[i]
		}
		n -= mix[i].weight
	}
	return &mix[len(mix)-1]
}

// loadResult is what one client saw of one kind of request.
type loadResult struct {
	lat      []time.Duration // of successful requests
	errors   int
	statuses map[string]int // what the errors were: "503", "timeout"...
}

// loadReport is a run's results by kind.
type loadReport struct {
	elapsed time.Duration
	kinds   map[string]*loadResult
}

// generateLoad runs the clients until the duration or the request count
// is reached and merges what they saw. A failed or slow request is
// counted as an error and the client goes on.
func generateLoad(ctx context.Context, cfg loadConfig) loadReport {
	ctx, cancel := context.WithTimeout(ctx, cfg.duration)
	defer cancel()
	transport := &http.Transport{MaxIdleConns: cfg.clients, MaxIdleConnsPerHost: cfg.clients}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: cfg.timeout}
	var (
		mu      sync.Mutex
		sent    int
		results = make([]map[string]*loadResult, cfg.clients)
		wg      sync.WaitGroup
	)
	take := func() bool {
		mu.Lock()
		defer mu.Unlock()
		sent++
		return sent <= cfg.requests
	}
	start := time.Now()
	for c := range cfg.clients {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(cfg.seed, uint64(c)))
			mine := map[string]*loadResult{}
			for ctx.Err() == nil && take() {
				k := pick(r, cfg.mix)
				res := mine[k.name]
				if res == nil {
					res = &loadResult{statuses: map[string]int{}}
					mine[k.name] = res
				}
				t := time.Now()
				status := fetch(ctx, client, cfg.base.String()+k.path(r, &cfg))
				switch {
				case status == "200":
					res.lat = append(res.lat, time.Since(t))
				case ctx.Err() != nil:
					// The run ended while the request was in flight: not the server's fault.
				default:
					res.errors++
					res.statuses[status]++
				}
			}
			results[c] = mine
		})
	}
	wg.Wait()
	rep := loadReport{elapsed: time.Since(start), kinds: map[string]*loadResult{}}
	for _, mine := range results {
		for name, res := range mine {
			all := rep.kinds[name]
			if all == nil {
				all = &loadResult{statuses: map[string]int{}}
				rep.kinds[name] = all
			}
			all.lat = append(all.lat, res.lat...)
			all.errors += res.errors
			for s, n := range res.statuses {
				all.statuses[s] += n
			}
		}
	}
	return rep
}

// fetch sends a GET and returns the status code as text, or what went
// wrong ("timeout", "transport") when there was none.
func fetch(ctx context.Context, client *http.Client, u string) string {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "bad-request"
	}
	resp, err := client.Do(req)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return "timeout"
		}
		return "transport"
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return "read"
	}
	return strconv.Itoa(resp.StatusCode)
}

// write prints the report: one line per kind and one for all.
func (rep loadReport) write(w io.Writer, cfg loadConfig) {
	fmt.Fprintf(w, "%d clients for %s against %s\n", cfg.clients, rep.elapsed.Round(time.Millisecond), cfg.base)
	fmt.Fprintf(w, "%-14s %9s %9s %8s %8s %8s %8s  %s\n", "kind", "ok", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "error kinds")
	names := make([]string, 0, len(rep.kinds))
	for n := range rep.kinds {
		names = append(names, n)
	}
	slices.Sort(names)
	all := &loadResult{statuses: map[string]int{}}
	for _, n := range names {
		res := rep.kinds[n]
		rep.line(w, n, res)
		all.lat = append(all.lat, res.lat...)
		all.errors += res.errors
		for s, c := range res.statuses {
			all.statuses[s] += c
		}
	}
	rep.line(w, "all", all)
}

func (rep loadReport) line(w io.Writer, name string, res *loadResult) {
	slices.Sort(res.lat)
	q := func(p float64) float64 {
		if len(res.lat) == 0 {
			return 0
		}
		return float64(res.lat[int(p*float64(len(res.lat)-1))].Microseconds()) / 1000
	}
	var kinds []string
	for s, n := range res.statuses {
		kinds = append(kinds, fmt.Sprintf("%s×%d", s, n))
	}
	slices.Sort(kinds)
	fmt.Fprintf(w, "%-14s %9d %9.1f %8.1f %8.1f %8.1f %8d  %s\n", name, len(res.lat),
		float64(len(res.lat))/rep.elapsed.Seconds(), q(0.50), q(0.95), q(0.99), res.errors, strings.Join(kinds, " "))
}
