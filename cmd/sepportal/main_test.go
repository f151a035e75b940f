package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// startMain runs the command's Main on a free port, as `serve` does, and
// stops it when the test ends.
func startMain(t testing.TB, cfg Config) *Main {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	m := &Main{Config: cfg, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	if err := m.Open(ctx); err != nil {
		cancel()
		m.Close()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- m.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		m.Close()
	})
	return m
}

func get(t *testing.T, url, token string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

func post(t *testing.T, url, token, body string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeDemo is the README's promise: serve --demo lists the demo pool
// to anonymous callers, refuses anonymous writes and a reviewer's pool write.
func TestServeDemo(t *testing.T) {
	admin := "test-admin-secret-0123456789"
	m := startMain(t, Config{DataDir: t.TempDir(), Demo: true, AdminToken: admin})
	base := "http://" + m.Addr()

	status, body := get(t, base+"/api/v1/pools", "")
	var pools struct {
		Items []struct {
			Slug string `json:"slug"`
			Demo bool   `json:"demo"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &pools); err != nil || status != http.StatusOK || len(pools.Items) == 0 || !pools.Items[0].Demo {
		t.Fatalf("anonymous GET /api/v1/pools = %d %s, want the demo pool", status, body)
	}
	if got := post(t, base+"/api/v1/pools", "", `{"slug":"x"}`); got != http.StatusUnauthorized {
		t.Fatalf("anonymous write = %d, want 401", got)
	}
	var tok struct {
		Secret string `json:"secret"`
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/tokens", bytes.NewReader([]byte(`{"role":"reviewer","subject":"expert-test"}`)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("admin creates a token: %v %v", resp, err)
	}
	json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	pool := `{"slug":"new-pool","name":{"en":"New"},"status":"draft","policy":{"reviewers_required":1,"rule":"majority"}}`
	if got := post(t, base+"/api/v1/pools", tok.Secret, pool); got != http.StatusForbidden {
		t.Fatalf("reviewer writing a pool = %d, want 403", got)
	}
	if got := post(t, base+"/api/v1/pools", admin, pool); got != http.StatusCreated {
		t.Fatalf("bootstrap admin writing a pool = %d, want 201", got)
	}
}

// TestDataDirIsExclusive: a second process on the same data dir is refused
// with a message that says why.
func TestDataDirIsExclusive(t *testing.T) {
	dir := t.TempDir()
	startMain(t, Config{DataDir: dir})
	var stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := run(ctx, []string{"serve", "--data-dir", dir, "--addr", "127.0.0.1:0"}, io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), "in use by another sepportal process") {
		t.Fatalf("second serve on %s: %v, want an in-use error", dir, err)
	}
}

func TestDemoCommandIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		var out bytes.Buffer
		if err := run(context.Background(), []string{"demo", "--data-dir", dir}, &out, io.Discard); err != nil {
			t.Fatalf("demo run %d: %v", i+1, err)
		}
		if !strings.Contains(out.String(), "demo data loaded") {
			t.Fatalf("demo run %d printed %q", i+1, out.String())
		}
	}
}

func TestUsageErrors(t *testing.T) {
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"frobnicate"}, io.Discard, &stderr); err == nil || !strings.Contains(stderr.String(), "unknown command") {
		t.Fatalf("unknown command: %v, %q", err, stderr.String())
	}
	if err := run(context.Background(), []string{"serve", "--admin-token", "short"}, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "16 characters") {
		t.Fatalf("short admin token: %v", err)
	}
	// A server that started anyway stops at once: its context is done.
	done, cancel := context.WithCancel(context.Background())
	cancel()
	serve := []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()}
	for _, bad := range []string{"64MB", "0", "-1"} {
		if err := run(done, append(serve, "--max-import", bad), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "--max-import") {
			t.Fatalf("--max-import %s: %v", bad, err)
		}
	}
	for _, bad := range []string{"two", "0", "-1"} {
		if err := run(done, append(serve, "--import-jobs", bad), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "--import-jobs") {
			t.Fatalf("--import-jobs %s: %v", bad, err)
		}
	}
	for _, bad := range []string{"many", "-1"} {
		if err := run(done, append(serve, "--search-cache", bad), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "--search-cache") {
			t.Fatalf("--search-cache %s: %v", bad, err)
		}
	}
	if err := run(done, append(serve, "--search-engine", "lucene"), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "--search-engine") {
		t.Fatalf("--search-engine lucene: %v", err)
	}
	t.Setenv("SEPPORTAL_MAX_IMPORT", "lots")
	if err := run(done, serve, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), `SEPPORTAL_MAX_IMPORT) must be a number of bytes above 0, not "lots"`) {
		t.Fatalf("SEPPORTAL_MAX_IMPORT=lots: %v", err)
	}
}

// TestPrewarmIsOnUnlessTurnedOff: serve prewarms the embedded store
// unless --prewarm=false or SEPPORTAL_PREWARM=0 says not to.
func TestPrewarmIsOnUnlessTurnedOff(t *testing.T) {
	for _, c := range []struct {
		args []string
		env  string
		want bool
	}{
		{nil, "", true},
		{[]string{"--prewarm=false"}, "", false},
		{nil, "0", false},
		{nil, "no", false},
		{[]string{"--prewarm"}, "false", true},
	} {
		t.Setenv("SEPPORTAL_PREWARM", c.env)
		cfg, err := parse("serve", c.args, io.Discard, true)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Prewarm != c.want {
			t.Fatalf("%v with SEPPORTAL_PREWARM=%q: prewarm %v, want %v", c.args, c.env, cfg.Prewarm, c.want)
		}
		cfg.DataDir, cfg.MetricsAddr = t.TempDir(), ""
		if m := startMain(t, cfg); (m.stopPrewarm != nil) != c.want {
			t.Fatalf("%v with SEPPORTAL_PREWARM=%q: the server prewarms: %v, want %v", c.args, c.env, m.stopPrewarm != nil, c.want)
		}
	}
}
