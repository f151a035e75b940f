package server

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// revisioned is a record that knows its revision.
type revisioned interface{ StoredRev() int64 }

// routeAPI adds /api/v1.
func (s *Server) routeAPI(g *gin.RouterGroup) {
	r := s.registry
	g.GET("/pools", listOf(r.Pools, "status"))
	g.POST("/pools", createOne(r.CreatePool, "/api/v1/pools/"))
	g.GET("/pools/:pool", getOne(r.Pool, "pool"))
	g.PUT("/pools/:pool", replaceOne(r.UpdatePool, "pool"))
	s.routeEntries(g)

	g.GET("/organizations", listOf(r.Organizations))
	g.POST("/organizations", createOne(r.CreateOrganization, "/api/v1/organizations/"))
	g.GET("/organizations/:org", getOne(r.Organization, "org"))
	g.PUT("/organizations/:org", replaceOne(r.UpdateOrganization, "org"))

	g.GET("/standards", listOf(r.Standards))
	g.POST("/standards", createOne(r.CreateStandard, "/api/v1/standards/"))
	g.GET("/standards/:std", getOne(r.Standard, "std"))
	g.PUT("/standards/:std", replaceOne(r.UpdateStandard, "std"))
	g.GET("/standards/:std/references", s.references)
	g.POST("/standards/:std/references", s.addReference)
	g.GET("/standards/:std/references/:label", s.reference)

	g.GET("/patents", namedListOf(s, r.Patents, "holder", "family"))
	g.POST("/patents", createOne(r.CreatePatent, "/api/v1/patents/"))
	g.GET("/patents/:number", s.getPatent)
	g.PUT("/patents/:number", replaceOne(r.UpdatePatent, "number"))

	g.GET("/families", namedListOf(s, r.Families, "holder"))
	g.POST("/families", createOne(r.CreateFamily, "/api/v1/families/"))
	g.GET("/families/:family", familyWithMembers(r))
	g.PUT("/families/:family", replaceOne(r.UpdateFamily, "family"))

	s.routeCharts(g)
	s.routeReviews(g)
	s.routeChallenges(g)
	s.routeWebhooks(g)
	s.routeFeedTokens(g)

	g.GET("/tokens", listOf(r.Tokens))
	g.POST("/tokens", s.createToken)
	g.POST("/tokens/:token/revoke", action(func(ctx context.Context, a claimcharts.Actor, c *gin.Context, rev int64) (*claimcharts.Token, error) {
		return r.RevokeToken(ctx, a, c.Param("token"), rev)
	}))
	g.GET("/audit/:kind/*key", s.audit)
	s.routeSearch(g)
	s.routeImports(g)
	s.routePDF(g)
}

// listOf answers a list with the given filters.
func listOf[T any](fn func(context.Context, claimcharts.Actor, claimcharts.ListOptions) ([]T, string, error), filters ...string) gin.HandlerFunc {
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
		writeList(c, items, next)
	}
}

// getOne answers one record named by a path parameter.
func getOne[T revisioned](fn func(context.Context, claimcharts.Actor, string) (T, error), param string) gin.HandlerFunc {
	return func(c *gin.Context) {
		rec, err := fn(c.Request.Context(), actor(c), c.Param(param))
		if err != nil {
			abort(c, err)
			return
		}
		writeRecord(c, http.StatusOK, rec.StoredRev(), rec)
	}
}

// familyAnswer is a family with the numbers of its members the caller may
// see.
type familyAnswer struct {
	*claimcharts.Family
	Members []claimcharts.Number `json:"members"`
}

// familyWithMembers answers a family with its members the caller may see
// (Registry.FamilyMembers); the ETag is the family's own revision.
func familyWithMembers(r *claimcharts.Registry) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, a, id := c.Request.Context(), actor(c), c.Param("family")
		f, err := r.Family(ctx, a, id)
		var members []claimcharts.Number
		if err == nil {
			members, err = r.FamilyMembers(ctx, a, id)
		}
		if err != nil {
			abort(c, err)
			return
		}
		writeRecord(c, http.StatusOK, f.StoredRev(), familyAnswer{f, members})
	}
}

