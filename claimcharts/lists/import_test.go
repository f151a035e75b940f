package lists_test

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/lists"
)

// The import's rules, on the embedded store, with rows given in memory
// (claimcharts/bulk reads them from files; its tests cover the formats).

// rowList is a ListSource over rows given in the test. Row 1 is the
// header; data rows follow.
type rowList struct {
	kind lists.Kind
	cols map[string]string
	rows []lists.Row
	next int
}

func (l *rowList) Kind() lists.Kind           { return l.kind }
func (l *rowList) Columns() map[string]string { return l.cols }
func (l *rowList) Next() (lists.Row, error) {
	if l.next == len(l.rows) {
		return lists.Row{}, io.EOF
	}
	l.next++
	return l.rows[l.next-1], nil
}

// list builds a list of kind from a header of field names and data rows.
func list(kind lists.Kind, header []string, data ...[]string) *rowList {
	l := &rowList{kind: kind, cols: map[string]string{}}
	for _, f := range header {
		l.cols[f] = strings.ToUpper(f[:1]) + f[1:]
	}
	for i, d := range data {
		cells := map[string]string{}
		for j, f := range header {
			if j < len(d) {
				cells[f] = d[j]
			}
		}
		l.rows = append(l.rows, lists.Row{Line: i + 2, Cells: cells})
	}
	return l
}

var (
	ctx      = context.Background()
	admin    = claimcharts.Actor{ID: "root", Role: claimcharts.RoleAdmin}
	acmeBot  = claimcharts.Actor{ID: "acme-bot", Role: claimcharts.RoleLicensor, Organization: "acme"}
	fixedNow = time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
)

