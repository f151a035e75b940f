package lists_test

import (
	"strconv"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/storetest"
)

// Every row-level problem names the row as the file numbers it and the
// column by its header, and the good rows still import.
func TestImportRejections(t *testing.T) {
	good := []string{"F-1", "acme", "", "US 9,999,001 B2", "", "", "", ""}
	cases := []struct {
		name     string
		row      []string
		column   string
		reason   string
		warnings int
	}{
		{"nothing identifies the family", []string{"", "acme", "", "CN 1234; JP 06637181", "", "", "", ""}, "Members", `nothing identifies the family: the row has no family code and no number that can be read: "CN 1234" is not a valid patent number`, 0},
		{"number on an earlier row", []string{"F-2", "acme", "", "US 9999001 B2", "", "", "", ""}, "Members", "US 9,999,001 B2 is listed already at row 2", 0},
		{"no holder", []string{"F-2", "", "US 9,999,002 B2", "", "", "", "", ""}, "Holder", "is empty", 0},
		{"bad date", []string{"F-2", "acme", "", "US 9,999,002 B2", "", "", "", "31.12."}, "Effective", "is not a date", 0},
		{"no numbers", []string{"F-2", "acme", "", " ; ", "", "", "", ""}, "Members", "the row lists no patent number", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reg := mustRegistry(t)
			rep := mustImport(t, reg, admin, list(lists.PoolList, poolHeader, good, tc.row), lists.Options{Pool: "wifi6"})
			if rep.Rejected != 1 || len(rep.Rejections) != 1 || rep.Records[claimcharts.KindFamily].Created != 1 {
				t.Fatalf("report: %s", reportJSON(rep))
			}
			rj := rep.Rejections[0]
			if rj.Row != 3 || rj.Column != tc.column || !strings.Contains(rj.Reason, tc.reason) {
				t.Fatalf("rejection = %+v, want row 3, column %s, reason %q", rj, tc.column, tc.reason)
			}
		})
	}
}

func TestImportWarnings(t *testing.T) {
	reg := mustRegistry(t)
	rows := list(lists.PoolList, poolHeader,
		[]string{"F-1", "acme", "", "US 9,999,001 B2", "claim one", "ETSI TS 136 213", "see the MAC description", ""},
		[]string{"F-1", "acme", "", "US 9,999,001 B2", "claim one", "ETSI TS 136 213", "see the MAC description", ""}, // a duplicate row
		[]string{"", "", "", "US 9,999,002 B2", "", "", "", ""},                                                       // a merged-cell continuation
	)
	rep := mustImport(t, reg, admin, rows, lists.Options{Pool: "wifi6"})
	if rep.Rejected != 0 || rep.Records[claimcharts.KindPatent].Created != 2 {
		t.Fatalf("report: %s", reportJSON(rep))
	}
	var got []string
	for _, w := range rep.Warnings {
		got = append(got, w.Column+"@"+itoa(w.Row)+": "+w.Reason)
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"Claims@2: cannot read the claim numbers", "Standards@2: the registry holds no standard",
		`References@2: cannot read the reference "see the MAC description"`, "@3: repeats row 2 exactly", "@4: continues the family of row 2"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	p, _ := reg.Patent(ctx, admin, "US 9999002")
	if p.Family != "f-1" || p.Holder != "acme" {
		t.Errorf("continued row's patent = %+v", p)
	}
}

func TestImportPoolListRules(t *testing.T) {
	reg := mustRegistry(t)
	if _, err := lists.Import(ctx, reg, acmeBot, poolRows(), lists.Options{Pool: "wifi6"}); claimcharts.ErrorCode(err) != claimcharts.EFORBIDDEN {
		t.Fatalf("a licensor imports a pool list: %v, want forbidden", err)
	}
	if _, err := lists.Import(ctx, reg, admin, poolRows(), lists.Options{Pool: "nope"}); claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
		t.Fatalf("import into a missing pool: %v, want not found", err)
	}
	// The domain names options as the API does; the command line adds its flags.
	if _, err := lists.Import(ctx, reg, admin, poolRows(), lists.Options{}); claimcharts.ErrorCode(err) != claimcharts.EINVALID || strings.Contains(err.Error(), "--") {
		t.Fatalf("import without a pool: %v, want invalid", err)
	}
	// An application moves to admitted; a removed entry is not readmitted.
	mustImport(t, reg, admin, patentRows(), lists.Options{})
	if _, err := reg.Apply(ctx, acmeBot, "wifi6", claimcharts.Application{Patent: "EP 2777236"}); err != nil {
		t.Fatal(err)
	}
	rep := mustImport(t, reg, admin, poolRows(), lists.Options{Pool: "wifi6"})
	e, _ := reg.Entry(ctx, admin, "wifi6", "EP2777236")
	if e.Status != claimcharts.EntryAdmitted || len(e.History) != 2 || rep.Records[claimcharts.KindEntry].Updated != 1 {
		t.Fatalf("applied entry after the import = %+v; report %s", e, reportJSON(rep))
	}
	if _, err := reg.MoveEntry(ctx, admin, "wifi6", "EP2777236", 0, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Reason: "expired"}); err != nil {
		t.Fatal(err)
	}
	rep = mustImport(t, reg, admin, poolRows(), lists.Options{Pool: "wifi6"})
	if rep.Rejected != 1 || !strings.Contains(rep.Rejections[0].Reason, "was removed from pool wifi6 on 2024-06-01 (expired)") {
		t.Fatalf("readmitting a removed entry: %s", reportJSON(rep))
	}
}

