package main

import (
	"strings"
	"testing"
)

// TestREADMEExamplePoolList runs the README's import example as written:
// the sample pool list in the repository goes into the demo pool, whose
// slug the README names.
func TestREADMEExamplePoolList(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "demo", "--data-dir", dir)
	out := mustRun(t, "import", "../../examples/pool-list.csv", "--pool", "demo-video-pool", "--data-dir", dir)
	if !strings.Contains(out, "rows read 2, rejected 0") {
		t.Fatalf("the sample pool list did not import whole:\n%s", out)
	}
}
