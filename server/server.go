package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/klauspost/compress/gzhttp"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
	"sepportal/search"
)

// DefaultMaxBody is the default request body limit (4 MiB): a standard with
// thousands of quoted references fits, a runaway upload does not.
const DefaultMaxBody = 4 << 20

// Config is what a Server needs.
type Config struct {
	Registry *claimcharts.Registry
	Logger   *slog.Logger
	// Version is reported by /healthz.
	Version string
	// MaxBody caps request bodies; 0 means DefaultMaxBody.
	MaxBody int64
	// Search is the search index; nil answers the search routes with 503.
	Search *search.Index
	// MaxImport caps an import upload; 0 means DefaultMaxImport.
	MaxImport int64
}

// Server is SEP Portal's HTTP handler.
type Server struct {
	registry  *claimcharts.Registry
	log       *slog.Logger
	version   string
	maxBody   int64
	maxImport int64
	metrics   *metrics
	engine    *gin.Engine
	// handler is the engine behind the response compression.
	handler http.Handler
	search  *search.Index
	changes changeCache
}

// New builds the server and its routes.
func New(cfg Config) *Server {
	s := &Server{registry: cfg.Registry, log: cfg.Logger, version: cfg.Version, maxBody: cfg.MaxBody, metrics: newMetrics(), search: cfg.Search, maxImport: cfg.MaxImport}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	if s.maxImport <= 0 {
		s.maxImport = DefaultMaxImport
	}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	// Route on the raw path so that a patent number such as WO2019%2F123456
	// stays one path segment.
	e.UseRawPath, e.UnescapePathValues = true, true
	e.RemoveExtraSlash = false
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	e.Use(s.withRequestID, s.accessLog, recoverPanics)
	e.NoRoute(func(c *gin.Context) {
		abort(c, claimcharts.Says(claimcharts.ENOTFOUND, msg.NothingAt, c.Request.URL.Path))
	})
	e.NoMethod(func(c *gin.Context) {
		abort(c, claimcharts.Says(codeMethodNotAllowed, msg.MethodNotAt, c.Request.Method, c.Request.URL.Path))
	})
	s.engine = e
	s.handler = gzhttp.GzipHandler(e)
	s.routeOps()
	s.routePages()
	s.routeAPI(e.Group("/api/v1", s.limitBody, s.authenticate, requireTokenForWrites))
	return s
}

// ServeHTTP implements http.Handler.
// Text answers are compressed (gzip or zstd, as the client accepts) by
// klauspost/compress's gzhttp.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// routeOps adds the operational endpoints.
func (s *Server) routeOps() {
	s.engine.GET("/healthz", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"status": "ok", "version": s.version})
	})
	s.engine.GET("/readyz", func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
		defer cancel()
		if err := s.registry.Store.Ping(ctx); err != nil {
			logger(c).Warn("store not reachable", slog.String("error", err.Error()))
			abort(c, httpError(claimcharts.EUNAVAILABLE, "the store is not reachable"))
			return
		}
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
	})
	s.engine.GET("/metrics", gin.WrapH(promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})))
	s.routeContract()
}
