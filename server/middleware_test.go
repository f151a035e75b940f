package server

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// logBuffer keeps what a logger writes, for a test to read while the
// server writes.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestAccessLogCarriesTheRequestID: each request's access line names its
// request id (the caller's, or one made up), its path and status, at the
// info level; a server logging errors only writes no line for a request
// that went well.
func TestAccessLogCarriesTheRequestID(t *testing.T) {
	var info, quiet logBuffer
	e := newTestEnv(t, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&info, nil)) })
	e.must(http.StatusOK, req{method: "GET", path: "/healthz", header: map[string]string{"X-Request-Id": "trace-123"}})
	r := e.do(req{method: "GET", path: "/api/v1/patents/not-a-number"})
	made := r.Header.Get("X-Request-Id")
	if r.Status != http.StatusBadRequest || len(made) != 16 {
		t.Fatalf("GET of a bad number: %d with request id %q, want 400 and an id made up", r.Status, made)
	}
	lines := info.String()
	for _, want := range []string{
		"msg=request request_id=trace-123 method=GET path=/healthz status=200",
		"msg=request request_id=" + made + " method=GET path=/api/v1/patents/not-a-number status=400",
	} {
		if !strings.Contains(lines, want) {
			t.Errorf("the log lacks %q:\n%s", want, lines)
		}
	}

	q := newTestEnv(t, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&quiet, &slog.HandlerOptions{Level: slog.LevelError}))
	})
	q.must(http.StatusOK, req{method: "GET", path: "/healthz"})
	if got := quiet.String(); got != "" {
		t.Errorf("a server logging errors only logged a request that went well:\n%s", got)
	}
}

// TestBodyWithoutLengthIsCapped: a body sent in chunks, with no
// Content-Length to refuse it by, is cut at the limit while it is read
// and answered 413, as one that declares its length is.
func TestBodyWithoutLengthIsCapped(t *testing.T) {
	e := newTestEnv(t)
	body := io.MultiReader(strings.NewReader(`{"slug":"`), strings.NewReader(strings.Repeat("a", DefaultMaxBody)), strings.NewReader(`"}`))
	r, err := http.NewRequest(http.MethodPost, e.http.URL+"/api/v1/pools", body)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Authorization", "Bearer "+e.admin)
	r.Header.Set("Content-Type", "application/json")
	resp, err := e.client.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if r.ContentLength != 0 {
		t.Fatalf("the request declares a length (%d); want it sent in chunks", r.ContentLength)
	}
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("a %d-byte body in chunks: %d %s, want 413", DefaultMaxBody, resp.StatusCode, b)
	}
}
