package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/search"
	"sepportal/server"
)

// scrapeMetrics reads m's metrics listener into series → value.
func scrapeMetrics(t *testing.T, m *Main) (map[string]float64, string) {
	t.Helper()
	status, body := get(t, "http://"+m.MetricsAddr()+"/metrics", "")
	if status != http.StatusOK {
		t.Fatalf("scrape: %d %s", status, body)
	}
	values := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("scrape: bad line %q", line)
		}
		values[line[:i]] = v
	}
	return values, string(body)
}

// waitReady polls /readyz until it answers 200. A test that never gets
// there fails on its own timeout; nothing is asserted about how long it
// takes.
func waitReady(t *testing.T, base string) {
	t.Helper()
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestMetricsListener: /metrics is served on its own listener only
// (issue 9, finding 7), with help texts, and the operators' metrics move
// when the portal searches and writes (issue 15).
func TestMetricsListener(t *testing.T) {
	admin := "metrics-admin-secret-0123456789"
	m := startMain(t, Config{DataDir: t.TempDir(), AdminToken: admin, MetricsAddr: "127.0.0.1:0"})
	base := "http://" + m.Addr()
	if status, body := get(t, base+"/metrics", ""); status != http.StatusNotFound {
		t.Fatalf("GET /metrics on the public listener = %d %s, want 404", status, body)
	}
	if status, _ := get(t, "http://"+m.MetricsAddr()+"/api/v1/pools", ""); status != http.StatusNotFound {
		t.Fatalf("the metrics listener serves the API: %d", status)
	}
	std := `{"slug":"metrics-std","body":"TEST","number":"M.1","version":"1","title":{"en":"Metrics standard"},
		"references":[{"label":"1","kind":"section","title":{"en":"Interframe prediction","zh":"帧间预测"}}]}`
	if got := post(t, base+"/api/v1/standards", admin, std); got != http.StatusCreated {
		t.Fatalf("write a standard: %d", got)
	}
	waitReady(t, base)
	// The standard was written while the indexer ran: wait until it has it.
	before := waitMetric(t, m, "sepportal_index_lag_changes", func(v float64) bool { return v == 0 })
	if before["sepportal_index_ready"] != 1 || before["sepportal_store_sequence"] == 0 || before["sepportal_index_sequence"] != before["sepportal_store_sequence"] ||
		before["sepportal_index_documents"] == 0 {
		t.Errorf("a ready server's index metrics: ready %v, store sequence %v, index sequence %v, documents %v",
			before["sepportal_index_ready"], before["sepportal_store_sequence"], before["sepportal_index_sequence"], before["sepportal_index_documents"])
	}

	for _, q := range []string{"/api/v1/search?q=" + url.QueryEscape("prediction"), "/api/v1/search?q=" + url.QueryEscape("CN 103931153"),
		"/api/v1/standards/metrics-std/references/1/charts"} {
		if status, body := get(t, base+q, ""); status != http.StatusOK {
			t.Fatalf("GET %s = %d %s", q, status, body)
		}
	}
	// The same search again is answered from the cache.
	if status, _ := get(t, base+"/api/v1/search?q="+url.QueryEscape("prediction"), ""); status != http.StatusOK {
		t.Fatal("the search again")
	}
	org := `{"slug":"metrics-org","name":{"en":"Metrics Org"},"roles":["licensor"]}`
	if got := post(t, base+"/api/v1/organizations", admin, org); got != http.StatusCreated {
		t.Fatalf("write an organization: %d", got)
	}
	after, text := scrapeMetrics(t, m)
	for _, name := range []string{"sepportal_http_requests_total", "sepportal_search_duration_seconds", "sepportal_store_operation_duration_seconds",
		"sepportal_store_errors_total", "sepportal_index_lag_changes", "sepportal_index_sequence", "sepportal_store_sequence", "sepportal_index_ready",
		"sepportal_index_rebuilding", "sepportal_index_rebuild_documents", "sepportal_index_documents", "sepportal_imports_running",
		"sepportal_search_cache_hits_total", "sepportal_search_cache_misses_total", "sepportal_search_busy_total",
		"sepportal_search_term_hits_total", "sepportal_search_term_reads_total", "sepportal_search_term_cache_bytes", "sepportal_warming"} {
		if !strings.Contains(text, "# HELP "+name+" ") {
			t.Errorf("no help text for %s", name)
		}
	}
	for _, series := range []string{
		`sepportal_search_duration_seconds_count{kind="text"}`,
		`sepportal_search_duration_seconds_count{kind="number"}`,
		`sepportal_search_duration_seconds_count{kind="list"}`,
		`sepportal_store_operation_duration_seconds_count{op="put"}`,
		`sepportal_store_operation_duration_seconds_count{op="get"}`,
		`sepportal_store_sequence`,
		`sepportal_search_cache_hits_total`,
		`sepportal_http_requests_total{method="POST",route="/api/v1/organizations",status="201"}`,
	} {
		if after[series] != before[series]+1 && !(series == `sepportal_store_operation_duration_seconds_count{op="get"}` && after[series] > before[series]) {
			t.Errorf("%s went from %v to %v, want one more", series, before[series], after[series])
		}
	}
	// The store's prewarm and the index's preparation end, and say so.
	for {
		values, _ := scrapeMetrics(t, m)
		store, okStore := values[`sepportal_warming{part="store"}`]
		index, okIndex := values[`sepportal_warming{part="index"}`]
		if !okStore || !okIndex {
			t.Fatalf("no sepportal_warming for the store and the index:\n%s", text)
		}
		if store == 0 && index == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if t.Failed() {
		t.Logf("metrics after:\n%s", text)
	}

	// A rebuild shows its progress: documents written, then done.
	if got := post(t, base+"/api/v1/search/reindex", admin, ""); got != http.StatusAccepted {
		t.Fatalf("start a rebuild: %d", got)
	}
	waitMetric(t, m, "sepportal_index_rebuild_documents", func(v float64) bool { return v > 0 })
	done := waitMetric(t, m, "sepportal_index_rebuilding", func(v float64) bool { return v == 0 })
	if done["sepportal_index_rebuild_documents"] != after["sepportal_index_documents"] {
		t.Errorf("the rebuild wrote %v documents; the index held %v", done["sepportal_index_rebuild_documents"], after["sepportal_index_documents"])
	}
}

// waitMetric scrapes m until series has a value ok accepts, and returns
// that scrape.
func waitMetric(t *testing.T, m *Main, series string, ok func(float64) bool) map[string]float64 {
	t.Helper()
	for {
		values, _ := scrapeMetrics(t, m)
		if v, found := values[series]; found && ok(v) {
			return values
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestHealthcheck: `sepportal healthcheck` exits 0 against a ready server
// and 1 against one that is not ready or not there, as a container
// HEALTHCHECK needs.
func TestHealthcheck(t *testing.T) {
	m := startMain(t, Config{DataDir: t.TempDir()})
	waitReady(t, "http://"+m.Addr())
	var out bytes.Buffer
	if err := run(context.Background(), []string{"healthcheck", "--addr", m.Addr()}, &out, io.Discard); err != nil {
		t.Fatalf("healthcheck of a ready server: %v", err)
	}
	if !strings.Contains(out.String(), `"status":"ready"`) {
		t.Fatalf("healthcheck printed %q", out.String())
	}
	t.Setenv("SEPPORTAL_ADDR", m.Addr())
	if err := run(context.Background(), []string{"healthcheck"}, io.Discard, io.Discard); err != nil {
		t.Fatalf("healthcheck with SEPPORTAL_ADDR: %v", err)
	}

	// A server whose index has not caught up with its store (the indexer
	// is never started) is not healthy yet.
	store, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	reg := claimcharts.NewRegistry(store)
	o := &claimcharts.Organization{Slug: "lagging", Name: claimcharts.Text{En: "Lagging"}, Roles: []string{"licensor"}}
	if err := reg.CreateOrganization(context.Background(), claimcharts.System, o); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ix, err := search.Open(t.TempDir(), store, search.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	lagging := httptest.NewServer(server.New(server.Config{Registry: reg, Logger: log, Search: ix}))
	defer lagging.Close()
	err = run(context.Background(), []string{"healthcheck", "--addr", strings.TrimPrefix(lagging.URL, "http://")}, io.Discard, io.Discard)
	var exit *exitError
	if !errors.As(err, &exit) || exit.code != 1 || !strings.Contains(err.Error(), "503") {
		t.Fatalf("healthcheck of a server catching up: %v, want exit status 1 and 503", err)
	}
	lagging.Close()
	err = run(context.Background(), []string{"healthcheck", "--addr", strings.TrimPrefix(lagging.URL, "http://")}, io.Discard, io.Discard)
	if !errors.As(err, &exit) || exit.code != 1 {
		t.Fatalf("healthcheck of no server: %v, want exit status 1", err)
	}
}

// TestReadyURL: a server listening on every interface is asked on
// loopback; an address without a usable port is refused.
func TestReadyURL(t *testing.T) {
	for addr, want := range map[string]string{
		":8080":          "http://127.0.0.1:8080/readyz",
		"0.0.0.0:8080":   "http://127.0.0.1:8080/readyz",
		"[::]:8080":      "http://[::1]:8080/readyz",
		"127.0.0.1:9000": "http://127.0.0.1:9000/readyz",
		"portal:8080":    "http://portal:8080/readyz",
		"localhost":      "",
		":0":             "",
	} {
		got, err := readyURL(addr)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("readyURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
}

// TestDefaultAddressesAreLoopback: serve outside a container listens on
// loopback unless told otherwise; the container sets SEPPORTAL_ADDR.
func TestDefaultAddressesAreLoopback(t *testing.T) {
	for _, k := range []string{"SEPPORTAL_ADDR", "SEPPORTAL_METRICS_ADDR"} {
		t.Setenv(k, "") // restored when the test ends
		// an unset variable, not an empty one, gives the default
		if err := os.Unsetenv(k); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := parse("serve", nil, io.Discard, true)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:8080" || cfg.MetricsAddr != "127.0.0.1:9090" {
		t.Fatalf("defaults: --addr %q, --metrics-addr %q; want loopback", cfg.Addr, cfg.MetricsAddr)
	}
	t.Setenv("SEPPORTAL_ADDR", ":8080")
	t.Setenv("SEPPORTAL_METRICS_ADDR", "")
	if cfg, _ = parse("serve", nil, io.Discard, true); cfg.Addr != ":8080" || cfg.MetricsAddr != "" {
		t.Fatalf("from the environment: --addr %q, --metrics-addr %q", cfg.Addr, cfg.MetricsAddr)
	}
}

// TestReadyMeansTheListsAreWhole is issue 15's finding from the public's
// side: on a store written while no portal ran (no index yet), the first
// time /readyz answers 200 the pool's public list is already whole; it
// does not grow when the indexer then reads the feed to its end.
func TestReadyMeansTheListsAreWhole(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "demo", "--data-dir", dir)
	m := startMain(t, Config{DataDir: dir})
	base := "http://" + m.Addr()
	waitReady(t, base)
	total := func() int {
		status, body := get(t, base+"/api/v1/pools/demo-video-pool/patents?limit=1&facets=false", "")
		var res searchResult
		if err := json.Unmarshal(body, &res); err != nil || status != http.StatusOK {
			t.Fatalf("the pool's list: %d %s", status, body)
		}
		return res.Total
	}
	atReady := total()
	for {
		n, err := m.Search.SyncOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	if after := total(); atReady == 0 || after != atReady {
		t.Fatalf("the public list held %d patents when /readyz first said ready, %d once the index caught up", atReady, after)
	}
}

// TestPprofOnTheMetricsListenerOnly: --pprof serves Go's profiles on the
// metrics listener, never on the public one, and without it neither
// listener has them.
func TestPprofOnTheMetricsListenerOnly(t *testing.T) {
	for _, on := range []bool{true, false} {
		m := startMain(t, Config{DataDir: t.TempDir(), MetricsAddr: "127.0.0.1:0", Pprof: on})
		if status, _ := get(t, "http://"+m.Addr()+"/debug/pprof/", ""); status != http.StatusNotFound {
			t.Errorf("pprof %v: GET /debug/pprof/ on the public listener = %d, want 404", on, status)
		}
		// What importing net/http/pprof and expvar registers on
		// http.DefaultServeMux is served by neither listener, which
		// would show if either served that mux.
		for _, addr := range []string{m.Addr(), m.MetricsAddr()} {
			if status, _ := get(t, "http://"+addr+"/debug/vars", ""); status != http.StatusNotFound {
				t.Errorf("pprof %v: GET /debug/vars on %s = %d, want 404", on, addr, status)
			}
		}
		want := http.StatusNotFound
		if on {
			want = http.StatusOK
		}
		if status, _ := get(t, "http://"+m.MetricsAddr()+"/debug/pprof/", ""); status != want {
			t.Errorf("pprof %v: GET /debug/pprof/ on the metrics listener = %d, want %d", on, status, want)
		}
	}
}

// TestCompactKeepsTheDump compacts the demo store as an operator would:
// the full dump after is the dump before, and the command says what it
// did.
func TestCompactKeepsTheDump(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "demo", "--data-dir", dir)
	before := filepath.Join(t.TempDir(), "before.jsonl")
	after := filepath.Join(t.TempDir(), "after.jsonl")
	mustRun(t, "export", "--all", "-o", before, "--data-dir", dir)
	out := mustRun(t, "compact", "--data-dir", dir)
	if !strings.Contains(out, "compacted "+filepath.Join(dir, "sepportal.db")) {
		t.Errorf("compact said %q", out)
	}
	mustRun(t, "export", "--all", "-o", after, "--data-dir", dir)
	b, err := os.ReadFile(before)
	if err != nil {
		t.Fatal(err)
	}
	a, err := os.ReadFile(after)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 1000 || !bytes.Equal(a, b) {
		t.Fatalf("the dump changed with compaction: %d bytes before, %d after", len(b), len(a))
	}
	if out, err := sepportal(t, "compact", "--mongo-uri", "mongodb://127.0.0.1:1"); err == nil || !strings.Contains(err.Error(), "embedded store") {
		t.Fatalf("compact of MongoDB: %v\n%s", err, out)
	}
}
