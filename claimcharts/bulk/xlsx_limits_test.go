package bulk_test

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
)

// TestHostileXLSX refuses workbooks that are small on the wire but hold a
// cell, a row, a shared string or a part too large to hold in memory,
// naming the row and cell, without reading them whole: a 613 KB workbook
// with one 600 MiB cell once took 3.7 GB of memory.
func TestHostileXLSX(t *testing.T) {
	const big = 40 << 20
	header := sheetRow(1, headers["en"]...)
	cases := []struct {
		name  string
		sheet []xmlPart
		parts map[string][]xmlPart
		want  string
	}{
		{name: "inline string cell", sheet: []xmlPart{{text: header}, {text: `<row r="6"><c r="A6" t="inlineStr"><is><t>F-1</t></is></c><c r="C6" t="inlineStr"><is><t>`},
			{repeat: "A", n: big}, {text: `</t></is></c></row>`}},
			want: "row 6, cell C6 holds more than 1048576 bytes"},
		{name: "rich text runs adding up", sheet: []xmlPart{{text: header}, {text: `<row r="2"><c r="D2" t="inlineStr"><is>`},
			{repeat: "<r><t>" + strings.Repeat("x", 256<<10) + "</t></r>", n: 8}, {text: `</is></c></row>`}},
			want: "row 2, cell D2 holds more than 1048576 bytes"},
		{name: "row of many cells", sheet: []xmlPart{{text: header}, {text: `<row r="3">`},
			{repeat: `<c t="inlineStr"><is><t>` + strings.Repeat("y", 900<<10) + `</t></is></c>`, n: 20}, {text: `</row>`}},
			want: "row 3 holds more than 16777216 bytes"},
		{name: "huge shared string", sheet: []xmlPart{{text: header}, {text: `<row r="2"><c r="B2" t="s"><v>0</v></c></row>`}},
			parts: map[string][]xmlPart{"xl/sharedStrings.xml": {{text: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`}, {repeat: "Z", n: big}, {text: `</t></si></sst>`}}},
			want:  "shared string 0 of the workbook holds more than 1048576 bytes"},
		{name: "a shared string repeated along a row", sheet: []xmlPart{{text: header}, {text: `<row r="4">`}, {repeat: `<c t="s"><v>0</v></c>`, n: 20}, {text: `</row>`}},
			parts: map[string][]xmlPart{"xl/sharedStrings.xml": {{text: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`}, {repeat: "Z", n: 900 << 10}, {text: `</t></si></sst>`}}},
			want:  "row 4 holds more than 16777216 bytes"},
		{name: "a large part kept in memory", sheet: []xmlPart{{text: header}},
			parts: map[string][]xmlPart{"xl/media/image1.png": {{repeat: "\x00", n: 70 << 20}}},
			want:  "more than the 67108864 bytes an import holds in memory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			parts := map[string][]xmlPart{"xl/worksheets/sheet1.xml": append(append([]xmlPart{{text: sheetStart}}, tc.sheet...), xmlPart{text: sheetEnd})}
			for name, p := range tc.parts {
				parts[name] = p
			}
			data := hostileXLSX(t, parts)
			if len(data) > 1<<20 {
				t.Fatalf("the hostile workbook is %d bytes; it should be small on the wire", len(data))
			}
			path := writeFile(t, "hostile.xlsx", data)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			r, err := bulk.Open(path, bulk.Options{Kind: lists.PoolList})
			runtime.ReadMemStats(&after)
			if err == nil {
				r.Close()
			}
			if claimcharts.ErrorCode(err) != claimcharts.ETOOLARGE || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a too-large error saying %q", err, tc.want)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
				t.Errorf("refusing the workbook allocated %d MiB", grew>>20)
			}
		})
	}
}

const (
	sheetStart = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetEnd   = `</sheetData></worksheet>`
)

// xmlPart is a piece of a generated part: text, or repeat written n times
// (for a single byte, n bytes).
type xmlPart struct {
	text   string
	repeat string
	n      int
}

// sheetRow is a row of inline string cells.
func sheetRow(r int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for _, c := range cells {
		fmt.Fprintf(&b, `<c t="inlineStr"><is><t>%s</t></is></c>`, c)
	}
	return b.String() + "</row>"
}

// hostileXLSX is a small workbook whose parts are replaced or added,
// streamed through the zip's compression so that the test never holds
// them whole.
func hostileXLSX(tb testing.TB, parts map[string][]xmlPart) []byte {
	tb.Helper()
	return hostileBook(tb, 1, parts)
}

// hostileBook is hostileXLSX with sheets sheets, Sheet1 to SheetN in
// that order, whose parts are xl/worksheets/sheet1.xml to sheetN.xml.
func hostileBook(tb testing.TB, sheets int, parts map[string][]xmlPart) []byte {
	tb.Helper()
	writers := map[string]func(*zip.Writer, string){}
	for name, content := range parts {
		writers[name] = func(zw *zip.Writer, name string) {
			w, err := zw.Create(name)
			must(tb, err)
			for _, p := range content {
				p.writeTo(w)
			}
		}
	}
	book := xlsxFile(tb, [][]string{{"x"}}, func(f *excelize.File) {
		for i := 2; i <= sheets; i++ {
			_, err := f.NewSheet(fmt.Sprintf("Sheet%d", i))
			must(tb, err)
		}
	})
	return replaceParts(tb, book, writers)
}

