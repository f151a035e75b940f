package search

import "context"

// Status describes the index for operators: what is in use, how much it
// holds, whether a rebuild runs.
type Status struct {
	// Generation is the directory of the index in use; empty before the
	// first build completes.
	Generation string `json:"generation"`
	// Documents is the number of documents in it.
	Documents uint64 `json:"documents"`
	// Checkpoint is the change-feed number up to which every change is
	// indexed; Indexed is the highest one indexed.
	Checkpoint uint64 `json:"checkpoint"`
	Indexed    uint64 `json:"indexed"`
	// Pending counts the feed numbers waited for below Indexed (MongoDB).
	Pending int `json:"pending"`
	// Rebuilding is true while a rebuild runs; RebuildDocuments counts the
	// documents it has written so far.
	Rebuilding       bool  `json:"rebuilding"`
	RebuildDocuments int64 `json:"rebuild_documents"`
	// MappingVersion is the version this program indexes with.
	MappingVersion string `json:"mapping_version"`
	// Error is the indexer's last failure, cleared by its next success.
	Error string `json:"error,omitempty"`
}

// Status returns the index's current state.
func (ix *Index) Status(ctx context.Context) Status {
	ix.state.RLock()
	n, _ := ix.cur.DocCount()
	gen := ix.gen
	ix.state.RUnlock()
	msg, _ := ix.lastErr.Load().(string)
	st := Status{Generation: gen, Documents: n, Rebuilding: ix.rebuilding.Load(), RebuildDocuments: ix.rebuilt.Load(), MappingVersion: MappingVersion, Error: msg}
	if p := ix.progress.Load(); p != nil {
		st.Checkpoint, st.Indexed, st.Pending = p.watermark, p.high, p.pending
	}
	return st
}

// feedProgress is a copy of the feed's position for Status.
type feedProgress struct {
	watermark, high uint64
	pending         int
}

// publish makes the feed's position visible to Status and wakes the
// callers of WaitIndexed.
func (ix *Index) publish(f *feed) {
	ix.progress.Store(&feedProgress{watermark: f.watermark, high: f.high, pending: len(f.missing)})
	ix.moved.Lock()
	close(ix.moved.ch)
	ix.moved.ch = make(chan struct{})
	ix.moved.Unlock()
}

// WaitIndexed blocks until the index that searches read is built under the
// current mapping and holds every change of the feed up to seq, or until
// ctx ends (its error is returned). It wakes on the indexer's progress,
// not on a clock: each sync pass and each rebuild's swap signals it.
func (ix *Index) WaitIndexed(ctx context.Context, seq uint64) error {
	for {
		ix.moved.Lock()
		ch := ix.moved.ch
		ix.moved.Unlock()
		if ix.holds(seq) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

// holds tells whether the index in use is current and indexed to seq.
func (ix *Index) holds(seq uint64) bool {
	ix.state.RLock()
	built := ix.gen != ""
	ix.state.RUnlock()
	p := ix.progress.Load()
	return built && !ix.needsBuild.Load() && p != nil && p.watermark >= seq
}

// Readiness tells whether searches see what the store holds: how far the
// index trails the store's change feed (GET /readyz, the metrics).
type Readiness struct {
	// Ready is true once the index, built under the current mapping, has
	// read the feed to its end since the process started, and while it
	// trails the store by at most Options.MaxReadyLag changes since.
	Ready bool `json:"ready"`
	// StoreSeq is the number of the store's last change; IndexedSeq the
	// number up to which every change is indexed; Lag the difference.
	StoreSeq   uint64 `json:"store_seq"`
	IndexedSeq uint64 `json:"indexed_seq"`
	Lag        uint64 `json:"lag"`
	// Rebuilding is true while a rebuild runs.
	Rebuilding bool `json:"rebuilding"`
}

// Readiness measures the index against the store. It reads the store's
// last change number in O(log n) reads of the feed.
func (ix *Index) Readiness(ctx context.Context) (Readiness, error) {
	last, err := lastSeq(ctx, ix.store)
	if err != nil {
		return Readiness{}, err
	}
	r := Readiness{StoreSeq: last, Rebuilding: ix.rebuilding.Load()}
	if p := ix.progress.Load(); p != nil {
		r.IndexedSeq = p.watermark
	}
	r.Lag = last - min(last, r.IndexedSeq)
	r.Ready = ix.caughtUp.Load() && !ix.needsBuild.Load() && r.Lag <= ix.opts.MaxReadyLag
	return r, nil
}
