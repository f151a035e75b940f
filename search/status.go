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
	// Rebuilding is true while a rebuild runs.
	Rebuilding bool `json:"rebuilding"`
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
	st := Status{Generation: gen, Documents: n, Rebuilding: ix.rebuilding.Load(), MappingVersion: MappingVersion, Error: msg}
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

// publish makes the feed's position visible to Status.
func (ix *Index) publish(f *feed) {
	ix.progress.Store(&feedProgress{watermark: f.watermark, high: f.high, pending: len(f.missing)})
}
