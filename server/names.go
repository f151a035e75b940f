package server

import (
	"context"
	"sync"

	"sepportal/claimcharts"
)

// namer turns the slugs of organizations, pools and standards into their
// names in the reader's language, as the reader may see them: records
// the reader may not read keep their slug. Each record is read once per
// page or answer, and the public's names once per index version (see
// nameCache): the one read path of names for pages, feeds and the API.
type namer struct {
	ctx   context.Context
	reg   *claimcharts.Registry
	lang  string
	actor claimcharts.Actor
	cache map[string]*claimcharts.Text
	// shared keeps the public's names across answers; nil for other
	// readers, whose rights differ.
	shared  *nameCache
	version uint64
}

// newNamer names records as actor sees them, for pages, feeds and the
// API's answers in language lang.
func (s *Server) newNamer(ctx context.Context, lang string, actor claimcharts.Actor) *namer {
	n := &namer{ctx: ctx, reg: s.registry, lang: lang, actor: actor, cache: map[string]*claimcharts.Text{}}
	if actor.Anonymous() && s.search != nil {
		n.shared, n.version = &s.names, s.search.Version()
	}
	return n
}

// nameCache keeps the names of organizations, pools and standards as the
// public reads them, for one version of the index. The version moves with
// every batch of store changes the indexer reads (a record renamed,
// published or withdrawn included), so a kept name is never older than
// the index the page is drawn from; only the public's names are kept, so
// no reader sees a name through another's rights.
type nameCache struct {
	mu      sync.Mutex
	version uint64
	names   map[string]*claimcharts.Text
}

// maxCachedNames bounds the names kept for one version.
const maxCachedNames = 100000

// get returns the name kept under key for version.
func (c *nameCache) get(version uint64, key string) (*claimcharts.Text, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return nil, false
	}
	t, ok := c.names[key]
	return t, ok
}

// put keeps name t under key for version, forgetting every name of an
// older version.
func (c *nameCache) put(version uint64, key string, t *claimcharts.Text) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version < c.version {
		return
	}
	if c.version != version || c.names == nil || len(c.names) >= maxCachedNames {
		c.version, c.names = version, map[string]*claimcharts.Text{}
	}
	c.names[key] = t
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
	key := prefix + slug
	if t, ok := n.cache[key]; ok {
		return t
	}
	if n.shared != nil {
		if t, ok := n.shared.get(n.version, key); ok {
			n.cache[key] = t
			return t
		}
	}
	var out *claimcharts.Text
	t, err := load()
	if err == nil && !t.IsZero() {
		out = &t
	}
	n.cache[key] = out
	if n.shared != nil && (err == nil || claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND) {
		n.shared.put(n.version, key, out)
	}
	return out
}
