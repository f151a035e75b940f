package bulk_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
)

var (
	ctx   = context.Background()
	admin = claimcharts.Actor{ID: "root", Role: claimcharts.RoleAdmin}
	now   = time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
)

// mustRegistry opens a registry on a fresh embedded store holding the
// organization acme, the standard 80211ax-2021 and the published pool wifi6.
func mustRegistry(tb testing.TB) *claimcharts.Registry {
	tb.Helper()
	store, err := bolt.Open(tb.TempDir())
	must(tb, err)
	tb.Cleanup(func() { store.Close() })
	return seed(tb, store)
}

// seed fills a store with what the lists refer to.
func seed(tb testing.TB, store claimcharts.Store) *claimcharts.Registry {
	tb.Helper()
	reg := claimcharts.NewRegistry(store)
	reg.Now = func() time.Time { return now }
	must(tb, reg.CreateOrganization(ctx, admin, &claimcharts.Organization{Slug: "acme", Name: claimcharts.Text{En: "Acme Wireless Inc."}, Roles: []string{"licensor"}}))
	must(tb, reg.CreateStandard(ctx, admin, &claimcharts.Standard{Slug: "80211ax-2021", Body: "IEEE", Number: "802.11ax", Version: "2021",
		Title: claimcharts.Text{En: "High-efficiency WLAN"}, References: []claimcharts.Reference{{Label: "27.3.4", Kind: "section"},
			{Label: "27.3.10", Kind: "section"}, {Label: "Figure 27-8", Kind: "figure"}}}))
	must(tb, reg.CreatePool(ctx, admin, &claimcharts.Pool{Slug: "wifi6", Name: claimcharts.Text{En: "Wi-Fi 6"}, Status: claimcharts.StatusPublished,
		Policy: claimcharts.AdmissionPolicy{ReviewersRequired: 1, Rule: "unanimous"}}))
	return reg
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// titleBlock is what lists put above their header.
var titleBlock = [][]string{{"Wi-Fi 6 Patent Pool — List of Patents"}, {"As of 2024-06-01"}, {}}

var headers = map[string][]string{
	"en": {"Family", "Patent Owner", "Exemplary Member", "Family Members", "Claims", "Standard(s)", "Illustrative References", "Remarks"},
	"zh": {"族编号", "专利权人", "代表专利", "同族专利", "权利要求", "标准", "示例性参考章节", "备注"},
}

// poolList is a pool list with a title block: two families, six patents.
func poolList(lang string) [][]string {
	rows := append([][]string{}, titleBlock...)
	return append(rows, headers[lang],
		[]string{"WIFI6-0001", "Acme Wireless Inc.", "EP 2 777 236 B1", "EP (DE) 2 777 236\nUS 10,285,091 B2", "1, 12", "IEEE 802.11ax-2021",
			"IEEE Std. 802.11ax-2021: Secs. 27.3.4, 27.3.10; Figures 27-8", "first"},
		[]string{"WIFI6-0002", "华为技术有限公司", "CN 105911112 B", "KR10-2152107; JP6637180", "3", "IEEE 802.11ax-2021", "Sec. 27.3.4", ""},
	)
}

// csvFile writes rows as CSV with a delimiter and line ending.
func csvFile(rows [][]string, comma rune, crlf bool) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = comma, crlf
	w.WriteAll(rows)
	return b.Bytes()
}

func gb18030(tb testing.TB, b []byte) []byte {
	tb.Helper()
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b)
	must(tb, err)
	return out
}

// xlsxFile writes rows into the first sheet of a workbook; edit may
// change the workbook first.
func xlsxFile(tb testing.TB, rows [][]string, edit func(f *excelize.File)) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		vals := make([]any, len(r))
		for j, c := range r {
			vals[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(tb, f.SetSheetRow("Sheet1", cell, &vals))
	}
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	must(tb, f.Write(&b))
	return b.Bytes()
}

// jsonlFile writes rows (the first is the header) as JSON Lines.
func jsonlFile(rows [][]string) []byte {
	var b bytes.Buffer
	for _, r := range rows[1:] {
		obj := map[string]string{}
		for i, h := range rows[0] {
			if i < len(r) {
				obj[h] = r[i]
			}
		}
		line, _ := json.Marshal(obj)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func writeFile(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	must(tb, os.WriteFile(p, data, 0o600))
	return p
}

// importFile opens a file and imports it into reg as admin.
func importFile(tb testing.TB, reg *claimcharts.Registry, path string, ropts bulk.Options, iopts lists.Options) (*lists.Report, bulk.Info) {
	tb.Helper()
	r, err := bulk.Open(path, ropts)
	if err != nil {
		tb.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	defer r.Close()
	iopts.Source = filepath.Base(path)
	rep, err := lists.Import(ctx, reg, admin, r, iopts)
	if err != nil {
		tb.Fatalf("import %s: %v; %s", filepath.Base(path), err, reportJSON(rep))
	}
	return rep, r.Info()
}

func reportJSON(rep *lists.Report) string {
	b, _ := json.MarshalIndent(rep, "", "  ")
	return string(b)
}

// rewriteZip copies a zip, changing the named part with fn.
func rewriteZip(tb testing.TB, data []byte, part string, fn func([]byte) []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(tb, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		must(tb, err)
		var body bytes.Buffer
		_, err = body.ReadFrom(rc)
		must(tb, err)
		rc.Close()
		b := body.Bytes()
		if f.Name == part {
			b = fn(b)
		}
		w, err := zw.Create(f.Name)
		must(tb, err)
		w.Write(b)
	}
	must(tb, zw.Close())
	return out.Bytes()
}

// replaceParts copies a zip, writing the parts named in parts with their
// function instead (and adding those the zip lacks), in the zip's order.
func replaceParts(tb testing.TB, data []byte, parts map[string]func(zw *zip.Writer, name string)) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(tb, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	written := map[string]bool{}
	for _, f := range zr.File {
		if write, ok := parts[f.Name]; ok {
			write(zw, f.Name)
			written[f.Name] = true
			continue
		}
		must(tb, zw.Copy(f))
	}
	for name, write := range parts {
		if !written[name] {
			write(zw, name)
		}
	}
	must(tb, zw.Close())
	return out.Bytes()
}

func contains(haystack, needle string) bool { return strings.Contains(haystack, needle) }
