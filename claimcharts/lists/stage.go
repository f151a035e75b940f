package lists

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"slices"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// stage is the Store an import writes through. It keeps writes in memory
// until flush hands them to the real store in one PutMany, and answers
// reads (Get and List) from them first, so the registry's own checks and
// Save (CheckPatent, CheckChart, FindPatent...) run unchanged over a batch
// in the making. A
// write whose record content (without Meta) equals the stored one is not
// kept and counts as unchanged. Rows are staged as units that can be
// rolled back, so a bad row leaves nothing behind.
type stage struct {
	base    claimcharts.Store
	pending []claimcharts.Write
	overlay map[docKey]claimcharts.Doc
	// inflight is the batch being written: read after overlay and before
	// the store, until its write ends (see take and release).
	inflight map[docKey]claimcharts.Doc
	// byIndex finds staged records by an index value, for List: kind,
	// field and value → the keys of the records whose staged version (see
	// staged) has that value; kind alone (kindKey) → every staged key of
	// the kind.
	byIndex map[string]*keySet
	undo    []undoEntry
	units   []stagedUnit
	rows    int        // rows of the staged units
	counts  kindCounts // of the unit in the making
	// keep says which kinds' staged records a dry run remembers across
	// batches (organizations, pools, families: records rows share).
	keep func(claimcharts.Kind) bool
}

type docKey struct {
	kind claimcharts.Kind
	key  string
}

type undoEntry struct {
	key  docKey
	prev claimcharts.Doc
	had  bool
}

// kindCounts count created, updated and unchanged records by kind.
type kindCounts map[claimcharts.Kind]RecordCounts

// stagedUnit is a row, or a group of rows (a chart), staged whole: its row
// numbers, the end of its writes in pending, and its counts.
type stagedUnit struct {
	lines  []int
	end    int
	counts kindCounts
}

// stageMark is a point a unit can be rolled back to.
type stageMark struct{ pending, undo int }

var _ claimcharts.Store = (*stage)(nil)

func newStage(base claimcharts.Store, keep func(claimcharts.Kind) bool) *stage {
	return &stage{base: base, overlay: map[docKey]claimcharts.Doc{}, byIndex: map[string]*keySet{}, counts: kindCounts{}, keep: keep}
}

// Get implements Store: staged records first, then those being written,
// then the store.
func (s *stage) Get(ctx context.Context, kind claimcharts.Kind, key string) (claimcharts.Doc, error) {
	if d, ok := s.staged(kind, key); ok {
		return d, nil
	}
	return s.base.Get(ctx, kind, key)
}

// GetInto implements Store as Get does, decoding the body once.
func (s *stage) GetInto(ctx context.Context, kind claimcharts.Kind, key string, rec any) (claimcharts.Doc, error) {
	return claimcharts.GetThenDecode(ctx, s, kind, key, rec)
}

// Put implements Store by staging the write, or by counting it unchanged.
func (s *stage) Put(ctx context.Context, doc claimcharts.Doc, ev claimcharts.AuditEvent) (claimcharts.Doc, error) {
	if err := claimcharts.CheckDoc(doc); err != nil {
		return claimcharts.Doc{}, err
	}
	k := docKey{doc.Kind, doc.Key}
	prev, err := s.Get(ctx, doc.Kind, doc.Key)
	exists := err == nil
	switch {
	case err != nil && claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND:
		return claimcharts.Doc{}, err
	case doc.Rev == 0 && exists:
		return claimcharts.Doc{}, claimcharts.Says(claimcharts.ECONFLICT, msg.Exists, msg.Noun(doc.Kind), doc.Key)
	case doc.Rev != 0 && !exists:
		return claimcharts.Doc{}, err
	case exists && prev.Rev != doc.Rev:
		return claimcharts.Doc{}, claimcharts.Says(claimcharts.EPRECONDITION, msg.StaleRevision, prev.Rev, doc.Rev)
	}
	c := s.counts[doc.Kind]
	if exists && sameContent(prev.Data, doc.Data) {
		c.Unchanged++
		s.counts[doc.Kind] = c
		return prev, nil
	}
	if exists {
		c.Updated++
	} else {
		c.Created++
	}
	s.counts[doc.Kind] = c
	old, had := s.overlay[k]
	s.undo = append(s.undo, undoEntry{key: k, prev: old, had: had})
	s.pending = append(s.pending, claimcharts.Write{Doc: doc, Event: ev})
	staged := doc
	staged.Rev = doc.Rev + 1
	s.setOverlay(k, staged, true)
	return staged, nil
}

