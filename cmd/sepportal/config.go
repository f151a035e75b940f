package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"sepportal/search"
	"sepportal/server"
)

// Config is the configuration shared by the commands, from flags with
// SEPPORTAL_* environment variables as defaults.
type Config struct {
	Addr string
	// MetricsAddr is where /metrics is served, apart from Addr; empty
	// serves no metrics.
	MetricsAddr string
	DataDir     string
	MongoURI    string
	AdminToken  string
	Demo        bool
	LogFormat   string
	LogLevel    string
	// IndexDir holds the search index (see indexDir in reindex.go).
	IndexDir string
	// MaxImport caps an import upload over the API, in bytes.
	MaxImport int64
	maxImport string // as given, read by parse
	// ImportJobs is how many imports the API runs (or receives) at once.
	ImportJobs int
	importJobs string // as given, read by parse
	// SearchCache is how many search answers are kept per index version:
	// 0 means the search index's default, a negative number none (the
	// flag's 0).
	SearchCache int
	// SearchEngine answers searches: search.EngineBitmap or EngineBleve.
	SearchEngine string
	searchCache  string // as given, read by parse
	// TrustProxy trusts the proxy in front to say X-Forwarded-Proto: https,
	// so that workspace cookies are Secure behind TLS it ends.
	TrustProxy bool
	// SessionTTL is how long a workspace session lasts.
	SessionTTL time.Duration
	sessionTTL string // as given, read by parse
	// Pprof serves Go's profiles (net/http/pprof) under /debug/pprof/ on
	// the metrics listener, never on the public one.
	Pprof bool
	// Prewarm reads the embedded store into the page cache at start.
	Prewarm bool
}

// flags registers the configuration on fs; serve adds the server's own.
func (c *Config) flags(fs *flag.FlagSet, serve bool) {
	fs.StringVar(&c.DataDir, "data-dir", env("SEPPORTAL_DATA_DIR", "./data"), "directory of the embedded store (env SEPPORTAL_DATA_DIR)")
	fs.StringVar(&c.MongoURI, "mongo-uri", env("SEPPORTAL_MONGO_URI", ""), "MongoDB URI; when set, the store is MongoDB instead of the embedded one (env SEPPORTAL_MONGO_URI)")
	fs.StringVar(&c.LogFormat, "log-format", env("SEPPORTAL_LOG_FORMAT", "text"), "log format: text or json (env SEPPORTAL_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", env("SEPPORTAL_LOG_LEVEL", "info"), "log level: debug, info, warn, error (env SEPPORTAL_LOG_LEVEL)")
	fs.StringVar(&c.IndexDir, "index-dir", env("SEPPORTAL_INDEX_DIR", ""), "directory of the search index; default <data-dir>/index, or ./data/index-<hash of the URI> with --mongo-uri (env SEPPORTAL_INDEX_DIR)")
	if serve {
		c.addrFlag(fs)
		fs.StringVar(&c.MetricsAddr, "metrics-addr", env("SEPPORTAL_METRICS_ADDR", DefaultMetricsAddr), "listen address of /metrics, apart from --addr; empty serves no metrics (env SEPPORTAL_METRICS_ADDR)")
		fs.StringVar(&c.AdminToken, "admin-token", env("SEPPORTAL_ADMIN_TOKEN", ""), "bootstrap an admin API token with this secret (env SEPPORTAL_ADMIN_TOKEN)")
		fs.BoolVar(&c.Demo, "demo", envBool("SEPPORTAL_DEMO", false), "load the fictitious demo pool before serving (env SEPPORTAL_DEMO)")
		fs.StringVar(&c.maxImport, "max-import", env("SEPPORTAL_MAX_IMPORT", strconv.Itoa(server.DefaultMaxImport)),
			"largest import upload over the API, in bytes (env SEPPORTAL_MAX_IMPORT)")
		fs.StringVar(&c.importJobs, "import-jobs", env("SEPPORTAL_IMPORT_JOBS", strconv.Itoa(server.DefaultImportJobs)),
			"imports the API runs or receives at once; past it an upload answers 503 (env SEPPORTAL_IMPORT_JOBS)")
		fs.StringVar(&c.searchCache, "search-cache", env("SEPPORTAL_SEARCH_CACHE", strconv.Itoa(search.DefaultCachedPages)),
			"search answers kept per index version and caller's view; 0 keeps none (env SEPPORTAL_SEARCH_CACHE)")
		fs.StringVar(&c.SearchEngine, "search-engine", env("SEPPORTAL_SEARCH_ENGINE", search.EngineBitmap),
			"what answers searches: bitmap (the index's posting bitmaps, bleve where they cannot) or bleve (bleve's collector always) (env SEPPORTAL_SEARCH_ENGINE)")
		fs.BoolVar(&c.TrustProxy, "trust-proxy", envBool("SEPPORTAL_TRUST_PROXY", false),
			"trust X-Forwarded-Proto from the proxy in front: workspace cookies are Secure when it says https (env SEPPORTAL_TRUST_PROXY)")
		fs.BoolVar(&c.Pprof, "pprof", envBool("SEPPORTAL_PPROF", false),
			"serve Go's CPU, heap and goroutine profiles under /debug/pprof/ on the metrics listener (--metrics-addr), never on --addr (env SEPPORTAL_PPROF)")
		fs.BoolVar(&c.Prewarm, "prewarm", envBool("SEPPORTAL_PREWARM", true),
			"read the embedded store into the page cache in the background at start, so that the first lookups do not wait on the disk (env SEPPORTAL_PREWARM)")
		fs.StringVar(&c.sessionTTL, "session-ttl", env("SEPPORTAL_SESSION_TTL", server.DefaultSessionTTL.String()),
			"how long a workspace sign-in lasts (env SEPPORTAL_SESSION_TTL)")
	}
}

