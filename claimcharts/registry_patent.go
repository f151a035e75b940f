package claimcharts

import (
	"cmp"
	"context"

	"sepportal/claimcharts/msg"
)

// PatentKey parses any spelling of a patent number and returns its store key.
func PatentKey(number string) (string, error) {
	n, err := ParseNumber(number)
	if err != nil {
		return "", err
	}
	return n.Key(), nil
}

// Patent returns the patent with any spelling of its number, if actor may see it.
func (r *Registry) Patent(ctx context.Context, actor Actor, number string) (*Patent, error) {
	n, err := ParseNumber(number)
	if err != nil {
		return nil, err
	}
	return r.PatentByNumber(ctx, actor, n)
}

// PatentByNumber is Patent for a number parsed already (the caller needed
// its key too: parsing costs more than reading the patent's key from the
// store); a missing patent is reported by the number as submitted.
func (r *Registry) PatentByNumber(ctx context.Context, actor Actor, n Number) (*Patent, error) {
	p, err := r.findPatent(ctx, n.Key())
	if err != nil {
		return nil, hidden(err, KindPatent, n.Submitted)
	}
	ok, err := r.seesPatent(ctx, actor, p)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, notFound(KindPatent, n.Submitted)
	}
	return p, nil
}

// seesPatent reports whether actor may see p (SeesPatent), reading the
// reviews on p's charts when actor's rights depend on them.
func (r *Registry) seesPatent(ctx context.Context, actor Actor, p *Patent) (bool, error) {
	if ok := SeesPatent(actor, p, nil); ok || !NeedsAssignments(actor) {
		return ok, nil
	}
	page, err := r.Store.List(ctx, Query{Kind: KindChart, Where: map[string]string{"patent": p.Key()}, Limit: MaxLimit})
	if err != nil {
		return false, err
	}
	var charts []string
	for _, d := range page.Docs {
		charts = append(charts, d.Key)
	}
	reviews, err := r.assignments(ctx, actor, charts...)
	if err != nil {
		return false, err
	}
	return SeesPatent(actor, p, reviews), nil
}

// FamilyMembers returns the numbers of the member patents of family id
// that actor may see (seesPatent), found through the family index on
// patents, in key order. The family itself must be visible to actor.
func (r *Registry) FamilyMembers(ctx context.Context, actor Actor, id string) ([]Number, error) {
	if _, err := r.Family(ctx, actor, id); err != nil {
		return nil, err
	}
	out := []Number{}
	for d, err := range Scan(ctx, r.Store, Query{Kind: KindPatent, Where: map[string]string{"family": id}}) {
		if err != nil {
			return nil, err
		}
		p, err := Decode[Patent](d)
		if err != nil {
			return nil, err
		}
		ok, err := r.seesPatent(ctx, actor, p)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, p.Number)
		}
	}
	return out, nil
}

// patentKey resolves any spelling of a patent's number, or of its
// application number, to the patent's store key.
func (r *Registry) patentKey(ctx context.Context, number string) (string, error) {
	key, err := PatentKey(number)
	if err != nil {
		return "", err
	}
	if p, err := r.findPatent(ctx, key); err == nil {
		return p.Key(), nil
	}
	return key, nil
}

// writablePatent resolves the patent a request body names in its "patent"
// field and checks that actor may act for its holder (what, an action of the
// catalog that takes the holder, says how, for the message). A patent actor
// cannot see is reported missing, like a read would.
func (r *Registry) writablePatent(ctx context.Context, actor Actor, number string, what msg.Key) (*Patent, error) {
	key, err := PatentKey(number)
	if err != nil {
		return nil, unreadableNumber("patent", err)
	}
	p, err := r.findPatent(ctx, key)
	if err == nil {
		if ok, serr := r.seesPatent(ctx, actor, p); serr != nil || !ok {
			err = cmp.Or(serr, notFound(KindPatent, number))
		}
	}
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return nil, Says(EINVALID, msg.MissingPatent).With(Because("patent", msg.NotFound, msg.Noun("patent"), quote(number)))
	case err != nil:
		return nil, err
	case !CanWriteHolder(actor, p.Holder):
		return nil, forbidden(actor, what, quote(p.Holder))
	}
	return p, nil
}

