package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// actor_ shortens handler signatures.
type actor_ = claimcharts.Actor

// routeEntries adds a pool's list: applications and status changes.
func (s *Server) routeEntries(g *gin.RouterGroup) {
	r := s.registry
	g.GET("/pools/:pool/entries", func(c *gin.Context) {
		namedListOf(s, func(ctx context.Context, a actor_, o claimcharts.ListOptions) ([]*claimcharts.Entry, string, error) {
			return r.Entries(ctx, a, c.Param("pool"), o)
		}, "status", "holder")(c)
	})
	g.POST("/pools/:pool/entries", withBody(http.StatusCreated, func(ctx context.Context, a actor_, c *gin.Context, _ int64, in claimcharts.Application) (*claimcharts.Entry, error) {
		e, err := r.Apply(ctx, a, c.Param("pool"), in)
		if err == nil {
			c.Header("Location", "/api/v1/pools/"+e.Pool+"/entries/"+e.Patent)
		}
		return e, err
	}))
	g.GET("/pools/:pool/entries/:number", func(c *gin.Context) {
		getOne(func(ctx context.Context, a actor_, number string) (*claimcharts.Entry, error) {
			return r.Entry(ctx, a, c.Param("pool"), number)
		}, "number")(c)
	})
	g.POST("/pools/:pool/entries/:number/status", withBody(http.StatusOK, func(ctx context.Context, a actor_, c *gin.Context, rev int64, in claimcharts.StatusChange) (*claimcharts.Entry, error) {
		return r.MoveEntry(ctx, a, c.Param("pool"), c.Param("number"), rev, in)
	}))
}

// routeCharts adds claim charts and their revisions.
func (s *Server) routeCharts(g *gin.RouterGroup) {
	r := s.registry
	g.GET("/charts", namedListOf(s, r.Charts, "patent", "standard", "holder"))
	g.POST("/charts", withBody(http.StatusCreated, func(ctx context.Context, a actor_, c *gin.Context, _ int64, in claimcharts.NewChart) (*claimcharts.Chart, error) {
		ch, err := r.CreateChart(ctx, a, in)
		if err == nil {
			c.Header("Location", "/api/v1/charts/"+ch.ID)
		}
		return ch, err
	}))
	g.GET("/charts/:chart", getOne(r.Chart, "chart"))
	g.POST("/charts/:chart/revisions", withBody(http.StatusCreated, func(ctx context.Context, a actor_, c *gin.Context, rev int64, in claimcharts.RevisionInput) (*claimcharts.Chart, error) {
		ch, err := r.AddRevision(ctx, a, c.Param("chart"), rev, in)
		if err == nil {
			c.Header("Location", "/api/v1/charts/"+ch.ID+"/revisions/"+strconv.Itoa(ch.Latest().No))
		}
		return ch, err
	}))
	g.GET("/charts/:chart/revisions/:no", s.getRevision)
	g.PUT("/charts/:chart/revisions/:no", ifMatchRequired, withBody(http.StatusOK, func(ctx context.Context, a actor_, c *gin.Context, rev int64, in claimcharts.RevisionInput) (*claimcharts.Chart, error) {
		no, err := intParam(c, "no")
		if err != nil {
			return nil, err
		}
		return r.EditRevision(ctx, a, c.Param("chart"), no, rev, in)
	}))
	g.POST("/charts/:chart/revisions/:no/submit", action(func(ctx context.Context, a actor_, c *gin.Context, rev int64) (*claimcharts.Chart, error) {
		no, err := intParam(c, "no")
		if err != nil {
			return nil, err
		}
		return r.SubmitRevision(ctx, a, c.Param("chart"), no, rev)
	}))
}

// determinationUpdate is the body of PUT /determinations/{id}.
type determinationUpdate struct {
	Note      claimcharts.Text `json:"note"`
	DecidedOn claimcharts.Date `json:"decided_on,omitempty"`
}

// routeReviews adds reviews and determinations.
func (s *Server) routeReviews(g *gin.RouterGroup) {
	r := s.registry
	g.GET("/reviews", listOf(r.Reviews, "pool", "chart", "status", "reviewer"))
	g.POST("/reviews", withBody(http.StatusCreated, func(ctx context.Context, a actor_, c *gin.Context, _ int64, in claimcharts.Assignment) (*claimcharts.Review, error) {
		rv, err := r.AssignReview(ctx, a, in)
		if err == nil {
			c.Header("Location", "/api/v1/reviews/"+rv.ID)
		}
		return rv, err
	}))
	g.GET("/reviews/:review", getOne(r.Review, "review"))
	g.PUT("/reviews/:review", ifMatchRequired, withBody(http.StatusOK, func(ctx context.Context, a actor_, c *gin.Context, rev int64, in claimcharts.Opinion) (*claimcharts.Review, error) {
		return r.UpdateReview(ctx, a, c.Param("review"), rev, in)
	}))
	g.POST("/reviews/:review/submit", action(func(ctx context.Context, a actor_, c *gin.Context, rev int64) (*claimcharts.Review, error) {
		return r.SubmitReview(ctx, a, c.Param("review"), rev)
	}))

	g.GET("/determinations", listOf(r.Determinations, "pool", "patent", "chart", "status"))
	g.POST("/determinations", withBody(http.StatusCreated, func(ctx context.Context, a actor_, c *gin.Context, _ int64, in claimcharts.DecisionRequest) (*claimcharts.Determination, error) {
		d, err := r.Decide(ctx, a, in)
		if err == nil {
			c.Header("Location", "/api/v1/determinations/"+d.ID)
		}
		return d, err
	}))
	g.GET("/determinations/:id", getOne(r.Determination, "id"))
	g.PUT("/determinations/:id", ifMatchRequired, withBody(http.StatusOK, func(ctx context.Context, a actor_, c *gin.Context, rev int64, in determinationUpdate) (*claimcharts.Determination, error) {
		return r.UpdateDetermination(ctx, a, c.Param("id"), rev, in.Note, in.DecidedOn)
	}))
	g.POST("/determinations/:id/publish", action(func(ctx context.Context, a actor_, c *gin.Context, rev int64) (*claimcharts.Determination, error) {
		return r.PublishDetermination(ctx, a, c.Param("id"), rev)
	}))
}

// references answers a standard's reference tree.
func (s *Server) references(c *gin.Context) {
	std, err := s.registry.Standard(c.Request.Context(), actor(c), c.Param("std"))
	if err != nil {
		abort(c, err)
		return
	}
	writeList(c, std.References, "")
}

// reference answers one reference of a standard.
func (s *Server) reference(c *gin.Context) {
	std, err := s.registry.Standard(c.Request.Context(), actor(c), c.Param("std"))
	if err != nil {
		abort(c, err)
		return
	}
	ref, ok := std.Reference(c.Param("label"))
	if !ok {
		abort(c, claimcharts.Says(claimcharts.ENOTFOUND, msg.NoReference, std.Slug, c.Param("label")))
		return
	}
	c.JSON(http.StatusOK, ref)
}

// addReference appends a reference to a standard.
func (s *Server) addReference(c *gin.Context) {
	withBody(http.StatusCreated, func(ctx context.Context, a actor_, c *gin.Context, rev int64, in claimcharts.Reference) (*claimcharts.Standard, error) {
		std, err := s.registry.AddReference(ctx, a, c.Param("std"), rev, in)
		if err == nil {
			c.Header("Location", "/api/v1/standards/"+std.Slug+"/references/"+url.PathEscape(in.Label))
		}
		return std, err
	})(c)
}
