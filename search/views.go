package search

import (
	"sort"

	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
)

// Visibility. Every document lists in "vis" the principals that may read
// it: "public" (everyone), "admin", "org:<slug>" (a licensor's tokens) and
// "rev:<id>" (a reviewer). A record can look different to different
// principals (the public sees a chart's published revision, its holder the
// latest; an administrator sees entries on draft pools): each distinct view
// becomes its own document, and the public document names in "shadow" the
// principals that read another one instead. A caller with principal p then
// reads documents matching
//
//	vis:p OR (vis:public AND NOT shadow:p)
//
// so it sees exactly one view of each record it may read. What each
// principal may read is decided by the domain's rules (claimcharts
// access.go: SeesPatent, ChartFor, SeesEntry, SeesReview, SeesReviewer),
// called with the actor the principal stands for; this file only names the
// principals.

// Principal names.
const (
	principalPublic = "public"
	principalAdmin  = "admin"
)

func orgPrincipal(org string) string     { return "org:" + org }
func reviewerPrincipal(id string) string { return "rev:" + id }

// viewer is a principal and the actor its callers are.
type viewer struct {
	name  string
	actor claimcharts.Actor
}

var publicViewer = viewer{name: principalPublic}

// viewersOf returns the viewers that may see more of a record than the
// public: administrators, the holder's licensors and the reviewers named.
// The rules decide what each sees; a viewer who sees no more than the
// public reads the public document.
func viewersOf(holder string, reviewers []string) []viewer {
	vs := []viewer{{name: principalAdmin, actor: claimcharts.Actor{Role: claimcharts.RoleAdmin}}}
	if holder != "" {
		vs = append(vs, viewer{name: orgPrincipal(holder), actor: claimcharts.Actor{Role: claimcharts.RoleLicensor, Organization: holder}})
	}
	sort.Strings(reviewers)
	for i, r := range reviewers {
		if i > 0 && r == reviewers[i-1] {
			continue
		}
		vs = append(vs, viewer{name: reviewerPrincipal(r), actor: claimcharts.Actor{ID: r, Role: claimcharts.RoleReviewer}})
	}
	return vs
}

// viewsToDocs groups the views of one record into documents: viewers
// whose view equals the public one read the public document; the others
// share a document per distinct view. derive returns nil when the viewer
// may not see the record; id names each document from its first viewer.
func viewsToDocs(viewers []viewer, derive func(viewer) *doc, id func(first string) string) []*doc {
	pub := derive(publicViewer)
	var pubContent string
	if pub != nil {
		pub.normalize()
		pubContent = pub.content()
		pub.vis = []string{principalPublic}
		pub.id = id(principalPublic)
	}
	var out []*doc
	byContent := map[string]*doc{}
	for _, v := range viewers {
		d := derive(v)
		if d == nil {
			continue
		}
		d.normalize()
		c := d.content()
		if pub != nil && c == pubContent {
			continue
		}
		if pub != nil {
			pub.shadow = append(pub.shadow, v.name)
		}
		if same, ok := byContent[c]; ok {
			same.vis = append(same.vis, v.name)
			continue
		}
		d.vis, d.id = []string{v.name}, id(v.name)
		byContent[c] = d
		out = append(out, d)
	}
	if pub != nil {
		out = append([]*doc{pub}, out...)
	}
	return out
}

// access is what a caller may read, as parts of a query: a document
// must match allow (nil: any document) and must not match deny (nil:
// none).
type access struct{ allow, deny query.Query }

// actorAccess returns what actor may read. The public reads every
// document not marked private: a short list to exclude, where "readable
// by the public" would be a list of nearly every document, which bleve
// walks entry by entry to check each match against it.
func actorAccess(actor claimcharts.Actor) access {
	var p string
	switch actor.Role {
	case claimcharts.RoleAdmin:
		p = principalAdmin
	case claimcharts.RoleLicensor:
		p = orgPrincipal(actor.Organization)
	case claimcharts.RoleReviewer:
		p = reviewerPrincipal(actor.ID)
	default:
		return access{deny: termQuery(fPrivate, privateYes)}
	}
	public := query.NewBooleanQuery([]query.Query{termQuery(fVis, principalPublic)}, nil, []query.Query{termQuery(fShadow, p)})
	own := termQuery(fVis, p)
	return access{allow: query.NewDisjunctionQuery([]query.Query{own, public})}
}

// restrict returns q limited to what a allows.
func (a access) restrict(q query.Query) query.Query {
	b := query.NewBooleanQuery([]query.Query{q}, nil, nil)
	if a.allow != nil {
		b.AddMust(a.allow)
	}
	if a.deny != nil {
		b.AddMustNot(a.deny)
	}
	return b
}

// termQuery is an exact match on a keyword field.
func termQuery(field, value string) *query.TermQuery {
	q := query.NewTermQuery(value)
	q.SetField(field)
	return q
}
