package claimcharts_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/demo"
	"sepportal/claimcharts/storetest"
)

// filledRegistry imports a patents list, the pool list and charts (one
// revision submitted, a second in draft) into a fresh registry.
func filledRegistry(tb testing.TB) *claimcharts.Registry {
	tb.Helper()
	reg := mustRegistry(tb)
	mustImport(tb, reg, admin, patentRows(), claimcharts.ImportOptions{})
	mustImport(tb, reg, admin, poolRows(), claimcharts.ImportOptions{Pool: "wifi6", Source: "list.xlsx"})
	mustImport(tb, reg, acmeBot, chartRows(), claimcharts.ImportOptions{})
	id := claimcharts.ChartID("EP2777236", 1, "80211ax-2021")
	if _, err := reg.SubmitRevision(ctx, acmeBot, id, 1, 0); err != nil {
		tb.Fatal(err)
	}
	mustImport(tb, reg, acmeBot, chartRows([]string{"EP 2777236 B1", "1", "IEEE 802.11ax-2021", "1[c]", "wherein", "", "", ""}), claimcharts.ImportOptions{})
	return reg
}

// exported collects an export as a list that Import reads.
func exported(tb testing.TB, reg *claimcharts.Registry, actor claimcharts.Actor, kind claimcharts.ListKind, scope claimcharts.ExportScope) *rowList {
	tb.Helper()
	l := &rowList{kind: kind, cols: map[string]string{}}
	for _, f := range claimcharts.ListFields(kind) {
		if f.Export {
			l.cols[f.Name] = f.Name
		}
	}
	err := reg.ExportList(ctx, actor, kind, scope, func(r claimcharts.ListRow) error {
		r.Line = len(l.rows) + 2
		l.rows = append(l.rows, r)
		return nil
	})
	must(tb, err)
	return l
}

// TestExportReimportsToTheSameRecords exports the three lists of a pool
// and imports them into another registry: families, patents and charts
// come back equal but for Meta, entries with the same status, date and
// facts.
func TestExportReimportsToTheSameRecords(t *testing.T) {
	a := filledRegistry(t)
	b := mustRegistry(t)
	orgs, _, err := a.Organizations(ctx, admin, claimcharts.ListOptions{})
	must(t, err)
	for _, o := range orgs {
		if o.Slug != "acme" {
			must(t, b.CreateOrganization(ctx, admin, o))
		}
	}
	scope := claimcharts.ExportScope{Pool: "wifi6"}
	for _, kind := range claimcharts.ListKinds {
		sc := scope
		if kind == claimcharts.ListPatents {
			sc = claimcharts.ExportScope{} // every patent, not only those on the list
		}
		rows := exported(t, a, admin, kind, sc)
		if len(rows.rows) == 0 {
			t.Fatalf("the %s export is empty", kind)
		}
		rep := mustImport(t, b, admin, rows, claimcharts.ImportOptions{Pool: "wifi6"})
		if rep.Rejected != 0 {
			t.Fatalf("re-import of the %s export: %s", kind, reportJSON(rep))
		}
	}
	for _, kind := range []claimcharts.Kind{claimcharts.KindFamily, claimcharts.KindPatent, claimcharts.KindChart} {
		sameRecords(t, a, b, kind, nil)
	}
	sameRecords(t, a, b, claimcharts.KindEntry, func(m map[string]any) {
		hist := m["history"].([]any)
		last := hist[len(hist)-1].(map[string]any)
		note := last["note"].(string)
		m["facts"] = note[strings.Index(note, ")")+1:]
		delete(m, "history")
	})
	// A second import of the same export changes nothing.
	rep := mustImport(t, b, admin, exported(t, a, admin, claimcharts.ListPool, scope), claimcharts.ImportOptions{Pool: "wifi6"})
	if rep.Created+rep.Updated != 0 {
		t.Fatalf("second re-import: %s", reportJSON(rep))
	}
}

// sameRecords compares every record of kind in a and b, without Meta;
// norm, if set, adjusts each decoded record first.
func sameRecords(tb testing.TB, a, b *claimcharts.Registry, kind claimcharts.Kind, norm func(map[string]any)) {
	tb.Helper()
	da, db := storetest.AllDocs(tb, a.Store, kind), storetest.AllDocs(tb, b.Store, kind)
	if len(da) != len(db) {
		tb.Fatalf("%s: %d records, then %d", kind, len(da), len(db))
	}
	for key, ra := range da {
		ma, mb := content(tb, ra), content(tb, db[key])
		if norm != nil {
			norm(ma)
			norm(mb)
		}
		if !reflect.DeepEqual(ma, mb) {
			ja, _ := json.Marshal(ma)
			jb, _ := json.Marshal(mb)
			tb.Errorf("%s %s differs:\n%s\n%s", kind, key, ja, jb)
		}
	}
}

func content(tb testing.TB, d claimcharts.Doc) map[string]any {
	tb.Helper()
	var m map[string]any
	must(tb, json.Unmarshal(d.Data, &m))
	for _, k := range []string{"rev", "created_at", "updated_at"} {
		delete(m, k)
	}
	return m
}

