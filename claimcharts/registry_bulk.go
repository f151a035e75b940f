package claimcharts

import (
	"context"
	"time"

	"sepportal/claimcharts/msg"
)

// The exported surface that packages writing records in bulk (lists, dump)
// use: loading records, the checks the API's writes run, and a save that
// records an audit event for an actor. None of these decide who may do
// what: callers ask the rules of access.go (CanWriteHolder, SeesPatent...) or
// require an administrator first.

// Load reads the record kind/key of type T from s, with its stored
// revision, and the document it came from (the prev of a later Save).
func Load[T any, P interface {
	*T
	Record
}](ctx context.Context, s Store, kind Kind, key string) (P, Doc, error) {
	return load[T, P](ctx, s, kind, key)
}

// Save validates rec and writes it over the stored revision prev (a zero
// Doc to create), with an audit event of action for actor, as the
// registry's own writes do. It checks no permission.
func (r *Registry) Save(ctx context.Context, actor Actor, rec Record, prev Doc, action string) error {
	if err := Validate(rec); err != nil {
		return err
	}
	return r.save(ctx, actor, rec, prev, action)
}

// CheckPatent checks that the records a patent refers to exist: its
// holder, its family and its standards, as CreatePatent does.
func (r *Registry) CheckPatent(ctx context.Context, p *Patent) error { return r.checkPatent(ctx, p) }

// CheckFamily checks that a family's holder exists, as CreateFamily does.
func (r *Registry) CheckFamily(ctx context.Context, f *Family) error {
	return r.exists(ctx, KindOrganization, f.Holder, "holder")
}

// CheckChart validates a chart and its meaning against its patent (nil to
// load it) and its standard, as CreateChart does.
func (r *Registry) CheckChart(ctx context.Context, c *Chart, p *Patent) error {
	return r.checkChart(ctx, c, p)
}

// FindPatent loads the patent a number names: by its key, or else, for an
// application number, the patent filed under it. It checks no visibility.
func (r *Registry) FindPatent(ctx context.Context, n Number) (*Patent, Doc, error) {
	p, doc, err := load[Patent](ctx, r.Store, KindPatent, n.Key())
	if ErrorCode(err) != ENOTFOUND || n.Form != FormApplication {
		return p, doc, err
	}
	found, err := r.findPatent(ctx, n.Key())
	if err != nil {
		return nil, Doc{}, err
	}
	return load[Patent](ctx, r.Store, KindPatent, found.Key())
}

// Forbidden is the error for an actor that may not do what (an action of
// the catalog, msg.Act..., with its args): EUNAUTHORIZED for anonymous
// callers, EFORBIDDEN for others.
func Forbidden(actor Actor, what msg.Key, args ...any) error { return forbidden(actor, what, args...) }

// Apply records a status change made at time now; CanMove says whether
// the change is legal.
func (e *Entry) Apply(ch StatusChange, now time.Time) { e.apply(ch, now) }

// ContentHash is the SHA-256 of a record's body, in hex, as audit events
// record it.
func ContentHash(data []byte) string { return hash(data) }

// RequireAdmin returns the error Forbidden gives unless actor is an
// administrator.
func RequireAdmin(actor Actor, what msg.Key) error { return requireAdmin(actor, what) }
