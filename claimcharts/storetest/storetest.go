// Package storetest is the contract every claimcharts.Store implementation
// is held to. Each implementation's tests call Run with a function that
// opens a fresh, empty store.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"sepportal/claimcharts"
)

// Opener returns a new, empty store for one test; it registers its own cleanup.
type Opener func(tb testing.TB) claimcharts.Store

// Run runs the contract suite.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, claimcharts.Store)
	}{
		{"GetMissing", testGetMissing},
		{"CreateAndGet", testCreateAndGet},
		{"GetIntoDecodesTheRecord", testGetInto},
		{"GetIntoMissing", testGetIntoMissing},
		{"GetIntoBodyOfAnotherShape", testGetIntoWrongShape},
		{"CreateTwiceConflicts", testCreateTwice},
		{"UpdateChecksRevision", testUpdateRevision},
		{"UpdateMissing", testUpdateMissing},
		{"AuditTrail", testAudit},
		{"ChangeFeed", testChanges},
		{"ListPagesInKeyOrder", testListPages},
		{"ListByIndex", testListIndex},
		{"IndexFollowsUpdates", testIndexUpdates},
		{"KindsAreSeparate", testKinds},
		{"EveryKindIsKept", testEveryKind},
		{"RejectsBadKeys", testBadKeys},
		{"ConcurrentWritersOneWins", testConcurrent},
		{"PutManyWritesABatch", testPutMany},
		{"PutManyStopsAtAFailure", testPutManyFailure},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

// MustPut writes a document or fails the test.
func MustPut(tb testing.TB, s claimcharts.Store, kind claimcharts.Kind, key string, rev int64, idx map[string]string, body any) claimcharts.Doc {
	tb.Helper()
	doc, err := s.Put(context.Background(), newDoc(kind, key, rev, idx, body), event("create"))
	if err != nil {
		tb.Fatalf("put %s %s: %v", kind, key, err)
	}
	return doc
}

// Keys lists the keys of the records q selects, page by page (q.Limit
// records a page), as fmt prints a slice ("[A1 A2]"), or fails the test.
func Keys(tb testing.TB, s claimcharts.Store, q claimcharts.Query) string {
	tb.Helper()
	var out []string
	for d, err := range claimcharts.Scan(context.Background(), s, q) {
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, d.Key)
	}
	return fmt.Sprint(out)
}

// AllDocs reads every document of kind from s, by key, or fails the test.
func AllDocs(tb testing.TB, s claimcharts.Store, kind claimcharts.Kind) map[string]claimcharts.Doc {
	tb.Helper()
	out := map[string]claimcharts.Doc{}
	for d, err := range claimcharts.Scan(context.Background(), s, claimcharts.Query{Kind: kind}) {
		if err != nil {
			tb.Fatalf("list %s: %v", kind, err)
		}
		out[d.Key] = d
	}
	return out
}

func newDoc(kind claimcharts.Kind, key string, rev int64, idx map[string]string, body any) claimcharts.Doc {
	data, _ := json.Marshal(body)
	return claimcharts.Doc{Kind: kind, Key: key, Rev: rev, Indexes: idx, Data: data, Updated: time.Now().UTC()}
}

func event(action string) claimcharts.AuditEvent {
	return claimcharts.AuditEvent{Action: action, Actor: "admin:test", At: time.Now().UTC().Truncate(time.Millisecond), HashAfter: "h-" + action}
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := claimcharts.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func testGetMissing(t *testing.T, s claimcharts.Store) {
	_, err := s.Get(context.Background(), claimcharts.KindPatent, "EP2777236")
	wantCode(t, err, claimcharts.ENOTFOUND)
}

func testCreateAndGet(t *testing.T, s claimcharts.Store) {
	body := map[string]any{"title": map[string]string{"zh": "帧间预测方法", "en": "Inter prediction"}}
	put := MustPut(t, s, claimcharts.KindPatent, "CN103931153", 0, map[string]string{"holder": "acme"}, body)
	if put.Rev != 1 || put.Seq == 0 {
		t.Fatalf("created doc rev=%d seq=%d, want rev 1 and a sequence number", put.Rev, put.Seq)
	}
	got, err := s.Get(context.Background(), claimcharts.KindPatent, "CN103931153")
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]map[string]string
	if err := json.Unmarshal(got.Data, &back); err != nil {
		t.Fatal(err)
	}
	if back["title"]["zh"] != "帧间预测方法" || got.Rev != 1 || got.Indexes["holder"] != "acme" {
		t.Fatalf("read back %+v (%s), want the written record", got, got.Data)
	}
}

