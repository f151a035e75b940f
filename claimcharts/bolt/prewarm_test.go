package bolt_test

import (
	"context"
	"errors"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/storetest"
)

// TestPrewarmReadsEveryRecordOnce reads a store in batches of a few
// records: the same bytes as in one batch, no record skipped or read
// twice where a batch ends, and at least the records' bodies.
func TestPrewarmReadsEveryRecordOnce(t *testing.T) {
	s, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fillInNoOrder(t, s, 300)
	var bodies int64
	for d, err := range claimcharts.Scan(t.Context(), s, claimcharts.Query{Kind: claimcharts.KindPatent}) {
		if err != nil {
			t.Fatal(err)
		}
		bodies += int64(len(d.Data))
	}
	whole, err := s.Prewarm(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	bolt.SetPrewarmBatch(t.Cleanup, 7)
	batched, err := s.Prewarm(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if batched != whole || whole < bodies {
		t.Fatalf("prewarm read %d bytes in batches of 7, %d in one; the patents' bodies alone are %d", batched, whole, bodies)
	}
}

func TestPrewarmStopsWhenCanceled(t *testing.T) {
	s, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.MustPut(t, s, claimcharts.KindPool, "hevc", 0, nil, map[string]string{"slug": "hevc"})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if n, err := s.Prewarm(ctx); !errors.Is(err, context.Canceled) || n != 0 {
		t.Fatalf("prewarm with a canceled context read %d bytes: %v", n, err)
	}
}
