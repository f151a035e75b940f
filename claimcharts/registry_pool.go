package claimcharts

import (
	"context"

	"sepportal/claimcharts/msg"
)

// Pool returns a pool; unpublished pools are visible to administrators only.
func (r *Registry) Pool(ctx context.Context, actor Actor, slug string) (*Pool, error) {
	p, err := find[Pool](ctx, r.Store, KindPool, slug)
	if err != nil {
		return nil, hidden(err, KindPool, slug)
	}
	if !SeesPool(actor, p) {
		return nil, notFound(KindPool, slug)
	}
	return p, nil
}

// Pools lists pools visible to actor.
func (r *Registry) Pools(ctx context.Context, actor Actor, opts ListOptions) ([]*Pool, string, error) {
	return list[Pool](ctx, r.Store, KindPool, actor, opts)
}

// CreatePool creates a pool; administrators only.
func (r *Registry) CreatePool(ctx context.Context, actor Actor, p *Pool) error {
	if err := requireAdmin(actor, msg.ActCreatePools); err != nil {
		return err
	}
	return create(ctx, r, actor, p, func(p *Pool) error { return r.checkPool(ctx, p) })
}

// UpdatePool replaces a pool; administrators only.
func (r *Registry) UpdatePool(ctx context.Context, actor Actor, slug string, ifMatch int64, p *Pool) error {
	if err := requireAdmin(actor, msg.ActChangePools); err != nil {
		return err
	}
	return update(ctx, r, actor, slug, ifMatch, p, nil, func(old, p *Pool) error {
		if old.Status == StatusPublished && p.Status == StatusDraft {
			return Illegal([]string{StatusPublished}, msg.PoolPublished, slug)
		}
		return r.checkPool(ctx, p)
	})
}

func (r *Registry) checkPool(ctx context.Context, p *Pool) error {
	if err := r.allExist(ctx, KindStandard, p.Standards, "standards"); err != nil {
		return err
	}
	if p.Administrator != "" {
		if err := r.exists(ctx, KindOrganization, p.Administrator, "administrator"); err != nil {
			return err
		}
	}
	if err := r.allExist(ctx, KindOrganization, p.Licensors, "licensors"); err != nil {
		return err
	}
	return r.allExist(ctx, KindOrganization, p.Licensees, "licensees")
}

// Organization returns an organization.
func (r *Registry) Organization(ctx context.Context, actor Actor, slug string) (*Organization, error) {
	o, err := find[Organization](ctx, r.Store, KindOrganization, slug)
	return o, hidden(err, KindOrganization, slug)
}

// Organizations lists organizations.
func (r *Registry) Organizations(ctx context.Context, actor Actor, opts ListOptions) ([]*Organization, string, error) {
	return list[Organization](ctx, r.Store, KindOrganization, actor, opts)
}

// CreateOrganization creates an organization; administrators only.
func (r *Registry) CreateOrganization(ctx context.Context, actor Actor, o *Organization) error {
	if err := requireAdmin(actor, msg.ActCreateOrgs); err != nil {
		return err
	}
	return create[Organization](ctx, r, actor, o, nil)
}

// UpdateOrganization replaces an organization; administrators only.
func (r *Registry) UpdateOrganization(ctx context.Context, actor Actor, slug string, ifMatch int64, o *Organization) error {
	if err := requireAdmin(actor, msg.ActChangeOrgs); err != nil {
		return err
	}
	return update[Organization](ctx, r, actor, slug, ifMatch, o, nil, nil)
}

// Standard returns a standard with its references.
func (r *Registry) Standard(ctx context.Context, actor Actor, slug string) (*Standard, error) {
	s, err := find[Standard](ctx, r.Store, KindStandard, slug)
	return s, hidden(err, KindStandard, slug)
}

// Standards lists standards.
func (r *Registry) Standards(ctx context.Context, actor Actor, opts ListOptions) ([]*Standard, string, error) {
	return list[Standard](ctx, r.Store, KindStandard, actor, opts)
}

// CreateStandard creates a standard; administrators only.
func (r *Registry) CreateStandard(ctx context.Context, actor Actor, s *Standard) error {
	if err := requireAdmin(actor, msg.ActCreateStandards); err != nil {
		return err
	}
	return create[Standard](ctx, r, actor, s, nil)
}

// UpdateStandard replaces a standard; administrators only. References that
// a chart maps to cannot be dropped: the check is on the charts' side when
// they are next revised, so published charts keep pointing at what they quoted.
func (r *Registry) UpdateStandard(ctx context.Context, actor Actor, slug string, ifMatch int64, s *Standard) error {
	if err := requireAdmin(actor, msg.ActChangeStandards); err != nil {
		return err
	}
	return update(ctx, r, actor, slug, ifMatch, s, nil, func(old, s *Standard) error {
		refs := s.ReferenceLookup()
		for _, ref := range old.References {
			if _, ok := refs(ref.Label); !ok {
				return Says(EINVALID, msg.ReferencesKept).With(Because("references", msg.ReferenceMissing, ref.Label))
			}
		}
		return nil
	})
}

// AddReference appends a reference to a standard; administrators only.
func (r *Registry) AddReference(ctx context.Context, actor Actor, slug string, ifMatch int64, ref Reference) (*Standard, error) {
	if err := requireAdmin(actor, msg.ActChangeStandards); err != nil {
		return nil, err
	}
	s, doc, err := loadForWrite[Standard](ctx, r.Store, KindStandard, slug, slug, ifMatch)
	if err != nil {
		return nil, err
	}
	if _, ok := s.Reference(ref.Label); ok {
		return nil, Says(ECONFLICT, msg.HasReference, slug, quote(ref.Label))
	}
	s.References = append(s.References, ref)
	if err := Validate(s); err != nil {
		return nil, err
	}
	return s, r.save(ctx, actor, s, doc, "update")
}

// Family returns a family visible to actor.
func (r *Registry) Family(ctx context.Context, actor Actor, id string) (*Family, error) {
	f, err := find[Family](ctx, r.Store, KindFamily, id)
	if err != nil {
		return nil, hidden(err, KindFamily, id)
	}
	if !SeesFamily(actor, f) {
		return nil, notFound(KindFamily, id)
	}
	return f, nil
}

// Families lists families visible to actor.
func (r *Registry) Families(ctx context.Context, actor Actor, opts ListOptions) ([]*Family, string, error) {
	return list[Family](ctx, r.Store, KindFamily, actor, opts)
}

// CreateFamily creates a family; administrators, or a licensor for its own.
func (r *Registry) CreateFamily(ctx context.Context, actor Actor, f *Family) error {
	if !CanWriteHolder(actor, f.Holder) {
		return forbidden(actor, msg.ActCreateFamiliesFor, f.Holder)
	}
	f.Published = false
	return create(ctx, r, actor, f, func(f *Family) error { return r.exists(ctx, KindOrganization, f.Holder, "holder") })
}

// UpdateFamily replaces a family; administrators, or a licensor for its own.
func (r *Registry) UpdateFamily(ctx context.Context, actor Actor, id string, ifMatch int64, f *Family) error {
	guard := func(old *Family) error { return guardHolder(actor, old, old.Holder) }
	return update(ctx, r, actor, id, ifMatch, f, guard, func(old, f *Family) error {
		if !CanWriteHolder(actor, f.Holder) {
			return forbidden(actor, msg.ActGiveFamiliesTo, quote(f.Holder))
		}
		f.Published = old.Published
		return r.exists(ctx, KindOrganization, f.Holder, "holder")
	})
}