// TestDumpRestore dumps a registry holding the demo and imported lists,
// restores it into an empty store and reads every record back equal; a
// token made before the dump still signs in.
func TestDumpRestore(t *testing.T) {
	a := filledRegistry(t)
	if _, err := demo.Load(ctx, a); err != nil {
		t.Fatal(err)
	}
	a.Now = func() time.Time { return fixedNow.Add(time.Hour) }
	_, secret, err := a.CreateToken(ctx, admin, claimcharts.NewToken{Role: claimcharts.RoleLicensor, Organization: "acme", Subject: "acme-bot"})
	must(t, err)
	var dump bytes.Buffer
	enc := json.NewEncoder(&dump)
	counts, err := a.Dump(ctx, admin, func(r claimcharts.DumpRecord) error { return enc.Encode(r) })
	must(t, err)
	if counts[claimcharts.KindToken] != 1 || counts[claimcharts.KindReview] == 0 {
		t.Fatalf("dump counts = %v", counts)
	}
	b := emptyRegistry(t)
	if _, err := b.Restore(ctx, admin, dumpReader(dump.Bytes()), claimcharts.RestoreOptions{BatchSize: 7}); err != nil {
		t.Fatal(err)
	}
	for _, kind := range claimcharts.Kinds {
		da, db := storetest.AllDocs(t, a.Store, kind), storetest.AllDocs(t, b.Store, kind)
		if len(da) != len(db) {
			t.Fatalf("%s: %d records dumped, %d restored", kind, len(da), len(db))
		}
		for key, d := range da {
			if r := db[key]; !bytes.Equal(r.Data, d.Data) || !reflect.DeepEqual(r.Indexes, d.Indexes) {
				t.Errorf("%s %s restored as %s %v, want %s %v", kind, key, r.Data, r.Indexes, d.Data, d.Indexes)
			}
		}
	}
	if actor, err := b.Authenticate(ctx, secret); err != nil || actor.Organization != "acme" {
		t.Fatalf("a restored token signs in as %+v, %v", actor, err)
	}
	if _, err := b.Restore(ctx, admin, dumpReader(dump.Bytes()), claimcharts.RestoreOptions{}); claimcharts.ErrorCode(err) != claimcharts.ECONFLICT {
		t.Fatalf("restore into a non-empty store: %v, want a conflict", err)
	}
}

func TestRestoreRefusesBadDumps(t *testing.T) {
	good := `{"kind":"organization","key":"acme","data":{"slug":"acme","name":{"en":"Acme"},"roles":["licensor"],"rev":1}}`
	cases := map[string]string{
		"unknown kind":    `{"kind":"widget","key":"w","data":{}}`,
		"key mismatch":    `{"kind":"organization","key":"other","data":{"slug":"acme","name":{"en":"Acme"},"roles":["licensor"]}}`,
		"repeated record": good,
		"bad data":        `{"kind":"patent","key":"EP1","data":{"number":"not a number"}}`,
	}
	for name, line := range cases {
		t.Run(name, func(t *testing.T) {
			reg := emptyRegistry(t)
			_, err := reg.Restore(ctx, admin, dumpReader([]byte(good+"\n"+line+"\n")), claimcharts.RestoreOptions{DryRun: true})
			if claimcharts.ErrorCode(err) != claimcharts.EINVALID || !strings.Contains(err.Error(), "line 2") {
				t.Fatalf("restore: %v, want an error naming line 2", err)
			}
			if changes(t, reg) != 0 {
				t.Fatal("a dry run wrote")
			}
		})
	}
	if _, err := emptyRegistry(t).Restore(ctx, acmeBot, dumpReader([]byte(good)), claimcharts.RestoreOptions{}); claimcharts.ErrorCode(err) != claimcharts.EFORBIDDEN {
		t.Fatalf("a licensor restores: %v", err)
	}
}

// emptyRegistry opens a registry on a fresh, empty embedded store.
func emptyRegistry(tb testing.TB) *claimcharts.Registry {
	tb.Helper()
	store, err := bolt.Open(tb.TempDir())
	must(tb, err)
	tb.Cleanup(func() { store.Close() })
	reg := claimcharts.NewRegistry(store)
	reg.Now = func() time.Time { return fixedNow }
	return reg
}

// dumpReader reads a dump's lines as Restore wants them.
func dumpReader(b []byte) func() (claimcharts.DumpRecord, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	return func() (claimcharts.DumpRecord, error) {
		var r claimcharts.DumpRecord
		err := dec.Decode(&r)
		if errors.Is(err, io.EOF) {
			return r, io.EOF
		}
		return r, err
	}
}

// TestLinkAtReadTime: a citation stored before its standard exists links
// once the standard is added, at read time.
func TestLinkAtReadTime(t *testing.T) {
	reg := emptyRegistry(t)
	cits, _ := claimcharts.ParseCitations("IEEE Std. 802.11ac-2013: Sec. 22.3.4", "")
	got, err := reg.LinkCitations(ctx, cits)
	if err != nil || got[0].Slug != "" {
		t.Fatalf("before the standard: %+v, %v", got, err)
	}
	std := &claimcharts.Standard{Slug: "80211ac-2013", Body: "IEEE", Number: "802.11ac", Version: "2013", Title: claimcharts.Text{En: "VHT"}}
	must(t, reg.CreateStandard(ctx, admin, std))
	if got, _ = reg.LinkCitations(ctx, cits); got[0].Slug != "80211ac-2013" || cits[0].Slug != "" {
		t.Fatalf("after: %+v (input %+v)", got, cits)
	}
}
