package server

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/search"
)

// linkedHit is a search hit as the API answers it: with where the API has
// it, the page that shows it, and the names in both languages of the
// holder, standard and pools it gives by slug.
type linkedHit struct {
	search.Hit
	URL          string            `json:"url"`
	Page         string            `json:"page,omitempty"`
	HolderName   *claimcharts.Text `json:"holder_name,omitempty"`
	StandardName *claimcharts.Text `json:"standard_name,omitempty"`
	// Pools shadows the hit's listings with the pools' names added.
	Pools []namedListing `json:"pools,omitempty"`
}

// namedListing is a patent's place on a pool's list with the pool's name.
type namedListing struct {
	search.PoolListing
	PoolName *claimcharts.Text `json:"pool_name,omitempty"`
}

// namedFacet is a facet count with the name of the organization, pool or
// standard its value is the slug of.
type namedFacet struct {
	search.FacetCount
	Name *claimcharts.Text `json:"name,omitempty"`
}

// linkedResult is a page of search hits with their links and names.
type linkedResult struct {
	*search.Result
	Items  []linkedHit             `json:"items"`
	Facets map[string][]namedFacet `json:"facets"`
}

// withLinks adds to each hit of res where the API has it, the page that
// shows it when there is one, and the names of what it and the facets
// give by slug, as n's reader may read them.
func withLinks(n *namer, res *search.Result) linkedResult {
	out := linkedResult{Result: res, Items: make([]linkedHit, len(res.Items))}
	for i, h := range res.Items {
		lh := linkedHit{Hit: h, URL: hitURL(h), Page: hitPage(h), HolderName: n.Text("holder", h.Holder), StandardName: n.Text("standard", h.Standard)}
		for _, p := range h.Pools {
			lh.Pools = append(lh.Pools, namedListing{PoolListing: p, PoolName: n.Text("pool", p.Pool)})
		}
		out.Items[i] = lh
	}
	if res.Facets != nil {
		out.Facets = make(map[string][]namedFacet, len(res.Facets))
		for name, counts := range res.Facets {
			named := make([]namedFacet, len(counts))
			for i, fc := range counts {
				named[i] = namedFacet{FacetCount: fc, Name: n.Text(name, fc.Value)}
			}
			out.Facets[name] = named
		}
	}
	return out
}

// namedFields are the fields of list items that give a record by slug, and
// the field beside each that names it.
var namedFields = []struct{ field, facet, name string }{
	{"holder", "holder", "holder_name"}, {"pool", "pool", "pool_name"}, {"standard", "standard", "standard_name"},
}

// namedItems answers items as they encode, each with the names in both
// languages of the organization, pool and standard it gives by slug
// (holder_name beside holder...), as n's reader may read them.
func namedItems[T any](n *namer, items []T) ([]map[string]any, error) {
	out := make([]map[string]any, 0, len(items))
	for _, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			return nil, claimcharts.Internal(err)
		}
		var m map[string]any
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		if err := d.Decode(&m); err != nil {
			return nil, claimcharts.Internal(err)
		}
		for _, f := range namedFields {
			if slug, ok := m[f.field].(string); ok {
				if t := n.Text(f.facet, slug); t != nil {
					m[f.name] = t
				}
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// namedListOf answers a list as listOf does, with names beside the slugs
// of its items (namedItems).
func namedListOf[T any](s *Server, fn func(context.Context, claimcharts.Actor, claimcharts.ListOptions) ([]T, string, error), filters ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		opts, err := listOptions(c, filters...)
		if err != nil {
			abort(c, err)
			return
		}
		items, next, err := fn(c.Request.Context(), actor(c), opts)
		if err != nil {
			abort(c, err)
			return
		}
		n := s.newNamer(c.Request.Context(), lang(c), actor(c))
		named, err := namedItems(n, items)
		if err != nil {
			abort(c, err)
			return
		}
		writeList(c, named, next)
	}
}
