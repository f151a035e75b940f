package claimcharts

import (
	"context"

	"sepportal/claimcharts/msg"
)

// create validates rec, runs the kind's own checks and writes it as a new record.
func create[T any, P interface {
	*T
	Record
}](ctx context.Context, r *Registry, actor Actor, rec P, check func(P) error) error {
	if err := Validate(rec); err != nil {
		return err
	}
	if check != nil {
		if err := check(rec); err != nil {
			return err
		}
	}
	return r.save(ctx, actor, rec, Doc{}, "create")
}

// update replaces the record at key with rec, after checking that actor may
// write it (guard, nil for callers checked already; it runs before anything
// else so that a refusal reveals no more than a read would), the caller's
// revision, that the key did not change, and the kind's own rules, which see
// the old and the new record and may carry fields over.
func update[T any, P interface {
	*T
	Record
}](ctx context.Context, r *Registry, actor Actor, key string, ifMatch int64, rec P, guard func(old P) error, check func(old, rec P) error) error {
	old, doc, err := load[T, P](ctx, r.Store, rec.Kind(), key)
	if err != nil {
		return hidden(err, rec.Kind(), key)
	}
	if guard != nil {
		if err := guard(old); err != nil {
			return err
		}
	}
	if err := checkRev(doc.Rev, ifMatch); err != nil {
		return err
	}
	if rec.Key() != key {
		return Says(EINVALID, msg.OtherRecord).With(Because(keyField(rec.Kind()), msg.KeyChanged, rec.Key(), key))
	}
	m := rec.meta()
	m.CreatedAt, m.Demo = old.meta().CreatedAt, old.meta().Demo || m.Demo
	if err := Validate(rec); err != nil {
		return err
	}
	if check != nil {
		if err := check(old, rec); err != nil {
			return err
		}
	}
	return r.save(ctx, actor, rec, doc, "update")
}

// guardHolder lets actor write a record held by holder: administrators and
// the holder's licensors may; others get not-found for a record they cannot
// see and forbidden for one they can.
func guardHolder(actor Actor, rec Record, holder string) error {
	if CanWriteHolder(actor, holder) {
		return nil
	}
	if !rec.Public() {
		return notFound(rec.Kind(), rec.Key())
	}
	return forbidden(actor, msg.ActChangeHeldBy, quote(holder))
}

// keyField names the body field that holds a kind's key.
func keyField(k Kind) string {
	switch k {
	case KindPatent:
		return "number"
	case KindFamily, KindChart, KindReview, KindDetermination, KindToken, KindChallenge, KindWebhook, KindDelivery, KindFeedToken:
		return "id"
	case KindEntry:
		return "patent"
	}
	return "slug"
}

// requireAdmin returns an error unless actor is an administrator.
func requireAdmin(actor Actor, what msg.Key) error {
	if !actor.IsAdmin() {
		return forbidden(actor, what)
	}
	return nil
}

// exists returns EINVALID naming field when kind/key does not exist.
func (r *Registry) exists(ctx context.Context, kind Kind, key, field string) error {
	if _, err := r.Store.Get(ctx, kind, key); err != nil {
		if ErrorCode(err) == ENOTFOUND {
			return Says(EINVALID, msg.MissingRecord, msg.Noun(kind)).With(Because(field, msg.NotFound, msg.Noun(kind), quote(key)))
		}
		return err
	}
	return nil
}

// allExist checks a list of references with exists.
func (r *Registry) allExist(ctx context.Context, kind Kind, keys []string, field string) error {
	for i, k := range keys {
		if err := r.exists(ctx, kind, k, path(field, i)); err != nil {
			return err
		}
	}
	return nil
}
