package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/demo"
	"sepportal/claimcharts/mongo"
	"sepportal/metrics"
	"sepportal/search"
	"sepportal/server"
	"sepportal/webhook"
)

// Main is a running sepportal: its store, registry and HTTP server. Tests
// start and stop it like the command does.
type Main struct {
	Config   Config
	Log      *slog.Logger
	Store    claimcharts.Store
	Registry *claimcharts.Registry
	Search   *search.Index
	HTTP     *http.Server
	// Metrics are served by MetricsHTTP on Config.MetricsAddr, when set.
	Metrics     *metrics.Metrics
	MetricsHTTP *http.Server
	listener    net.Listener
	metricsLn   net.Listener
	// stopPrewarm ends the embedded store's prewarming and waits for it.
	stopPrewarm func()
}

// openStore opens MongoDB when a URI is configured, else the embedded store.
func openStore(ctx context.Context, c Config) (claimcharts.Store, error) {
	if c.MongoURI != "" {
		return mongo.Open(ctx, c.MongoURI)
	}
	return bolt.Open(c.DataDir)
}

// Open opens the store, bootstraps the admin token, loads the demo if asked
// and starts listening; Serve then answers requests.
func (m *Main) Open(ctx context.Context) error {
	store, err := openStore(ctx, m.Config)
	if err != nil {
		return err
	}
	m.Metrics = metrics.New()
	m.prewarm(store)
	m.Store = m.Metrics.Store(store)
	m.Registry = claimcharts.NewRegistry(m.Store)
	// The index follows the store's change feed from here on, the demo
	// data included; a missing index is built in the background.
	if m.Search, err = search.Open(indexDir(m.Config), m.Store, search.Options{Logger: m.Log, OnSearch: m.Metrics.ObserveSearch, CachedPages: m.Config.SearchCache, CachedFacets: 2 * m.Config.SearchCache, Engine: m.Config.SearchEngine}); err != nil {
		return fmt.Errorf("open the search index: %w", err)
	}
	m.Metrics.WatchIndex(m.Search)
	m.Search.Start()
	if m.Config.AdminToken != "" {
		if err := m.Registry.EnsureAdminToken(ctx, m.Config.AdminToken); err != nil {
			return fmt.Errorf("bootstrap admin token: %w", err)
		}
	}
	if m.Config.Demo {
		sum, err := demo.Load(ctx, m.Registry)
		if err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		m.Log.Info("demo data loaded", slog.Any("summary", sum))
	}
	m.listener, err = net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return err
	}
	h := server.New(server.Config{Registry: m.Registry, Logger: m.Log, Version: Version, Search: m.Search, Metrics: m.Metrics, MaxImport: m.Config.MaxImport,
		ImportJobs: m.Config.ImportJobs, TrustProxy: m.Config.TrustProxy, SessionTTL: m.Config.SessionTTL, WarmLists: m.Config.SearchCache >= 0})
	m.HTTP = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	return m.openMetrics()
}

// prewarm reads the embedded store's records into the page cache in the
// background (bolt.Store.Prewarm), so that the first number lookups and
// pages after a start do not wait on the disk.
func (m *Main) prewarm(store claimcharts.Store) {
	b, ok := store.(*bolt.Store)
	if !ok || !m.Config.Prewarm {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	m.stopPrewarm = func() { cancel(); <-done }
	warmed := m.Metrics.Warming(metrics.WarmStore)
	go func() {
		defer close(done)
		defer warmed()
		start := time.Now()
		n, err := b.Prewarm(ctx)
		switch {
		case ctx.Err() != nil: // the server is closing
			return
		case err != nil:
			m.Log.Warn("prewarming the store", slog.String("error", err.Error()))
			return
		}
		m.Log.Info("store prewarmed", slog.Int64("mb", n>>20), slog.Duration("took", time.Since(start).Round(time.Millisecond)))
	}()
}

// openMetrics listens on the metrics address, if one is configured: the
// Prometheus convention of a listener of its own, which operators keep off
// the public network.
func (m *Main) openMetrics() error {
	if m.Config.MetricsAddr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", m.Config.MetricsAddr)
	if err != nil {
		return fmt.Errorf("--metrics-addr: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Metrics.Handler())
	if m.Config.Pprof {
		routePprof(mux)
	}
	m.metricsLn = ln
	m.MetricsHTTP = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: time.Minute}
	return nil
}

// routePprof adds Go's profiles to the metrics listener's mux (--pprof):
// a profile shows where a server's time goes under load, and the metrics
// listener is the one operators keep off the public network.
func routePprof(mux *http.ServeMux) {
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
}

// MetricsAddr is the address /metrics is served on, "" when it is not.
func (m *Main) MetricsAddr() string {
	if m.metricsLn == nil {
		return ""
	}
	return m.metricsLn.Addr().String()
}

// Addr is the address the server listens on.
func (m *Main) Addr() string { return m.listener.Addr().String() }

// webhookEvery is how often the server looks for webhook deliveries due.
const webhookEvery = 5 * time.Second

// Serve answers requests until ctx ends, then shuts down gracefully.
func (m *Main) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- m.HTTP.Serve(m.listener) }()
	if m.MetricsHTTP != nil {
		go func() {
			if err := m.MetricsHTTP.Serve(m.metricsLn); !errors.Is(err, http.ErrServerClosed) {
				m.Log.Error("serving metrics", slog.String("error", err.Error()))
			}
		}()
	}
	// Webhook deliveries run beside the server, never inside a request,
	// and stop before the store closes.
	deliveries, stopDeliveries := context.WithCancel(context.Background())
	delivered := make(chan struct{})
	go func() {
		defer close(delivered)
		(&webhook.Deliverer{Registry: m.Registry, Logger: m.Log}).Run(deliveries, webhookEvery)
	}()
	defer func() { stopDeliveries(); <-delivered }()
	m.Log.Info("serving", slog.String("addr", m.Addr()), slog.String("metrics_addr", m.MetricsAddr()), slog.String("version", Version))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	m.Log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if m.MetricsHTTP != nil {
		m.MetricsHTTP.Shutdown(shutdown)
	}
	if err := m.HTTP.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close stops the import jobs and the search indexer and releases the
// index and the store.
func (m *Main) Close() error {
	if m.HTTP != nil {
		if s, ok := m.HTTP.Handler.(*server.Server); ok {
			s.Close()
		}
	}
	if m.MetricsHTTP != nil {
		m.MetricsHTTP.Close()
		m.metricsLn.Close()
	}
	if m.stopPrewarm != nil {
		m.stopPrewarm()
	}
	if m.Search != nil {
		if err := m.Search.Close(); err != nil {
			m.Log.Warn("closing the search index", slog.String("error", err.Error()))
		}
	}
	if m.Store != nil {
		return m.Store.Close()
	}
	return nil
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parse("serve", args, stderr, true)
	if err != nil {
		return err
	}
	log, err := cfg.logger(stderr)
	if err != nil {
		return err
	}
	m := &Main{Config: cfg, Log: log}
	defer m.Close()
	if err := m.Open(ctx); err != nil {
		return err
	}
	return m.Serve(ctx)
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parse("demo", args, stderr, false)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	sum, err := demo.Load(ctx, claimcharts.NewRegistry(store))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo data loaded: %+v\n", sum)
	return nil
}
