package server

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
	"sepportal/search"
)

// refNode is one reference of a standard in its tree.
type refNode struct {
	Label, Kind, Title string
	Children           []*refNode
}

// standardPageData is what a standard's page shows.
type standardPageData struct {
	S     *claimcharts.Standard
	Name  string
	Title string
	Tree  []*refNode
}

// standardPage answers /standards/{std}: the standard and its tree of
// sections, figures, tables and annexes, each linking to its page.
func (s *Server) standardPage(c *gin.Context) {
	l := lang(c)
	std, err := s.registry.Standard(c.Request.Context(), claimcharts.Actor{}, c.Param("std"))
	if err != nil {
		abort(c, err)
		return
	}
	d := standardPageData{S: std, Name: standardName(std), Title: std.Title.In(l), Tree: referenceTree(locale(l), std.References)}
	render(c, "standard.html", newView(c, d.Name, d))
}

// referenceTree arranges references under their parents; a parent always
// comes before its children (the Registry checks it).
func referenceTree(l locale, refs []claimcharts.Reference) []*refNode {
	byLabel := map[string]*refNode{}
	var roots []*refNode
	for _, r := range refs {
		n := &refNode{Label: r.Label, Kind: r.Kind, Title: l.In(r.Title)}
		byLabel[r.Label] = n
		if p, ok := byLabel[r.Parent]; ok && r.Parent != "" {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots
}

// sectionPageData is what a section's page shows.
type sectionPageData struct {
	S        *claimcharts.Standard
	Name     string
	Ref      claimcharts.Reference
	Title    string
	Parent   *claimcharts.Reference
	Children []claimcharts.Reference
	Subtree  bool
	Charted  *hitList
	// Listed are the first patents that read on the section (cited by a
	// pool list or charted), with the search that lists them all.
	Listed    *hitList
	ListedAll string
	// PDF is the snapshot of what is charted against the section.
	PDF string
}

// listedOnPage is how many patents a section's page shows beside its
// charted claims; the search page lists the rest.
const listedOnPage = 20

// sectionPage answers /standards/{std}/sections/{label}: the reference,
// its place in the tree, and the claim elements charted against it (and
// its subsections with ?subtree=true) — what reads on the parts an
// implementer implements.
func (s *Server) sectionPage(c *gin.Context) {
	ctx, l := c.Request.Context(), lang(c)
	std, err := s.registry.Standard(ctx, claimcharts.Actor{}, c.Param("std"))
	if err != nil {
		abort(c, err)
		return
	}
	label := c.Param("label")
	ref, ok := std.Reference(label)
	if !ok {
		abort(c, claimcharts.Says(claimcharts.ENOTFOUND, msg.NoReference, std.Slug, label))
		return
	}
	d := sectionPageData{S: std, Name: standardName(std), Ref: ref, Title: locale(l).In(ref.Title)}
	for _, r := range std.References {
		if r.Label == ref.Parent {
			p := r
			d.Parent = &p
		}
		if r.Parent == ref.Label {
			d.Children = append(d.Children, r)
		}
	}
	req, err := searchRequest(withoutSubtree(c), withoutFilter(listFilters, "standard", "section"))
	if err != nil {
		abort(c, err)
		return
	}
	d.Subtree = c.Query("subtree") == "true"
	section := ref.Label
	if d.Subtree {
		section = strings.TrimSuffix(ref.Label, "*") + "*"
	}
	req.Filters["standard"], req.Filters["section"], req.Filters["is"] = std.Slug, section, search.TypeElement
	if d.Charted, err = s.runPageSearch(c, s.newNamer(ctx, l, claimcharts.Actor{}), req); err != nil {
		abort(c, err)
		return
	}
	if err = s.sectionListed(c, std.Slug, section, l, &d); err != nil {
		abort(c, err)
		return
	}
	d.PDF = "/api/v1/search/export?" + url.Values{"format": {"pdf"}, "lang": {l}, "q": {"is:" + search.TypeElement},
		"standard": {std.Slug}, "section": {section}}.Encode()
	render(c, "section.html", newView(c, d.Name+" "+ref.Label+" "+d.Title, d))
}

// sectionListed finds the first patents that read on a section — those a
// pool list cites for it as well as those charted against it — and the
// search page's query for all of them.
func (s *Server) sectionListed(c *gin.Context, std, section, l string, d *sectionPageData) error {
	value := search.ReferenceValue(std, section)
	req := search.Request{Filters: map[string]string{"reference": value, "is": search.TypePatent}, Lang: l, Limit: listedOnPage,
		Sort: "number", NoFacets: true}
	var err error
	if d.Listed, err = s.runPageSearch(c, s.newNamer(c.Request.Context(), l, claimcharts.Actor{}), req); err != nil {
		return err
	}
	d.Listed.Next, d.Listed.First = "", "" // the section's pager pages its charted claims
	d.ListedAll = "/search?" + url.Values{"q": {"reference:" + strconv.Quote(value)}, "lang": {l}}.Encode()
	return nil
}

// withoutSubtree hides the page's own subtree parameter from the search
// parameters, which do not know it.
func withoutSubtree(c *gin.Context) *gin.Context {
	q := c.Request.URL.Query()
	if !q.Has("subtree") {
		return c
	}
	q.Del("subtree")
	cc := c.Copy()
	u := *c.Request.URL
	u.RawQuery = q.Encode()
	r := c.Request.Clone(c.Request.Context())
	r.URL = &u
	cc.Request = r
	return cc
}

// holderPageData is what an organization's page shows.
type holderPageData struct {
	O       *claimcharts.Organization
	Name    string
	PerPool []facetValue
	Patents *hitList
}

// holderPage answers /holders/{org}: the organization and its published
// patents, counted per pool.
func (s *Server) holderPage(c *gin.Context) {
	ctx, l := c.Request.Context(), lang(c)
	o, err := s.registry.Organization(ctx, claimcharts.Actor{}, c.Param("org"))
	if err != nil {
		abort(c, err)
		return
	}
	req, err := searchRequest(c, withoutFilter(listFilters, "holder"))
	if err != nil {
		abort(c, err)
		return
	}
	req.Filters["holder"], req.Filters["is"] = o.Slug, search.TypePatent
	if req.Sort == "" && req.Query == "" {
		req.Sort = "number"
	}
	n := s.newNamer(ctx, l, claimcharts.Actor{})
	d := holderPageData{O: o, Name: o.Name.In(l)}
	if d.Patents, err = s.runPageSearch(c, n, req); err != nil {
		abort(c, err)
		return
	}
	for _, f := range d.Patents.Facets {
		if f.Name == "pool" {
			for _, v := range f.Values {
				v.Href = poolLink(v.Value) + "?holder=" + o.Slug + "&status=any#list"
				d.PerPool = append(d.PerPool, v)
			}
		}
	}
	render(c, "holder.html", newView(c, d.Name, d))
}
