package server

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
	"sepportal/search"
)

// routeSearch adds the search and the lists answered by the search index:
// GET /api/v1/search, a pool's patent list, the charts of a standard's
// section, and the administrators' index status and rebuild.
func (s *Server) routeSearch(g *gin.RouterGroup) {
	g.GET("/search", s.searchQuery)
	g.GET("/search/status", s.searchStatus)
	g.POST("/search/reindex", s.searchReindex)
	g.GET("/pools/:pool/patents", s.poolPatents)
	g.GET("/standards/:std/references/:label/charts", s.sectionCharts)
	g.GET("/standards/:std/references/:label/patents", s.sectionPatents)
}

// Query parameters every search route takes.
var searchParams = []string{"q", "sort", "cursor", "limit", "lang", "facets", "facet_size"}

// Filters the list routes take as query parameters.
var listFilters = []string{"status", "holder", "country", "standard", "section", "result", "type", "legal",
	"expires", "granted", "filed", "priority", "pool"}

// searchQuery answers GET /api/v1/search.
func (s *Server) searchQuery(c *gin.Context) {
	s.runSearch(c, nil)
}

// poolPatents answers GET /api/v1/pools/{pool}/patents: the pool's list
// with filters, sorts and counts, from the index.
func (s *Server) poolPatents(c *gin.Context) {
	if _, err := s.registry.Pool(c.Request.Context(), actor(c), c.Param("pool")); err != nil {
		abort(c, err)
		return
	}
	s.runSearch(c, map[string]string{"pool": c.Param("pool"), "is": search.TypePatent}, append(withoutFilter(listFilters, "pool"), "as_of")...)
}

// sectionCharts answers GET /api/v1/standards/{std}/references/{label}/charts:
// the claim elements charted against a reference ("27.3.11.4"), or
// against a subtree with a trailing * ("27.3.11.*").
func (s *Server) sectionCharts(c *gin.Context) {
	std, err := s.registry.Standard(c.Request.Context(), actor(c), c.Param("std"))
	if err != nil {
		abort(c, err)
		return
	}
	label := c.Param("label")
	if _, ok := std.Reference(label); !ok && !strings.HasSuffix(label, "*") {
		abort(c, claimcharts.Says(claimcharts.ENOTFOUND, msg.NoReference, std.Slug, label))
		return
	}
	s.runSearch(c, map[string]string{"standard": std.Slug, "section": label, "is": search.TypeElement},
		withoutFilter(listFilters, "standard", "section")...)
}

// sectionPatents answers GET /api/v1/standards/{std}/references/{label}/patents:
// the patents that read on a reference ("27.3.11.4") or its subtree
// ("27.3.11.*") — cited for it by a pool list or charted against it — as
// the caller may see them. A pool with only a list answers here. The
// label need not be in the registry's tree of the standard: a list cites
// what the standard has, whether or not the registry holds its tree.
func (s *Server) sectionPatents(c *gin.Context) {
	std, err := s.registry.Standard(c.Request.Context(), actor(c), c.Param("std"))
	if err != nil {
		abort(c, err)
		return
	}
	s.runSearch(c, map[string]string{"reference": search.ReferenceValue(std.Slug, c.Param("label")), "is": search.TypePatent},
		withoutFilter(listFilters, "standard", "section")...)
}

// withoutFilter is names without those in drop.
func withoutFilter(names []string, drop ...string) []string {
	var out []string
	for _, n := range names {
		if !slices.Contains(drop, n) {
			out = append(out, n)
		}
	}
	return out
}

// runSearch reads the search parameters (and the allowed filters) and
// answers the search with the fixed filters added.
func (s *Server) runSearch(c *gin.Context, fixed map[string]string, filters ...string) {
	if s.search == nil {
		abort(c, claimcharts.Says(claimcharts.EUNAVAILABLE, msg.NoSearch))
		return
	}
	req, err := searchRequest(c, filters)
	if err != nil {
		abort(c, err)
		return
	}
	for k, v := range fixed {
		req.Filters[k] = v
	}
	res, err := s.search.Search(c.Request.Context(), actor(c), req)
	if err != nil {
		abort(c, err)
		return
	}
	if !actor(c).Anonymous() {
		c.Header("Cache-Control", "private, no-store")
	}
	n := s.newNamer(c.Request.Context(), req.Lang, actor(c))
	c.JSON(http.StatusOK, withLinks(n, res))
}

// searchRequest reads the query parameters of a search; unknown and
// repeated parameters are refused.
func searchRequest(c *gin.Context, filters []string) (search.Request, error) {
	req := search.Request{Filters: map[string]string{}, Lang: lang(c)}
	allowed := append(append([]string{}, searchParams...), filters...)
	for name, vals := range c.Request.URL.Query() {
		if !slices.Contains(allowed, name) {
			return req, unknownParam(name, allowed)
		}
		if len(vals) > 1 {
			return req, claimcharts.Says(claimcharts.EINVALID, msg.RepeatedParam).With(claimcharts.Because(name, msg.GiveOnce))
		}
		switch {
		case name == "as_of": // a pool's list as of a day (search.Request AsOf)
			var err error
			if req.AsOf, err = asOfParam(c); err != nil {
				return req, err
			}
		case slices.Contains(filters, name) && vals[0] != "":
			req.Filters[name] = vals[0]
		}
	}
	req.Query, req.Sort, req.Cursor = c.Query("q"), c.Query("sort"), c.Query("cursor")
	if l := c.Query("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > search.MaxLimit {
			return req, claimcharts.Says(claimcharts.EINVALID, msg.BadLimit).With(claimcharts.Because("limit", msg.WholeFromOne, search.MaxLimit))
		}
		req.Limit = n
	}
	if l := c.Query("facet_size"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > search.MaxFacetSize {
			return req, claimcharts.Says(claimcharts.EINVALID, msg.BadFacetSize).With(claimcharts.Because("facet_size", msg.WholeFromOne, search.MaxFacetSize))
		}
		req.FacetSize = n
	}
	switch c.Query("facets") {
	case "", "true":
	case "false":
		req.NoFacets = true
	default:
		return req, badParam("facets", msg.TrueOrFalse)
	}
	return req, nil
}

// searchStatus answers the index's state; administrators only.
func (s *Server) searchStatus(c *gin.Context) {
	if !s.searchAdmin(c) {
		return
	}
	c.JSON(http.StatusOK, s.search.Status(c.Request.Context()))
}

// searchReindex starts a rebuild of the index; administrators only. The
// new index is built aside and swapped in: searches go on meanwhile.
func (s *Server) searchReindex(c *gin.Context) {
	if !s.searchAdmin(c) {
		return
	}
	if err := s.search.StartRebuild(); err != nil {
		abort(c, err)
		return
	}
	c.Header("Location", "/api/v1/search/status")
	c.JSON(http.StatusAccepted, s.search.Status(c.Request.Context()))
}

// searchAdmin answers 503 without an index and refuses non-administrators.
func (s *Server) searchAdmin(c *gin.Context) bool {
	if s.search == nil {
		abort(c, claimcharts.Says(claimcharts.EUNAVAILABLE, msg.NoSearch))
		return false
	}
	if err := claimcharts.RequireAdmin(actor(c), msg.ActManageIndex); err != nil {
		abort(c, err)
		return false
	}
	return true
}
