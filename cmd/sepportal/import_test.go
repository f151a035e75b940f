package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/demo"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/mongo/mongotest"
)

// TestMain stops the embedded FerretDB the MongoDB tests start.
func TestMain(m *testing.M) { mongotest.Main(m) }

// poolListCSV is a pool list of the demo pool with Chinese headers below a
// title line: two families, four patents, and the given extra rows.
func poolListCSV(extra ...string) string {
	return "示例专利池入池专利清单\n" +
		"族编号,专利权人,代表专利,同族专利,权利要求,标准,示例性参考章节\n" +
		"F-1,华为技术有限公司,CN 105911112 B,\"KR10-2152107; JP6637180\",1,IEEE 802.11ax-2021,\"IEEE Std. 802.11ax-2021: Secs. 27.3.4; Figure 27-8\"\n" +
		"F-2,demo-huaxin,,EP 2 777 236 B1,,,\n" + strings.Join(extra, "")
}

// sepportal runs a command line and returns its output and error.
func sepportal(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String() + errOut.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := sepportal(t, args...)
	if err != nil {
		t.Fatalf("sepportal %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// storeFlags names a fresh store: an embedded one, or with mongo a
// database of its own on the test MongoDB server.
func storeFlags(t *testing.T, mongo bool) []string {
	t.Helper()
	if mongo {
		return []string{"--mongo-uri", strings.TrimSuffix(mongotest.URI(t), "/") + "/" + mongotest.Database(t)}
	}
	return []string{"--data-dir", t.TempDir()}
}

// TestImportCommand imports a GB18030 pool list into the demo pool, on the
// embedded store and on MongoDB (FerretDB): a second run changes nothing,
// a dry run writes nothing, an atomic run with a bad row writes nothing,
// and a plain run imports the good rows and names the bad one.
func TestImportCommand(t *testing.T) {
	for _, onMongo := range []bool{false, true} {
		t.Run(map[bool]string{false: "embedded", true: "mongodb"}[onMongo], func(t *testing.T) {
			store := storeFlags(t, onMongo)
			seedStore(t, store)
			gbk, _ := simplifiedchinese.GB18030.NewEncoder().String(poolListCSV())
			list := writeTemp(t, "清单.csv", []byte(gbk))
			args := append([]string{"import", list, "--pool", demo.PoolSlug}, store...)
			out := mustRun(t, args...)
			if !strings.Contains(out, "GB18030, header on row 2") || !strings.Contains(out, "patent        created 4") {
				t.Fatalf("first import:\n%s", out)
			}
			if out = mustRun(t, args...); !strings.Contains(out, "records created 0, updated 0, unchanged 10") {
				t.Fatalf("second import:\n%s", out)
			}
			bad := writeTemp(t, "bad.csv", []byte(poolListCSV("F-3,demo-huaxin,,US 9999001 B2,,,\n", ",demo-huaxin,,XX123,,,\n")))
			for _, flag := range []string{"--dry-run", "--atomic"} {
				out, err := sepportal(t, append([]string{"import", bad, "--pool", demo.PoolSlug, flag}, store...)...)
				if err == nil || !strings.Contains(out, "row 6, 同族专利: nothing identifies the family") {
					t.Fatalf("%s with a bad row: %v\n%s", flag, err, out)
				}
				if !strings.Contains(out, "patent        created 1") && flag == "--dry-run" {
					t.Fatalf("dry run does not say what it would create:\n%s", out)
				}
			}
			out, err := sepportal(t, append([]string{"import", bad, "--pool", demo.PoolSlug}, store...)...)
			if err == nil || !strings.Contains(out, "patent        created 1,") || !strings.Contains(err.Error(), "1 of 4 rows were rejected") {
				t.Fatalf("import with a bad row: %v\n%s", err, out)
			}
		})
	}
}

// seedStore creates what the list refers to: the demo pool, its licensor
// demo-huaxin and the Wi-Fi standard (the whole demo takes a while on
// FerretDB).
func seedStore(t *testing.T, flags []string) {
	t.Helper()
	var cfg Config
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	cfg.flags(fs, false)
	if err := fs.Parse(flags); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	store, err := openStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	reg := claimcharts.NewRegistry(store)
	for _, err := range []error{
		reg.CreateOrganization(ctx, claimcharts.System, &claimcharts.Organization{Slug: demo.Huaxin, Name: claimcharts.Text{En: "Huaxin"}, Roles: []string{"licensor"}}),
		reg.CreateStandard(ctx, claimcharts.System, &claimcharts.Standard{Slug: demo.WiFiStandard, Body: "IEEE", Number: "802.11ax", Version: "2021",
			Title: claimcharts.Text{En: "HE WLAN"}, References: []claimcharts.Reference{{Label: "27.3.4", Kind: "section"}}}),
		reg.CreatePool(ctx, claimcharts.System, &claimcharts.Pool{Slug: demo.PoolSlug, Name: claimcharts.Text{En: "Pool"}, Status: claimcharts.StatusPublished,
			Policy: claimcharts.AdmissionPolicy{ReviewersRequired: 1, Rule: "majority"}}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestImportRefusals(t *testing.T) {
	dir := t.TempDir()
	list := writeTemp(t, "list.csv", []byte(poolListCSV()))
	cases := map[string][]string{
		"over the size limit":    {"import", list, "--pool", "p", "--max-size", "100", "--data-dir", dir},
		"no such pool":           {"import", list, "--pool", "nope", "--data-dir", dir},
		"no file":                {"import", "--pool", "p", "--data-dir", dir},
		"a pool list, no pool":   {"import", list, "--kind", "pool-list", "--data-dir", dir},
		"unreadable spreadsheet": {"import", writeTemp(t, "x.xlsx", []byte("PK\x03\x04broken")), "--pool", "p", "--data-dir", dir},
	}
	want := map[string]string{"over the size limit": "the limit is 100", "no such pool": "no pool",
		"no file": "", "a pool list, no pool": "needs the pool it belongs to; pool: is required (name the pool with --pool)", "unreadable spreadsheet": "damaged or truncated"}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			out, err := sepportal(t, args...)
			if err == nil || !strings.Contains(err.Error()+out, want[name]) {
				t.Fatalf("%v\n%s", err, out)
			}
		})
	}
}

// TestDumpAndRestore writes a full dump of a store holding the demo and an
// imported list, restores it into an empty store and finds every record
// equal; restoring into a store that holds records is refused.
func TestDumpAndRestore(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	mustRun(t, "demo", "--data-dir", src)
	mustRun(t, "import", writeTemp(t, "l.csv", []byte(poolListCSV())), "--pool", demo.PoolSlug, "--data-dir", src)
	dump := filepath.Join(t.TempDir(), "dump.jsonl")
	mustRun(t, "export", "--all", "-o", dump, "--data-dir", src)
	out := mustRun(t, "import", "--all", dump, "--data-dir", dst)
	a, b := openDocs(t, src), openDocs(t, dst)
	if !strings.Contains(out, "restored "+strconv.Itoa(len(a))+" records") {
		t.Fatalf("restore: %s", out)
	}
	if len(a) != len(b) || a["organization/"+lists.SlugFromName("org", "华为技术有限公司")].Key == "" {
		t.Fatalf("%d records dumped, %d restored", len(a), len(b))
	}
	for k, d := range a {
		r := b[k]
		if !bytes.Equal(r.Data, d.Data) || !reflect.DeepEqual(r.Indexes, d.Indexes) {
			t.Errorf("%s restored as %s, want %s", k, r.Data, d.Data)
		}
	}
	if out, err := sepportal(t, "import", "--all", dump, "--data-dir", dst); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("restore into a full store: %v %s", err, out)
	}
}

// openDocs reads every record of an embedded store.
func openDocs(t *testing.T, dir string) map[string]claimcharts.Doc {
	t.Helper()
	s, err := bolt.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := map[string]claimcharts.Doc{}
	for _, kind := range claimcharts.Kinds {
		after := ""
		for {
			page, err := s.List(context.Background(), claimcharts.Query{Kind: kind, After: after, Limit: claimcharts.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range page.Docs {
				out[string(kind)+"/"+d.Key] = d
			}
			if after = page.Next; after == "" {
				break
			}
		}
	}
	return out
}

// TestExportImportsBack exports the demo pool's list, patents and charts in
// each format and imports each file back: nothing changes.
func TestExportImportsBack(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "demo", "--data-dir", dir)
	for _, format := range []string{"csv", "xlsx", "jsonl"} {
		for _, kind := range []string{"pool-list", "patents", "charts"} {
			file := filepath.Join(t.TempDir(), kind+"."+format)
			mustRun(t, "export", "--pool", demo.PoolSlug, "--kind", kind, "--lang", "zh", "-o", file, "--data-dir", dir)
			out := mustRun(t, "import", file, "--kind", kind, "--pool", demo.PoolSlug, "--data-dir", dir)
			if !strings.Contains(out, "records created 0, updated 0,") || strings.Contains(out, "unchanged 0 ") {
				t.Fatalf("%s %s imported back:\n%s", kind, format, out)
			}
		}
	}
}
