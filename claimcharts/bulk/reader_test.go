package bulk_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
)

// TestFieldOfSeveralColumns: the columns of a field of several values
// give its values that are not empty, one per line, in their order.
func TestFieldOfSeveralColumns(t *testing.T) {
	for _, tc := range []struct {
		name    string
		members []string
		want    string
	}{
		{"one column", []string{"EP 2 777 236 B1"}, "EP 2 777 236 B1"},
		{"three columns", []string{"EP 2 777 236 B1", "US 10,285,091 B2", "CN 105911112 B"}, "EP 2 777 236 B1\nUS 10,285,091 B2\nCN 105911112 B"},
		{"empty columns skipped", []string{"", "EP 2 777 236 B1", "", "US 10,285,091 B2", ""}, "EP 2 777 236 B1\nUS 10,285,091 B2"},
		{"every column empty", []string{"", "", ""}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := append([]string{"Holder"}, repeat("Family members", len(tc.members))...)
			row := readOneRow(t, csvFile([][]string{header, append([]string{"acme"}, tc.members...)}, ',', false))
			if got, ok := row.Cells["members"]; got != tc.want || !ok {
				t.Errorf("members = %q (present: %v), want %q", got, ok, tc.want)
			}
		})
	}
}

// TestFieldOfTooManyColumns: a header giving one field more than
// bulk.MaxFieldColumns columns is refused, in every format, naming the
// field and the limit; one at the limit is read.
func TestFieldOfTooManyColumns(t *testing.T) {
	for _, format := range []string{"csv", "xlsx", "jsonl"} {
		for _, n := range []int{bulk.MaxFieldColumns, bulk.MaxFieldColumns + 1} {
			t.Run(fmt.Sprintf("%s with %d columns", format, n), func(t *testing.T) {
				path := writeFile(t, "list."+format, listOfColumns(t, format, n))
				r, err := bulk.Open(path, bulk.Options{Kind: lists.PoolList})
				if n <= bulk.MaxFieldColumns {
					must(t, err)
					r.Close()
					return
				}
				want := fmt.Sprintf(`the header has %d columns of "Family members"; a field may have at most %d columns`, n, bulk.MaxFieldColumns)
				if err == nil {
					r.Close()
				}
				if claimcharts.ErrorCode(err) != claimcharts.ETOOLARGE || !strings.Contains(err.Error(), want) {
					t.Fatalf("got %v, want a too-large error saying %q", err, want)
				}
			})
		}
	}
}

// listOfColumns is a pool list in a format whose members are in n
// columns; JSON Lines spells the key differently in each (the reader
// reads "Family members." as "Family members").
func listOfColumns(tb testing.TB, format string, n int) []byte {
	header, row := []string{"Holder"}, []string{"acme"}
	for i := range n {
		h := "Family members"
		if format == "jsonl" {
			h += strings.Repeat(".", i)
		}
		header, row = append(header, h), append(row, fmt.Sprintf("US %d B2", 10_000_000+i))
	}
	switch format {
	case "xlsx":
		return xlsxFile(tb, [][]string{header, row}, nil)
	case "jsonl":
		return jsonlFile([][]string{header, row})
	}
	return csvFile([][]string{header, row}, ',', false)
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// readOneRow reads the first row of a CSV pool list.
func readOneRow(tb testing.TB, data []byte) lists.Row {
	tb.Helper()
	return readOneRowFrom(tb, writeFile(tb, "list.csv", data))
}

// readOneRowFrom reads the first row of a pool list file.
func readOneRowFrom(tb testing.TB, path string) lists.Row {
	tb.Helper()
	r, err := bulk.Open(path, bulk.Options{Kind: lists.PoolList})
	must(tb, err)
	defer r.Close()
	row, err := r.Next()
	if err != nil && !errors.Is(err, io.EOF) {
		tb.Fatal(err)
	}
	return row
}
