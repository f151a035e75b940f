package server

import (
	"context"

	"sepportal/claimcharts"
)

// namer turns the slugs of organizations, pools and standards into their
// names in the reader's language, reading each record once per page.
// Records the public may not read keep their slug.
type namer struct {
	ctx   context.Context
	reg   *claimcharts.Registry
	lang  string
	cache map[string]string
}

func newNamer(ctx context.Context, reg *claimcharts.Registry, lang string) *namer {
	return &namer{ctx: ctx, reg: reg, lang: lang, cache: map[string]string{}}
}

// named is a record's slug with its name, for a link.
type named struct{ Slug, Name string }

// Org is the name of an organization.
func (n *namer) Org(slug string) named {
	return n.lookup("org/", slug, func() (claimcharts.Text, error) {
		o, err := n.reg.Organization(n.ctx, claimcharts.Actor{}, slug)
		if err != nil {
			return claimcharts.Text{}, err
		}
		return o.Name, nil
	})
}

// Pool is the name of a pool.
func (n *namer) Pool(slug string) named {
	return n.lookup("pool/", slug, func() (claimcharts.Text, error) {
		p, err := n.reg.Pool(n.ctx, claimcharts.Actor{}, slug)
		if err != nil {
			return claimcharts.Text{}, err
		}
		return p.Name, nil
	})
}

// Standard is the name of a standard: its number and version ("ITU-T H.265 V8").
func (n *namer) Standard(slug string) named {
	return n.lookup("std/", slug, func() (claimcharts.Text, error) {
		s, err := n.reg.Standard(n.ctx, claimcharts.Actor{}, slug)
		if err != nil {
			return claimcharts.Text{}, err
		}
		return claimcharts.Text{En: standardName(s)}, nil
	})
}

// standardName is how pages name a standard: body, number and version.
func standardName(s *claimcharts.Standard) string {
	return s.Body + " " + s.Number + " " + s.Version
}

// Orgs names several organizations.
func (n *namer) Orgs(slugs []string) []named {
	out := make([]named, 0, len(slugs))
	for _, s := range slugs {
		out = append(out, n.Org(s))
	}
	return out
}

// Standards names several standards.
func (n *namer) Standards(slugs []string) []named {
	out := make([]named, 0, len(slugs))
	for _, s := range slugs {
		out = append(out, n.Standard(s))
	}
	return out
}

func (n *namer) lookup(prefix, slug string, load func() (claimcharts.Text, error)) named {
	if slug == "" {
		return named{}
	}
	if name, ok := n.cache[prefix+slug]; ok {
		return named{Slug: slug, Name: name}
	}
	name := slug
	if t, err := load(); err == nil && !t.IsZero() {
		name = t.In(n.lang)
	}
	n.cache[prefix+slug] = name
	return named{Slug: slug, Name: name}
}
