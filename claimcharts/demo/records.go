package demo

import (
	"context"
	"fmt"

	"sepportal/claimcharts"
)

// loader writes a catalog through a registry, skipping what exists.
type loader struct {
	reg *claimcharts.Registry
	cat *catalog
}

// licensor is the actor a licensor's bot token stands for.
func licensor(org string) claimcharts.Actor {
	return claimcharts.Actor{ID: org + "-bot", Role: claimcharts.RoleLicensor, Organization: org}
}

// reviewer is the actor a reviewer's token stands for.
func reviewer(id string) claimcharts.Actor {
	return claimcharts.Actor{ID: id, Role: claimcharts.RoleReviewer}
}

// exists reports whether the store holds kind/key.
func (l *loader) exists(ctx context.Context, kind claimcharts.Kind, key string) (bool, error) {
	_, err := l.reg.Store.Get(ctx, kind, key)
	switch claimcharts.ErrorCode(err) {
	case "":
		return true, nil
	case claimcharts.ENOTFOUND:
		return false, nil
	}
	return false, err
}

// ensure runs create unless rec is stored already.
func (l *loader) ensure(ctx context.Context, rec claimcharts.Record, create func() error) error {
	ok, err := l.exists(ctx, rec.Kind(), rec.Key())
	if err == nil && !ok {
		err = create()
	}
	if err != nil {
		return fmt.Errorf("demo: %s %s: %w", rec.Kind(), rec.Key(), err)
	}
	return nil
}

func (l *loader) organizations(ctx context.Context) error {
	for _, o := range l.cat.Organizations {
		o.Demo = true
		if err := l.ensure(ctx, o, func() error { return l.reg.CreateOrganization(ctx, claimcharts.System, o) }); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) standards(ctx context.Context) error {
	for _, s := range l.cat.Standards {
		s.Demo = true
		if err := l.ensure(ctx, s, func() error { return l.reg.CreateStandard(ctx, claimcharts.System, s) }); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) pools(ctx context.Context) error {
	for _, p := range l.cat.Pools {
		p.Demo = true
		if err := l.ensure(ctx, p, func() error { return l.reg.CreatePool(ctx, claimcharts.System, p) }); err != nil {
			return err
		}
	}
	return nil
}

// families creates each family and its patents, then takes each patent
// through its scenario.
func (l *loader) families(ctx context.Context) error {
	for _, f := range l.cat.Families {
		fam := &claimcharts.Family{ID: f.ID, Holder: f.Holder, Title: f.Title}
		fam.Demo = true
		if err := l.ensure(ctx, fam, func() error { return l.reg.CreateFamily(ctx, licensor(f.Holder), fam) }); err != nil {
			return err
		}
		for _, m := range f.Members {
			if err := l.patent(ctx, f, m); err != nil {
				return err
			}
			if err := l.member(ctx, f, m); err != nil {
				return fmt.Errorf("demo: patent %s: %w", m.Number, err)
			}
		}
	}
	return nil
}

// patent creates a member's patent record. The number is parsed here:
// CreatePatent keys the record by Number.Key and does not parse
// Number.Submitted itself.
func (l *loader) patent(ctx context.Context, f *family, m *member) error {
	n, err := claimcharts.ParseNumber(m.Number)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	p := &claimcharts.Patent{Number: n, Family: f.ID, Holder: f.Holder, Type: m.Type, EvaluationReport: m.EvaluationReport,
		Title: f.Title, Abstract: f.Abstract, Claims: f.claims(), Dates: m.Dates, LegalStatus: m.LegalStatus,
		Standards: []string{f.Standard}}
	if p.Type == "" {
		p.Type = "invention"
	}
	p.Demo = true
	return l.ensure(ctx, p, func() error { return l.reg.CreatePatent(ctx, licensor(f.Holder), p) })
}