// testGetInto: a patent read back with GetInto equals the one written
// (every field, nested claims, both languages, an application number), and
// its document is Get's without the bytes; after an update GetInto reads
// the new revision.
func testGetInto(t *testing.T, s claimcharts.Store) {
	ctx := context.Background()
	want := samplePatent(t)
	put := MustPut(t, s, claimcharts.KindPatent, want.Key(), 0, want.Indexes(), want)
	var got claimcharts.Patent
	doc, err := s.GetInto(ctx, claimcharts.KindPatent, want.Key(), &got)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&got, want) {
		t.Fatalf("GetInto read back\n%+v\nwant the written patent\n%+v", got, *want)
	}
	byGet, err := s.Get(ctx, claimcharts.KindPatent, want.Key())
	if err != nil {
		t.Fatal(err)
	}
	byGet.Data = nil
	if !reflect.DeepEqual(doc, byGet) || doc.Rev != put.Rev || doc.Seq != put.Seq {
		t.Fatalf("GetInto's document %s, want Get's without its data %s (put rev %d seq %d)", docLine(doc), docLine(byGet), put.Rev, put.Seq)
	}

	want.Title.En = "Inter prediction, amended"
	MustPut(t, s, claimcharts.KindPatent, want.Key(), put.Rev, want.Indexes(), want)
	got = claimcharts.Patent{}
	if doc, err = s.GetInto(ctx, claimcharts.KindPatent, want.Key(), &got); err != nil || doc.Rev != put.Rev+1 || got.Title.En != want.Title.En {
		t.Fatalf("after an update GetInto reads rev %d title %q (%v), want rev %d %q", doc.Rev, got.Title.En, err, put.Rev+1, want.Title.En)
	}
}

// docLine is a document's bookkeeping and the size of its body.
func docLine(d claimcharts.Doc) string {
	return fmt.Sprintf("%s %s rev %d seq %d indexes %v updated %v, %d bytes of data", d.Kind, d.Key, d.Rev, d.Seq, d.Indexes, d.Updated, len(d.Data))
}

// samplePatent is a patent with every kind of field filled.
func samplePatent(tb testing.TB) *claimcharts.Patent {
	tb.Helper()
	n, err := claimcharts.ParseNumber("EP 2 777 236 B1")
	if err != nil {
		tb.Fatal(err)
	}
	app, err := claimcharts.ParseNumber("ZL201310123456.2")
	if err != nil {
		tb.Fatal(err)
	}
	at := time.Date(2024, 5, 2, 10, 30, 0, 0, time.UTC)
	return &claimcharts.Patent{Number: n, Application: &app, Family: "f-1", Holder: "acme", Type: "invention",
		Title:    claimcharts.Text{Zh: "帧间预测方法", En: "Inter prediction"},
		Abstract: claimcharts.Text{En: "A \"merge\" candidate list\nis derived."},
		Claims: []claimcharts.Claim{{Number: 1, Text: claimcharts.Text{En: "A method comprising: deriving…"}},
			{Number: 2, DependsOn: 1, Text: claimcharts.Text{Zh: "根据权利要求1所述的方法"}}},
		Dates:       claimcharts.Dates{Priority: "2012-11-07", Grant: "2016-02-10"},
		LegalStatus: "granted", Standards: []string{"h265"},
		Citations: []claimcharts.Citation{{Standard: "ITU-T H.265", Kind: "section", Label: "8.5.3.2.2"}},
		Published: true, Meta: claimcharts.Meta{CreatedAt: at, UpdatedAt: at}}
}

func testGetIntoMissing(t *testing.T, s claimcharts.Store) {
	var p claimcharts.Patent
	_, err := s.GetInto(context.Background(), claimcharts.KindPatent, "EP2777236", &p)
	wantCode(t, err, claimcharts.ENOTFOUND)
	_, err = s.GetInto(context.Background(), "nonsense", "EP2777236", &p)
	if err == nil {
		t.Fatal("GetInto of an unknown kind: no error")
	}
}

// testGetIntoWrongShape: a body that does not decode into the record is
// an internal error, not a record half read.
func testGetIntoWrongShape(t *testing.T, s claimcharts.Store) {
	MustPut(t, s, claimcharts.KindPool, "hevc", 0, nil, map[string]any{"slug": 5})
	var p claimcharts.Pool
	_, err := s.GetInto(context.Background(), claimcharts.KindPool, "hevc", &p)
	wantCode(t, err, claimcharts.EINTERNAL)
}

