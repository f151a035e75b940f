package bulk_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/demo"
	"sepportal/claimcharts/dump"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/storetest"
)

// TestExportsReimport exports the demo pool's list, patents and charts in
// each format, imports the files into a registry holding only the demo's
// organizations, standards and pools, and reads the same records back:
// families, patents and charts equal but for what the review workflow
// sets (publication, submission times), and the pool's admitted entries
// with the same dates.
func TestExportsReimport(t *testing.T) {
	a := mustRegistry(t)
	if _, err := demo.Load(ctx, a); err != nil {
		t.Fatal(err)
	}
	for _, format := range bulk.Formats {
		t.Run(string(format), func(t *testing.T) {
			b := referenceCopy(t, a)
			for _, kind := range lists.Kinds {
				scope := lists.Scope{Pool: demo.PoolSlug}
				if kind != lists.PoolList {
					scope = lists.Scope{}
				}
				path := exportFile(t, a, kind, format, scope, "zh")
				rep, _ := importFile(t, b, path, bulk.Options{Kind: kind}, lists.Options{Pool: demo.PoolSlug})
				if rep.Rejected != 0 || rep.Rows == 0 {
					t.Fatalf("%s: %s", kind, reportJSON(rep))
				}
			}
			ignore := map[claimcharts.Kind][]string{claimcharts.KindPatent: {"published"}, claimcharts.KindFamily: {"published"},
				claimcharts.KindChart: {"published_revision", "submitted_at"}}
			for kind, fields := range ignore {
				sameRecords(t, a, b, kind, fields)
			}
			sameAdmitted(t, a, b)
		})
	}
}

// referenceCopy restores a's organizations, standards and pools into a
// new registry.
func referenceCopy(tb testing.TB, a *claimcharts.Registry) *claimcharts.Registry {
	tb.Helper()
	var recs []dump.Record
	_, err := dump.Export(ctx, a, admin, func(r dump.Record) error {
		if r.Kind == claimcharts.KindOrganization || r.Kind == claimcharts.KindStandard || r.Kind == claimcharts.KindPool {
			recs = append(recs, r)
		}
		return nil
	})
	must(tb, err)
	store, err := bolt.Open(tb.TempDir())
	must(tb, err)
	tb.Cleanup(func() { store.Close() })
	b := claimcharts.NewRegistry(store)
	b.Now = func() time.Time { return now }
	next := func() (dump.Record, error) {
		if len(recs) == 0 {
			return dump.Record{}, io.EOF
		}
		r := recs[0]
		recs = recs[1:]
		return r, nil
	}
	_, err = dump.Restore(ctx, b, admin, next, dump.Options{})
	must(tb, err)
	return b
}

// exportFile writes an export of reg to a file.
func exportFile(tb testing.TB, reg *claimcharts.Registry, kind lists.Kind, format bulk.Format, scope lists.Scope, lang string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), string(kind)+"."+string(format))
	f, err := os.Create(path)
	must(tb, err)
	defer f.Close()
	w, err := bulk.NewWriter(f, format, kind, lang)
	must(tb, err)
	must(tb, lists.Export(ctx, reg, admin, kind, scope, w.Write))
	must(tb, w.Close())
	return path
}

// sameRecords compares every record of kind in a and b, without Meta and
// the given fields (at any depth).
func sameRecords(tb testing.TB, a, b *claimcharts.Registry, kind claimcharts.Kind, ignore []string) {
	tb.Helper()
	da, db := storetest.AllDocs(tb, a.Store, kind), storetest.AllDocs(tb, b.Store, kind)
	if len(da) != len(db) {
		tb.Fatalf("%s: %d records exported, %d imported", kind, len(da), len(db))
	}
	for key, d := range da {
		ma, mb := decodeWithout(tb, d.Data, ignore), decodeWithout(tb, db[key].Data, ignore)
		if d := firstDiff(ma, mb, ""); d != "" {
			tb.Errorf("%s %s differs at %s", kind, key, d)
		}
	}
}