// findPatent loads a patent by its key, or else by its application number.
func (r *Registry) findPatent(ctx context.Context, key string) (*Patent, error) {
	p, err := find[Patent](ctx, r.Store, KindPatent, key)
	if ErrorCode(err) != ENOTFOUND {
		return p, err
	}
	page, lerr := r.Store.List(ctx, Query{Kind: KindPatent, Where: map[string]string{"application": key}, Limit: 1})
	if lerr != nil {
		return nil, lerr
	}
	found, lerr := decodePage[Patent](page)
	if lerr != nil || len(found) == 0 {
		return nil, err
	}
	return found[0], nil
}

// Patents lists patents visible to actor, filtered by holder or family.
func (r *Registry) Patents(ctx context.Context, actor Actor, opts ListOptions) ([]*Patent, string, error) {
	return list[Patent](ctx, r.Store, KindPatent, actor, opts)
}

// CreatePatent adds a patent; administrators, or a licensor for its own.
// The number is parsed from p.Number.Submitted; publication happens through
// the pool list (AdmitEntry), never directly.
func (r *Registry) CreatePatent(ctx context.Context, actor Actor, p *Patent) error {
	if !CanWriteHolder(actor, p.Holder) {
		return forbidden(actor, msg.ActAddPatentsOf, quote(p.Holder))
	}
	p.Published = false
	if err := parseSubmitted(p); err != nil {
		return err
	}
	return create(ctx, r, actor, p, func(p *Patent) error { return r.checkPatent(ctx, p) })
}

// UpdatePatent replaces a patent's data; administrators, or a licensor for its own.
func (r *Registry) UpdatePatent(ctx context.Context, actor Actor, number string, ifMatch int64, p *Patent) error {
	key, err := r.patentKey(ctx, number)
	if err != nil {
		return err
	}
	if err := parseSubmitted(p); err != nil {
		return err
	}
	guard := func(old *Patent) error { return guardHolder(actor, old, old.Holder) }
	return update(ctx, r, actor, key, ifMatch, p, guard, func(old, p *Patent) error {
		if !CanWriteHolder(actor, p.Holder) {
			return forbidden(actor, msg.ActGivePatentsTo, quote(p.Holder))
		}
		p.Published = old.Published
		return r.checkPatent(ctx, p)
	})
}

// parseSubmitted derives the canonical number of a patent built in Go with
// only Number.Submitted set (JSON callers get it from Number.UnmarshalJSON).
func parseSubmitted(p *Patent) error {
	if p.Number.Country != "" {
		return nil
	}
	n, err := ParseNumber(p.Number.Submitted)
	if err != nil {
		return unreadableNumber("number", err)
	}
	p.Number = n
	return nil
}

func (r *Registry) checkPatent(ctx context.Context, p *Patent) error {
	if err := r.exists(ctx, KindOrganization, p.Holder, "holder"); err != nil {
		return err
	}
	if err := r.checkFamily(ctx, p); err != nil {
		return err
	}
	return r.allExist(ctx, KindStandard, p.Standards, "standards")
}

// checkFamily checks that the family p names, if any, is one of p's
// holder (Family.Holds). A family of another holder is refused in the
// same words as a family that does not exist, so that the answer tells
// nothing of other organizations' families.
func (r *Registry) checkFamily(ctx context.Context, p *Patent) error {
	if p.Family == "" {
		return nil
	}
	f, err := find[Family](ctx, r.Store, KindFamily, p.Family)
	if err != nil && ErrorCode(err) != ENOTFOUND {
		return err
	}
	if err != nil || !f.Holds(p) {
		return Says(EINVALID, msg.NoHolderFamily).With(Because("family", msg.NoFamilyOf, quote(p.Family), quote(p.Holder)))
	}
	return nil
}

// patentFilter turns a "patent" list filter in any spelling into the key.
func (r *Registry) patentFilter(ctx context.Context, opts ListOptions) (ListOptions, error) {
	n, ok := opts.Where["patent"]
	if !ok || n == "" {
		return opts, nil
	}
	key, err := r.patentKey(ctx, n)
	if err != nil {
		return opts, Says(EINVALID, msg.PatentFilter).With(reasonOf("patent", err))
	}
	opts.Where = with(opts.Where, "patent", key)
	return opts, nil
}