func testCreateTwice(t *testing.T, s claimcharts.Store) {
	MustPut(t, s, claimcharts.KindPool, "hevc", 0, nil, map[string]string{"a": "1"})
	_, err := s.Put(context.Background(), newDoc(claimcharts.KindPool, "hevc", 0, nil, map[string]string{"a": "2"}), event("create"))
	wantCode(t, err, claimcharts.ECONFLICT)
	got, _ := s.Get(context.Background(), claimcharts.KindPool, "hevc")
	if string(got.Data) != `{"a":"1"}` {
		t.Fatalf("a refused create changed the record: %s", got.Data)
	}
}

func testUpdateRevision(t *testing.T, s claimcharts.Store) {
	ctx := context.Background()
	MustPut(t, s, claimcharts.KindPool, "hevc", 0, nil, map[string]int{"v": 1})
	d2, err := s.Put(ctx, newDoc(claimcharts.KindPool, "hevc", 1, nil, map[string]int{"v": 2}), event("update"))
	if err != nil || d2.Rev != 2 {
		t.Fatalf("update at rev 1: rev %d, err %v", d2.Rev, err)
	}
	_, err = s.Put(ctx, newDoc(claimcharts.KindPool, "hevc", 1, nil, map[string]int{"v": 3}), event("update"))
	wantCode(t, err, claimcharts.EPRECONDITION)
	got, _ := s.Get(ctx, claimcharts.KindPool, "hevc")
	if got.Rev != 2 || string(got.Data) != `{"v":2}` {
		t.Fatalf("stale write changed the record: rev %d %s", got.Rev, got.Data)
	}
}

func testUpdateMissing(t *testing.T, s claimcharts.Store) {
	_, err := s.Put(context.Background(), newDoc(claimcharts.KindPool, "nope", 3, nil, map[string]int{"v": 1}), event("update"))
	wantCode(t, err, claimcharts.ENOTFOUND)
}

