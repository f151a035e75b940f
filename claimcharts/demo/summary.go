package demo

import (
	"context"

	"sepportal/claimcharts"
)

// summary counts the catalog's records that exist, and the reviews,
// determinations and entries of its pools.
func (l *loader) summary(ctx context.Context) (Summary, error) {
	var s Summary
	var keys []claimcharts.Record
	for _, o := range l.cat.Organizations {
		keys = append(keys, o)
	}
	for _, st := range l.cat.Standards {
		keys = append(keys, st)
	}
	for _, p := range l.cat.Pools {
		keys = append(keys, p)
	}
	counts := map[claimcharts.Kind]int{}
	for _, rec := range keys {
		if err := l.countKey(ctx, counts, rec.Kind(), rec.Key()); err != nil {
			return s, err
		}
	}
	for _, f := range l.cat.Families {
		if err := l.countFamily(ctx, counts, f); err != nil {
			return s, err
		}
	}
	for _, p := range l.cat.Pools {
		for _, kind := range []claimcharts.Kind{claimcharts.KindReview, claimcharts.KindDetermination, claimcharts.KindEntry} {
			n, err := l.count(ctx, claimcharts.Query{Kind: kind, Where: map[string]string{"pool": p.Slug}})
			if err != nil {
				return s, err
			}
			counts[kind] += n
		}
	}
	admitted, err := l.count(ctx, claimcharts.Query{Kind: claimcharts.KindEntry,
		Where: map[string]string{"pool": PoolSlug, "status": claimcharts.EntryAdmitted}})
	return Summary{Organizations: counts[claimcharts.KindOrganization], Standards: counts[claimcharts.KindStandard],
		Pools: counts[claimcharts.KindPool], Families: counts[claimcharts.KindFamily], Patents: counts[claimcharts.KindPatent],
		Charts: counts[claimcharts.KindChart], Reviews: counts[claimcharts.KindReview], Determinations: counts[claimcharts.KindDetermination],
		Entries: counts[claimcharts.KindEntry], Admitted: admitted}, err
}

// countFamily counts a family, its patents and their charts.
func (l *loader) countFamily(ctx context.Context, counts map[claimcharts.Kind]int, f *family) error {
	if err := l.countKey(ctx, counts, claimcharts.KindFamily, f.ID); err != nil {
		return err
	}
	for _, m := range f.Members {
		if err := l.countKey(ctx, counts, claimcharts.KindPatent, m.key); err != nil {
			return err
		}
		if err := l.countKey(ctx, counts, claimcharts.KindChart, claimcharts.ChartID(m.key, 1, f.Standard)); err != nil {
			return err
		}
	}
	return nil
}

// countKey adds one to counts[kind] when kind/key exists.
func (l *loader) countKey(ctx context.Context, counts map[claimcharts.Kind]int, kind claimcharts.Kind, key string) error {
	ok, err := l.exists(ctx, kind, key)
	if ok {
		counts[kind]++
	}
	return err
}

// count counts the records a query selects, page by page.
func (l *loader) count(ctx context.Context, q claimcharts.Query) (int, error) {
	n := 0
	for _, err := range claimcharts.Scan(ctx, l.reg.Store, q) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