// writeTo writes the piece: its text, then repeat n times (for a single
// byte, n bytes, a MiB at a time).
func (p xmlPart) writeTo(w io.Writer) {
	io.WriteString(w, p.text)
	if len(p.repeat) == 1 {
		chunk := strings.Repeat(p.repeat, 1<<20)
		for n := p.n; n > 0; n -= len(chunk) {
			io.WriteString(w, chunk[:min(n, len(chunk))])
		}
		return
	}
	for i := 0; p.repeat != "" && i < p.n; i++ {
		io.WriteString(w, p.repeat)
	}
}

// TestXLSXMergedCellsLimit: a merged range's value is used for each row
// it spans, within bulk.MaxXLSXMergedFill bytes a sheet: a 6 KB workbook
// merging an 11 KB cell over 200,000 rows once handed 2.2 GB of copies
// to the import. Past the limit the sheet is refused, naming the range,
// before a copy is made; a short value merged over many rows is used
// for each, and a merge right of the header pads no row out to it.
func TestXLSXMergedCellsLimit(t *testing.T) {
	long := xmlPart{repeat: "F", n: 11 << 10}
	cases := []struct {
		name    string
		merges  []mergedCell
		last    int
		want    string // the error, "" for none
		holders int    // rows whose holder is the merged value
	}{
		{name: "a long cell over 200,000 rows", merges: []mergedCell{{"A2:D200001", long}}, last: 200001,
			want: "the merged cells A2:D200001 copy a value of 11264 bytes into 199999 rows, past the 67108864 bytes merged cells may fill in a sheet"},
		{name: "long cells adding up past the limit", merges: mergedRun("A", 2, 1000, 10, long), last: 10001,
			want: "the merged cells A5002:A6001 copy a value of 11264 bytes into 999 rows, past the 67108864 bytes"},
		{name: "a short holder over 20,000 rows", merges: []mergedCell{{"B2:B20001", xmlPart{text: "acme"}}}, last: 20001, holders: 20000},
		{name: "a merge right of the header", merges: []mergedCell{{"XFD2:XFD2001", xmlPart{text: "x"}}}, last: 2001},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := hostileXLSX(t, map[string][]xmlPart{"xl/worksheets/sheet1.xml": mergedSheet(tc.merges, tc.last)})
			if len(data) > 1<<20 {
				t.Fatalf("the workbook is %d bytes; it should be small on the wire", len(data))
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			holders, err := readHolders(t, writeFile(t, "merged.xlsx", data))
			runtime.ReadMemStats(&after)
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want != "" && (claimcharts.ErrorCode(err) != claimcharts.ETOOLARGE || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want a too-large error saying %q", err, tc.want)
			case holders != tc.holders:
				t.Errorf("%d rows have the merged holder, want %d", holders, tc.holders)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
				t.Errorf("reading the workbook allocated %d MiB", grew>>20)
			}
		})
	}
}

// mergedCell is a merged range and the value of its first cell.
type mergedCell struct {
	ref   string
	value xmlPart
}

// mergedRun is n ranges of column col, each of rows rows, from row first.
func mergedRun(col string, first, rows, n int, value xmlPart) []mergedCell {
	var out []mergedCell
	for i := range n {
		r1 := first + i*rows
		out = append(out, mergedCell{fmt.Sprintf("%s%d:%s%d", col, r1, col, r1+rows-1), value})
	}
	return out
}

// mergedSheet is a pool list's header, each range's first cell, a last
// row (so that the sheet reaches it) and the merged ranges.
func mergedSheet(merges []mergedCell, last int) []xmlPart {
	parts := []xmlPart{{text: sheetStart}, {text: sheetRow(1, headers["en"]...)}}
	for _, m := range merges {
		cell, _, _ := strings.Cut(m.ref, ":")
		row := strings.TrimLeft(cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		parts = append(parts, xmlPart{text: `<row r="` + row + `"><c r="` + cell + `" t="inlineStr"><is><t>`}, m.value, xmlPart{text: `</t></is></c></row>`})
	}
	parts = append(parts, xmlPart{text: fmt.Sprintf(`<row r="%d"><c r="H%d" t="inlineStr"><is><t>last</t></is></c></row>`, last, last)},
		xmlPart{text: "</sheetData><mergeCells>"})
	for _, m := range merges {
		parts = append(parts, xmlPart{text: `<mergeCell ref="` + m.ref + `"/>`})
	}
	return append(parts, xmlPart{text: "</mergeCells></worksheet>"})
}

// readHolders reads a pool list to its end and counts the rows whose
// holder is "acme".
func readHolders(tb testing.TB, path string) (int, error) {
	tb.Helper()
	r, err := bulk.Open(path, bulk.Options{Kind: lists.PoolList})
	if err != nil {
		return 0, err
	}
	defer r.Close()
	n := 0
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if row.Cells["holder"] == "acme" {
			n++
		}
	}
}