// mustRegistry opens a registry on a fresh embedded store with the
// organization acme, a standard with a few references and the published
// pool wifi6.
func mustRegistry(tb testing.TB) *claimcharts.Registry {
	tb.Helper()
	store, err := bolt.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	reg := claimcharts.NewRegistry(store)
	reg.Now = func() time.Time { return fixedNow }
	must(tb, reg.CreateOrganization(ctx, admin, &claimcharts.Organization{Slug: "acme", Name: claimcharts.Text{En: "Acme Wireless Inc."}, Roles: []string{"licensor"}}))
	must(tb, reg.CreateStandard(ctx, admin, &claimcharts.Standard{Slug: "80211ax-2021", Body: "IEEE", Number: "802.11ax", Version: "2021",
		Title: claimcharts.Text{En: "Enhancements for high-efficiency WLAN"}, References: []claimcharts.Reference{
			{Label: "27", Kind: "section"}, {Label: "27.3.4", Kind: "section", Parent: "27"}, {Label: "27.3.10", Kind: "section", Parent: "27"},
			{Label: "Figure 27-8", Kind: "figure", Parent: "27"}, {Label: "Table 27-11", Kind: "table", Parent: "27"}}}))
	must(tb, reg.CreatePool(ctx, admin, &claimcharts.Pool{Slug: "wifi6", Name: claimcharts.Text{En: "Wi-Fi 6 pool"}, Standards: []string{"80211ax-2021"},
		Status: claimcharts.StatusPublished, Policy: claimcharts.AdmissionPolicy{ReviewersRequired: 1, Rule: "unanimous"}}))
	return reg
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

var poolHeader = []string{"family", "holder", "exemplary", "members", "claims", "standards", "references", "effective"}

// poolRows are three families: acme's, a new Chinese holder's with
// members spelt many ways and a typo, and one without a date.
func poolRows() *rowList {
	return list(lists.PoolList, poolHeader,
		[]string{"WIFI6-0001", "Acme Wireless Inc.", "EP 2 777 236 B1", "EP (DE) 2 777 236; US 10,285,091 B2, CN103931153A", "1, 12",
			"IEEE 802.11ax-2021", "IEEE Std. 802.11ax-2021: Secs. 27.3.4, 27.3.10; Figures 27-8; Tables 27-11", "2023-05-01"},
		[]string{"WIFI6-0002", "华为技术有限公司", "CN 105911112 B", "CN 105911112 B\nKR10-2152107\nJP6637180\nJP 06637181", "3-5",
			"IEEE 802.11ax-2021", "Sec. 27.3.4; Annex Z.9", "2023/6/2"},
		[]string{"WIFI6-0003", "acme", "", "US 9,999,001 B2", "", "", "", ""},
	)
}

func mustImport(tb testing.TB, reg *claimcharts.Registry, actor claimcharts.Actor, src lists.Source, opts lists.Options) *lists.Report {
	tb.Helper()
	rep, err := lists.Import(ctx, reg, actor, src, opts)
	if err != nil {
		tb.Fatalf("import: %v; report %s", err, reportJSON(rep))
	}
	return rep
}

func reportJSON(rep *lists.Report) string {
	b, _ := json.MarshalIndent(rep, "", "  ")
	return string(b)
}

func TestImportPoolList(t *testing.T) {
	reg := mustRegistry(t)
	rep := mustImport(t, reg, admin, poolRows(), lists.Options{Pool: "wifi6", Source: "list.csv"})
	if rep.Rows != 3 || rep.Rejected != 0 || !rep.Written {
		t.Fatalf("report: %s", reportJSON(rep))
	}
	// 3 families, 8 patents, 8 entries, 1 new organization, the pool's licensors.
	want := map[claimcharts.Kind]int{claimcharts.KindFamily: 3, claimcharts.KindPatent: 8, claimcharts.KindEntry: 8, claimcharts.KindOrganization: 1}
	for kind, n := range want {
		if got := rep.Records[kind]; got == nil || got.Created != n {
			t.Errorf("%s created = %+v, want %d", kind, got, n)
		}
	}
	ep, err := reg.Patent(ctx, claimcharts.Actor{}, "EP2777236")
	if err != nil || !ep.Published || ep.Family != "wifi6-0001" || ep.Holder != "acme" {
		t.Fatalf("EP2777236 = %+v, %v; want published, family wifi6-0001, holder acme", ep, err)
	}
	if len(ep.Citations) != 4 || ep.Citations[0].Slug != "80211ax-2021" || ep.Citations[2].Label != "Figure 27-8" {
		t.Errorf("citations = %+v", ep.Citations)
	}
	if len(ep.Standards) != 1 || ep.Standards[0] != "80211ax-2021" {
		t.Errorf("standards = %v", ep.Standards)
	}
	e, err := reg.Entry(ctx, claimcharts.Actor{}, "wifi6", "EP 2777236 B1")
	if err != nil || e.Status != claimcharts.EntryAdmitted || e.Effective != "2023-05-01" || !strings.Contains(e.History[0].Note, "exemplary member") ||
		!strings.Contains(e.History[0].Note, "claims: 1, 12") || !strings.Contains(e.History[0].Note, `"list.csv" (row 2)`) {
		t.Fatalf("entry = %+v, %v", e, err)
	}
	if e, _ := reg.Entry(ctx, admin, "wifi6", "US 9999001"); e.Effective != "2024-06-01" {
		t.Errorf("entry without a date: effective %q, want the import date", e.Effective)
	}
	if e, _ := reg.Entry(ctx, admin, "wifi6", "EP2777236-DE"); e == nil || e.Family != "wifi6-0001" {
		t.Errorf("validated EP member entry = %+v", e)
	}
	holder := lists.SlugFromName("org", "华为技术有限公司")
	if o, err := reg.Organization(ctx, admin, holder); err != nil || o.Name.Zh != "华为技术有限公司" || !strings.HasPrefix(holder, "org-") {
		t.Errorf("new holder %s = %+v, %v", holder, o, err)
	}
	pool, _ := reg.Pool(ctx, admin, "wifi6")
	if strings.Join(pool.Licensors, ",") != "acme,"+holder {
		t.Errorf("pool licensors = %v", pool.Licensors)
	}
	evs, _ := reg.Audit(ctx, admin, claimcharts.KindPatent, "EP2777236")
	if len(evs) != 1 || evs[0].Action != "import" || evs[0].Actor != "admin:root" {
		t.Errorf("audit = %+v, want one import event", evs)
	}
	// "Annex Z.9" cannot be linked to the standard's references but is kept.
	cn, _ := reg.Patent(ctx, admin, "CN105911112B")
	if len(cn.Citations) != 2 || cn.Citations[1].Label != "Annex Z.9" {
		t.Errorf("CN citations = %+v", cn.Citations)
	}
}

func TestImportTwiceChangesNothing(t *testing.T) {
	reg := mustRegistry(t)
	first := mustImport(t, reg, admin, poolRows(), lists.Options{Pool: "wifi6"})
	before := changes(t, reg)
	reg.Now = func() time.Time { return fixedNow.Add(48 * time.Hour) } // another day: dates must not move
	second := mustImport(t, reg, admin, poolRows(), lists.Options{Pool: "wifi6"})
	if second.Created != 0 || second.Updated != 0 || second.Unchanged != 3+8+8 || second.Written || first.Created != 3+8+8+1 {
		t.Fatalf("second import: %s\nfirst: %s", reportJSON(second), reportJSON(first))
	}
	if after := changes(t, reg); after != before {
		t.Fatalf("the change feed moved from %d to %d entries", before, after)
	}
}

// changes counts the store's change-feed entries.
func changes(tb testing.TB, reg *claimcharts.Registry) int {
	tb.Helper()
	chs, err := reg.Store.Changes(ctx, 0, 1_000_000)
	must(tb, err)
	return len(chs)
}

func TestImportDryRunWritesNothing(t *testing.T) {
	reg := mustRegistry(t)
	before := changes(t, reg)
	rep := mustImport(t, reg, admin, poolRows(), lists.Options{Pool: "wifi6", DryRun: true, BatchRows: 1})
	if rep.Written || rep.Records[claimcharts.KindPatent].Created != 8 || rep.Records[claimcharts.KindOrganization].Created != 1 {
		t.Fatalf("dry run report: %s", reportJSON(rep))
	}
	if after := changes(t, reg); after != before {
		t.Fatalf("a dry run wrote %d records", after-before)
	}
}

func TestImportAtomic(t *testing.T) {
	rows := poolRows()
	rows.rows[1].Cells["effective"] = "31.12."
	reg := mustRegistry(t)
	before := changes(t, reg)
	rep := mustImport(t, reg, admin, rows, lists.Options{Pool: "wifi6", Atomic: true})
	if rep.Written || rep.Rejected != 1 || rep.Created != 0 || changes(t, reg) != before {
		t.Fatalf("atomic import with a bad row: %s", reportJSON(rep))
	}
	rows.next = 0
	rep = mustImport(t, reg, admin, rows, lists.Options{Pool: "wifi6", BatchRows: 1})
	if !rep.Written || rep.Rejected != 1 || rep.Records[claimcharts.KindFamily].Created != 2 {
		t.Fatalf("import with a bad row: %s", reportJSON(rep))
	}
	rj := rep.Rejections[0]
	if rj.Row != 3 || rj.Column != "Effective" || !strings.Contains(rj.Reason, "is not a date") {
		t.Fatalf("rejection = %+v", rj)
	}
	if _, err := reg.Patent(ctx, admin, "KR10-2152107"); claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
		t.Fatalf("a member of the rejected row was written: %v", err)
	}
	// An atomic import past its cap is refused in the API's words (the
	// command line adds its flags).
	rep, err := lists.Import(ctx, mustRegistry(t), admin, poolRows(), lists.Options{Pool: "wifi6", Atomic: true, MaxAtomicWrites: 2})
	if claimcharts.ErrorCode(err) != claimcharts.ETOOLARGE || strings.Contains(err.Error(), "--") {
		t.Fatalf("atomic import past its cap: %v", err)
	}
	// The report's error reads in the reader's language.
	if en, zh := rep.In("en").Error, rep.In("zh").Error; !strings.Contains(en, "an atomic import holds the whole file") || !strings.Contains(zh, "原子导入把整个文件放在一批中写入") {
		t.Fatalf("the report's error: %q in English, %q in Chinese", en, zh)
	}
}