func testAudit(t *testing.T, s claimcharts.Store) {
	ctx := context.Background()
	MustPut(t, s, claimcharts.KindChart, "c1", 0, nil, map[string]int{"v": 1})
	if _, err := s.Put(ctx, newDoc(claimcharts.KindChart, "c1", 1, nil, map[string]int{"v": 2}), event("submit")); err != nil {
		t.Fatal(err)
	}
	MustPut(t, s, claimcharts.KindChart, "c10", 0, nil, map[string]int{"v": 1})
	evs, err := s.Audit(ctx, claimcharts.KindChart, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Action != "create" || evs[1].Action != "submit" || evs[1].Rev != 2 || evs[0].Actor != "admin:test" || evs[1].HashAfter != "h-submit" {
		t.Fatalf("audit trail of c1 = %+v, want create then submit at rev 2, by admin:test", evs)
	}
	if evs[0].Key != "c1" || evs[0].Kind != claimcharts.KindChart {
		t.Fatalf("audit event names %s %s, want chart c1", evs[0].Kind, evs[0].Key)
	}
}

func testChanges(t *testing.T, s claimcharts.Store) {
	ctx := context.Background()
	a := MustPut(t, s, claimcharts.KindPatent, "A", 0, nil, 1)
	b := MustPut(t, s, claimcharts.KindFamily, "B", 0, nil, 2)
	if _, err := s.Put(ctx, newDoc(claimcharts.KindPatent, "A", 1, nil, 3), event("update")); err != nil {
		t.Fatal(err)
	}
	all, err := s.Changes(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].Key != "A" || all[1].Key != "B" || all[2].Key != "A" || all[2].Rev != 2 {
		t.Fatalf("changes = %+v, want A@1, B@1, A@2", all)
	}
	if !(all[0].Seq < all[1].Seq && all[1].Seq < all[2].Seq) || all[0].Seq != a.Seq || all[1].Seq != b.Seq {
		t.Fatalf("change sequence numbers not increasing or not those Put returned: %+v", all)
	}
	rest, err := s.Changes(ctx, all[0].Seq, 1)
	if err != nil || len(rest) != 1 || rest[0].Key != "B" {
		t.Fatalf("changes after the first, limit 1 = %+v, %v; want B", rest, err)
	}
}

func testListPages(t *testing.T, s claimcharts.Store) {
	ctx := context.Background()
	for i := 9; i >= 0; i-- {
		MustPut(t, s, claimcharts.KindStandard, fmt.Sprintf("std-%02d", i), 0, nil, i)
	}
	var keys []string
	after := ""
	for pages := 0; pages < 10; pages++ {
		p, err := s.List(ctx, claimcharts.Query{Kind: claimcharts.KindStandard, After: after, Limit: 4})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range p.Docs {
			keys = append(keys, d.Key)
		}
		if p.Next == "" {
			break
		}
		after = p.Next
	}
	want := "std-00 std-01 std-02 std-03 std-04 std-05 std-06 std-07 std-08 std-09"
	if fmt.Sprint(keys) != "["+want+"]" {
		t.Fatalf("paged keys = %v, want %s", keys, want)
	}
	p, _ := s.List(ctx, claimcharts.Query{Kind: claimcharts.KindStandard, Limit: 10})
	if len(p.Docs) != 10 || p.Next != "" {
		t.Fatalf("a page holding everything has %d docs and next %q, want 10 and none", len(p.Docs), p.Next)
	}
}

func testListIndex(t *testing.T, s claimcharts.Store) {
	for i := 0; i < 7; i++ {
		holder := []string{"acme", "bolt"}[i%2]
		idx := map[string]string{"holder": holder}
		if i%3 == 0 {
			idx["public"] = "true"
		}
		MustPut(t, s, claimcharts.KindPatent, fmt.Sprintf("US%d", 100+i), 0, idx, i)
	}
	keysOf := func(q claimcharts.Query) string { return Keys(t, s, q) }
	if got := keysOf(claimcharts.Query{Kind: claimcharts.KindPatent, Where: map[string]string{"holder": "acme"}, Limit: 2}); got != "[US100 US102 US104 US106]" {
		t.Fatalf("holder=acme: %s", got)
	}
	if got := keysOf(claimcharts.Query{Kind: claimcharts.KindPatent, Where: map[string]string{"holder": "acme", "public": "true"}, Limit: 1}); got != "[US100 US106]" {
		t.Fatalf("holder=acme public: %s", got)
	}
	if got := keysOf(claimcharts.Query{Kind: claimcharts.KindPatent, Where: map[string]string{"holder": "nobody"}}); got != "[]" {
		t.Fatalf("holder=nobody: %s", got)
	}
}

func testIndexUpdates(t *testing.T, s claimcharts.Store) {
	ctx := context.Background()
	MustPut(t, s, claimcharts.KindEntry, "hevc/EP1", 0, map[string]string{"status": "applied"}, 1)
	if _, err := s.Put(ctx, newDoc(claimcharts.KindEntry, "hevc/EP1", 1, map[string]string{"status": "admitted", "public": "true"}, 2), event("status")); err != nil {
		t.Fatal(err)
	}
	for status, want := range map[string]int{"applied": 0, "admitted": 1} {
		p, err := s.List(ctx, claimcharts.Query{Kind: claimcharts.KindEntry, Where: map[string]string{"status": status}})
		if err != nil || len(p.Docs) != want {
			t.Fatalf("status=%s gives %d entries (%v), want %d", status, len(p.Docs), err, want)
		}
	}
}

func testKinds(t *testing.T, s claimcharts.Store) {
	MustPut(t, s, claimcharts.KindPool, "x", 0, nil, 1)
	MustPut(t, s, claimcharts.KindOrganization, "x", 0, nil, 2)
	p, err := s.List(context.Background(), claimcharts.Query{Kind: claimcharts.KindPool})
	if err != nil || len(p.Docs) != 1 || string(p.Docs[0].Data) != "1" {
		t.Fatalf("pools = %+v, %v; want only the pool", p.Docs, err)
	}
}

// testEveryKind writes a record of every kind the registry keeps (the
// newest, challenges, too) and finds it by a secondary key.
func testEveryKind(t *testing.T, s claimcharts.Store) {
	for _, k := range claimcharts.Kinds {
		MustPut(t, s, k, "k", 0, map[string]string{"status": "filed"}, string(k))
		p, err := s.List(context.Background(), claimcharts.Query{Kind: k, Where: map[string]string{"status": "filed"}})
		if err != nil || len(p.Docs) != 1 || string(p.Docs[0].Data) != `"`+string(k)+`"` {
			t.Fatalf("%s by status = %+v, %v", k, p.Docs, err)
		}
	}
}

func testBadKeys(t *testing.T, s claimcharts.Store) {
	for _, key := range []string{"", "a\x00b"} {
		_, err := s.Put(context.Background(), newDoc(claimcharts.KindPool, key, 0, nil, 1), event("create"))
		wantCode(t, err, claimcharts.EINVALID)
	}
}

func testConcurrent(t *testing.T, s claimcharts.Store) {
	ctx := context.Background()
	MustPut(t, s, claimcharts.KindPool, "race", 0, nil, 0)
	const writers = 8
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := 0; i < writers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, err := s.Put(ctx, newDoc(claimcharts.KindPool, "race", 1, nil, i+1), event("update"))
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	won := 0
	for err := range errs {
		switch claimcharts.ErrorCode(err) {
		case "":
			won++
		case claimcharts.EPRECONDITION:
		default:
			t.Errorf("concurrent write failed with %v, want success or precondition", err)
		}
	}
	got, _ := s.Get(ctx, claimcharts.KindPool, "race")
	if won != 1 || got.Rev != 2 {
		t.Fatalf("%d of %d writers at rev 1 won and the record is at rev %d; want exactly one winner and rev 2", won, writers, got.Rev)
	}
	evs, _ := s.Audit(ctx, claimcharts.KindPool, "race")
	if len(evs) != 2 {
		t.Fatalf("audit has %d events after one create and one winning update, want 2", len(evs))
	}
}

func testPutMany(t *testing.T, s claimcharts.Store) {
	ctx := context.Background()
	MustPut(t, s, claimcharts.KindPatent, "P0", 0, nil, 0)
	writes := []claimcharts.Write{
		{Doc: newDoc(claimcharts.KindPatent, "P0", 1, map[string]string{"holder": "acme"}, 10), Event: event("update")},
		{Doc: newDoc(claimcharts.KindPatent, "P1", 0, map[string]string{"holder": "acme"}, 11), Event: event("create")},
		{Doc: newDoc(claimcharts.KindFamily, "F1", 0, nil, 12), Event: event("create")},
	}
	docs, err := s.PutMany(ctx, writes)
	if err != nil || len(docs) != 3 || docs[0].Rev != 2 || docs[1].Rev != 1 || !(docs[0].Seq < docs[1].Seq && docs[1].Seq < docs[2].Seq) {
		t.Fatalf("PutMany = %+v, %v; want P0@2, P1@1, F1@1 in sequence order", docs, err)
	}
	p, _ := s.List(ctx, claimcharts.Query{Kind: claimcharts.KindPatent, Where: map[string]string{"holder": "acme"}})
	if len(p.Docs) != 2 {
		t.Fatalf("holder index after PutMany has %d patents, want 2", len(p.Docs))
	}
	evs, _ := s.Audit(ctx, claimcharts.KindFamily, "F1")
	if len(evs) != 1 {
		t.Fatalf("F1 audit = %+v, want one create", evs)
	}
}

func testPutManyFailure(t *testing.T, s claimcharts.Store) {
	ctx := context.Background()
	MustPut(t, s, claimcharts.KindPatent, "Q1", 0, nil, "first")
	writes := []claimcharts.Write{
		{Doc: newDoc(claimcharts.KindPatent, "Q0", 0, nil, "new"), Event: event("create")},
		{Doc: newDoc(claimcharts.KindPatent, "Q1", 0, nil, "again"), Event: event("create")},
		{Doc: newDoc(claimcharts.KindPatent, "Q2", 0, nil, "never"), Event: event("create")},
	}
	docs, err := s.PutMany(ctx, writes)
	wantCode(t, err, claimcharts.ECONFLICT)
	for _, d := range docs {
		if d.Key == "Q1" || d.Key == "Q2" {
			t.Fatalf("PutMany reports %s written after the failure", d.Key)
		}
	}
	if _, err := s.Get(ctx, claimcharts.KindPatent, "Q2"); claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
		t.Fatalf("a write after the failing one was made: %v", err)
	}
	got, _ := s.Get(ctx, claimcharts.KindPatent, "Q1")
	if string(got.Data) != `"first"` {
		t.Fatalf("the conflicting record changed: %s", got.Data)
	}
	_, err = s.Get(ctx, claimcharts.KindPatent, "Q0")
	if written := err == nil; written != (len(docs) == 1) {
		t.Fatalf("Q0 written = %v but PutMany returned %d docs", written, len(docs))
	}
}
