package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"sepportal/claimcharts/lists"
)

// Metrics are one process's collectors, in their own registry.
type Metrics struct {
	registry       *prometheus.Registry
	requests       *prometheus.CounterVec
	requestTime    *prometheus.HistogramVec
	searchTime     *prometheus.HistogramVec
	storeTime      *prometheus.HistogramVec
	storeErrors    *prometheus.CounterVec
	importRows     *prometheus.CounterVec
	importRecords  *prometheus.CounterVec
	importTime     *prometheus.HistogramVec
	importsRunning prometheus.Gauge
	warming        *prometheus.GaugeVec
}

// latencyBuckets suit a store operation or a search: 0.1 ms to 10 s.
var latencyBuckets = []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// requestBuckets suit a request: 0.25 ms to 10 s, finer between 5 and
// 100 ms, where a page's budget lies (30 ms), so that a percentile read
// from them (`sepportal load`, histogram_quantile) is within a few
// milliseconds there.
var requestBuckets = []float64{.00025, .0005, .001, .0025, .005, .0075, .01, .015, .02, .025, .03, .04, .05, .075, .1, .25, .5, 1, 2.5, 5, 10}

// New makes the collectors and registers them, with the Go runtime's and
// the process's.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sepportal_http_requests_total",
			Help: "HTTP requests by method, route and status."}, []string{"method", "route", "status"}),
		requestTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "sepportal_http_request_duration_seconds",
			Help: "HTTP request latency by method and route.", Buckets: requestBuckets}, []string{"method", "route"}),
		searchTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "sepportal_search_duration_seconds",
			Help:    "Search latency in the index by kind: text (words), number (a patent number), list (filters alone: a pool's list, a section's charts).",
			Buckets: latencyBuckets}, []string{"kind"}),
		storeTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "sepportal_store_operation_duration_seconds",
			Help: "Store operation latency by operation (get, put, put_many, list, changes, audit, ping).", Buckets: latencyBuckets}, []string{"op"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sepportal_store_errors_total",
			Help: "Store operations that returned an error, by operation and error code (not_found and precondition are normal; internal and unavailable are not)."},
			[]string{"op", "code"}),
		importRows: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sepportal_import_rows_total",
			Help: "Rows of imported lists by kind of list and outcome: read, written (rows of an import that wrote), rejected."},
			[]string{"kind", "outcome"}),
		importRecords: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sepportal_import_records_total",
			Help: "Records imports wrote, by kind of list and change (created, updated)."}, []string{"kind", "change"}),
		importTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "sepportal_import_duration_seconds",
			Help:    "Import duration by kind of list, dry runs included.",
			Buckets: []float64{.1, .5, 1, 5, 10, 30, 60, 120, 300, 600, 1800}}, []string{"kind"}),
		importsRunning: prometheus.NewGauge(prometheus.GaugeOpts{Name: "sepportal_imports_running",
			Help: "Imports running now."}),
		warming: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "sepportal_warming",
			Help: "Readings ahead running now, by part: store (the embedded store's records into the page cache, after a start) and index (what the search engine keeps per segment and the commonest words' summaries, after a start or an index move). Answers are right meanwhile, slower."},
			[]string{"part"}),
	}
	for _, part := range []string{WarmStore, WarmIndex} {
		m.warming.WithLabelValues(part)
	}
	m.registry.MustRegister(m.requests, m.requestTime, m.searchTime, m.storeTime, m.storeErrors,
		m.importRows, m.importRecords, m.importTime, m.importsRunning, m.warming,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// The parts of Warming.
const (
	WarmStore = "store"
	WarmIndex = "index"
)

// Warming counts a reading ahead of part as running until done is called.
func (m *Metrics) Warming(part string) (done func()) {
	g := m.warming.WithLabelValues(part)
	g.Inc()
	return g.Dec
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// ObserveRequest records one HTTP request.
func (m *Metrics) ObserveRequest(method, route string, status int, elapsed time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.requestTime.WithLabelValues(method, route).Observe(elapsed.Seconds())
}

// ObserveSearch records one search of a kind (search.KindText...); it is
// the index's Options.OnSearch.
func (m *Metrics) ObserveSearch(kind string, elapsed time.Duration) {
	m.searchTime.WithLabelValues(kind).Observe(elapsed.Seconds())
}

// StartImport counts an import as running until the returned function is
// called with its report (nil when it failed before reading).
func (m *Metrics) StartImport() func(rep *lists.Report) {
	m.importsRunning.Inc()
	return func(rep *lists.Report) {
		m.importsRunning.Dec()
		if rep != nil {
			m.observeImport(rep)
		}
	}
}

// observeImport records what an import read, wrote and rejected.
func (m *Metrics) observeImport(rep *lists.Report) {
	kind := string(rep.Kind)
	if kind == "" {
		kind = "unknown"
	}
	m.importRows.WithLabelValues(kind, "read").Add(float64(rep.Rows))
	m.importRows.WithLabelValues(kind, "rejected").Add(float64(rep.Rejected))
	if rep.Written && !rep.DryRun {
		m.importRows.WithLabelValues(kind, "written").Add(float64(max(0, rep.Rows-rep.Rejected)))
		m.importRecords.WithLabelValues(kind, "created").Add(float64(rep.Created))
		m.importRecords.WithLabelValues(kind, "updated").Add(float64(rep.Updated))
	}
	m.importTime.WithLabelValues(kind).Observe(rep.Elapsed)
}
