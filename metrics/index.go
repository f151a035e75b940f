package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"sepportal/search"
)

// Index is what the metrics read of the search index at each scrape.
type Index interface {
	Readiness(ctx context.Context) (search.Readiness, error)
	Status(ctx context.Context) search.Status
	CacheStats() search.CacheStats
}

// WatchIndex reports ix's lag behind the store and its rebuild at each
// scrape.
func (m *Metrics) WatchIndex(ix Index) {
	m.registry.MustRegister(&indexCollector{ix: ix})
}

// Descriptions of the index's gauges.
var (
	descStoreSeq = prometheus.NewDesc("sepportal_store_sequence",
		"Number of the store's last change-feed entry.", nil, nil)
	descIndexSeq = prometheus.NewDesc("sepportal_index_sequence",
		"Change-feed number up to which every change is in the search index.", nil, nil)
	descLag = prometheus.NewDesc("sepportal_index_lag_changes",
		"Changes the search index trails the store by (store sequence minus index sequence); /readyz is not ready while the index has not caught up.", nil, nil)
	descReady = prometheus.NewDesc("sepportal_index_ready",
		"1 when the search index has caught up with the store (as /readyz says), else 0.", nil, nil)
	descDocs = prometheus.NewDesc("sepportal_index_documents",
		"Documents in the search index in use.", nil, nil)
	descRebuilding = prometheus.NewDesc("sepportal_index_rebuilding",
		"1 while the search index is being rebuilt, else 0.", nil, nil)
	descRebuilt = prometheus.NewDesc("sepportal_index_rebuild_documents",
		"Documents the running (or last) rebuild of the search index has written.", nil, nil)
	descCacheHits = prometheus.NewDesc("sepportal_search_cache_hits_total",
		"Searches answered from the cache of answers per index version and caller; hits / (hits + misses) is the hit ratio.", nil, nil)
	descCacheMisses = prometheus.NewDesc("sepportal_search_cache_misses_total",
		"Searches computed in the index because the cache did not hold them.", nil, nil)
	descBusy = prometheus.NewDesc("sepportal_search_busy_total",
		"Searches refused with 503 because every search slot stayed taken.", nil, nil)
	descTermHits = prometheus.NewDesc("sepportal_search_term_hits_total",
		"Summaries of a word in a segment (its blocks' bounds and postings' frequencies, for ranking) that searches found in the term cache.", nil, nil)
	descTermReads = prometheus.NewDesc("sepportal_search_term_reads_total",
		"Summaries of a word in a segment that searches read from the index because the term cache did not hold them; many, beside the hits, mean the words searched do not fit in the cache.", nil, nil)
	descTermBytes = prometheus.NewDesc("sepportal_search_term_cache_bytes",
		"Bytes the term cache holds (summaries and field lengths), bounded by its budget.", nil, nil)
	descScrapeError = prometheus.NewDesc("sepportal_index_scrape_error",
		"1 when the store could not be read to measure the index's lag at this scrape, else 0.", nil, nil)
)

// indexCollector measures the index when scraped.
type indexCollector struct{ ix Index }

// Describe implements prometheus.Collector.
func (c *indexCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descStoreSeq, descIndexSeq, descLag, descReady, descDocs, descRebuilding, descRebuilt, descCacheHits, descCacheMisses, descBusy, descTermHits, descTermReads, descTermBytes, descScrapeError} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *indexCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	gauge := func(d *prometheus.Desc, v float64) { ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v) }
	st := c.ix.Status(ctx)
	gauge(descDocs, float64(st.Documents))
	gauge(descRebuilding, flag(st.Rebuilding))
	gauge(descRebuilt, float64(st.RebuildDocuments))
	cs := c.ix.CacheStats()
	for d, v := range map[*prometheus.Desc]uint64{descCacheHits: cs.Hits, descCacheMisses: cs.Misses, descBusy: cs.Busy, descTermHits: cs.TermHits, descTermReads: cs.TermReads} {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v))
	}
	gauge(descTermBytes, float64(cs.TermBytes))
	r, err := c.ix.Readiness(ctx)
	gauge(descScrapeError, flag(err != nil))
	if err != nil {
		return
	}
	gauge(descStoreSeq, float64(r.StoreSeq))
	gauge(descIndexSeq, float64(r.IndexedSeq))
	gauge(descLag, float64(r.Lag))
	gauge(descReady, flag(r.Ready))
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