// Default listen addresses: loopback, so that a portal started outside a
// container is not reachable from the network until it is put behind a
// proxy or given an address. The container sets SEPPORTAL_ADDR=:8080.
const (
	DefaultAddr        = "127.0.0.1:8080"
	DefaultMetricsAddr = "127.0.0.1:9090"
)

// addrFlag registers --addr, which serve and healthcheck share.
func (c *Config) addrFlag(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", env("SEPPORTAL_ADDR", DefaultAddr), "listen address (env SEPPORTAL_ADDR)")
}

// parse parses args into a new Config.
func parse(name string, args []string, stderr io.Writer, serve bool) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("sepportal "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.flags(fs, serve)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, errUsage
		}
		return c, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sepportal %s: unexpected argument %q\n", name, fs.Arg(0))
		return c, errUsage
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("--log-format must be text or json, not %q", c.LogFormat)
	}
	if c.AdminToken != "" && len(c.AdminToken) < 16 {
		return c, errors.New("--admin-token must be at least 16 characters")
	}
	if serve {
		n, err := strconv.ParseInt(c.maxImport, 10, 64)
		if err != nil || n <= 0 {
			return c, fmt.Errorf("--max-import (env SEPPORTAL_MAX_IMPORT) must be a number of bytes above 0, not %q", c.maxImport)
		}
		c.MaxImport = n
		jobs, err := strconv.Atoi(c.importJobs)
		if err != nil || jobs <= 0 {
			return c, fmt.Errorf("--import-jobs (env SEPPORTAL_IMPORT_JOBS) must be a number above 0, not %q", c.importJobs)
		}
		c.ImportJobs = jobs
		cache, err := strconv.Atoi(c.searchCache)
		if err != nil || cache < 0 {
			return c, fmt.Errorf("--search-cache (env SEPPORTAL_SEARCH_CACHE) must be a number of answers, 0 or more, not %q", c.searchCache)
		}
		c.SearchCache = cache
		if cache == 0 {
			c.SearchCache = -1
		}
		if c.SearchEngine != search.EngineBitmap && c.SearchEngine != search.EngineBleve {
			return c, fmt.Errorf("--search-engine (env SEPPORTAL_SEARCH_ENGINE) must be %s or %s, not %q", search.EngineBitmap, search.EngineBleve, c.SearchEngine)
		}
		ttl, err := time.ParseDuration(c.sessionTTL)
		if err != nil || ttl <= 0 {
			return c, fmt.Errorf("--session-ttl (env SEPPORTAL_SESSION_TTL) must be a duration above 0 such as 8h, not %q", c.sessionTTL)
		}
		c.SessionTTL = ttl
	}
	return c, nil
}

// logger builds the slog logger the configuration asks for.
func (c Config) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// envBool is the switch in the environment variable name: on for 1,
// true or yes, off for 0, false or no, else def.
func envBool(name string, def bool) bool {
	switch strings.ToLower(os.Getenv(name)) {
	case "1", "true", "yes":
		return true
	case "0", "false", "no":
		return false
	}
	return def
}
