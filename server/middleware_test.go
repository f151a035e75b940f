package server

import (
	"bytes"
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
