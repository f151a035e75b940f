package bulk_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
)

// TestPoolListFormats imports the same pool list written in each format,
// encoding, delimiter and language of headers, below a title block.
func TestPoolListFormats(t *testing.T) {
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(csvFile(poolList("en"), '\t', true))
	cases := []struct {
		name, file string
		data       func(t *testing.T) []byte
		encoding   string
		headerRow  int
	}{
		{"CSV UTF-8, English headers", "list.csv", func(*testing.T) []byte { return csvFile(poolList("en"), ',', false) }, "UTF-8", 4},
		{"CSV UTF-8 with BOM, Chinese headers, CRLF", "list.csv", func(*testing.T) []byte {
			return append([]byte("\xef\xbb\xbf"), csvFile(poolList("zh"), ',', true)...)
		}, "UTF-8 (BOM)", 4},
		{"CSV GB18030, Chinese headers", "清单.csv", func(t *testing.T) []byte { return gb18030(t, csvFile(poolList("zh"), ',', true)) }, "GB18030", 4},
		{"CSV with semicolons", "list.csv", func(*testing.T) []byte { return csvFile(poolList("en"), ';', true) }, "UTF-8", 4},
		{"tab-separated UTF-16", "list.txt", func(*testing.T) []byte { return utf16 }, "UTF-16", 4},
		{"XLSX, English headers", "list.xlsx", func(t *testing.T) []byte { return xlsxFile(t, poolList("en"), nil) }, "", 4},
		{"XLSX, Chinese headers", "list.xlsx", func(t *testing.T) []byte { return xlsxFile(t, poolList("zh"), nil) }, "", 4},
		{"JSON Lines, English headers", "list.jsonl", func(*testing.T) []byte { return jsonlFile(poolList("en")[3:]) }, "UTF-8", 0},
		{"JSON Lines, Chinese headers", "list.jsonl", func(*testing.T) []byte { return jsonlFile(poolList("zh")[3:]) }, "UTF-8", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reg := mustRegistry(t)
			path := writeFile(t, tc.file, tc.data(t))
			rep, info := importFile(t, reg, path, bulk.Options{Kind: lists.PoolList}, lists.Options{Pool: "wifi6"})
			if rep.Rows != 2 || rep.Rejected != 0 || rep.Records[claimcharts.KindPatent].Created != 6 || rep.Records[claimcharts.KindFamily].Created != 2 {
				t.Fatalf("report: %s", reportJSON(rep))
			}
			if info.Encoding != tc.encoding || info.HeaderRow != tc.headerRow {
				t.Errorf("info = %+v, want encoding %q, header row %d", info, tc.encoding, tc.headerRow)
			}
			p, err := reg.Patent(ctx, claimcharts.Actor{}, "EP 2777236 (DE)")
			if err != nil || p.Family != "wifi6-0001" || len(p.Citations) != 3 {
				t.Fatalf("EP (DE) member = %+v, %v", p, err)
			}
			cn, err := reg.Patent(ctx, claimcharts.Actor{}, "CN105911112B")
			if err != nil || cn.Holder != lists.SlugFromName("org", "华为技术有限公司") || cn.Citations[0].Standard != "IEEE 802.11ax-2021" {
				t.Fatalf("CN member = %+v, %v", cn, err)
			}
			if info.Format != bulk.JSONL && (len(info.Ignored) != 1 || !strings.Contains("Remarks 备注", info.Ignored[0])) {
				t.Errorf("ignored columns = %q", info.Ignored)
			}
		})
	}
}

// TestKindFromHeaders tells patents and charts lists by their headers.
func TestKindFromHeaders(t *testing.T) {
	patents := [][]string{{"专利号", "专利权人", "中文名称", "权利要求书", "申请日"},
		{"CN 105911112 B", "acme", "一种触发帧发送方法", "1. 一种方法。\n2. 根据权利要求1所述的方法。", "2014年3月5日"}}
	charts := [][]string{{"Patent", "Claim", "Standard", "Element", "Element text (EN)", "Standard reference"},
		{"CN 105911112 B", "1", "IEEE 802.11ax-2021", "1[a]", "A method", "Sec. 27.3.4"}}
	reg := mustRegistry(t)
	rep, _ := importFile(t, reg, writeFile(t, "patents.csv", csvFile(patents, ',', true)), bulk.Options{}, lists.Options{})
	if rep.Kind != lists.Patents || rep.Records[claimcharts.KindPatent].Created != 1 {
		t.Fatalf("patents: %s", reportJSON(rep))
	}
	p, _ := reg.Patent(ctx, admin, "CN105911112B")
	if p.Dates.Filing != "2014-03-05" || len(p.Claims) != 2 || p.Claims[1].DependsOn != 1 {
		t.Fatalf("patent = %+v", p)
	}
	rep, _ = importFile(t, reg, writeFile(t, "charts.xlsx", xlsxFile(t, charts, nil)), bulk.Options{}, lists.Options{})
	if rep.Kind != lists.Charts || rep.Records[claimcharts.KindChart].Created != 1 {
		t.Fatalf("charts: %s", reportJSON(rep))
	}
}

