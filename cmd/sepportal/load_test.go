package main

import (
	"bytes"
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"sepportal/claimcharts/bolt"
	"sepportal/search/corpus"
)

func TestLoadRefusesOtherHosts(t *testing.T) {
	for _, u := range []string{"http://10.0.0.1:8080", "http://example.org", "http://192.168.1.2", "ftp://127.0.0.1", "127.0.0.1:8080"} {
		if _, err := loopbackURL(u); err == nil {
			t.Errorf("loopbackURL(%q) accepted a host that is not loopback", u)
		}
	}
	for _, u := range []string{"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:8080", "http://127.0.0.2"} {
		if _, err := loopbackURL(u); err != nil {
			t.Errorf("loopbackURL(%q): %v", u, err)
		}
	}
	var stderr bytes.Buffer
	if err := runLoad(context.Background(), []string{"--url", "http://10.1.2.3:8080"}, &bytes.Buffer{}, &stderr); err == nil {
		t.Error("sepportal load sent load to a non-loopback address")
	}
}

func TestLoadFlagsAreBounded(t *testing.T) {
	for _, args := range [][]string{
		{"--duration", "11m"}, {"--duration", "0s"}, {"--clients", "0"}, {"--clients", "100000"},
		{"--requests", "0"}, {"--vocabulary", "sparse"}, {"--mix", "nothing=1"}, {"--mix", "text=0"}, {"--mix", "text=x"},
	} {
		if _, err := parseLoadFlags(args, &bytes.Buffer{}); err == nil {
			t.Errorf("parseLoadFlags(%q) accepted it", args)
		}
	}
}

// TestLoadCountsFailuresAndGoesOn serves one kind of request well and
// another with 503s and slow answers: the run keeps going and reports
// each kind's successes and errors on its own line.
func TestLoadCountsFailuresAndGoesOn(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		switch {
		case r.URL.Path == "/metrics":
			w.Write([]byte("# HELP x\nprocess_resident_memory_bytes 1.048576e+08\n"))
		case strings.HasPrefix(r.URL.Path, "/api/v1/pools/"):
			if r.URL.Query().Get("holder") != "" {
				<-r.Context().Done() // answers only after the client gave up
				return
			}
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.Write([]byte(`{"items":[]}`))
		}
	}))
	defer srv.Close()
	var out bytes.Buffer
	args := []string{"--url", srv.URL, "--metrics-url", srv.URL + "/metrics", "--clients", "4", "--duration", "8s", "--requests", "400",
		"--timeout", "1s", "--patents", "1000", "--mix", "text=4,number=4,pool=1,pool-filtered=1"}
	if err := runLoad(context.Background(), args, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	report := out.String()
	if served.Load() < 100 {
		t.Fatalf("the run stopped after %d requests:\n%s", served.Load(), report)
	}
	lines := reportLines(report)
	for kind, wantErrors := range map[string]string{"text": "", "number": "", "pool": "503×", "pool-filtered": "timeout×"} {
		f := lines[kind]
		if f == nil {
			t.Fatalf("no line for %s:\n%s", kind, report)
		}
		okCount, errCount := f[1], f[6]
		if wantErrors == "" && (okCount == "0" || errCount != "0") {
			t.Errorf("%s: %s ok, %s errors; want successes and no error:\n%s", kind, okCount, errCount, report)
		}
		if wantErrors != "" && (okCount != "0" || errCount == "0" || len(f) < 8 || !strings.HasPrefix(f[7], wantErrors)) {
			t.Errorf("%s: want only errors of kind %s:\n%s", kind, wantErrors, report)
		}
	}
	if !strings.Contains(report, "server RSS: 100 MiB") {
		t.Errorf("the report does not give the server's memory:\n%s", report)
	}
}

