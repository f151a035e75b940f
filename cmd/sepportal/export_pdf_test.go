package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"sepportal/claimcharts/demo"
)

// TestExportPDF writes the demo pool's list as of a day as PDF from the
// command line, and refuses a day that is not one.
func TestExportPDF(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "demo", "--data-dir", dir)
	file := filepath.Join(t.TempDir(), "list.pdf")
	mustRun(t, "export", "--pool", demo.PoolSlug, "--as-of", "2024-12-31", "--lang", "zh", "--public", "-o", file, "--data-dir", dir)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := api.Validate(bytes.NewReader(b), model.NewDefaultConfiguration()); err != nil {
		t.Fatalf("pdfcpu refuses the list: %v", err)
	}
	out, err := sepportal(t, "export", "--pool", demo.PoolSlug, "--format", "pdf", "--as-of", "31.12.2024", "--data-dir", dir)
	if err == nil || !strings.Contains(err.Error()+out, "--as-of") {
		t.Fatalf("a bad --as-of: %v\n%s", err, out)
	}
}