// badInput is a file that must be refused, or whose rows must be rejected
// or warned about precisely.
type badInput struct {
	name, file string
	data       func(t *testing.T) []byte
	opts       bulk.Options
	openErr    string // a refusal of the whole file, if any
	row        int    // else the row rejected...
	column     string // ...its column...
	reason     string // ...and the reason
	warning    string // or a warning
}

func badInputs() []badInput {
	en := func() [][]string { return poolList("en") }
	row := func(cells ...string) [][]string { return append(en(), cells) }
	return []badInput{
		{name: "binary file", file: "list.csv", data: func(*testing.T) []byte { return []byte("PKX\x00\x01\x02") }, openErr: "damaged or truncated"},
		{name: "not text", file: "list.csv", data: func(*testing.T) []byte { return []byte("Family,Holder\x00\x01") }, openErr: "not text"},
		{name: "neither UTF-8 nor GB18030", file: "list.csv", data: func(*testing.T) []byte { return append(csvFile(en(), ',', false), 0x80, 0x80, ',', 0xff) }, openErr: "neither UTF-8 nor GB18030"},
		{name: "old Excel", file: "list.xls", data: func(*testing.T) []byte { return []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") }, openErr: "old Excel"},
		{name: "no header", file: "list.csv", data: func(*testing.T) []byte { return csvFile([][]string{{"a", "b"}, {"c", "d"}}, ',', false) }, openErr: "no header row found in the first 50 rows"},
		{name: "bytes that are not UTF-8 after the sample", file: "list.csv", data: func(*testing.T) []byte {
			b := csvFile(en(), ',', false)
			for i := 0; i < 700; i++ {
				b = append(b, []byte("F-"+strings.Repeat("x", 80)+",acme,,US 9999001 B2\n")...)
			}
			return append(b, []byte("F-9,Acme \xe9,,US 9999002 B2\n")...)
		}, row: 707, column: "Patent Owner", reason: "not UTF-8"},
		{name: "formula in a CSV cell", file: "list.csv", data: func(*testing.T) []byte {
			return csvFile(row("F-3", "acme", "", `=HYPERLINK("https://x","US 9999001")`), ',', false)
		}, row: 7, column: "Family Members", reason: "spreadsheet formula"},
		{name: "quote never closed (truncated)", file: "list.csv", data: func(*testing.T) []byte {
			return append(csvFile(en(), ',', true), []byte("F-3,acme,,\"US 9999001 B2\r\nUS 9")...)
		}, row: 7, reason: "never closed before the end of the file"},
		{name: "last row cut short (truncated)", file: "list.csv", data: func(*testing.T) []byte {
			return append(csvFile(en(), ',', true), []byte("F-3,acme,,US 9999001")...)
		}, row: 7, reason: "ends early (4 of 8 cells)"},
		{name: "bare quote", file: "list.csv", data: func(*testing.T) []byte {
			return append(csvFile(en(), ',', false), []byte("F-3,Acme 5\" Inc,,US 9999001 B2\n")...)
		}, row: 7, reason: "a quote (\") inside a cell that is not quoted"},
		{name: "blank rows count", file: "list.csv", data: func(*testing.T) []byte {
			return append(csvFile(en(), ',', true), []byte("\r\n\r\n,,,\r\n,acme,,XX123\r\n")...)
		}, row: 10, column: "Family Members", reason: "unknown office code XX"},
		{name: "duplicated row", file: "list.csv", data: func(*testing.T) []byte { return csvFile(append(en(), en()[4]), ',', false) }, warning: "repeats row 5 exactly"},
		{name: "record over the limit", file: "list.csv", opts: bulk.Options{MaxRecord: 4096}, data: func(*testing.T) []byte {
			return append(csvFile(en(), ',', false), []byte("F-3,acme,,\""+strings.Repeat("US 9999001 B2; ", 2000))...)
		}, openErr: "", reason: "longer than 4096 bytes"},
		{name: "XLSX cut in half", file: "list.xlsx", data: func(t *testing.T) []byte { b := xlsxFile(t, en(), nil); return b[:len(b)/2] }, openErr: "damaged or truncated"},
		{name: "XLSX formula without a value", file: "list.xlsx", data: func(t *testing.T) []byte {
			return xlsxFile(t, row("F-3", "acme", ""), func(f *excelize.File) { must(t, f.SetCellFormula("Sheet1", "D7", `CONCATENATE("US ","9999001")`)) })
		}, row: 7, column: "Family Members", reason: "cell D7 holds a formula without a computed value"},
		{name: "JSON Lines cut short", file: "list.jsonl", data: func(*testing.T) []byte {
			b := jsonlFile(en()[3:])
			return append(b, []byte(`{"Family":"F-3","Patent Owner":"acme","Family Members":"US 99`)...)
		}, row: 3, reason: "seems truncated"},
		{name: "JSON Lines object value", file: "list.jsonl", data: func(*testing.T) []byte {
			return append(jsonlFile(en()[3:]), []byte(`{"Family":"F-3","Patent Owner":{"name":"acme"},"Family Members":"US 9999001"}`+"\n")...)
		}, row: 3, column: "Patent Owner", reason: "is an object"},
	}
}

func TestBadInputs(t *testing.T) {
	for _, tc := range badInputs() {
		t.Run(tc.name, func(t *testing.T) {
			reg := mustRegistry(t)
			path := writeFile(t, tc.file, tc.data(t))
			tc.opts.Kind = lists.PoolList
			r, err := bulk.Open(path, tc.opts)
			if tc.openErr != "" {
				if err == nil || !contains(err.Error(), tc.openErr) {
					t.Fatalf("Open: %v, want an error saying %q", err, tc.openErr)
				}
				return
			}
			must(t, err)
			defer r.Close()
			rep, err := lists.Import(ctx, reg, admin, r, lists.Options{Pool: "wifi6"})
			if tc.warning != "" {
				checkWarning(t, rep, tc.warning)
				return
			}
			checkRejection(t, rep, err, tc)
		})
	}
}

func checkWarning(t *testing.T, rep *lists.Report, want string) {
	t.Helper()
	for _, w := range rep.Warnings {
		if contains(w.Reason, want) {
			return
		}
	}
	t.Fatalf("no warning %q: %s", want, reportJSON(rep))
}

// checkRejection finds the expected rejection among the report's; the good
// rows must have been imported.
func checkRejection(t *testing.T, rep *lists.Report, err error, tc badInput) {
	t.Helper()
	for _, rj := range rep.Rejections {
		if (tc.row == 0 || rj.Row == tc.row) && rj.Column == tc.column && contains(rj.Reason, tc.reason) {
			if rep.Records[claimcharts.KindFamily] == nil || rep.Records[claimcharts.KindFamily].Created < 2 {
				t.Fatalf("the good rows were not imported: %s", reportJSON(rep))
			}
			return
		}
	}
	t.Fatalf("no rejection of row %d, column %q, saying %q (err %v): %s", tc.row, tc.column, tc.reason, err, reportJSON(rep))
}

// TestXLSXMergedAndFormulaCells: a holder cell merged over two rows
// counts for both; a formula with a computed value gives the value.
func TestXLSXMergedAndFormulaCells(t *testing.T) {
	rows := append(poolList("en"), []string{"F-3", "", "", "US 9,999,002 B2"})
	rows[5][1] = "acme"
	data := xlsxFile(t, rows, func(f *excelize.File) {
		must(t, f.MergeCell("Sheet1", "B6", "B7"))
		must(t, f.SetCellFormula("Sheet1", "E7", "1+1"))
	})
	data = rewriteZip(t, data, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("<f>1+1</f>"), []byte("<f>1+1</f><v>2</v>"), 1)
	})
	reg := mustRegistry(t)
	rep, _ := importFile(t, reg, writeFile(t, "merged.xlsx", data), bulk.Options{Kind: lists.PoolList}, lists.Options{Pool: "wifi6"})
	if rep.Rejected != 0 || rep.Records[claimcharts.KindFamily].Created != 3 {
		t.Fatalf("report: %s", reportJSON(rep))
	}
	checkWarning(t, rep, "merged with B6 down to row 7")
	p, _ := reg.Patent(ctx, admin, "US 9999002")
	e, _ := reg.Entry(ctx, admin, "wifi6", "US 9999002")
	if p.Holder != "acme" || !contains(e.History[0].Note, "claims: 2") {
		t.Fatalf("merged row: patent %+v, entry %+v", p, e)
	}
}