// PutMany implements Store: each write is staged as Put would.
func (s *stage) PutMany(ctx context.Context, writes []claimcharts.Write) ([]claimcharts.Doc, error) {
	out := make([]claimcharts.Doc, 0, len(writes))
	for _, w := range writes {
		d, err := s.Put(ctx, w.Doc, w.Event)
		if err != nil {
			return out, err
		}
		out = append(out, d)
	}
	return out, nil
}

// List implements Store as if the staged records were written: a staged
// record is listed when it matches q, whatever the store holds under its
// key, and a stored record that a staged one replaces is not. The rules
// the importer reuses list records (FindPatent finds a patent by its
// application number), and a row must see the rows staged before it as
// it would after a flush. Stored records whose staged version q does not
// select are skipped; the store is read in pages that double in size (up
// to MaxLimit) while they turn up only such records, so that a batch that
// moved many records out of a query's selection costs few reads.
func (s *stage) List(ctx context.Context, q claimcharts.Query) (claimcharts.Page, error) {
	limit := claimcharts.PageLimit(q.Limit)
	var stored []claimcharts.Doc
	more := false
	bq := q
	bq.Limit = limit
	for len(stored) < limit {
		page, err := s.base.List(ctx, bq)
		if err != nil {
			return claimcharts.Page{}, err
		}
		for _, d := range page.Docs {
			if !s.unlists(d, q) {
				stored = append(stored, d)
			}
		}
		if more = page.Next != ""; !more {
			break
		}
		bq.After = page.Next
		bq.Limit = min(2*bq.Limit, claimcharts.MaxLimit)
	}
	// One staged record past the limit says whether there are more.
	docs := mergeByKey(s.matching(q, limit+1), stored)
	if len(docs) > limit {
		docs, more = docs[:limit], true
	}
	out := claimcharts.Page{Docs: docs}
	if more && len(docs) > 0 {
		out.Next = docs[len(docs)-1].Key
	}
	return out, nil
}

// unlists reports whether the stored record d, which q selects, has a
// staged version that q does not select. One that q selects is listed
// among the staged records instead (mergeByKey takes it over d).
func (s *stage) unlists(d claimcharts.Doc, q claimcharts.Query) bool {
	st, ok := s.staged(d.Kind, d.Key)
	return ok && !indexesMatch(st.Indexes, q.Where)
}

// staged returns the staged version of a record: in the batch in the
// making, else in the batch being written.
func (s *stage) staged(kind claimcharts.Kind, key string) (claimcharts.Doc, bool) {
	if d, ok := s.overlay[docKey{kind, key}]; ok {
		return d, true
	}
	d, ok := s.inflight[docKey{kind, key}]
	return d, ok
}

// matching returns the newest staged version of the first limit records
// q selects after q.After, in key order: among the records staged with
// one of q's index values, or among all staged records of q's kind when q
// has none.
func (s *stage) matching(q claimcharts.Query, limit int) []claimcharts.Doc {
	set := s.byIndex[kindKey(q.Kind)]
	if f, v, ok := anyPair(q.Where); ok {
		set = s.byIndex[indexKey(q.Kind, f, v)]
	}
	var out []claimcharts.Doc
	for key := range set.after(q.After) {
		if d, ok := s.staged(q.Kind, key); ok && indexesMatch(d.Indexes, q.Where) {
			if out = append(out, d); len(out) == limit {
				break
			}
		}
	}
	return out
}

