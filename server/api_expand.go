package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// patentAnswer is a patent with links to what implementers read next: its
// charts, determinations and pool entries, and its page.
type patentAnswer struct {
	*claimcharts.Patent
	Links patentLinks `json:"links"`
}

// patentLinks are the API lists (filtered to the patent) and records about
// a patent, as the caller may see them.
type patentLinks struct {
	Page           string   `json:"page"`
	Charts         string   `json:"charts"`
	Determinations string   `json:"determinations"`
	Entries        []string `json:"entries"`
}

// getPatent answers GET /api/v1/patents/{number} with the patent's links.
// An anonymous caller's answer is kept, encoded, for the next anonymous
// caller of the same patent by any spelling (see answers.go).
func (s *Server) getPatent(c *gin.Context) {
	ctx, a := c.Request.Context(), actor(c)
	n, err := claimcharts.ParseNumber(c.Param("number"))
	if err != nil {
		abort(c, err)
		return
	}
	key, public := n.Key(), a.Anonymous()
	v := s.answerVersion() // before the reads the answer is made of
	if public {
		if kept, ok := s.answers.get(key, v); ok {
			s.answers.write(c, kept)
			return
		}
	}
	p, err := s.registry.PatentByNumber(ctx, a, n)
	if err != nil {
		abort(c, err)
		return
	}
	entries, err := s.entriesOfPatent(ctx, a, v, p.Key())
	if err != nil {
		abort(c, err)
		return
	}
	ans := patentAnswerOf(p, entries)
	if !public {
		writeRecord(c, http.StatusOK, p.StoredRev(), ans)
		return
	}
	body, err := json.Marshal(ans)
	if err != nil {
		abort(c, claimcharts.Internal(err))
		return
	}
	s.answers.write(c, s.answers.put(key, v, etag(p.StoredRev()), body))
}

// entriesOfPatent reads the entries of the patent with this key that a
// may see; the public's pools are read once per version v.
func (s *Server) entriesOfPatent(ctx context.Context, a claimcharts.Actor, v answerVersion, key string) ([]*claimcharts.Entry, error) {
	if !a.Anonymous() {
		return s.registry.EntriesOfPatent(ctx, a, key)
	}
	pools, err := s.answers.publicPools(v, func() ([]*claimcharts.Pool, error) { return s.registry.AllPools(ctx, a) })
	if err != nil {
		return nil, err
	}
	return s.registry.EntriesIn(ctx, a, key, pools)
}

// patentAnswerOf is p's answer with the links to its entries.
func patentAnswerOf(p *claimcharts.Patent, entries []*claimcharts.Entry) patentAnswer {
	key := url.QueryEscape(p.Key())
	ans := patentAnswer{Patent: p, Links: patentLinks{Page: patentHref(p.Key()),
		Charts: "/api/v1/charts?patent=" + key, Determinations: "/api/v1/determinations?patent=" + key, Entries: []string{}}}
	for _, e := range entries {
		ans.Links.Entries = append(ans.Links.Entries, "/api/v1/pools/"+url.PathEscape(e.Pool)+"/entries/"+url.PathEscape(e.Patent))
	}
	return ans
}

// expandedRevision is a chart revision with each mapping's standard
// reference resolved: one call reads a chart as a page shows it.
type expandedRevision struct {
	*claimcharts.Revision
	Standard string            `json:"standard"`
	Elements []expandedElement `json:"elements"`
}

// expandedElement is an element whose mappings carry their references.
type expandedElement struct {
	claimcharts.Element
	Mappings []expandedMapping `json:"mappings"`
}

// expandedMapping is a mapping with the reference it points at.
type expandedMapping struct {
	claimcharts.Mapping
	Reference *claimcharts.Reference `json:"reference"`
}

// getRevision answers GET /api/v1/charts/{chart}/revisions/{no}; with
// expand=references each mapping carries its reference's kind, title,
// parent and text.
func (s *Server) getRevision(c *gin.Context) {
	expand := false
	for name, vals := range c.Request.URL.Query() {
		switch {
		case name == "lang":
		case name == "expand" && len(vals) == 1 && vals[0] == "references":
			expand = true
		case name == "expand":
			abort(c, badParam("expand", msg.OneOf, "references", strings.Join(vals, ",")))
			return
		default:
			abort(c, unknownParam(name, []string{"expand", "lang"}))
			return
		}
	}
	no, err := intParam(c, "no")
	if err != nil {
		abort(c, err)
		return
	}
	ctx, a := c.Request.Context(), actor(c)
	rev, err := s.registry.ChartRevision(ctx, a, c.Param("chart"), no)
	if err != nil {
		abort(c, err)
		return
	}
	if !expand {
		c.JSON(http.StatusOK, rev)
		return
	}
	ch, err := s.registry.Chart(ctx, a, c.Param("chart"))
	if err != nil {
		abort(c, err)
		return
	}
	std, err := s.registry.Standard(ctx, a, ch.Standard)
	if err != nil {
		abort(c, err)
		return
	}
	c.JSON(http.StatusOK, expandRevision(rev, std))
}

// expandRevision resolves each mapping's reference in std, looking the
// references up in one index of std's labels.
func expandRevision(rev *claimcharts.Revision, std *claimcharts.Standard) expandedRevision {
	refs := std.ReferenceLookup()
	out := expandedRevision{Revision: rev, Standard: std.Slug, Elements: make([]expandedElement, 0, len(rev.Elements))}
	for _, e := range rev.Elements {
		ee := expandedElement{Element: e, Mappings: make([]expandedMapping, 0, len(e.Mappings))}
		for _, m := range e.Mappings {
			em := expandedMapping{Mapping: m}
			if ref, ok := refs(m.Ref); ok {
				em.Reference = &ref
			}
			ee.Mappings = append(ee.Mappings, em)
		}
		out.Elements = append(out.Elements, ee)
	}
	return out
}
