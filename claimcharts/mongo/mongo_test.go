package mongo_test

import (
	"context"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/mongo"
	"sepportal/claimcharts/mongo/mongotest"
	"sepportal/claimcharts/storetest"
)

// MustOpen opens a store on a database of its own on the test server.
func MustOpen(tb testing.TB) claimcharts.Store {
	tb.Helper()
	return open(tb, mongotest.Database(tb))
}

func open(tb testing.TB, database string) *mongo.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := mongo.Open(ctx, mongotest.URI(tb), mongo.WithDatabase(database))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestMain(m *testing.M) { mongotest.Main(m) }

func TestContract(t *testing.T) { storetest.Run(t, MustOpen) }

func TestOpenUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := mongo.Open(ctx, "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500")
	if err == nil {
		s.Close()
		t.Fatal("Open on a closed port succeeded")
	}
	if claimcharts.ErrorCode(err) != claimcharts.EUNAVAILABLE {
		t.Fatalf("Open on a closed port: %v, want %s", err, claimcharts.EUNAVAILABLE)
	}
	t.Logf("Open on a closed port: %v", err)
}

func TestOpenMalformedURI(t *testing.T) {
	_, err := mongo.Open(context.Background(), "http://127.0.0.1/")
	if claimcharts.ErrorCode(err) != claimcharts.EINVALID {
		t.Fatalf("Open on an http URI: %v, want %s", err, claimcharts.EINVALID)
	}
}

func TestTwoStoresShareRecords(t *testing.T) {
	ctx := context.Background()
	database := mongotest.Database(t)
	a, b := open(t, database), open(t, database)
	storetest.MustPut(t, a, claimcharts.KindPool, "hevc", 0, map[string]string{"status": "open"}, map[string]int{"v": 1})
	got, err := b.Get(ctx, claimcharts.KindPool, "hevc")
	if err != nil || got.Rev != 1 || string(got.Data) != `{"v":1}` {
		t.Fatalf("second store reads %+v (%s), %v; want rev 1 of the first store's write", got, got.Data, err)
	}
	up := got
	up.Data = []byte(`{"v":2}`)
	if _, err := a.Put(ctx, up, claimcharts.AuditEvent{Action: "update", Actor: "admin:a", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	up.Data = []byte(`{"v":3}`)
	_, err = b.Put(ctx, up, claimcharts.AuditEvent{Action: "update", Actor: "admin:b"})
	if claimcharts.ErrorCode(err) != claimcharts.EPRECONDITION {
		t.Fatalf("stale write through the second store: %v, want %s", err, claimcharts.EPRECONDITION)
	}
	changes, err := b.Changes(ctx, 0, 10)
	if err != nil || len(changes) != 2 || changes[1].Rev != 2 || changes[1].Key != "hevc" {
		t.Fatalf("second store's change feed = %+v, %v; want the first store's hevc@1 and hevc@2", changes, err)
	}
}

func TestDataRoundTripsByteForByte(t *testing.T) {
	s := MustOpen(t)
	body := []byte("{ \"zh\" : \"帧间预测\",\n  \"n\": 1.50, \"esc\": \"\\u00e9\" }")
	put, err := s.Put(context.Background(), claimcharts.Doc{Kind: claimcharts.KindPatent, Key: "CN1", Data: body, Updated: time.Now()},
		claimcharts.AuditEvent{Action: "create", Actor: "admin:test"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(context.Background(), claimcharts.KindPatent, "CN1")
	if err != nil || string(got.Data) != string(body) || !got.Updated.Equal(put.Updated) {
		t.Fatalf("read back %q updated %v (%v), want %q updated %v", got.Data, got.Updated, err, body, put.Updated)
	}
}

func TestAuditOfMissingRecordIsEmpty(t *testing.T) {
	evs, err := MustOpen(t).Audit(context.Background(), claimcharts.KindPool, "nope")
	if err != nil || len(evs) != 0 {
		t.Fatalf("audit of a missing record = %+v, %v; want none and no error", evs, err)
	}
}

// Refused writes use up change-feed numbers; Changes must look past the gaps.
func TestChangesSkipRefusedWrites(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	storetest.MustPut(t, s, claimcharts.KindPool, "a", 0, nil, 1)
	for range 9 {
		_, err := s.Put(ctx, claimcharts.Doc{Kind: claimcharts.KindPool, Key: "a", Data: []byte("2")}, claimcharts.AuditEvent{Action: "create"})
		if claimcharts.ErrorCode(err) != claimcharts.ECONFLICT {
			t.Fatalf("second create of a: %v, want %s", err, claimcharts.ECONFLICT)
		}
	}
	b := storetest.MustPut(t, s, claimcharts.KindPool, "b", 0, nil, 3)
	changes, err := s.Changes(ctx, 0, 2)
	if err != nil || len(changes) != 2 || changes[0].Key != "a" || changes[1].Key != "b" || changes[1].Seq != b.Seq {
		t.Fatalf("changes = %+v, %v; want a then b at seq %d", changes, err, b.Seq)
	}
	if rest, err := s.Changes(ctx, b.Seq, 10); err != nil || len(rest) != 0 {
		t.Fatalf("changes after the last = %+v, %v; want none", rest, err)
	}
}
