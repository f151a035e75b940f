package dump_test

import (
	"bytes"
	"context"
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
	"sepportal/claimcharts/dump"
	"sepportal/claimcharts/storetest"
)

var (
	ctx      = context.Background()
	admin    = claimcharts.Actor{ID: "root", Role: claimcharts.RoleAdmin}
	acmeBot  = claimcharts.Actor{ID: "acme-bot", Role: claimcharts.RoleLicensor, Organization: "acme"}
	fixedNow = time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
)

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// TestDumpRestore dumps a registry holding the demo,
// restores it into an empty store and reads every record back equal; a
// token made before the dump still signs in.
func TestDumpRestore(t *testing.T) {
	a := emptyRegistry(t)
	if _, err := demo.Load(ctx, a); err != nil {
		t.Fatal(err)
	}
	a.Now = func() time.Time { return fixedNow.Add(time.Hour) }
	_, secret, err := a.CreateToken(ctx, admin, claimcharts.NewToken{Role: claimcharts.RoleLicensor, Organization: "demo-huaxin", Subject: "huaxin-bot"})
	must(t, err)
	var file bytes.Buffer
	enc := json.NewEncoder(&file)
	counts, err := dump.Export(ctx, a, admin, func(r dump.Record) error { return enc.Encode(r) })
	must(t, err)
	if counts[claimcharts.KindToken] != 1 || counts[claimcharts.KindReview] == 0 {
		t.Fatalf("dump counts = %v", counts)
	}
	b := emptyRegistry(t)
	if _, err := dump.Restore(ctx, b, admin, dumpReader(file.Bytes()), dump.Options{BatchSize: 7}); err != nil {
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
	if actor, err := b.Authenticate(ctx, secret); err != nil || actor.Organization != "demo-huaxin" {
		t.Fatalf("a restored token signs in as %+v, %v", actor, err)
	}
	if _, err := dump.Restore(ctx, b, admin, dumpReader(file.Bytes()), dump.Options{}); claimcharts.ErrorCode(err) != claimcharts.ECONFLICT {
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
			_, err := dump.Restore(ctx, reg, admin, dumpReader([]byte(good+"\n"+line+"\n")), dump.Options{DryRun: true})
			if claimcharts.ErrorCode(err) != claimcharts.EINVALID || !strings.Contains(err.Error(), "line 2") {
				t.Fatalf("restore: %v, want an error naming line 2", err)
			}
			if ch, err := reg.Store.Changes(ctx, 0, 10); err != nil || len(ch) != 0 {
				t.Fatalf("a dry run wrote: %v, %v", ch, err)
			}
		})
	}
	if _, err := dump.Restore(ctx, emptyRegistry(t), acmeBot, dumpReader([]byte(good)), dump.Options{}); claimcharts.ErrorCode(err) != claimcharts.EFORBIDDEN {
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
func dumpReader(b []byte) func() (dump.Record, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	return func() (dump.Record, error) {
		var r dump.Record
		err := dec.Decode(&r)
		if errors.Is(err, io.EOF) {
			return r, io.EOF
		}
		return r, err
	}
}