// createOne decodes a new record, creates it and answers 201 with its location.
func createOne[T any, P interface {
	*T
	claimcharts.Record
	revisioned
}](fn func(context.Context, claimcharts.Actor, P) error, location string) gin.HandlerFunc {
	return func(c *gin.Context) {
		rec := P(new(T))
		if err := decode(c, rec); err != nil {
			abort(c, err)
			return
		}
		if err := fn(c.Request.Context(), actor(c), rec); err != nil {
			abort(c, err)
			return
		}
		c.Header("Location", location+rec.Key())
		writeRecord(c, http.StatusCreated, rec.StoredRev(), rec)
	}
}

// replaceOne decodes a record and replaces the one named by param; it needs If-Match.
func replaceOne[T any, P interface {
	*T
	revisioned
}](fn func(context.Context, claimcharts.Actor, string, int64, P) error, param string) gin.HandlerFunc {
	return func(c *gin.Context) {
		rev, err := requireIfMatch(c)
		if err != nil {
			abort(c, err)
			return
		}
		rec := P(new(T))
		if err := decode(c, rec); err != nil {
			abort(c, err)
			return
		}
		if err := fn(c.Request.Context(), actor(c), c.Param(param), rev, rec); err != nil {
			abort(c, err)
			return
		}
		writeRecord(c, http.StatusOK, rec.StoredRev(), rec)
	}
}

// action answers a state change that takes no body (or reads its own) and
// honours an optional If-Match.
func action[T revisioned](fn func(context.Context, claimcharts.Actor, *gin.Context, int64) (T, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		rev, err := ifMatch(c)
		if err != nil {
			abort(c, err)
			return
		}
		rec, err := fn(c.Request.Context(), actor(c), c, rev)
		if err != nil {
			abort(c, err)
			return
		}
		writeRecord(c, http.StatusOK, rec.StoredRev(), rec)
	}
}

// withBody is action for a state change with a JSON body of type B.
func withBody[B any, T revisioned](status int, fn func(context.Context, claimcharts.Actor, *gin.Context, int64, B) (T, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		rev, err := ifMatch(c)
		if err != nil {
			abort(c, err)
			return
		}
		var in B
		if err := decode(c, &in); err != nil {
			abort(c, err)
			return
		}
		rec, err := fn(c.Request.Context(), actor(c), c, rev, in)
		if err != nil {
			abort(c, err)
			return
		}
		writeRecord(c, status, rec.StoredRev(), rec)
	}
}

// intParam reads a positive whole-number path parameter.
func intParam(c *gin.Context, name string) (int, error) {
	n, err := strconv.Atoi(c.Param(name))
	if err != nil || n < 1 {
		return 0, badParam(name, msg.WholeFromOneGot, c.Param(name))
	}
	return n, nil
}

func (s *Server) audit(c *gin.Context) {
	key := c.Param("key")
	if len(key) > 0 && key[0] == '/' {
		key = key[1:]
	}
	kind := claimcharts.Kind(c.Param("kind"))
	if kind == claimcharts.KindPatent {
		if k, err := claimcharts.PatentKey(key); err == nil {
			key = k
		}
	}
	evs, err := s.registry.Audit(c.Request.Context(), actor(c), kind, key)
	if err != nil {
		abort(c, err)
		return
	}
	writeList(c, evs, "")
}

type tokenCreated struct {
	*claimcharts.Token
	Secret string `json:"secret"`
}

func (s *Server) createToken(c *gin.Context) {
	var in claimcharts.NewToken
	if err := decode(c, &in); err != nil {
		abort(c, err)
		return
	}
	t, secret, err := s.registry.CreateToken(c.Request.Context(), actor(c), in)
	if err != nil {
		abort(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	writeRecord(c, http.StatusCreated, t.Rev, tokenCreated{Token: t, Secret: secret})
}
