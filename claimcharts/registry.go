package claimcharts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"sepportal/claimcharts/msg"
)

// Registry applies the domain's rules to reads and writes of the store: who
// may read and write what (the rules of access.go, which the search index
// applies too), what a valid record is, and how records move through the
// workflow. The server and the command line go through it.
type Registry struct {
	Store Store
	// Now returns the current time; tests may fix it.
	Now func() time.Time
}

// NewRegistry returns a Registry over store; its Store counts the writes
// made through it (Writes).
func NewRegistry(store Store) *Registry {
	return &Registry{Store: &countedStore{Store: store}, Now: func() time.Time { return time.Now().UTC() }}
}

// load reads a record of type T and sets its revision from the store.
func load[T any, P interface {
	*T
	Record
}](ctx context.Context, s Store, kind Kind, key string) (P, Doc, error) {
	doc, err := s.Get(ctx, kind, key)
	if err != nil {
		return nil, Doc{}, err
	}
	p, err := Decode[T, P](doc)
	if err != nil {
		return nil, Doc{}, err
	}
	return p, doc, nil
}

// find reads a record of type T, with its revision, for a read that needs
// no more of its document: the store decodes the body straight into the
// record (Store.GetInto), where load decodes the document and then the
// record. Writes use load, whose document carries the bytes the audit
// event hashes.
func find[T any, P interface {
	*T
	Record
}](ctx context.Context, s Store, kind Kind, key string) (P, error) {
	p := P(new(T))
	doc, err := s.GetInto(ctx, kind, key, p)
	if err != nil {
		return nil, err
	}
	p.meta().Rev = doc.Rev
	return p, nil
}

// decodePage decodes a page of records of type T.
func decodePage[T any, P interface {
	*T
	Record
}](page Page) ([]P, error) {
	out := make([]P, 0, len(page.Docs))
	for _, d := range page.Docs {
		p, err := Decode[T, P](d)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// save writes rec over the revision prev (zero Doc to create), recording an
// audit event for actor. It sets the record's times and new revision.
func (r *Registry) save(ctx context.Context, actor Actor, rec Record, prev Doc, action string) error {
	now := r.Now()
	m := rec.meta()
	if prev.Rev == 0 {
		m.CreatedAt = now
	}
	m.UpdatedAt = now
	m.Rev = prev.Rev + 1
	data, err := json.Marshal(rec)
	if err != nil {
		return Internal(err)
	}
	idx := DocIndexes(rec)
	ev := AuditEvent{Kind: rec.Kind(), Key: rec.Key(), Rev: m.Rev, Action: action,
		Actor: actor.String(), At: now, HashAfter: hash(data)}
	if prev.Rev > 0 {
		ev.HashBefore = hash(prev.Data)
	}
	doc, err := r.Store.Put(ctx, Doc{Kind: rec.Kind(), Key: rec.Key(), Rev: prev.Rev, Indexes: idx, Data: data, Updated: now}, ev)
	if err != nil {
		return err
	}
	m.Rev = doc.Rev
	return nil
}

// loadForWrite loads the record kind/key for a change by a caller allowed
// to see it: a missing record is not found under the name the caller gave,
// and the caller's revision (If-Match, 0 when not given) must be the
// stored one. Writes that first ask whether the caller may see the record
// load it, guard it, then checkRev.
func loadForWrite[T any, P interface {
	*T
	Record
}](ctx context.Context, s Store, kind Kind, key, name string, ifMatch int64) (P, Doc, error) {
	p, doc, err := load[T, P](ctx, s, kind, key)
	if err != nil {
		return nil, Doc{}, hidden(err, kind, name)
	}
	if err := checkRev(doc.Rev, ifMatch); err != nil {
		return nil, Doc{}, err
	}
	return p, doc, nil
}

// checkRev returns EPRECONDITION when the caller's revision (from If-Match)
// is not the stored one. ifMatch 0 means the caller did not say.
func checkRev(stored, ifMatch int64) error {
	if ifMatch != 0 && ifMatch != stored {
		return Says(EPRECONDITION, msg.StaleRevision, stored, ifMatch)
	}
	return nil
}

func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ListOptions is what a caller asks of a list.
type ListOptions struct {
	Where map[string]string
	After string
	Limit int
}

// list returns one page of records of kind that actor may see
// (ListWhere); some still need their view for actor.
func list[T any, P interface {
	*T
	Record
}](ctx context.Context, s Store, kind Kind, actor Actor, opts ListOptions) ([]P, string, error) {
	page, err := s.List(ctx, Query{Kind: kind, Where: ListWhere(actor, kind, opts.Where), After: opts.After, Limit: opts.Limit})
	if err != nil {
		return nil, "", err
	}
	items, err := decodePage[T, P](page)
	return items, page.Next, err
}

// Audit returns the audit trail of a record; administrators only.
func (r *Registry) Audit(ctx context.Context, actor Actor, kind Kind, key string) ([]AuditEvent, error) {
	if !actor.IsAdmin() {
		return nil, forbidden(actor, msg.ActReadAudit)
	}
	if _, err := r.Store.Get(ctx, kind, key); err != nil {
		return nil, err
	}
	return r.Store.Audit(ctx, kind, key)
}

// forbidden returns EUNAUTHORIZED for anonymous callers and EFORBIDDEN for
// others, saying what they tried: the catalog's action what (msg.Act...)
// with its args, shown in the caller's language.
func forbidden(actor Actor, what msg.Key, args ...any) error {
	act := msg.Says(what, args...)
	if actor.Anonymous() {
		return Says(EUNAUTHORIZED, msg.SignInTo, act)
	}
	return Says(EFORBIDDEN, msg.RoleMayNot, msg.Noun(actor.Role), act)
}

// notFound is the error for a record that does not exist or that the caller
// may not see: the two are indistinguishable on purpose.
func notFound(kind Kind, key string) error {
	return Says(ENOTFOUND, msg.NotFound, msg.Noun(kind), quote(key))
}

// hidden maps a not-found or invisible record to the same ENOTFOUND.
func hidden(err error, kind Kind, key string) error {
	if ErrorCode(err) == ENOTFOUND {
		return notFound(kind, key)
	}
	return err
}
