// Package bolt is the embedded store: claimcharts.Store on go.etcd.io/bbolt,
// one file in the data directory, one process at a time. A record, its audit
// event and its change-feed entry are written in one transaction.
package bolt

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// FileName is the database file inside the data directory.
const FileName = "sepportal.db"

var (
	bucketChanges = []byte("changes")
	bucketAudit   = []byte("audit")
	sep           = []byte{0}
)

// Store is the embedded store.
type Store struct {
	db *bolt.DB
}

var _ claimcharts.Store = (*Store)(nil)

// Open opens (creating if needed) the store in dir. A second process opening
// the same directory gets an error saying so.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create data dir: %w", err)
	}
	file := filepath.Join(dir, FileName)
	// The free-page list is written with each commit. Without it
	// (NoFreelistSync) bbolt walks every page of the file on open to
	// rebuild the list: at a million patents (15 GB) that read the whole
	// file, about five minutes from a cold disk, and left all of it
	// counted in the process's resident memory.
	db, err := bolt.Open(file, 0o600, &bolt.Options{Timeout: time.Second, FreelistType: bolt.FreelistMapType})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("data dir %s is in use by another sepportal process (the database file %s is locked); stop it or choose another --data-dir", dir, file)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketChanges, bucketAudit} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		for _, k := range claimcharts.Kinds {
			if _, err := tx.CreateBucketIfNotExists(recordBucket(k)); err != nil {
				return err
			}
			if _, err := tx.CreateBucketIfNotExists(indexBucket(k)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare %s: %w", file, err)
	}
	return &Store{db: db}, nil
}

func recordBucket(k claimcharts.Kind) []byte { return []byte("records/" + string(k)) }
func indexBucket(k claimcharts.Kind) []byte  { return []byte("index/" + string(k)) }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the database is open.
func (s *Store) Ping(ctx context.Context) error {
	return s.db.View(func(tx *bolt.Tx) error { return nil })
}

// Get implements claimcharts.Store.
func (s *Store) Get(ctx context.Context, kind claimcharts.Kind, key string) (claimcharts.Doc, error) {
	var doc claimcharts.Doc
	err := s.db.View(func(tx *bolt.Tx) error {
		b, err := records(tx, kind)
		if err != nil {
			return err
		}
		doc, err = read(b, kind, key)
		return err
	})
	return doc, err
}

// GetInto implements claimcharts.Store. A record is kept as its Doc in
// JSON, the body inside it: the body is decoded straight into rec from
// the stored bytes, where Get and then json.Unmarshal would scan the body
// twice to copy it out of the envelope and twice more to decode it (a
// quarter of the CPU of a number lookup under load).
func (s *Store) GetInto(ctx context.Context, kind claimcharts.Kind, key string, rec any) (claimcharts.Doc, error) {
	var doc claimcharts.Doc
	err := s.db.View(func(tx *bolt.Tx) error {
		b, err := records(tx, kind)
		if err != nil {
			return err
		}
		v := b.Get([]byte(key))
		if v == nil {
			return notFound(kind, key)
		}
		env := envelope{Data: rec}
		if err := json.Unmarshal(v, &env); err != nil {
			return claimcharts.Internal(fmt.Errorf("decode %s %q: %w", kind, key, err))
		}
		doc = env.Doc
		return nil
	})
	return doc, err
}

// envelope is a stored Doc whose body decodes into Data, a record.
type envelope struct {
	claimcharts.Doc
	Data any `json:"data"`
}

func records(tx *bolt.Tx, kind claimcharts.Kind) (*bolt.Bucket, error) {
	b := tx.Bucket(recordBucket(kind))
	if b == nil {
		return nil, claimcharts.Says(claimcharts.EINVALID, msg.UnknownKind, kind)
	}
	return b, nil
}

func read(b *bolt.Bucket, kind claimcharts.Kind, key string) (claimcharts.Doc, error) {
	v := b.Get([]byte(key))
	if v == nil {
		return claimcharts.Doc{}, notFound(kind, key)
	}
	var doc claimcharts.Doc
	if err := json.Unmarshal(v, &doc); err != nil {
		return claimcharts.Doc{}, claimcharts.Internal(fmt.Errorf("decode %s %q: %w", kind, key, err))
	}
	return doc, nil
}