// anyPair returns one field and value of where: the first field in order.
func anyPair(where map[string]string) (string, string, bool) {
	if len(where) == 0 {
		return "", "", false
	}
	f := slices.Min(slices.Collect(maps.Keys(where)))
	return f, where[f], true
}

func indexKey(kind claimcharts.Kind, field, value string) string {
	return string(kind) + "\x00" + field + "\x00" + value
}

// kindKey is the byIndex key of every staged record of kind.
func kindKey(kind claimcharts.Kind) string { return string(kind) }

// indexDoc adds a record's staged version to byIndex.
func (s *stage) indexDoc(d claimcharts.Doc) {
	s.indexKeyOf(kindKey(d.Kind), d.Key)
	for f, v := range d.Indexes {
		s.indexKeyOf(indexKey(d.Kind, f, v), d.Key)
	}
}

// indexKeyOf adds key to the set byIndex holds under ik.
func (s *stage) indexKeyOf(ik, key string) {
	set := s.byIndex[ik]
	if set == nil {
		set = &keySet{}
		s.byIndex[ik] = set
	}
	set.add(key)
}

// unindexDoc removes from byIndex a staged version that is no longer.
func (s *stage) unindexDoc(d claimcharts.Doc) {
	s.byIndex[kindKey(d.Kind)].remove(d.Key)
	for f, v := range d.Indexes {
		s.byIndex[indexKey(d.Kind, f, v)].remove(d.Key)
	}
}

// setOverlay sets (or, when !ok, drops) the version of a record staged
// in the batch in the making, and indexes the record's staged version
// in place of the one before.
func (s *stage) setOverlay(k docKey, d claimcharts.Doc, ok bool) {
	if was, staged := s.staged(k.kind, k.key); staged {
		s.unindexDoc(was)
	}
	if ok {
		s.overlay[k] = d
	} else {
		delete(s.overlay, k)
	}
	if now, staged := s.staged(k.kind, k.key); staged {
		s.indexDoc(now)
	}
}

// reindex rebuilds byIndex from the records staged now; it runs once a
// batch.
func (s *stage) reindex() {
	s.byIndex = map[string]*keySet{}
	for _, d := range s.overlay {
		s.indexDoc(d)
	}
	for k, d := range s.inflight {
		if _, ok := s.overlay[k]; !ok {
			s.indexDoc(d)
		}
	}
}

// indexesMatch reports whether a record's indexes hold every pair of where.
func indexesMatch(idx, where map[string]string) bool {
	for k, v := range where {
		if idx[k] != v {
			return false
		}
	}
	return true
}

