package claimcharts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"hash/fnv"
	"io"
)

// DumpRecord is one record of a full dump (sepportal export --all): its
// kind, key and data exactly as stored.
type DumpRecord struct {
	Kind Kind            `json:"kind"`
	Key  string          `json:"key"`
	Data json.RawMessage `json:"data"`
}

// Dump emits every record of the store, kind by kind in Kinds order
// (records that others refer to first) and by key within a kind;
// administrators only. Tokens are included with the hashes of their
// secrets, so that restored tokens still authenticate: a dump is as secret
// as the store itself. It returns the records emitted by kind.
func (r *Registry) Dump(ctx context.Context, actor Actor, emit func(DumpRecord) error) (map[Kind]int, error) {
	if err := requireAdmin(actor, "dump the registry"); err != nil {
		return nil, err
	}
	counts := map[Kind]int{}
	for _, kind := range Kinds {
		after := ""
		for {
			page, err := r.Store.List(ctx, Query{Kind: kind, After: after, Limit: MaxLimit})
			if err != nil {
				return counts, err
			}
			for _, d := range page.Docs {
				if err := emit(DumpRecord{Kind: d.Kind, Key: d.Key, Data: oneLine(d.Data)}); err != nil {
					return counts, err
				}
				counts[kind]++
			}
			if page.Next == "" {
				break
			}
			after = page.Next
		}
	}
	return counts, nil
}

// oneLine compacts data that holds a line break, so that a dump keeps one
// record per line; data written by the registry has none and is kept as is.
func oneLine(data []byte) []byte {
	if !bytes.ContainsAny(data, "\r\n") {
		return data
	}
	var b bytes.Buffer
	if json.Compact(&b, data) != nil {
		return data
	}
	return b.Bytes()
}

// RestoreOptions control Restore.
type RestoreOptions struct {
	// DryRun reads and checks the whole dump and writes nothing.
	DryRun bool
	// BatchSize is how many records go into one write (default 1,000).
	BatchSize int
	// Progress, when set, is called with the records read so far after
	// each batch.
	Progress func(records int)
}

// Restore writes the records of a full dump into an empty store;
// administrators only. Each record's data is written byte for byte, with
// the indexes its kind derives from it and an audit event "restore". The
// store's revisions (the ETags) start again at 1 and the audit trail with
// the restore: a dump holds records, not their history. A record that does
// not decode as its kind, or whose data names another key, stops the
// restore; run it with DryRun first (the command line does), so that a bad
// file writes nothing.
func (r *Registry) Restore(ctx context.Context, actor Actor, next func() (DumpRecord, error), opts RestoreOptions) (map[Kind]int, error) {
	if err := requireAdmin(actor, "restore a dump"); err != nil {
		return nil, err
	}
	if err := r.checkEmpty(ctx); err != nil {
		return nil, err
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchRows
	}
	counts := map[Kind]int{}
	seen := map[uint64]int{}
	var batch []Write
	for line := 1; ; line++ {
		rec, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return counts, Errorf(EINVALID, "line %d of the dump cannot be read: %s", line, ErrorMessage(err))
		}
		w, err := r.restoreWrite(actor, rec, line, seen)
		if err != nil {
			return counts, err
		}
		counts[rec.Kind]++
		if batch = append(batch, w); len(batch) >= opts.BatchSize {
			if err := r.restoreBatch(ctx, batch, opts, line); err != nil {
				return counts, err
			}
			batch = batch[:0]
		}
	}
	return counts, r.restoreBatch(ctx, batch, opts, 0)
}

// checkEmpty refuses a store that holds any record.
func (r *Registry) checkEmpty(ctx context.Context) error {
	for _, kind := range Kinds {
		page, err := r.Store.List(ctx, Query{Kind: kind, Limit: 1})
		if err != nil {
			return err
		}
		if len(page.Docs) > 0 {
			return Errorf(ECONFLICT, "the store is not empty (it holds %s %s): restore a dump only into an empty store", kind, quote(page.Docs[0].Key))
		}
	}
	return nil
}

// restoreWrite checks one dump record and makes its write.
func (r *Registry) restoreWrite(actor Actor, d DumpRecord, line int, seen map[uint64]int) (Write, error) {
	rec := newRecord(d.Kind)
	if rec == nil {
		return Write{}, Errorf(EINVALID, "line %d of the dump has the unknown kind %q", line, d.Kind)
	}
	if err := json.Unmarshal(d.Data, rec); err != nil {
		return Write{}, Errorf(EINVALID, "line %d of the dump: the data of %s %s cannot be read: %s", line, d.Kind, quote(d.Key), ErrorMessage(err))
	}
	if rec.Key() != d.Key {
		return Write{}, Errorf(EINVALID, "line %d of the dump: the data of %s %s is that of %s", line, d.Kind, quote(d.Key), quote(rec.Key()))
	}
	h := fnv.New64a()
	h.Write([]byte(string(d.Kind) + "\x00" + d.Key))
	if first, dup := seen[h.Sum64()]; dup {
		return Write{}, Errorf(EINVALID, "line %d of the dump repeats %s %s of line %d", line, d.Kind, quote(d.Key), first)
	}
	seen[h.Sum64()] = line
	now := r.Now()
	doc := Doc{Kind: d.Kind, Key: d.Key, Indexes: DocIndexes(rec), Data: d.Data, Updated: rec.meta().UpdatedAt}
	if doc.Updated.IsZero() {
		doc.Updated = now
	}
	return Write{Doc: doc, Event: AuditEvent{Kind: d.Kind, Key: d.Key, Action: "restore", Actor: actor.String(), At: now, HashAfter: hash(d.Data)}}, nil
}

// restoreBatch writes a batch, unless this is a dry run.
func (r *Registry) restoreBatch(ctx context.Context, batch []Write, opts RestoreOptions, line int) error {
	if !opts.DryRun && len(batch) > 0 {
		if _, err := r.Store.PutMany(ctx, batch); err != nil {
			return err
		}
	}
	if opts.Progress != nil && line > 0 {
		opts.Progress(line)
	}
	return nil
}

// newRecord returns an empty record of kind, nil for an unknown kind.
func newRecord(kind Kind) Record {
	switch kind {
	case KindPool:
		return &Pool{}
	case KindOrganization:
		return &Organization{}
	case KindStandard:
		return &Standard{}
	case KindPatent:
		return &Patent{}
	case KindFamily:
		return &Family{}
	case KindChart:
		return &Chart{}
	case KindReview:
		return &Review{}
	case KindDetermination:
		return &Determination{}
	case KindEntry:
		return &Entry{}
	case KindToken:
		return &Token{}
	}
	return nil
}

// DocIndexes are the secondary keys the registry stores with a record: its
// non-empty indexes, and "public" when it is. Everything that writes records
// to a store directly (restore, benchmark corpora) uses it too.
func DocIndexes(rec Record) map[string]string {
	idx := map[string]string{}
	for k, v := range rec.Indexes() {
		if v != "" {
			idx[k] = v
		}
	}
	if rec.Public() {
		idx["public"] = "true"
	}
	return idx
}
