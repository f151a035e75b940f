package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// requestDurations is the server's histogram of request durations, by
// method and route (metrics.ObserveRequest): the time from the request's
// arrival in the server to the end of its answer, without the load
// tool's own share of the machine.
const requestDurations = "sepportal_http_request_duration_seconds"

// serverMetrics is what a load run reads from the server's Prometheus
// endpoint before and after it: its resident memory and its own count of
// request durations.
type serverMetrics struct {
	rss   float64
	times map[string]histogram // GET requests by route
}

// histogram is one route's cumulative bucket counts.
type histogram struct {
	upper []float64 // upper bounds in seconds, ascending, the last +Inf
	count []float64 // requests at most upper[i]
}

// readServerMetrics reads the server's metrics at metricsURL.
func readServerMetrics(ctx context.Context, metricsURL string) (serverMetrics, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, metricsURL, nil)
	if err != nil {
		return serverMetrics{}, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return serverMetrics{}, err
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return serverMetrics{}, err
	}
	var m serverMetrics
	if f := families["process_resident_memory_bytes"]; f != nil && len(f.GetMetric()) > 0 {
		s := f.GetMetric()[0]
		m.rss = max(s.GetGauge().GetValue(), s.GetUntyped().GetValue())
	}
	if f := families[requestDurations]; f != nil {
		m.times = map[string]histogram{}
		for _, s := range f.GetMetric() {
			if label(s, "method") == http.MethodGet {
				m.times[label(s, "route")] = newHistogram(s.GetHistogram())
			}
		}
	}
	if m.rss == 0 && m.times == nil {
		return m, errors.New("neither process_resident_memory_bytes nor " + requestDurations)
	}
	return m, nil
}

// label is the value of a sample's label name.
func label(s *dto.Metric, name string) string {
	for _, l := range s.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// newHistogram reads a Prometheus histogram's buckets.
func newHistogram(h *dto.Histogram) histogram {
	var out histogram
	for _, b := range h.GetBucket() {
		out.upper = append(out.upper, b.GetUpperBound())
		out.count = append(out.count, float64(b.GetCumulativeCount()))
	}
	if len(out.upper) == 0 || !math.IsInf(out.upper[len(out.upper)-1], 1) {
		out.upper = append(out.upper, math.Inf(1))
		out.count = append(out.count, float64(h.GetSampleCount()))
	}
	return out
}

// since is what the server counted between before and m: the requests a
// load run sent, with whatever else reached the server meanwhile.
func (m serverMetrics) since(before serverMetrics) map[string]histogram {
	out := map[string]histogram{}
	for route, h := range m.times {
		b, ok := before.times[route]
		d := histogram{upper: h.upper, count: slices.Clone(h.count)}
		if ok && slices.Equal(b.upper, h.upper) {
			for i := range d.count {
				d.count[i] -= b.count[i]
			}
		}
		if d.total() > 0 {
			out[route] = d
		}
	}
	return out
}

func (h histogram) total() float64 {
	if len(h.count) == 0 {
		return 0
	}
	return h.count[len(h.count)-1]
}

// quantile estimates the q-quantile in milliseconds as Prometheus's
// histogram_quantile does: linearly within the bucket that holds it; in
// the last, unbounded bucket, the highest finite bound.
func (h histogram) quantile(q float64) float64 {
	rank := q * h.total()
	lower, below := 0.0, 0.0
	for i, up := range h.upper {
		if h.count[i] >= rank {
			if math.IsInf(up, 1) {
				return lower * 1000
			}
			in := h.count[i] - below
			if in == 0 {
				return up * 1000
			}
			return (lower + (up-lower)*(rank-below)/in) * 1000
		}
		lower, below = up, h.count[i]
	}
	return lower * 1000
}

// writeServerTimes prints, for each route the server answered during the
// run, the server's own latency percentiles, estimated from its buckets.
func writeServerTimes(w io.Writer, times map[string]histogram) {
	routes := make([]string, 0, len(times))
	for r := range times {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	fmt.Fprintf(w, "server time by route (its %s histogram, GET):\n", requestDurations)
	fmt.Fprintf(w, "%-12s %-40s %9s %8s %8s %8s\n", "server-time", "route", "requests", "p50 ms", "p95 ms", "p99 ms")
	for _, r := range routes {
		h := times[r]
		fmt.Fprintf(w, "%-12s %-40s %9.0f %8.1f %8.1f %8.1f\n", "server-time", r, h.total(), h.quantile(0.50), h.quantile(0.95), h.quantile(0.99))
	}
}