func decodeWithout(tb testing.TB, data []byte, ignore []string) any {
	tb.Helper()
	var v any
	must(tb, json.Unmarshal(data, &v))
	return strip(v, append(ignore, "rev", "created_at", "updated_at", "demo"))
}

// firstDiff describes the first difference between two decoded values.
func firstDiff(a, b any, path string) string {
	ma, oka := a.(map[string]any)
	mb, okb := b.(map[string]any)
	if oka && okb {
		for k := range ma {
			if d := firstDiff(ma[k], mb[k], path+"."+k); d != "" {
				return d
			}
		}
		for k := range mb {
			if _, ok := ma[k]; !ok {
				return fmt.Sprintf("%s.%s: missing, then %v", path, k, mb[k])
			}
		}
		return ""
	}
	la, oka := a.([]any)
	lb, okb := b.([]any)
	if oka && okb && len(la) == len(lb) {
		for i := range la {
			if d := firstDiff(la[i], lb[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		return fmt.Sprintf("%s: %s, then %s", path, ja, jb)
	}
	return ""
}

func strip(v any, keys []string) any {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range keys {
			delete(t, k)
		}
		for k, e := range t {
			t[k] = strip(e, keys)
		}
	case []any:
		for i, e := range t {
			t[i] = strip(e, keys)
		}
	}
	return v
}

// sameAdmitted compares the pool's admitted entries.
func sameAdmitted(tb testing.TB, a, b *claimcharts.Registry) {
	tb.Helper()
	admitted := func(reg *claimcharts.Registry) map[string]string {
		out := map[string]string{}
		for key, d := range storetest.AllDocs(tb, reg.Store, claimcharts.KindEntry) {
			var e claimcharts.Entry
			must(tb, json.Unmarshal(d.Data, &e))
			if e.Status == claimcharts.EntryAdmitted && e.Pool == demo.PoolSlug {
				out[key] = string(e.Effective) + " " + e.Family + " " + e.Holder
			}
		}
		return out
	}
	if ea, eb := admitted(a), admitted(b); !reflect.DeepEqual(ea, eb) || len(ea) == 0 {
		tb.Fatalf("admitted entries differ:\n%v\n%v", ea, eb)
	}
}

// TestZipBombs refuses workbooks that unzip to more than the limit, and
// ones whose zip lies about their size, without reading them whole.
func TestZipBombs(t *testing.T) {
	for _, lie := range []bool{false, true} {
		path := writeFile(t, "bomb.xlsx", zipBomb(t, 160<<20, lie))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := bulk.Open(path, bulk.Options{Kind: lists.PoolList, MaxUnzipped: 32 << 20})
		runtime.ReadMemStats(&after)
		want := map[bool]string{false: "unzips to more than 33554432 bytes", true: "damaged or truncated"}[lie]
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("bomb (size declared falsely: %v): %v, want %q", lie, err, want)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 48<<20 {
			t.Errorf("opening the bomb allocated %d MiB", grew>>20)
		}
	}
}

// zipBomb is a workbook whose sheet is n bytes of rows compressed to a few
// hundred KiB; with lie, the zip declares the sheet 1 KiB.
func zipBomb(tb testing.TB, n int, lie bool) []byte {
	tb.Helper()
	return replaceParts(tb, xlsxFile(tb, poolList("en"), nil), map[string]func(*zip.Writer, string){
		"xl/worksheets/sheet1.xml": func(zw *zip.Writer, name string) { writeHugeSheet(tb, zw, name, n, lie) },
	})
}

func writeHugeSheet(tb testing.TB, zw *zip.Writer, name string, n int, lie bool) {
	tb.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	io.WriteString(w, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	chunk := bytes.Repeat([]byte("<row></row>"), 1<<14)
	for written := 0; written < n; written += len(chunk) {
		w.Write(chunk)
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	must(tb, fw.Close())
	size := uint64(n + 200)
	if lie {
		size = 1024
	}
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: size})
	must(tb, err)
	raw.Write(comp.Bytes())
}
