package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkNumberLookup measures GET /api/v1/patents/{number} through the
// whole handler (middleware, compression, routing) on a real bbolt store,
// for an anonymous caller as Go's HTTP client asks (Accept-Encoding: gzip),
// by the three spellings the load benchmark uses: "kept" answers from the
// kept public answers (answers.go), "computed" with none kept reads and
// encodes every answer. It reports allocations: on a loaded machine they
// compare two versions better than the time does.
//
//	go test ./server -run '^$' -bench NumberLookup -benchmem
func BenchmarkNumberLookup(b *testing.B) {
	for _, tc := range []struct {
		name string
		kept int
	}{{"kept", 0}, {"computed", -1}} {
		b.Run(tc.name, func(b *testing.B) {
			e := newTestEnv(b, func(c *Config) {
				c.CachedAnswers = tc.kept
				// Errors only, as scripts/bench-load.sh serves.
				c.Logger = slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError}))
			})
			e.admit("EP2777236", e.seedDraft("EP2777236"))
			paths := []string{"/api/v1/patents/EP2777236", "/api/v1/patents/EP%202%20777%20236%20B1", "/api/v1/patents/ep2777236"}
			reqs := make([]*http.Request, len(paths))
			for i, p := range paths {
				reqs[i] = httptest.NewRequest(http.MethodGet, p, nil)
				reqs[i].Header.Set("Accept-Encoding", "gzip")
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w := httptest.NewRecorder()
				e.srv.ServeHTTP(w, reqs[i%len(reqs)])
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d %s", reqs[i%len(reqs)].URL, w.Code, w.Body)
				}
			}
		})
	}
}
