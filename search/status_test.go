package search

import (
	"context"
	"errors"
	"testing"
)

// TestWaitIndexed checks that WaitIndexed returns once the index holds the
// store's last change, and answers the context's error while it does not.
func TestWaitIndexed(t *testing.T) {
	ix, reg := demoIndex(t)
	ctx := context.Background()
	last, err := lastSeq(ctx, ix.store)
	must(t, err)
	if err := ix.WaitIndexed(ctx, last); err != nil {
		t.Fatalf("a built index does not hold the store's last change %d: %v", last, err)
	}
	plant(t, reg)
	next, err := lastSeq(ctx, ix.store)
	must(t, err)
	ended, cancel := context.WithCancel(ctx)
	cancel()
	if err := ix.WaitIndexed(ended, next); !errors.Is(err, context.Canceled) {
		t.Fatalf("waiting for change %d, not yet indexed, answers %v; want the context's error", next, err)
	}
	done := make(chan error, 1)
	go func() { done <- ix.WaitIndexed(ctx, next) }()
	catchUp(t, ix)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