var patentHeader = []string{"number", "application", "holder", "family", "type", "title_en", "title", "claims_en", "claims_zh",
	"filing_date", "grant_date", "legal_status", "standards", "references"}

func patentRows() *rowList {
	return list(lists.Patents, patentHeader,
		[]string{"EP 2 777 236 B1", "", "acme", "WIFI6-0001", "invention", "Trigger frames for uplink OFDMA", "上行OFDMA的触发帧",
			"1. A method of transmitting a trigger frame, comprising:\n  allocating resource units.\n2. The method of claim 1, wherein the units are 26-tone.\n3. [1] An apparatus performing it.",
			"1. 一种发送触发帧的方法。\n2、根据权利要求1所述的方法。\n3. [1] 一种装置。", "2013-01-10", "2016.5.4", "有效", "80211ax-2021", "Sec. 27.3.4"},
		[]string{"CN208911117U", "ZL 2018 2 0123456.0", "acme", "", "实用新型", "", "一种天线", "", "1. 一种天线。", "2018年1月5日", "", "", "", ""},
	)
}

func TestImportPatents(t *testing.T) {
	reg := mustRegistry(t)
	rep := mustImport(t, reg, acmeBot, patentRows(), lists.Options{})
	if rep.Rejected != 0 || rep.Records[claimcharts.KindPatent].Created != 2 || rep.Records[claimcharts.KindFamily].Created != 1 {
		t.Fatalf("report: %s", reportJSON(rep))
	}
	ep, _ := reg.Patent(ctx, acmeBot, "EP2777236")
	if ep.Published || ep.Family != "wifi6-0001" || ep.Dates.Grant != "2016-05-04" || ep.LegalStatus != "granted" || ep.Title.Zh != "上行OFDMA的触发帧" {
		t.Fatalf("EP = %+v", ep)
	}
	if len(ep.Claims) != 3 || ep.Claims[1].DependsOn != 1 || ep.Claims[2].DependsOn != 1 || ep.Claims[1].Text.Zh != "根据权利要求1所述的方法。" ||
		!strings.Contains(ep.Claims[0].Text.En, "\n  allocating") {
		t.Fatalf("claims = %+v", ep.Claims)
	}
	cn, err := reg.Patent(ctx, acmeBot, "ZL201820123456.0")
	if err != nil || cn.Type != "utility_model" || cn.Dates.Filing != "2018-01-05" || cn.Title.Zh != "一种天线" {
		t.Fatalf("CN by its application number = %+v, %v", cn, err)
	}
	// A second licensor may not import acme's patents; a file without a
	// claims column leaves the claims as they are.
	other := claimcharts.Actor{ID: "bot", Role: claimcharts.RoleLicensor, Organization: "bolt-corp"}
	must(t, reg.CreateOrganization(ctx, admin, &claimcharts.Organization{Slug: "bolt-corp", Name: claimcharts.Text{En: "Bolt"}, Roles: []string{"licensor"}}))
	rep = mustImport(t, reg, other, list(lists.Patents, []string{"number", "title_en"}, []string{"EP2777236", "Stolen"}), lists.Options{})
	if rep.Rejected != 1 || !strings.Contains(rep.Rejections[0].Reason, "is held by another organization") {
		t.Fatalf("another licensor's import: %s", reportJSON(rep))
	}
	rep = mustImport(t, reg, acmeBot, list(lists.Patents, []string{"number", "title_en"}, []string{"EP2777236", "Trigger frames (corrected)"}), lists.Options{})
	ep, _ = reg.Patent(ctx, acmeBot, "EP2777236")
	if rep.Updated != 1 || ep.Title.En != "Trigger frames (corrected)" || len(ep.Claims) != 3 || ep.Title.Zh == "" {
		t.Fatalf("partial update: %+v; %s", ep, reportJSON(rep))
	}
	rep = mustImport(t, reg, acmeBot, list(lists.Patents, []string{"number", "holder", "title"}, []string{"US 1,234,567", "bolt-corp", "x"}), lists.Options{})
	if rep.Rejected != 1 || rep.Rejections[0].Column != "Holder" {
		t.Fatalf("licensor creating another's patent: %s", reportJSON(rep))
	}
}

