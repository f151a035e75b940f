package dump

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"hash/fnv"
	"io"
	"strconv"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// Record is one record of a full dump (sepportal export --all): its
// kind, key and data exactly as stored.
type Record struct {
	Kind claimcharts.Kind `json:"kind"`
	Key  string           `json:"key"`
	Data json.RawMessage  `json:"data"`
}

// Export emits every record of the store, kind by kind in Kinds order
// (records that others refer to first) and by key within a kind;
// administrators only. Tokens are included with the hashes of their
// secrets, so that restored tokens still authenticate: a dump is as secret
// as the store itself. It returns the records emitted by kind.
func Export(ctx context.Context, r *claimcharts.Registry, actor claimcharts.Actor, emit func(Record) error) (map[claimcharts.Kind]int, error) {
	if err := claimcharts.RequireAdmin(actor, msg.ActDump); err != nil {
		return nil, err
	}
	counts := map[claimcharts.Kind]int{}
	for _, kind := range claimcharts.Kinds {
		for d, err := range claimcharts.Scan(ctx, r.Store, claimcharts.Query{Kind: kind}) {
			if err != nil {
				return counts, err
			}
			if err := emit(Record{Kind: d.Kind, Key: d.Key, Data: oneLine(d.Data)}); err != nil {
				return counts, err
			}
			counts[kind]++
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

// DefaultBatchSize is how many records a restore writes at once.
const DefaultBatchSize = 1000

// Options control Restore.
type Options struct {
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
func Restore(ctx context.Context, r *claimcharts.Registry, actor claimcharts.Actor, next func() (Record, error), opts Options) (map[claimcharts.Kind]int, error) {
	if err := claimcharts.RequireAdmin(actor, msg.ActRestore); err != nil {
		return nil, err
	}
	if err := checkEmpty(ctx, r.Store); err != nil {
		return nil, err
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	counts := map[claimcharts.Kind]int{}
	seen := map[uint64]int{}
	var batch []claimcharts.Write
	for line := 1; ; line++ {
		rec, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return counts, claimcharts.Errorf(claimcharts.EINVALID, "line %d of the dump cannot be read: %s", line, claimcharts.ErrorMessage(err))
		}
		w, err := restoreWrite(r.Now(), actor, rec, line, seen)
		if err != nil {
			return counts, err
		}
		counts[rec.Kind]++
		if batch = append(batch, w); len(batch) >= opts.BatchSize {
			if err := restoreBatch(ctx, r.Store, batch, opts, line); err != nil {
				return counts, err
			}
			batch = batch[:0]
		}
	}
	return counts, restoreBatch(ctx, r.Store, batch, opts, 0)
}

// checkEmpty refuses a store that holds any record.
func checkEmpty(ctx context.Context, s claimcharts.Store) error {
	for _, kind := range claimcharts.Kinds {
		page, err := s.List(ctx, claimcharts.Query{Kind: kind, Limit: 1})
		if err != nil {
			return err
		}
		if len(page.Docs) > 0 {
			return claimcharts.Errorf(claimcharts.ECONFLICT, "the store is not empty (it holds %s %s): restore a dump only into an empty store", kind, strconv.Quote(page.Docs[0].Key))
		}
	}
	return nil
}

// restoreWrite checks one dump record and makes its write.
func restoreWrite(now time.Time, actor claimcharts.Actor, d Record, line int, seen map[uint64]int) (claimcharts.Write, error) {
	rec := claimcharts.NewRecord(d.Kind)
	if rec == nil {
		return claimcharts.Write{}, claimcharts.Errorf(claimcharts.EINVALID, "line %d of the dump has the unknown kind %q", line, d.Kind)
	}
	if err := json.Unmarshal(d.Data, rec); err != nil {
		return claimcharts.Write{}, claimcharts.Errorf(claimcharts.EINVALID, "line %d of the dump: the data of %s %s cannot be read: %s", line, d.Kind, strconv.Quote(d.Key), claimcharts.ErrorMessage(err))
	}
	if rec.Key() != d.Key {
		return claimcharts.Write{}, claimcharts.Errorf(claimcharts.EINVALID, "line %d of the dump: the data of %s %s is that of %s", line, d.Kind, strconv.Quote(d.Key), strconv.Quote(rec.Key()))
	}
	h := fnv.New64a()
	h.Write([]byte(string(d.Kind) + "\x00" + d.Key))
	if first, dup := seen[h.Sum64()]; dup {
		return claimcharts.Write{}, claimcharts.Errorf(claimcharts.EINVALID, "line %d of the dump repeats %s %s of line %d", line, d.Kind, strconv.Quote(d.Key), first)
	}
	seen[h.Sum64()] = line
	doc := claimcharts.Doc{Kind: d.Kind, Key: d.Key, Indexes: claimcharts.DocIndexes(rec), Data: d.Data, Updated: claimcharts.UpdatedAt(rec)}
	if doc.Updated.IsZero() {
		doc.Updated = now
	}
	return claimcharts.Write{Doc: doc, Event: claimcharts.AuditEvent{Kind: d.Kind, Key: d.Key, Action: "restore", Actor: actor.String(), At: now, HashAfter: claimcharts.ContentHash(d.Data)}}, nil
}

// restoreBatch writes a batch, unless this is a dry run.
func restoreBatch(ctx context.Context, s claimcharts.Store, batch []claimcharts.Write, opts Options, line int) error {
	if !opts.DryRun && len(batch) > 0 {
		if _, err := s.PutMany(ctx, batch); err != nil {
			return err
		}
	}
	if opts.Progress != nil && line > 0 {
		opts.Progress(line)
	}
	return nil
}