// TestXLSXTextLimit: the cells of a workbook hand out at most
// Options.MaxText bytes of text, twice MaxUnzipped unless set, merged
// copies and the sheets searched for a header included: a 120 KB
// workbook whose 800,000 cells show one shared string of 30,000 bytes
// once handed 19.6 GiB to the import. Past the limit the row reached is
// refused, naming it, its sheet and the limit, after the rows within it,
// and the sheet is read no further; a list within the limit is read whole.
func TestXLSXTextLimit(t *testing.T) {
	const value = 30_000 // a shared string in each of 8 columns: 240,000 bytes a row
	list := sharedValueSheet(true, 8, 1000)
	cases := []struct {
		name   string
		sheets [][]xmlPart // Sheet1, Sheet2...
		opts   bulk.Options
		want   string // the error, "" for none
		rows   int    // rows handed out before it
	}{
		{name: "a shared string in every cell, by default twice the unzip limit", sheets: [][]xmlPart{list}, opts: bulk.Options{MaxUnzipped: 1 << 20},
			want: `by row 10 of sheet "Sheet1" the workbook's cells hold more than 2097152 bytes of text in all`, rows: 8},
		{name: "a shared string in every cell, past a limit set", sheets: [][]xmlPart{list}, opts: bulk.Options{MaxText: 1 << 20},
			want: `by row 6 of sheet "Sheet1" the workbook's cells hold more than 1048576 bytes of text in all`, rows: 4},
		{name: "merged copies adding up", opts: bulk.Options{MaxText: 1 << 20},
			sheets: [][]xmlPart{mergedSheet([]mergedCell{{"B2:B1000", xmlPart{repeat: "F", n: 11 << 10}}}, 1000)},
			want:   `by row 95 of sheet "Sheet1" the workbook's cells hold more than 1048576 bytes of text in all`, rows: 93},
		{name: "sheets searched for a header adding up", opts: bulk.Options{MaxText: 1 << 20},
			sheets: [][]xmlPart{sharedValueSheet(false, 8, 3), sharedValueSheet(false, 8, 3), sharedValueSheet(true, 8, 1)},
			want:   `by row 2 of sheet "Sheet2" the workbook's cells hold more than 1048576 bytes of text in all`},
		{name: "a list within the limit", sheets: [][]xmlPart{sharedValueSheet(true, 8, 8)}, opts: bulk.Options{MaxUnzipped: 1 << 20}, rows: 8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			parts := map[string][]xmlPart{"xl/sharedStrings.xml": sharedStrings(value)}
			for i, sheet := range tc.sheets {
				parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = sheet
			}
			data := hostileBook(t, len(tc.sheets), parts)
			if len(data) > 64<<10 {
				t.Fatalf("the workbook is %d bytes; it should be small on the wire", len(data))
			}
			r, err := bulk.Open(writeFile(t, "shared.xlsx", data), tc.opts)
			rows, text := 0, int64(0)
			if err == nil {
				defer r.Close()
				rows, text, err = readToEnd(r)
			}
			max := tc.opts.MaxText
			if max == 0 {
				max = 2 * tc.opts.MaxUnzipped
			}
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want != "" && (claimcharts.ErrorCode(err) != claimcharts.ETOOLARGE || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want a too-large error saying %q", err, tc.want)
			case rows != tc.rows || text > max:
				t.Errorf("%d rows of %d bytes were handed out, want %d rows within %d bytes", rows, text, tc.rows, max)
			}
			if r == nil || tc.want == "" {
				return
			}
			if _, again := r.Next(); again == nil || again.Error() != err.Error() {
				t.Errorf("read on past the limit: %v", again)
			}
		})
	}
}

// sharedValueSheet is rows rows of cols cells, each showing shared
// string 0, below a pool list's header if header.
func sharedValueSheet(header bool, cols, rows int) []xmlPart {
	sheet := []xmlPart{{text: sheetStart}}
	if header {
		sheet = append(sheet, xmlPart{text: sheetRow(1, headers["en"]...)})
	}
	row := "<row>" + strings.Repeat(`<c t="s"><v>0</v></c>`, cols) + "</row>"
	return append(sheet, xmlPart{repeat: row, n: rows}, xmlPart{text: sheetEnd})
}

// sharedStrings is a workbook's shared strings: one of size bytes.
func sharedStrings(size int) []xmlPart {
	return []xmlPart{{text: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`},
		{repeat: "Z", n: size}, {text: `</t></si></sst>`}}
}

// readToEnd reads a list to its end or its first error, counting the
// rows and the bytes of their cells.
func readToEnd(r *bulk.Reader) (rows int, text int64, err error) {
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows, text, nil
		}
		if err != nil {
			return rows, text, err
		}
		rows++
		for _, v := range row.Cells {
			text += int64(len(v))
		}
	}
}
