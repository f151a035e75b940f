package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sepportal/metrics"
)

// scrape reads the metrics as Prometheus would.
func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: %d %s", rec.Code, rec.Body)
	}
	return rec.Body.String()
}

// TestImportMetrics: an import over the API shows in the metrics with the
// rows it read, wrote and rejected, and its duration.
func TestImportMetrics(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	e.runImport(importReq(t, e.admin, "清单.xlsx", poolXLSX(t), map[string]string{"pool": "pub"}))
	bad := csvList([]string{"族编号", "专利权人", "同族专利"}, []string{"F-9", "acme", "JP6637181"}, []string{"", "acme", "XX2"}) // a row that nothing identifies
	e.runImport(importReq(t, e.admin, "bad.csv", bad, map[string]string{"pool": "pub"}))
	m := scrape(t, e.srv.metrics)
	for _, want := range []string{
		`sepportal_import_rows_total{kind="pool-list",outcome="read"} 4`,
		`sepportal_import_rows_total{kind="pool-list",outcome="written"} 3`,
		`sepportal_import_rows_total{kind="pool-list",outcome="rejected"} 1`,
		`sepportal_import_duration_seconds_count{kind="pool-list"} 2`,
		`sepportal_import_records_total{change="created",kind="pool-list"}`,
		`sepportal_imports_running 0`,
		"# HELP sepportal_import_rows_total Rows of imported lists",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if t.Failed() {
		t.Logf("metrics:\n%s", m)
	}
}
