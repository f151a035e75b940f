package claimcharts

import (
	"context"
	"encoding/json"
	"iter"
	"strings"
	"time"

	"sepportal/claimcharts/msg"
)

// Store keeps versioned records by kind and key, with an audit trail and a
// change feed. Both implementations (claimcharts/bolt, claimcharts/mongo) are
// held to one contract test suite (claimcharts/storetest).
//
// Stores never delete: records are superseded, withdrawn or removed by
// writing a new revision.
type Store interface {
	// Get returns the current revision of a record, or ENOTFOUND.
	Get(ctx context.Context, kind Kind, key string) (Doc, error)
	// GetInto reads the current revision of a record as Get does and
	// decodes its body into rec (a pointer) as json.Unmarshal would,
	// returning the document without its Data: what a read that needs
	// the record but not its bytes asks for. A store that keeps the body
	// inside an encoded envelope (the embedded store) decodes it straight
	// into rec, in one pass where Get and Unmarshal make two; the others
	// use GetThenDecode.
	GetInto(ctx context.Context, kind Kind, key string, rec any) (Doc, error)
	// Put writes doc if the stored revision is doc.Rev: 0 creates the record
	// (ECONFLICT if it exists), n > 0 replaces revision n (EPRECONDITION if
	// the stored revision differs, ENOTFOUND if there is none). The record,
	// its audit event and its change-feed entry are written together. Put
	// returns the new document, with its revision and sequence number.
	Put(ctx context.Context, doc Doc, ev AuditEvent) (Doc, error)
	// PutMany writes a batch of documents, each as Put would. The embedded
	// store commits the batch in one transaction: all or nothing. MongoDB
	// writes the documents in order, each atomic on its own, and stops at
	// the first failure; the documents written before it stay written. Both
	// return the written documents with the error.
	PutMany(ctx context.Context, writes []Write) ([]Doc, error)
	// List returns records of a kind in key order, after the cursor, filtered
	// by secondary keys (all must match).
	List(ctx context.Context, q Query) (Page, error)
	// Changes returns change-feed entries with sequence numbers above after,
	// in order, at most limit of them.
	Changes(ctx context.Context, after uint64, limit int) ([]Change, error)
	// Audit returns a record's audit events, oldest first.
	Audit(ctx context.Context, kind Kind, key string) ([]AuditEvent, error)
	// Ping reports whether the store is reachable.
	Ping(ctx context.Context) error
	// Close releases the store.
	Close() error
}

// Doc is a stored record: its JSON body with the store's bookkeeping.
type Doc struct {
	Kind    Kind              `json:"kind"`
	Key     string            `json:"key"`
	Rev     int64             `json:"rev"`
	Seq     uint64            `json:"seq"`
	Indexes map[string]string `json:"indexes,omitempty"`
	Data    json.RawMessage   `json:"data"`
	Updated time.Time         `json:"updated"`
}

// GetThenDecode is Store.GetInto for a store whose Get hands the body
// over as it is kept (no decode of it): Get, then one json.Unmarshal of
// Data into rec. A body that does not decode is EINTERNAL.
func GetThenDecode(ctx context.Context, s Store, kind Kind, key string, rec any) (Doc, error) {
	doc, err := s.Get(ctx, kind, key)
	if err != nil {
		return Doc{}, err
	}
	if err := json.Unmarshal(doc.Data, rec); err != nil {
		return Doc{}, Internal(err)
	}
	doc.Data = nil
	return doc, nil
}

// Write is one document of a PutMany batch with its audit event.
type Write struct {
	Doc   Doc
	Event AuditEvent
}

// Query selects records for List.
type Query struct {
	Kind Kind
	// Where holds secondary keys that must all match.
	Where map[string]string
	// After is the cursor: the key of the last record of the previous page.
	After string
	// Limit caps the page; 0 means DefaultLimit, more than MaxLimit is MaxLimit.
	Limit int
}

// Page is one page of a list.
type Page struct {
	Docs []Doc
	// Next is the cursor of the next page, "" at the end.
	Next string
}

// List limits.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// PageLimit returns the effective page size of a requested limit.
func PageLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// Scan yields every record q selects, in key order, reading the store a
// page at a time (q.Limit is the page size; 0 means MaxLimit). It stops at
// the first error, which it yields with a zero Doc.
func Scan(ctx context.Context, s Store, q Query) iter.Seq2[Doc, error] {
	if q.Limit <= 0 {
		q.Limit = MaxLimit
	}
	return func(yield func(Doc, error) bool) {
		for {
			page, err := s.List(ctx, q)
			if err != nil {
				yield(Doc{}, err)
				return
			}
			for _, d := range page.Docs {
				if !yield(d, nil) {
					return
				}
			}
			if page.Next == "" {
				return
			}
			q.After = page.Next
		}
	}
}

// Change is a change-feed entry: record kind/key reached revision Rev.
type Change struct {
	Seq  uint64 `json:"seq"`
	Kind Kind   `json:"kind"`
	Key  string `json:"key"`
	Rev  int64  `json:"rev"`
}

// AuditEvent records who did what to which record, when, with the SHA-256
// of the record's body before and after.
type AuditEvent struct {
	Kind       Kind      `json:"kind"`
	Key        string    `json:"key"`
	Rev        int64     `json:"rev"`
	Action     string    `json:"action"`
	Actor      string    `json:"actor"`
	At         time.Time `json:"at"`
	HashBefore string    `json:"hash_before,omitempty"`
	HashAfter  string    `json:"hash_after"`
}

// CheckDoc checks what every store requires of a document before a write:
// a non-empty key of at most 512 bytes, and no NUL byte in the key or in an
// index field or value.
func CheckDoc(doc Doc) error {
	if doc.Key == "" || len(doc.Key) > 512 || strings.IndexByte(doc.Key, 0) >= 0 {
		return Says(EINVALID, msg.KeyShape, doc.Key)
	}
	for f, v := range doc.Indexes {
		if f == "" || strings.IndexByte(f, 0) >= 0 || strings.IndexByte(v, 0) >= 0 {
			return Says(EINVALID, msg.IndexShape, f, msg.Noun(doc.Kind), doc.Key)
		}
	}
	return nil
}
