package claimcharts

import (
	"context"
	"encoding/json"
	"time"
)

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
	KindChallenge     Kind = "challenge"
	KindWebhook       Kind = "webhook"
	KindDelivery      Kind = "delivery"
)

// Kinds lists every kind, in the order a full dump restores them (records
// that others refer to come first).
var Kinds = []Kind{KindOrganization, KindStandard, KindPool, KindFamily, KindPatent,
	KindChart, KindReview, KindDetermination, KindEntry, KindToken, KindChallenge, KindWebhook, KindDelivery, KindFeedToken}

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

// UpdatedAt returns when rec was last written, as its data says.
func UpdatedAt(rec Record) time.Time { return rec.meta().UpdatedAt }

// Decode reads a stored document as a record of type T, with its revision.
func Decode[T any, P interface {
	*T
	Record
}](d Doc) (P, error) {
	p := P(new(T))
	if err := json.Unmarshal(d.Data, p); err != nil {
		return nil, Internal(err)
	}
	p.meta().Rev = d.Rev
	return p, nil
}

// NewRecord returns an empty record of kind, nil for an unknown kind.
func NewRecord(kind Kind) Record {
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
	case KindChallenge:
		return &Challenge{}
	case KindWebhook:
		return &Webhook{}
	case KindDelivery:
		return &Delivery{}
	case KindFeedToken:
		return &FeedToken{}
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

// All reads every record of a kind, for the kinds that stay small
// (organizations, standards).
func All[T any, P interface {
	*T
	Record
}](ctx context.Context, s Store, kind Kind) ([]P, error) {
	var out []P
	for d, err := range Scan(ctx, s, Query{Kind: kind}) {
		if err != nil {
			return nil, err
		}
		p, err := Decode[T, P](d)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
