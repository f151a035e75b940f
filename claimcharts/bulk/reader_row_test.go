package bulk

import (
	"runtime"
	"strings"
	"testing"

	"sepportal/claimcharts/lists"
)

// TestFieldOfSeveralColumnsReadsInLinearSpace: the columns of a field
// are joined once per row, not column by column (which copied the text
// read so far for each column: a 720 KB row once took 8.2 GB).
func TestFieldOfSeveralColumnsReadsInLinearSpace(t *testing.T) {
	const cell = 32 << 10
	alloc := func(columns int) uint64 {
		r := &Reader{info: Info{Format: XLSX}, hdr: headerMap{fields: make([]string, columns)}}
		raw := rawRow{line: 2, cells: make([]string, columns), col: -1}
		for i := range columns {
			r.hdr.fields[i], raw.cells[i] = "members", strings.Repeat("9", cell)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		row, _ := r.row(raw)
		runtime.ReadMemStats(&after)
		if got := len(row.Cells["members"]); got != columns*(cell+1)-1 {
			t.Fatalf("members of %d columns hold %d bytes", columns, got)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	n := MaxFieldColumns / 4
	small, large := alloc(n), alloc(4*n)
	if ratio := float64(large) / float64(small); ratio > 8 {
		t.Errorf("reading %d columns allocated %d KiB, %d columns %d KiB: %.1f times for 4 times the columns", n, small>>10, 4*n, large>>10, ratio)
	}
}

// TestLongCellsAreNoHeaders: a cell longer than any header could be is
// not reduced to letters to be looked up, so searching the first rows of
// every sheet for a header costs nothing per long cell (a workbook of
// header-less sheets of long cells once took 7 GiB and 21 s to refuse),
// while headers as lists write them, spaces and full-width forms
// included, are still read.
func TestLongCellsAreNoHeaders(t *testing.T) {
	long := strings.Repeat("Patent number ", 1<<16)
	if allocs := testing.AllocsPerRun(10, func() { fieldOf(lists.PoolList, long) }); allocs != 0 {
		t.Errorf("looking a %d-byte cell up as a header allocated %.0f times", len(long), allocs)
	}
	for _, header := range []string{"Patent holder", "ＰＡＴＥＮＴ　ＨＯＬＤＥＲ", "专利权人", "   Patent holder.   "} {
		if got := fieldOf(lists.PoolList, header); got != "holder" {
			t.Errorf("%q is the header of %q, want holder", header, got)
		}
	}
}
