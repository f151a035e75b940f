package bulk_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
)

// fuzzOptions keep each fuzzed file small: the limits are part of what is
// fuzzed.
var fuzzOptions = bulk.Options{MaxRecord: 1 << 16, MaxUnzipped: 4 << 20}

// checkList reads data as a list file named name, row by row, and checks
// what holds of any file: it is refused with a reason (invalid, or too
// large), or its rows come in order of their line numbers, after the
// header, with fields the header names, and text that is valid UTF-8
// unless the row is rejected for it. Nothing panics.
func checkList(t *testing.T, name string, data []byte) {
	r, err := bulk.Open(writeFile(t, name, data), fuzzOptions)
	if err != nil {
		checkReadError(t, "open", err)
		return
	}
	defer r.Close()
	cols := r.Columns()
	last := r.Info().HeaderRow
	for range 100000 {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			checkReadError(t, "next", err)
			return
		}
		if row.Line <= last {
			t.Fatalf("row %d read after row %d", row.Line, last)
		}
		last = row.Line
		if row.Reject != nil && row.Reject.Row != row.Line {
			t.Fatalf("row %d rejected as row %d", row.Line, row.Reject.Row)
		}
		for f, v := range row.Cells {
			if _, ok := cols[f]; !ok {
				t.Fatalf("row %d has field %q, which no column of %v gives", row.Line, f, cols)
			}
			if row.Reject == nil && !utf8.ValidString(v) {
				t.Fatalf("row %d: field %q holds bytes that are not UTF-8 (%q) and the row is not rejected", row.Line, f, v)
			}
		}
	}
}

// checkReadError: a file that cannot be read is refused with a reason
// that says why, as invalid or too large, never as an internal error.
func checkReadError(t *testing.T, what string, err error) {
	if c := claimcharts.ErrorCode(err); c != claimcharts.EINVALID && c != claimcharts.ETOOLARGE || claimcharts.ErrorMessage(err) == "" {
		t.Fatalf("%s: %v (code %s), want an invalid or too-large file with a reason", what, err, c)
	}
}

// FuzzReadCSV reads arbitrary bytes as a CSV list (any encoding,
// delimiter, line ending). Seeds: testdata/fuzz/FuzzReadCSV and below.
func FuzzReadCSV(f *testing.F) {
	list := poolList("en")
	f.Add(csvFile(list, ',', false))
	f.Add(csvFile(poolList("zh"), '\t', true))
	f.Add(gb18030(f, csvFile(poolList("zh"), ';', false)))
	f.Add(append([]byte("\xef\xbb\xbf"), csvFile(list[3:], '|', true)...))
	f.Add([]byte("\xff\xfeF\x00a\x00m\x00i\x00l\x00y\x00\n\x00"))
	f.Add([]byte("Patent number,Title (EN)\nEP 2 777 236 B1,\"=HYPERLINK(\"\"x\"\")\"\n\"unclosed"))
	f.Fuzz(func(t *testing.T, data []byte) { checkList(t, "list.csv", data) })
}

// FuzzReadJSONL reads arbitrary bytes as a JSON Lines list. Seeds:
// testdata/fuzz/FuzzReadJSONL and below.
func FuzzReadJSONL(f *testing.F) {
	f.Add(jsonlFile(poolList("en")[3:]))
	f.Add(jsonlFile(poolList("zh")[3:]))
	f.Add([]byte(`{"Patent number":["EP 2 777 236 B1","US 10,285,091"],"Title (EN)":{"x":1}}` + "\n{\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkList(t, "list.jsonl", data) })
}

// FuzzReadXLSX puts arbitrary bytes in the place of the first sheet of a
// real workbook (what the streaming reader parses: rows, cells, shared
// string indexes, inline strings, merged cells, formulas). Seeds:
// testdata/fuzz/FuzzReadXLSX and below.
func FuzzReadXLSX(f *testing.F) {
	const sheet = "xl/worksheets/sheet1.xml"
	base := xlsxFile(f, poolList("zh"), nil)
	f.Add(zipPart(f, base, sheet))
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Patent number</t></is></c><c r="B1" t="s"><v>999</v></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>EP 2 777 236 B1</t></is></c><c r="B2"><f>SUM(1,2)</f></c></row>` +
		`<row r="1048577"><c r="XFE2"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A2:A9"/></mergeCells></worksheet>`))
	f.Fuzz(func(t *testing.T, part []byte) {
		checkList(t, "list.xlsx", rewriteZip(t, base, sheet, func([]byte) []byte { return part }))
	})
}

// zipPart is the content of one part of a zip.
func zipPart(tb testing.TB, data []byte, part string) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(tb, err)
	rc, err := zr.Open(part)
	must(tb, err)
	defer rc.Close()
	b, err := io.ReadAll(rc)
	must(tb, err)
	return b
}
