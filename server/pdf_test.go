package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/xuri/excelize/v2"
)

// mustPDF checks an answer is a PDF attachment named like want that pdfcpu reads.
func mustPDF(t testing.TB, resp response, want string) {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Fatalf("content type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") || !strings.Contains(cd, want) {
		t.Fatalf("Content-Disposition %q, want a file named like %q", cd, want)
	}
	if err := api.Validate(bytes.NewReader(resp.Body), model.NewDefaultConfiguration()); err != nil {
		t.Fatalf("pdfcpu refuses the PDF: %v", err)
	}
}

// determinationOf is the id of the determination on a chart's first revision.
func determinationOf(t testing.TB, e *testEnv, chart string) string {
	var list struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/determinations?chart=" + chart, token: e.admin}).JSON(t, &list)
	if len(list.Items) == 0 {
		t.Fatalf("chart %s has no determination", chart)
	}
	return list.Items[0].ID
}

func TestPDFEndpoints(t *testing.T) {
	e := newTestEnv(t)
	chart := e.seedDraft("EP 2 777 236 B1")
	e.admit("EP 2 777 236 B1", chart)
	hidden := e.seedDraft("US 9,999,001 B2")

	resp := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/charts/" + chart + "/pdf?lang=zh"})
	mustPDF(t, resp, chart+"-r1.pdf")
	mustPDF(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/charts/" + chart + "/revisions/1/pdf"}), chart+"-r1.pdf")
	mustPDF(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/determinations/" + determinationOf(t, e, chart) + "/report?lang=en"}), "-report.pdf")
	mustPDF(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?format=pdf&as_of=2024-03-01"}), "pub-pool-list-2024-03-01.pdf")
	mustPDF(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?format=pdf"}), "pub-pool-list-current.pdf")

	// The unpublished chart: not found to the public, as the JSON read
	// answers; its holder and administrators get it.
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/charts/" + hidden})
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/charts/" + hidden + "/pdf"})
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/charts/" + hidden + "/revisions/1/pdf"})
	mustPDF(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/charts/" + hidden + "/pdf", token: e.licensor}), hidden)
	mustPDF(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/charts/" + hidden + "/pdf", token: e.admin}), hidden)

	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/charts/nope/pdf"})
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/determinations/nope/report"})
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/pools/nope/export?format=pdf"})
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/pools/secret/export?format=pdf"})
	for _, bad := range []string{"format=pdf&as_of=2024-13-01", "format=csv&as_of=yesterday", "format=xlsx&as_of="} {
		var p struct {
			Errors []struct {
				Path string `json:"path"`
			} `json:"errors"`
		}
		resp := e.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/pools/pub/export?" + bad})
		if err := json.Unmarshal(resp.Body, &p); err != nil || len(p.Errors) != 1 || p.Errors[0].Path != "as_of" {
			t.Errorf("%s: %s, want a problem naming as_of", bad, resp.Body)
		}
	}
	e.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/pools/pub/export?format=pdf&kind=charts"})
	e.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/charts/" + chart + "/pdf?sort=x"})
	e.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/charts/" + chart + "/revisions/0/pdf"})
}

// TestPoolExportAsOf: a list as of a day before any admission is empty;
// as of the admission day it holds the family.
func TestPoolExportAsOf(t *testing.T) {
	e := newTestEnv(t)
	chart := e.seedDraft("EP 2 777 236 B1")
	e.admit("EP 2 777 236 B1", chart)
	before := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?format=jsonl&as_of=2024-02-29"})
	on := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?format=jsonl&as_of=2024-03-01"})
	if len(before.Body) != 0 || !bytes.Contains(on.Body, []byte("2 777 236")) {
		t.Fatalf("as of 2024-02-29: %q; as of 2024-03-01: %q", before.Body, on.Body)
	}
	xlsx := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?format=xlsx&as_of=2024-03-01"})
	f, err := excelize.OpenReader(bytes.NewReader(xlsx.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Sheet1", "B3"); v != "2024-03-01" {
		t.Errorf("the XLSX title block says as of %q", v)
	}
}

// exercisePDF drives the PDF operations through the spec checker.
func exercisePDF(e *testEnv, c *specChecker) {
	e.t.Helper()
	openapi3filter.RegisterBodyDecoder("application/pdf", openapi3filter.PlainBodyDecoder)
	var charts struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/charts"}).JSON(e.t, &charts)
	if len(charts.Items) == 0 {
		e.t.Fatal("no published chart to exercise the PDFs with")
	}
	chart := charts.Items[0].ID
	c.ok(e, 200, req{method: "GET", path: "/api/v1/charts/" + chart + "/pdf?lang=zh"})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/charts/nope/pdf"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/charts/" + chart + "/revisions/1/pdf"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/determinations/" + determinationOf(e.t, e, chart) + "/report"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools/pub/export?format=pdf&as_of=2025-01-01&lang=zh"})
	c.broken(e, 400, req{method: "GET", path: "/api/v1/pools/pub/export?format=pdf&as_of=2025-02-30"})
	c.ok(e, 503, req{method: "GET", path: "/api/v1/search/export?format=pdf&q=merge"})
	defer withIndex(e)()
	c.ok(e, 200, req{method: "GET", path: "/api/v1/search/export?format=pdf&q=" + url.QueryEscape("merge candidate") + "&pool=pub&lang=zh"})
	c.ok(e, 400, req{method: "GET", path: "/api/v1/search/export?format=pdf&q=" + url.QueryEscape(`"unbalanced`)})
}