// TestLoadKindsReachThePortal sends every kind of the portal's mix to a
// server holding a small generated corpus: each kind's requests are
// answered 200, so a benchmark's figures are of real answers, not of
// fast 404s.
func TestLoadKindsReachThePortal(t *testing.T) {
	dir, n := t.TempDir(), 200
	store, err := bolt.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := corpus.Generate(context.Background(), store, corpus.Options{Patents: n}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	m := startMain(t, Config{DataDir: dir, MetricsAddr: "127.0.0.1:0"})
	base := "http://" + m.Addr()
	waitIndexed(t, base+"/api/v1/search?q=")
	var kinds []string
	for _, k := range loadKindNames() {
		if k != "hello" {
			kinds = append(kinds, k+"=1")
		}
	}
	var out bytes.Buffer
	args := []string{"--url", base, "--metrics-url", "http://" + m.MetricsAddr() + "/metrics", "--clients", "2", "--duration", "2m", "--requests", "300",
		"--patents", strconv.Itoa(n), "--mix", strings.Join(kinds, ",")}
	if err := runLoad(context.Background(), args, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	lines := reportLines(out.String())
	for _, k := range kinds {
		k, _, _ = strings.Cut(k, "=")
		if f := lines[k]; f == nil || f[1] == "0" || f[6] != "0" {
			t.Errorf("%s: want successes and no error:\n%s", k, out.String())
		}
	}
	// The server's own times: every request the run sent, by route.
	counted := 0
	for line := range strings.SplitSeq(out.String(), "\n") {
		f := strings.Fields(line)
		if len(f) != 6 || f[0] != "server-time" || f[1] == "route" {
			continue
		}
		requests, _ := strconv.Atoi(f[2])
		counted += requests
		p50, _ := strconv.ParseFloat(f[3], 64)
		p95, _ := strconv.ParseFloat(f[4], 64)
		p99, _ := strconv.ParseFloat(f[5], 64)
		if p50 <= 0 || p50 > p95 || p95 > p99 {
			t.Errorf("server time of %s: p50 %v, p95 %v, p99 %v", f[1], p50, p95, p99)
		}
	}
	if counted != 300 {
		t.Errorf("the server's times count %d requests, the run sent 300:\n%s", counted, out.String())
	}
}

// TestServerTimeQuantiles reads percentiles from a histogram's buckets as
// Prometheus's histogram_quantile does: linearly within a bucket, and the
// highest finite bound for what lies beyond it.
func TestServerTimeQuantiles(t *testing.T) {
	h := histogram{upper: []float64{0.01, 0.02, 0.05, math.Inf(1)}, count: []float64{50, 90, 98, 100}}
	for _, c := range []struct{ q, want float64 }{{0.25, 5}, {0.5, 10}, {0.7, 15}, {0.94, 35}, {0.99, 50}} {
		if got := h.quantile(c.q); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("quantile(%v) = %v ms, want %v", c.q, got, c.want)
		}
	}
	before := serverMetrics{times: map[string]histogram{"/a": {upper: h.upper, count: []float64{40, 80, 88, 90}}}}
	after := serverMetrics{times: map[string]histogram{"/a": h, "/b": {upper: h.upper, count: []float64{0, 0, 0, 0}}}}
	d := after.since(before)
	if len(d) != 1 || d["/a"].total() != 10 || d["/a"].quantile(0.5) != 5 {
		t.Errorf("since: %+v, want /a alone with 10 requests, half under 5 ms", d)
	}
}

// TestHelloAnswersJSON: the reference server answers its one path with
// JSON, and the load tool counts its answers.
func TestHelloAnswersJSON(t *testing.T) {
	srv := httptest.NewServer(helloHandler())
	defer srv.Close()
	var out bytes.Buffer
	args := []string{"--url", srv.URL, "--metrics-url", srv.URL + "/none", "--clients", "2", "--duration", "1m", "--requests", "50", "--mix", "hello=1"}
	if err := runLoad(context.Background(), args, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if f := reportLines(out.String())["hello"]; f == nil || f[1] != "50" || f[6] != "0" {
		t.Errorf("want 50 answers and no error:\n%s", out.String())
	}
	resp, err := http.Get(srv.URL + "/elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /elsewhere: %s, want 404", resp.Status)
	}
}

// reportLines splits a load report into its lines' fields, by kind.
func reportLines(report string) map[string][]string {
	lines := map[string][]string{}
	for l := range strings.SplitSeq(report, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			lines[f[0]] = f
		}
	}
	return lines
}
