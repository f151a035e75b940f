package claimcharts

import "time"

// Kind names a type of record in the store.
type Kind string

// The kinds of record the registry keeps.
const (
	KindPool          Kind = "pool"
	KindOrganization  Kind = "organization"
	KindStandard      Kind = "standard"
	KindPatent        Kind = "patent"
	KindFamily        Kind = "family"
	KindChart         Kind = "chart"
	KindReview        Kind = "review"
	KindDetermination Kind = "determination"
	KindEntry         Kind = "entry"
	KindToken         Kind = "token"
)

// Kinds lists every kind, in the order a full dump restores them (records
// that others refer to come first).
var Kinds = []Kind{KindOrganization, KindStandard, KindPool, KindFamily, KindPatent,
	KindChart, KindReview, KindDetermination, KindEntry, KindToken}

// Meta is the bookkeeping every record carries. The store owns Rev; the
// registry sets the times and actors. Clients may send Rev but it is ignored:
// the revision they build on travels in If-Match.
type Meta struct {
	Rev       int64     `json:"rev"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Demo      bool      `json:"demo,omitempty"`
}

// Record is implemented by every stored domain type.
type Record interface {
	// Kind is the record's kind.
	Kind() Kind
	// Key is the record's natural key, unique within its kind.
	Key() string
	// Indexes returns the secondary keys the store maintains for typed
	// queries ("pool" → slug, "reviewer" → id...).
	Indexes() map[string]string
	// Public reports whether anonymous callers may read the record.
	Public() bool
	meta() *Meta
}

func (m *Meta) meta() *Meta { return m }

// StoredRev returns the record's revision, the number its ETag carries.
func (m Meta) StoredRev() int64 { return m.Rev }
