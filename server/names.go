package server

import (
	"context"

	"sepportal/claimcharts"
)

// namer turns the slugs of organizations, pools and standards into their
// names in the reader's language, reading each record once per page or
// answer, as the reader may see it: records the reader may not read keep
// their slug.
type namer struct {
	ctx   context.Context
	reg   *claimcharts.Registry
	lang  string
	actor claimcharts.Actor
	cache map[string]*claimcharts.Text
}

// newNamer names records as the public sees them, for pages and feeds.
func newNamer(ctx context.Context, reg *claimcharts.Registry, lang string) *namer {
	return &namer{ctx: ctx, reg: reg, lang: lang, cache: map[string]*claimcharts.Text{}}
}

// named is a record's slug with its name, for a link.
type named struct{ Slug, Name string }

// Org is the name of an organization.
func (n *namer) Org(slug string) named { return n.named(n.orgText(slug), slug) }

// Pool is the name of a pool.
func (n *namer) Pool(slug string) named { return n.named(n.poolText(slug), slug) }

// Standard is the name of a standard: its number and version ("ITU-T H.265 V8").
func (n *namer) Standard(slug string) named { return n.named(n.standardText(slug), slug) }

// Text is the name in both languages of what a facet or field names by
// slug: "holder" an organization, "pool" a pool, "standard" a standard;
// nil for other facets and for records the reader may not read.
func (n *namer) Text(facet, slug string) *claimcharts.Text {
	switch facet {
	case "holder":
		return n.orgText(slug)
	case "pool":
		return n.poolText(slug)
	case "standard":
		return n.standardText(slug)
	}
	return nil
}

// named picks the reader's language of t, or keeps the slug.
func (n *namer) named(t *claimcharts.Text, slug string) named {
	if t == nil {
		return named{Slug: slug, Name: slug}
	}
	return named{Slug: slug, Name: t.In(n.lang)}
}

func (n *namer) orgText(slug string) *claimcharts.Text {
	return n.lookup("org/", slug, func() (claimcharts.Text, error) {
		o, err := n.reg.Organization(n.ctx, n.actor, slug)
		if err != nil {
			return claimcharts.Text{}, err
		}
		return o.Name, nil
	})
}

func (n *namer) poolText(slug string) *claimcharts.Text {
	return n.lookup("pool/", slug, func() (claimcharts.Text, error) {
		p, err := n.reg.Pool(n.ctx, n.actor, slug)
		if err != nil {
			return claimcharts.Text{}, err
		}
		return p.Name, nil
	})
}

// standardText names a standard the same in both languages: its
// designation is not translated.
func (n *namer) standardText(slug string) *claimcharts.Text {
	return n.lookup("std/", slug, func() (claimcharts.Text, error) {
		s, err := n.reg.Standard(n.ctx, n.actor, slug)
		if err != nil {
			return claimcharts.Text{}, err
		}
		name := standardName(s)
		return claimcharts.Text{En: name, Zh: name}, nil
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

// lookup reads a record's name once: nil when the reader may not read the
// record or it has no name.
func (n *namer) lookup(prefix, slug string, load func() (claimcharts.Text, error)) *claimcharts.Text {
	if slug == "" {
		return nil
	}
	if t, ok := n.cache[prefix+slug]; ok {
		return t
	}
	var out *claimcharts.Text
	if t, err := load(); err == nil && !t.IsZero() {
		out = &t
	}
	n.cache[prefix+slug] = out
	return out
}
