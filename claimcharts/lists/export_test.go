package lists_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/storetest"
)

// filledRegistry imports a patents list, the pool list and charts (one
// revision submitted, a second in draft) into a fresh registry.
func filledRegistry(tb testing.TB) *claimcharts.Registry {
	tb.Helper()
	reg := mustRegistry(tb)
	mustImport(tb, reg, admin, patentRows(), lists.Options{})
	mustImport(tb, reg, admin, poolRows(), lists.Options{Pool: "wifi6", Source: "list.xlsx"})
	mustImport(tb, reg, acmeBot, chartRows(), lists.Options{})
	id := claimcharts.ChartID("EP2777236", 1, "80211ax-2021")
	if _, err := reg.SubmitRevision(ctx, acmeBot, id, 1, 0); err != nil {
		tb.Fatal(err)
	}
	mustImport(tb, reg, acmeBot, chartRows([]string{"EP 2777236 B1", "1", "IEEE 802.11ax-2021", "1[c]", "wherein", "", "", ""}), lists.Options{})
	return reg
}

// exported collects an export as a list that Import reads.
func exported(tb testing.TB, reg *claimcharts.Registry, actor claimcharts.Actor, kind lists.Kind, scope lists.Scope) *rowList {
	tb.Helper()
	l := &rowList{kind: kind, cols: map[string]string{}}
	for _, f := range lists.Columns(kind) {
		if f.Export {
			l.cols[f.Name] = f.Name
		}
	}
	err := lists.Export(ctx, reg, actor, kind, scope, func(r lists.Row) error {
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
	scope := lists.Scope{Pool: "wifi6"}
	for _, kind := range lists.Kinds {
		sc := scope
		if kind == lists.Patents {
			sc = lists.Scope{} // every patent, not only those on the list
		}
		rows := exported(t, a, admin, kind, sc)
		if len(rows.rows) == 0 {
			t.Fatalf("the %s export is empty", kind)
		}
		rep := mustImport(t, b, admin, rows, lists.Options{Pool: "wifi6"})
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
	rep := mustImport(t, b, admin, exported(t, a, admin, lists.PoolList, scope), lists.Options{Pool: "wifi6"})
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
