package server

import (
	"cmp"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/klauspost/compress/gzhttp"
	"github.com/klauspost/compress/gzip"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
	"sepportal/metrics"
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
	// Metrics record requests and imports; nil makes the server its own.
	// The server does not serve them: /metrics has its own listener.
	Metrics *metrics.Metrics
	// MaxImport caps an import upload; 0 means DefaultMaxImport.
	MaxImport int64
	// ImportJobs bounds the imports received or running at once; 0 means
	// DefaultImportJobs.
	ImportJobs int
	// SessionTTL is how long a workspace session lasts; 0 means DefaultSessionTTL.
	SessionTTL time.Duration
	// WarmLists computes the public pools' first list pages in the
	// background whenever the index moves (warm.go); set it when the
	// search cache keeps answers.
	WarmLists bool
	// CachedAnswers is how many public answers of number lookups are kept
	// (answers.go); 0 means DefaultCachedAnswers, a negative number none.
	CachedAnswers int
	// TrustProxy trusts X-Forwarded-Proto: https from the proxy in front,
	// so that workspace cookies are marked Secure behind TLS it ends.
	TrustProxy bool
}

// Server is SEP Portal's HTTP handler.
type Server struct {
	registry  *claimcharts.Registry
	log       *slog.Logger
	version   string
	maxBody   int64
	maxImport int64
	metrics   *metrics.Metrics
	engine    *gin.Engine
	// handler is the engine behind the response compression.
	handler http.Handler
	// answers keeps the public's answers of number lookups.
	answers *publicAnswers
	// warmer prepares the search index and warms the pool lists, when
	// Config.WarmLists.
	warmer *listWarmer
	search *search.Index
	jobs   *importJobs
	// names keeps the public's names of records per index version.
	names   nameCache
	filings filingLimiter
	// formKey signs the stamps of the public forms.
	formKey []byte
	// sessions are the workspace's signed-in browsers.
	sessions   *sessions
	trustProxy bool
}

// New builds the server and its routes.
func New(cfg Config) *Server {
	s := &Server{registry: cfg.Registry, log: cfg.Logger, version: cfg.Version, maxBody: cfg.MaxBody, metrics: cfg.Metrics, search: cfg.Search, maxImport: cfg.MaxImport}
	s.formKey = newFormKey()
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	if cfg.CachedAnswers == 0 {
		cfg.CachedAnswers = DefaultCachedAnswers
	}
	if s.metrics == nil {
		s.metrics = metrics.New()
	}
	s.sessions, s.trustProxy = newSessions(cfg.SessionTTL, func() time.Time { return s.registry.Now() }), cfg.TrustProxy
	s.jobs = newImportJobs(cmp.Or(max(cfg.ImportJobs, 0), DefaultImportJobs), s.metrics)
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
	// The client's address (the filing rate limit's key) comes from
	// X-Forwarded-For only when a proxy on the machine or the private
	// network (the TLS proxy of compose.yaml) sent the request: a client
	// on the internet cannot choose its own address.
	if err := e.SetTrustedProxies(trustedProxies); err != nil {
		panic(err)
	}
	e.ContextWithFallback = true
	e.Use(setSecurityHeaders, s.withRequestID, s.accessLog, recoverPanics)
	e.NoRoute(func(c *gin.Context) {
		abort(c, claimcharts.Says(claimcharts.ENOTFOUND, msg.NothingAt, c.Request.URL.Path))
	})
	e.NoMethod(func(c *gin.Context) {
		abort(c, claimcharts.Says(codeMethodNotAllowed, msg.MethodNotAt, c.Request.Method, c.Request.URL.Path))
	})
	s.engine = e
	compress := compression()
	s.handler = compress(e)
	s.answers = newPublicAnswers(cfg.CachedAnswers, compress)
	s.routeOps()
	s.routePages()
	s.routeWorkspace()
	s.routeAPI(e.Group("/api/v1", s.limitBody, s.authenticate, requireTokenForWrites))
	if s.search != nil {
		s.warmer = s.startWarmer(cfg.WarmLists)
	}
	return s
}

// Close cancels the import jobs that are running and the warming of the
// pool lists, and waits for them to stop; call it before closing the
// store and the index.
func (s *Server) Close() {
	s.warmer.close()
	s.jobs.close()
}

// ServeHTTP implements http.Handler.
// Text answers are compressed (gzip or zstd, as the client accepts) by
// klauspost/compress's gzhttp.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// compression is gzhttp at the fastest level: it wraps the engine, and
// compresses the kept public answers once (answers.go). Search answers are
// cached, but compressed on every request: at the default level
// compression took about a sixth of a number lookup's CPU under load, a
// fifth less at the fastest, for slightly larger answers.
func compression() func(http.Handler) http.HandlerFunc {
	wrap, err := gzhttp.NewWrapper(gzhttp.CompressionLevel(gzip.BestSpeed))
	if err != nil {
		panic(err) // a constant, valid level: it cannot fail
	}
	return wrap
}

// routeOps adds the operational endpoints. /metrics is not among them:
// it is served on its own listener (--metrics-addr), so the public one
// answers 404 for it.
func (s *Server) routeOps() {
	s.engine.GET("/healthz", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"status": "ok", "version": s.version})
	})
	s.engine.GET("/readyz", s.ready)
	s.routeContract()
}
