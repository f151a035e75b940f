package claimcharts

import (
	"context"
	"sync/atomic"
)

// countedStore is a Store that counts the writes made through it, after
// each returns: a reader that saw the count before it read a record knows
// the record may have changed once the count has moved.
type countedStore struct {
	Store
	writes atomic.Uint64
}

// Put implements Store and counts the write, whatever its outcome (a
// refused write changed nothing, and counting it costs one recomputation).
func (s *countedStore) Put(ctx context.Context, doc Doc, ev AuditEvent) (Doc, error) {
	defer s.writes.Add(1)
	return s.Store.Put(ctx, doc, ev)
}

// PutMany implements Store and counts the batch as one write, whatever its
// outcome: MongoDB may have written part of a failed batch.
func (s *countedStore) PutMany(ctx context.Context, writes []Write) ([]Doc, error) {
	defer s.writes.Add(1)
	return s.Store.PutMany(ctx, writes)
}

// Writes counts the writes made through the Registry's store (every write
// of this process: the Registry's own, imports and restores that write
// through r.Store). It moves after each write returns, so an answer derived
// from the store while it held n is current for as long as it holds n —
// for this process's writes. A write another process makes to a shared
// store (MongoDB behind several nodes) does not move it: such a node
// learns of the write from the change feed, as its search index does.
func (r *Registry) Writes() uint64 {
	if c, ok := r.Store.(*countedStore); ok {
		return c.writes.Load()
	}
	return 0
}