var chartHeader = []string{"patent", "claim", "standard", "element", "element_text_en", "reference", "quote", "explanation_en"}

func chartRows(extra ...[]string) *rowList {
	rows := [][]string{
		{"EP 2777236 B1", "1", "IEEE 802.11ax-2021", "1[a]", "A method of transmitting a trigger frame", "27.3.4", "The AP sends a trigger frame", "Same step."},
		{"EP 2777236 B1", "1", "IEEE 802.11ax-2021", "1[a]", "", "Fig. 27-8", "", ""},
		{"EP 2777236 B1", "1", "IEEE 802.11ax-2021", "1[b]", "allocating resource units", "Sec. 27.3.10", "RU allocation", ""},
	}
	return list(lists.Charts, chartHeader, append(rows, extra...)...)
}

func TestImportCharts(t *testing.T) {
	reg := mustRegistry(t)
	mustImport(t, reg, admin, patentRows(), lists.Options{})
	rep := mustImport(t, reg, acmeBot, chartRows(), lists.Options{})
	id := claimcharts.ChartID("EP2777236", 1, "80211ax-2021")
	c, err := reg.Chart(ctx, acmeBot, id)
	if err != nil || rep.Records[claimcharts.KindChart].Created != 1 || len(c.Revisions) != 1 || c.Revisions[0].Status != "draft" {
		t.Fatalf("chart %+v, %v; report %s", c, err, reportJSON(rep))
	}
	els := c.Revisions[0].Elements
	if len(els) != 2 || len(els[0].Mappings) != 2 || els[0].Mappings[1].Ref != "Figure 27-8" || els[1].Mappings[0].Ref != "27.3.10" {
		t.Fatalf("elements = %+v", els)
	}
	if rep := mustImport(t, reg, acmeBot, chartRows(), lists.Options{}); rep.Unchanged != 1 || rep.Created+rep.Updated != 0 {
		t.Fatalf("second import: %s", reportJSON(rep))
	}
	if _, err := reg.SubmitRevision(ctx, acmeBot, id, 1, 0); err != nil {
		t.Fatal(err)
	}
	// A changed file after submission starts revision 2; a file that
	// numbers its revisions cannot change a submitted one.
	changed := chartRows([]string{"EP 2777236 B1", "1", "IEEE 802.11ax-2021", "1[c]", "wherein", "", "", ""})
	rep = mustImport(t, reg, acmeBot, changed, lists.Options{})
	c, _ = reg.Chart(ctx, acmeBot, id)
	if rep.Updated != 1 || len(c.Revisions) != 2 || c.Revisions[1].Status != "draft" || len(c.Revisions[1].Elements) != 3 {
		t.Fatalf("changed chart: %+v; %s", c.Revisions, reportJSON(rep))
	}
	numbered := list(lists.Charts, append(chartHeader, "revision"),
		[]string{"EP 2777236 B1", "1", "80211ax-2021", "1[a]", "Another text", "27.3.4", "", "", "1"})
	rep = mustImport(t, reg, acmeBot, numbered, lists.Options{})
	if rep.Rejected != 1 || !strings.Contains(rep.Rejections[0].Reason, "revision 1 of chart "+id+" was submitted and never changes") {
		t.Fatalf("changing a submitted revision: %s", reportJSON(rep))
	}
	bad := list(lists.Charts, chartHeader,
		[]string{"EP 2777236 B1", "2", "80211ax-2021", "1[a]", "x", "99.9", "", ""},
		[]string{"EP 2777236 B1", "2", "80211ax-2021", "1[b]", "y", "27.3.4", "", ""},
		[]string{"US 1", "1", "80211ax-2021", "1[a]", "x", "27.3.4", "", ""})
	rep = mustImport(t, reg, acmeBot, bad, lists.Options{})
	if rep.Rejected != 3 || !strings.Contains(rep.Rejections[0].Reason, `has no reference "99.9"`) || rep.Rejections[1].Row != 3 {
		t.Fatalf("bad charts: %s", reportJSON(rep))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestImportPatentsRefusesRepeatedNumbers: a patents list names each
// patent once; a later row naming it again, in another spelling or by its
// application number, is rejected and changes nothing, in the same batch
// as the first row or in a later one.
func TestImportPatentsRefusesRepeatedNumbers(t *testing.T) {
	for _, batch := range []int{1000, 1} {
		t.Run("batch of "+itoa(batch)+" rows", func(t *testing.T) {
			reg := mustRegistry(t)
			rep := mustImport(t, reg, admin, list(lists.Patents, []string{"number", "application", "holder", "title", "legal_status"},
				[]string{"EP 2 777 236 B1", "", "acme", "Trigger frames", ""},
				[]string{"CN208911117U", "ZL 2018 2 0123456.0", "acme", "一种天线", "有效"},
				[]string{"EP2777236", "", "acme", "Trigger frames, again", ""},
				[]string{"ZL201820123456.0", "", "acme", "一种天线", "失效"},
			), lists.Options{BatchRows: batch})
			if rep.Rejected != 2 || rep.Rejections[0].Row != 4 || !strings.Contains(rep.Rejections[0].Reason, "listed already at row 2") ||
				rep.Rejections[1].Row != 5 || !strings.Contains(rep.Rejections[1].Reason, "row 3 lists it already") {
				t.Fatalf("report: %s", reportJSON(rep))
			}
			ep, _ := reg.Patent(ctx, admin, "EP2777236")
			cn, _ := reg.Patent(ctx, admin, "CN208911117U")
			if ep.Title.En != "Trigger frames" || cn.LegalStatus != "granted" {
				t.Fatalf("a rejected row changed a patent: %+v %+v", ep, cn)
			}
			if n := len(storetest.AllDocs(t, reg.Store, claimcharts.KindPatent)); n != 2 {
				t.Fatalf("%d patents stored, want 2", n)
			}
		})
	}
}

// A row keeps its readable numbers: each unreadable one is a warning
// naming the row, the column, the text and the reason (with the evident
// reading of a typo), and the family keeps it as written. A family code
// alone identifies a family whose numbers all fail.
func TestImportKeepsReadableNumbers(t *testing.T) {
	reg := mustRegistry(t)
	rows := list(lists.PoolList, poolHeader,
		[]string{"F-1", "acme", "JP 06637181", "US 9,999,001 B2; CN 1234\nJP 06637181; US 9,999,002 B2", "", "", "", ""},
		[]string{"F-2", "acme", "", "CN 5678", "", "", "", ""},
		[]string{"F-1", "acme", "", "US 9,999,003 B2; XX99", "", "", "", ""}, // a second row of F-1 adds its own
	)
	rep := mustImport(t, reg, admin, rows, lists.Options{Pool: "wifi6"})
	if rep.Rejected != 0 || rep.Records[claimcharts.KindPatent].Created != 3 || rep.Records[claimcharts.KindFamily].Created != 2 {
		t.Fatalf("report: %s", reportJSON(rep))
	}
	var got []string
	for _, w := range rep.Warnings {
		got = append(got, w.Column+"@"+itoa(w.Row)+" "+w.Value+": "+w.Reason)
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{`Exemplary@2 JP 06637181: "JP 06637181" is not a valid patent number`, `did you mean "JP 6637181"?`,
		`Members@2 CN 1234: "CN 1234" is not a valid patent number`, `Members@2 JP 06637181: `, "the family keeps the number as written",
		`Members@3 CN 5678: `} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	for id, want := range map[string]string{"f-1": "JP 06637181|CN 1234|XX99", "f-2": "CN 5678"} {
		f, err := reg.Family(ctx, claimcharts.Actor{}, id)
		if err != nil || strings.Join(f.Unread, "|") != want {
			t.Errorf("family %s = %+v, %v; want unread numbers %s", id, f, err, want)
		}
	}
	for _, n := range []string{"US 9999001", "US 9999002"} {
		if e, err := reg.Entry(ctx, admin, "wifi6", n); err != nil || e.Family != "f-1" || e.Status != claimcharts.EntryAdmitted {
			t.Errorf("entry of %s = %+v, %v", n, e, err)
		}
	}
	// The list that corrects the typo clears it from the family.
	rows = list(lists.PoolList, poolHeader, []string{"F-1", "acme", "", "US 9,999,001 B2; JP 6637181; US 9,999,002 B2; US 9,999,003 B2", "", "", "", ""})
	mustImport(t, reg, admin, rows, lists.Options{Pool: "wifi6"})
	if f, _ := reg.Family(ctx, admin, "f-1"); len(f.Unread) != 0 {
		t.Errorf("after the corrected list, unread numbers = %v", f.Unread)
	}
}

// A family keeps at most 1,000 unread numbers of at most 200 characters,
// none empty.
func TestFamilyUnreadValidated(t *testing.T) {
	reg := mustRegistry(t)
	for name, unread := range map[string][]string{"empty": {""}, "long": {strings.Repeat("9", 201)}, "many": make([]string, 1001)} {
		if name == "many" {
			for i := range unread {
				unread[i] = "X" + itoa(i)
			}
		}
		err := reg.CreateFamily(ctx, admin, &claimcharts.Family{ID: "f-" + name, Holder: "acme", Unread: unread})
		if claimcharts.ErrorCode(err) != claimcharts.EINVALID {
			t.Errorf("%s unread numbers: %v, want invalid", name, err)
		}
	}
	must(t, reg.CreateFamily(ctx, admin, &claimcharts.Family{ID: "f-ok", Holder: "acme", Unread: []string{"CN 1234"}}))
}
