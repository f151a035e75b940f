package server

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

const (
	keyRequestID = "request_id"
	keyLogger    = "logger"
	keyActor     = "actor"
)

// withRequestID takes the caller's X-Request-Id (if sane) or makes one, and
// gives the request the server's logger, which logger(c) makes carry it.
func (s *Server) withRequestID(c *gin.Context) {
	id := c.GetHeader("X-Request-Id")
	if len(id) == 0 || len(id) > 64 || strings.ContainsFunc(id, func(r rune) bool { return r < '!' || r > '~' }) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	c.Set(keyRequestID, id)
	c.Set(keyLogger, s.log)
	c.Header("X-Request-Id", id)
	c.Next()
}

func requestID(c *gin.Context) string { return c.GetString(keyRequestID) }

// logger is the request's logger: the server's, carrying the request id.
// It is made when something is logged, not for every request: most
// requests log nothing but the access line (accessLog), and at the
// levels a busy server runs at, not even that.
func logger(c *gin.Context) *slog.Logger {
	base := slog.Default()
	if l, ok := c.Get(keyLogger); ok {
		base = l.(*slog.Logger)
	}
	if id := requestID(c); id != "" {
		return base.With(slog.String("request_id", id))
	}
	return base
}

// recoverPanics answers a 500 problem for a panic and logs it with its stack.
func recoverPanics(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			logger(c).Error("panic", slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
			if !c.Writer.Written() {
				abort(c, claimcharts.Internal(fmt.Errorf("panic: %v", v)))
			}
		}
	}()
	c.Next()
}

// accessLog logs each request and records it in the metrics.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	status := c.Writer.Status()
	elapsed := time.Since(start)
	s.metrics.ObserveRequest(c.Request.Method, route, status, elapsed)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	if ctx := c.Request.Context(); s.log.Enabled(ctx, level) { // the line is built only to be written
		logger(c).LogAttrs(ctx, level, "request", slog.String("method", c.Request.Method),
			slog.String("path", c.Request.URL.Path), slog.Int("status", status), elapsedMS(elapsed),
			slog.String("actor", actor(c).String()))
	}
}

// elapsedMS is a duration as logs carry it: milliseconds, named so, with
// microsecond precision.
func elapsedMS(d time.Duration) slog.Attr {
	return slog.Float64("elapsed_ms", float64(d.Microseconds())/1000)
}

// authenticate reads a bearer token into the request's actor. No header
// means anonymous; a malformed, unknown or revoked token is refused.
func (s *Server) authenticate(c *gin.Context) {
	h := c.GetHeader("Authorization")
	if h == "" {
		c.Next()
		return
	}
	scheme, secret, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
		abort(c, claimcharts.Says(claimcharts.EUNAUTHORIZED, msg.AuthHeader))
		return
	}
	a, err := s.registry.Authenticate(c.Request.Context(), secret)
	if err != nil {
		abort(c, err)
		return
	}
	c.Set(keyActor, a)
	c.Next()
}

// publicWrites are the writes anyone may make without a token.
var publicWrites = map[string]bool{"POST /api/v1/challenges": true}

// requireTokenForWrites refuses anonymous writes before their bodies are
// read, except publicWrites.
func requireTokenForWrites(c *gin.Context) {
	m := c.Request.Method
	if m != http.MethodGet && m != http.MethodHead && actor(c).Anonymous() && !publicWrites[m+" "+c.FullPath()] {
		abort(c, claimcharts.Says(claimcharts.EUNAUTHORIZED, msg.SignInAPI))
		return
	}
	c.Next()
}

// actor returns the caller, anonymous when no token was given.
func actor(c *gin.Context) claimcharts.Actor {
	if a, ok := c.Get(keyActor); ok {
		return a.(claimcharts.Actor)
	}
	return claimcharts.Actor{}
}

// limitBody caps request bodies; reading past the cap fails the decode with
// a too-large problem.
func (s *Server) limitBody(c *gin.Context) {
	if c.Request.Body != nil && c.Request.ContentLength > s.maxBody {
		abort(c, claimcharts.Says(claimcharts.ETOOLARGE, msg.SizeOver, msg.Noun("request body"), c.Request.ContentLength, s.maxBody))
		return
	}
	if c.Request.Body != nil && c.Request.Body != http.NoBody { // a GET has no body to cap
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.maxBody)
	}
	c.Next()
}