// mergeByKey merges two lists of records, each in key order; a record
// in both is taken from a.
func mergeByKey(a, b []claimcharts.Doc) []claimcharts.Doc {
	out := make([]claimcharts.Doc, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0].Key == b[0].Key:
			b = b[1:]
		case a[0].Key < b[0].Key:
			out, a = append(out, a[0]), a[1:]
		default:
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// Changes implements Store.
func (s *stage) Changes(ctx context.Context, after uint64, limit int) ([]claimcharts.Change, error) {
	return s.base.Changes(ctx, after, limit)
}

// Audit implements Store.
func (s *stage) Audit(ctx context.Context, kind claimcharts.Kind, key string) ([]claimcharts.AuditEvent, error) {
	return s.base.Audit(ctx, kind, key)
}

// Ping implements Store.
func (s *stage) Ping(ctx context.Context) error { return s.base.Ping(ctx) }

// Close implements Store; the stage holds nothing to release.
func (s *stage) Close() error { return nil }

// sameContent reports whether two record bodies are equal but for Meta.
func sameContent(a, b []byte) bool {
	var ma, mb map[string]json.RawMessage
	if json.Unmarshal(a, &ma) != nil || json.Unmarshal(b, &mb) != nil {
		return false
	}
	for _, k := range []string{"rev", "created_at", "updated_at", "demo"} {
		delete(ma, k)
		delete(mb, k)
	}
	if len(ma) != len(mb) {
		return false
	}
	for k, v := range ma {
		if w, ok := mb[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// mark starts a unit.
func (s *stage) mark() stageMark {
	s.counts = kindCounts{}
	return stageMark{pending: len(s.pending), undo: len(s.undo)}
}

// rollback drops what the unit begun at m staged.
func (s *stage) rollback(m stageMark) {
	for i := len(s.undo) - 1; i >= m.undo; i-- {
		u := s.undo[i]
		s.setOverlay(u.key, u.prev, u.had)
	}
	s.undo, s.pending = s.undo[:m.undo], s.pending[:m.pending]
	s.counts = kindCounts{}
}

// commit ends the unit begun at the last mark: its rows are staged.
func (s *stage) commit(lines []int) {
	s.units = append(s.units, stagedUnit{lines: lines, end: len(s.pending), counts: s.counts})
	s.rows += len(lines)
	s.counts = kindCounts{}
}

// writes is the number of staged writes.
func (s *stage) writes() int { return len(s.pending) }

// flushed is the outcome of a batch's write: the units written (or, in a
// dry run, that would be), those that were not and why, and the writes made.
type flushed struct {
	done   []stagedUnit
	failed []failedUnit
	wrote  int
}

// failedUnit is a unit the store did not write, and why (a catalog message).
type failedUnit struct {
	unit   stagedUnit
	reason msg.Msg
}

// stagedBatch is a batch taken from the stage to be written.
type stagedBatch struct {
	pending []claimcharts.Write
	units   []stagedUnit
}

// take hands the staged batch over for writing. Its records stay readable
// (inflight) until release, so that staging can go on meanwhile.
func (s *stage) take() stagedBatch {
	b := stagedBatch{pending: s.pending, units: s.units}
	s.inflight, s.overlay = s.overlay, map[docKey]claimcharts.Doc{}
	s.reindex()
	s.pending, s.undo, s.units, s.rows = nil, nil, nil, 0
	s.counts = kindCounts{}
	return b
}

// release ends the read of the batch taken last, once it is written.
func (s *stage) release() {
	s.inflight = nil
	s.reindex()
}

// dryRun ends a batch of a dry run: its units count as done and nothing is
// written; the records rows share stay staged (see keep).
func (s *stage) dryRun() []stagedUnit {
	units := s.units
	s.reset(true)
	return units
}

// write writes the batch with one PutMany, in the order it was staged:
// row by row, and within a row the records referred to first. A store that
// stops part way (MongoDB) leaves the writes before the failure written:
// units all of whose writes were made are done, a unit written in part is
// reported so, the others as not written. Errors of the store's
// availability are returned; others fail the units.
func (b stagedBatch) write(ctx context.Context, base claimcharts.Store) (flushed, error) {
	if len(b.pending) == 0 {
		return flushed{done: b.units}, nil
	}
	docs, err := base.PutMany(ctx, b.pending)
	if err == nil {
		return flushed{done: b.units, wrote: len(docs)}, nil
	}
	if code := claimcharts.ErrorCode(err); code == claimcharts.EUNAVAILABLE || code == claimcharts.EINTERNAL {
		return flushed{}, err
	}
	out := flushed{wrote: len(docs)}
	start := 0
	for _, u := range b.units {
		switch {
		case u.end <= len(docs):
			out.done = append(out.done, u)
		case start < len(docs):
			out.failed = append(out.failed, failedUnit{u, msg.Says(msg.PartlyWritten, reasonOf(err))})
		default:
			out.failed = append(out.failed, failedUnit{u, msg.Says(msg.BatchRefused, reasonOf(err))})
		}
		start = u.end
	}
	return out, nil
}

// discard drops everything staged (not the batch being written).
func (s *stage) discard() { s.reset(false) }

// reset empties the stage; a dry run remembers the records rows share,
// since they were never written.
func (s *stage) reset(dryRun bool) {
	for k := range s.overlay {
		if !dryRun || s.keep == nil || !s.keep(k.kind) {
			delete(s.overlay, k)
		}
	}
	s.pending, s.undo, s.units, s.rows = nil, nil, nil, 0
	s.counts = kindCounts{}
	s.reindex()
}