// notFound is ENOTFOUND for the record kind/key.
func notFound(kind claimcharts.Kind, key string) error {
	return claimcharts.Says(claimcharts.ENOTFOUND, msg.NotFound, msg.Noun(kind), strconv.Quote(key))
}

// Put implements claimcharts.Store.
func (s *Store) Put(ctx context.Context, doc claimcharts.Doc, ev claimcharts.AuditEvent) (claimcharts.Doc, error) {
	docs, err := s.PutMany(ctx, []claimcharts.Write{{Doc: doc, Event: ev}})
	if err != nil {
		return claimcharts.Doc{}, err
	}
	return docs[0], nil
}

// PutMany implements claimcharts.Store: the batch is one transaction.
func (s *Store) PutMany(ctx context.Context, writes []claimcharts.Write) ([]claimcharts.Doc, error) {
	for _, w := range writes {
		if err := claimcharts.CheckDoc(w.Doc); err != nil {
			return nil, err
		}
	}
	out := make([]claimcharts.Doc, 0, len(writes))
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, w := range writes {
			doc, err := putTx(tx, w.Doc, w.Event)
			if err != nil {
				return err
			}
			out = append(out, doc)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// putTx writes one document, its index entries, change-feed entry and audit
// event inside tx, if doc.Rev is the stored revision.
func putTx(tx *bolt.Tx, doc claimcharts.Doc, ev claimcharts.AuditEvent) (claimcharts.Doc, error) {
	b, err := records(tx, doc.Kind)
	if err != nil {
		return doc, err
	}
	old, err := read(b, doc.Kind, doc.Key)
	switch {
	case err != nil && claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND:
		return doc, err
	case err != nil && doc.Rev != 0:
		return doc, err
	case err == nil && doc.Rev == 0:
		return doc, claimcharts.Says(claimcharts.ECONFLICT, msg.Exists, msg.Noun(doc.Kind), doc.Key)
	case err == nil && old.Rev != doc.Rev:
		return doc, claimcharts.Says(claimcharts.EPRECONDITION, msg.StaleRevision, old.Rev, doc.Rev)
	}
	changes := tx.Bucket(bucketChanges)
	seq, err := changes.NextSequence()
	if err != nil {
		return doc, err
	}
	doc.Rev, doc.Seq = doc.Rev+1, seq
	if err := reindex(tx.Bucket(indexBucket(doc.Kind)), doc.Key, old.Indexes, doc.Indexes); err != nil {
		return doc, err
	}
	if err := putJSON(b, []byte(doc.Key), doc); err != nil {
		return doc, err
	}
	ch := claimcharts.Change{Seq: seq, Kind: doc.Kind, Key: doc.Key, Rev: doc.Rev}
	if err := putJSON(changes, u64(seq), ch); err != nil {
		return doc, err
	}
	ev.Kind, ev.Key, ev.Rev = doc.Kind, doc.Key, doc.Rev
	return doc, putJSON(tx.Bucket(bucketAudit), auditKey(doc.Kind, doc.Key, doc.Rev), ev)
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, data)
}

// indexKey is field, value and record key separated by NUL, so that one
// field's value is a prefix and its records follow in key order.
func indexKey(field, value, key string) []byte {
	return bytes.Join([][]byte{[]byte(field), []byte(value), []byte(key)}, sep)
}

func reindex(b *bolt.Bucket, key string, old, cur map[string]string) error {
	for f, v := range old {
		if cur[f] != v {
			if err := b.Delete(indexKey(f, v, key)); err != nil {
				return err
			}
		}
	}
	for f, v := range cur {
		if old[f] != v {
			if err := b.Put(indexKey(f, v, key), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func u64(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

func auditKey(kind claimcharts.Kind, key string, rev int64) []byte {
	return append(bytes.Join([][]byte{[]byte(kind), []byte(key), nil}, sep), u64(uint64(rev))...)
}

// List implements claimcharts.Store. With filters it walks the indexes of
// all of them together (see intersect), so a record some filter excludes
// is skipped by that filter's index and never read: an anonymous reader
// asking for a holder's patents, all of them unpublished, costs index
// seeks, not a decode of each patent.
func (s *Store) List(ctx context.Context, q claimcharts.Query) (claimcharts.Page, error) {
	limit := claimcharts.PageLimit(q.Limit)
	var page claimcharts.Page
	err := s.db.View(func(tx *bolt.Tx) error {
		b, err := records(tx, q.Kind)
		if err != nil {
			return err
		}
		next := keyWalker(tx, b, q)
		for k := next(); k != nil; k = next() {
			doc, err := read(b, q.Kind, string(k))
			if err != nil {
				return err
			}
			// Every filter's index holds k; the record's own indexes
			// are checked as well, as they were read.
			if !matches(doc.Indexes, q.Where) {
				continue
			}
			if len(page.Docs) == limit {
				page.Next = page.Docs[limit-1].Key
				return nil
			}
			page.Docs = append(page.Docs, doc)
		}
		return nil
	})
	return page, err
}

// keyWalker returns a function yielding record keys after q.After, in key
// order: every key of the records bucket without filters, else the keys
// found in the index of every filter.
func keyWalker(tx *bolt.Tx, b *bolt.Bucket, q claimcharts.Query) func() []byte {
	if len(q.Where) == 0 {
		c := b.Cursor()
		k, _ := c.Seek([]byte(q.After))
		if k != nil && q.After != "" && string(k) == q.After {
			k, _ = c.Next()
		}
		return func() []byte {
			cur := k
			if cur != nil {
				k, _ = c.Next()
			}
			return cur
		}
	}
	idx := tx.Bucket(indexBucket(q.Kind))
	fields := make([]string, 0, len(q.Where))
	for f := range q.Where {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	ps := make([]*posting, len(fields))
	for i, f := range fields {
		prefix := indexKey(f, q.Where[f], "")
		ps[i] = &posting{c: idx.Cursor(), prefix: prefix, target: prefix}
	}
	return intersect(ps, q.After)
}

// posting is one filter's part of an index: the keys of the records whose
// field holds the value, in key order, after a common prefix.
type posting struct {
	c      *bolt.Cursor
	prefix []byte
	// target is the prefix followed by the key last sought.
	target []byte
}

// seek returns the first record key at or after key in p, or nil past
// its last.
func (p *posting) seek(key []byte) []byte {
	p.target = append(p.target[:len(p.prefix)], key...)
	k, _ := p.c.Seek(p.target)
	if k == nil || !bytes.HasPrefix(k, p.prefix) {
		return nil
	}
	return k[len(p.prefix):]
}

// intersect returns a function yielding, in key order, the record keys
// after after that every posting holds. It leapfrogs: each posting in
// turn seeks to the greatest key seen so far, and a key is yielded once
// every posting has found it, so a run of records one filter excludes is
// passed over in one seek of that filter's index.
func intersect(ps []*posting, after string) func() []byte {
	// from is the least key the next one may be: after followed by NUL,
	// the smallest string above after (record keys hold no NUL).
	from := []byte(after)
	if after != "" {
		from = append(from, 0)
	}
	done := false
	return func() []byte {
		if done {
			return nil
		}
		k, agree := from, 0
		for i := 0; agree < len(ps); i = (i + 1) % len(ps) {
			got := ps[i].seek(k)
			if got == nil {
				done = true
				return nil
			}
			if !bytes.Equal(got, k) {
				agree = 0
			}
			k, agree = got, agree+1
		}
		from = append(append(from[:0], k...), 0)
		return k
	}
}

func matches(idx, where map[string]string) bool {
	for f, v := range where {
		if idx[f] != v {
			return false
		}
	}
	return true
}

// Changes implements claimcharts.Store.
func (s *Store) Changes(ctx context.Context, after uint64, limit int) ([]claimcharts.Change, error) {
	var out []claimcharts.Change
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketChanges).Cursor()
		for k, v := c.Seek(u64(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			var ch claimcharts.Change
			if err := json.Unmarshal(v, &ch); err != nil {
				return claimcharts.Internal(err)
			}
			out = append(out, ch)
		}
		return nil
	})
	return out, err
}

// Audit implements claimcharts.Store.
func (s *Store) Audit(ctx context.Context, kind claimcharts.Kind, key string) ([]claimcharts.AuditEvent, error) {
	var out []claimcharts.AuditEvent
	prefix := auditKey(kind, key, 0)
	prefix = prefix[:len(prefix)-8]
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, v = c.Next() {
			var ev claimcharts.AuditEvent
			if err := json.Unmarshal(v, &ev); err != nil {
				return claimcharts.Internal(err)
			}
			out = append(out, ev)
		}
		return nil
	})
	return out, err
}
