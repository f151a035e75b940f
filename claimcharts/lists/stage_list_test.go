package lists_test

import (
	"fmt"
	"runtime"
	"testing"

	"sepportal/claimcharts/lists"
)

// sharedApplication is a patents list of n new patents that share one
// application number, then n rows naming a patent by that number.
func sharedApplication(n int) *rowList {
	var rows [][]string
	for i := range n {
		rows = append(rows, []string{fmt.Sprintf("CN%09dU", 208911117+i), "ZL 2018 2 0123456.0", "acme", "一种天线"})
	}
	for i := range n {
		rows = append(rows, []string{"ZL 2018 2 0123456.0", "", "acme", fmt.Sprintf("天线 %d", i)})
	}
	return list(lists.Patents, []string{"number", "application", "holder", "title"}, rows...)
}

// TestImportFindsByApplicationInLinearSpace: rows that name a patent by
// an application number many staged patents share each find the first
// of them, and the memory the import allocates grows with the rows, not
// with their square: each lookup once copied and sorted every staged
// match (10.9 GB for 4,000 in an atomic import), read the batch being
// written one record per query, or read every stored match the import
// updates.
func TestImportFindsByApplicationInLinearSpace(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stored bool // the patents are stored, and the list updates them
		opts   func(n int) lists.Options
	}{
		{"atomic", false, func(int) lists.Options { return lists.Options{Atomic: true} }},
		{"batch in flight", false, func(n int) lists.Options { return lists.Options{BatchRows: n} }},
		{"stored and updated", true, func(int) lists.Options { return lists.Options{Atomic: true} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			allocated := func(n int) uint64 {
				reg := mustRegistry(t)
				rows := sharedApplication(n)
				if tc.stored {
					mustImport(t, reg, admin, sharedApplication(n), lists.Options{})
					for _, r := range rows.rows[:n] {
						r.Cells["title"] = "一种改进的天线"
					}
				}
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				rep := mustImport(t, reg, admin, rows, tc.opts(n))
				runtime.ReadMemStats(&after)
				if rep.Rejected != n {
					t.Fatalf("n=%d: %d rows rejected, want the %d naming the application", n, rep.Rejected, n)
				}
				for _, r := range rep.Rejections {
					if r.Key != "by_application" || fmt.Sprint(r.Args) != "[CN 208911117 U 2]" {
						t.Fatalf("n=%d: row %d: %s; want it to find CN 208911117 U of row 2", n, r.Row, r.Reason)
					}
				}
				return after.TotalAlloc - before.TotalAlloc
			}
			n := 200
			small, big := allocated(n), allocated(4*n)
			if big > 8*small {
				t.Errorf("4× the rows allocate %.1f× the memory (%d bytes against %d)", float64(big)/float64(small), big, small)
			}
		})
	}
}
