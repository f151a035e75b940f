package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestWarmingCountsWhatRuns: sepportal_warming counts, by part, the
// readings ahead started and not yet done, nested ones included, and
// falls back to 0 when they are done.
func TestWarmingCountsWhatRuns(t *testing.T) {
	m := New()
	store := m.Warming(WarmStore)
	index := m.Warming(WarmIndex)
	again := m.Warming(WarmIndex)
	want := func(store, index string) {
		t.Helper()
		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		body, _ := io.ReadAll(rec.Body)
		for _, line := range []string{`sepportal_warming{part="store"} ` + store, `sepportal_warming{part="index"} ` + index} {
			if !strings.Contains(string(body), "\n"+line+"\n") {
				t.Errorf("no line %q in the metrics", line)
			}
		}
	}
	want("1", "2")
	again()
	want("1", "1")
	index()
	store()
	want("0", "0")
}
