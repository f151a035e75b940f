package search

import (
	"context"
	"encoding/json"
	"strings"

	"sepportal/claimcharts"
)

// source reads the records documents are derived from. It caches pools,
// standards and organizations, which many documents share, for the life
// of one pass.
type source struct {
	store     claimcharts.Store
	pools     map[string]*claimcharts.Pool
	standards map[string]*claimcharts.Standard
	orgs      map[string]*claimcharts.Organization
}

func newSource(store claimcharts.Store) *source {
	return &source{store: store, pools: map[string]*claimcharts.Pool{}, standards: map[string]*claimcharts.Standard{},
		orgs: map[string]*claimcharts.Organization{}}
}

// org reads an organization, the holder whose names find its patents.
func (s *source) org(ctx context.Context, slug string) (*claimcharts.Organization, error) {
	if o, ok := s.orgs[slug]; ok {
		return o, nil
	}
	o, err := get[claimcharts.Organization](ctx, s.store, claimcharts.KindOrganization, slug)
	if err == nil {
		s.orgs[slug] = o
	}
	return o, err
}

// get reads one record; a missing record is (nil, nil).
func get[T any](ctx context.Context, s claimcharts.Store, kind claimcharts.Kind, key string) (*T, error) {
	d, err := s.Get(ctx, kind, key)
	if claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return decode[T](d)
}

func decode[T any](d claimcharts.Doc) (*T, error) {
	v := new(T)
	if err := json.Unmarshal(d.Data, v); err != nil {
		return nil, claimcharts.Internal(err)
	}
	return v, nil
}

// listAll reads every record a query selects, page by page.
func listAll[T any](ctx context.Context, s claimcharts.Store, kind claimcharts.Kind, where map[string]string) ([]*T, error) {
	var out []*T
	for d, err := range claimcharts.Scan(ctx, s, claimcharts.Query{Kind: kind, Where: where}) {
		if err != nil {
			return nil, err
		}
		v, err := decode[T](d)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// eachPage calls fn with the records q selects, claimcharts.MaxLimit at a
// time (the last batch may hold fewer); fn may keep the slice.
func eachPage(ctx context.Context, s claimcharts.Store, q claimcharts.Query, fn func([]claimcharts.Doc) error) error {
	var page []claimcharts.Doc
	for d, err := range claimcharts.Scan(ctx, s, q) {
		if err != nil {
			return err
		}
		if page = append(page, d); len(page) == claimcharts.MaxLimit {
			if err := fn(page); err != nil {
				return err
			}
			page = nil
		}
	}
	if len(page) > 0 {
		if err := fn(page); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (s *source) pool(ctx context.Context, slug string) (*claimcharts.Pool, error) {
	if p, ok := s.pools[slug]; ok {
		return p, nil
	}
	p, err := get[claimcharts.Pool](ctx, s.store, claimcharts.KindPool, slug)
	if err == nil {
		s.pools[slug] = p
	}
	return p, err
}

func (s *source) standard(ctx context.Context, slug string) (*claimcharts.Standard, error) {
	if st, ok := s.standards[slug]; ok {
		return st, nil
	}
	st, err := get[claimcharts.Standard](ctx, s.store, claimcharts.KindStandard, slug)
	if err == nil {
		s.standards[slug] = st
	}
	return st, err
}

// unit is everything the documents of one patent are derived from: the
// patent, its pool entries and their pools, the challenges to them, its
// published determinations,
// its charts with their reviews, and the charts' standards.
type unit struct {
	key     string
	patent  *claimcharts.Patent
	entries []*claimcharts.Entry
	pools   map[string]*claimcharts.Pool
	dets    []*claimcharts.Determination
	// challenges are the challenges to the patent's place on the lists.
	challenges []*claimcharts.Challenge
	charts     []*claimcharts.Chart
	reviews    map[string][]*claimcharts.Review // by chart id
	standards  map[string]*claimcharts.Standard
	// holder is the patent's holder; nil when the store has none.
	holder *claimcharts.Organization
}

// loadUnit reads the unit of patent key; nil when the patent does not exist.
func (s *source) loadUnit(ctx context.Context, key string) (*unit, error) {
	p, err := get[claimcharts.Patent](ctx, s.store, claimcharts.KindPatent, key)
	if err != nil || p == nil {
		return nil, err
	}
	return s.unitOf(ctx, p)
}

// unitOf reads the rest of the unit of patent p.
func (s *source) unitOf(ctx context.Context, p *claimcharts.Patent) (*unit, error) {
	var err error
	key := p.Key()
	u := &unit{key: key, patent: p, pools: map[string]*claimcharts.Pool{}, reviews: map[string][]*claimcharts.Review{},
		standards: map[string]*claimcharts.Standard{}}
	if u.holder, err = s.org(ctx, p.Holder); err != nil {
		return nil, err
	}
	where := map[string]string{"patent": key}
	if u.entries, err = listAll[claimcharts.Entry](ctx, s.store, claimcharts.KindEntry, where); err != nil {
		return nil, err
	}
	if u.dets, err = listAll[claimcharts.Determination](ctx, s.store, claimcharts.KindDetermination, where); err != nil {
		return nil, err
	}
	if u.charts, err = listAll[claimcharts.Chart](ctx, s.store, claimcharts.KindChart, where); err != nil {
		return nil, err
	}
	if u.challenges, err = listAll[claimcharts.Challenge](ctx, s.store, claimcharts.KindChallenge, where); err != nil {
		return nil, err
	}
	for _, e := range u.entries {
		if u.pools[e.Pool], err = s.pool(ctx, e.Pool); err != nil {
			return nil, err
		}
	}
	for _, c := range u.charts {
		if u.reviews[c.ID], err = listAll[claimcharts.Review](ctx, s.store, claimcharts.KindReview, map[string]string{"chart": c.ID}); err != nil {
			return nil, err
		}
		if u.standards[c.Standard], err = s.standard(ctx, c.Standard); err != nil {
			return nil, err
		}
		for _, r := range u.reviews[c.ID] {
			if _, ok := u.pools[r.Pool]; !ok {
				if u.pools[r.Pool], err = s.pool(ctx, r.Pool); err != nil {
					return nil, err
				}
			}
		}
	}
	return u, nil
}

// entryPatent returns the patent key of an entry key ("pool/KEY"); pool
// slugs hold no "/".
func entryPatent(key string) string {
	_, patent, _ := strings.Cut(key, "/")
	return patent
}
