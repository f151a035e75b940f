package server

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"sepportal/claimcharts"
	"sepportal/metrics"
	"sepportal/search"
)

// Warming the pool lists. A pool's whole list with its facet counts is
// the portal's most expensive repeated read (every entry of the pool is
// counted), and it is computed once per index version (search's cache).
// Its first callers after the index moves all wait for that one
// computation, and on a busy machine it can run past the query timeout:
// every one of them then fails. So when the index's version moves, the
// server computes the first page of each public pool's list itself, in
// the background, for the public (the only view it warms): the callers
// who come next find it in the cache.
//
// Before the lists, and whether or not the cache keeps answers, the index
// prepares what its engine reads once per segment (search.Index.Prepare):
// at start, before the first check, and after each move.
//
// Bounded: one list at a time, at most warmPools pools, only once the
// version has stayed put for a check (a rebuild or an import moves it on
// every batch: warming is for the quiet that follows), each computation
// under the search's own query timeout and search slots, and the lists
// only when the search cache keeps answers (Config.WarmLists).

// How often the version is checked, and how many pools are warmed.
const (
	warmEvery = time.Second
	warmPools = 16
)

// warmRequests are the first pages warmed for pool: the API's list as a
// client reads it first (GET /api/v1/pools/{pool}/patents?limit=20, in
// either language; both share one computation of the facet counts) and
// the pool page's statistics of the admitted entries.
func warmRequests(pool string) []search.Request {
	list := func(lang string) search.Request {
		return search.Request{Filters: map[string]string{"pool": pool, "is": search.TypePatent}, Lang: lang, Limit: 20}
	}
	stats := search.Request{Filters: map[string]string{"pool": pool, "is": search.TypePatent, "status": claimcharts.EntryAdmitted},
		Sort: "number", Limit: 1, Lang: "en"}
	return []search.Request{list("en"), list("zh"), stats}
}

// listWarmer runs warmLists until closed.
type listWarmer struct {
	cancel context.CancelFunc
	done   sync.WaitGroup
}

// startWarmer starts preparing the index now and warming it (and the
// pool lists when lists is set) each time it moves.
func (s *Server) startWarmer(lists bool) *listWarmer {
	ctx, cancel := context.WithCancel(context.Background())
	w := &listWarmer{cancel: cancel}
	w.done.Add(1)
	started := s.metrics.Warming(metrics.WarmIndex) // before the first scrape can come
	go func() {
		defer w.done.Done()
		s.prepare(ctx)
		started()
		s.warmLists(ctx, lists)
	}()
	return w
}

// prepare has the index read what its engine keeps per segment.
func (s *Server) prepare(ctx context.Context) {
	defer s.metrics.Warming(metrics.WarmIndex)()
	start := time.Now()
	if err := s.search.Prepare(ctx); err != nil && ctx.Err() == nil {
		s.log.Warn("preparing the search index", slog.String("error", err.Error()))
		return
	}
	s.log.Debug("prepared the search index", slog.Duration("elapsed", time.Since(start)))
}

// close stops the warming and waits for it.
func (w *listWarmer) close() {
	if w != nil {
		w.cancel()
		w.done.Wait()
	}
}

// warmLists checks the index's version every warmEvery and, when it has
// moved and then stayed put for one check, prepares the index and, when
// lists is set, warms the public pools' lists.
func (s *Server) warmLists(ctx context.Context, lists bool) {
	t := time.NewTicker(warmEvery)
	defer t.Stop()
	warmed, seen := ^uint64(0), ^uint64(0)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		v := s.search.Version()
		if v != seen { // moved since the last check: wait for quiet
			seen = v
			continue
		}
		if v == warmed {
			continue
		}
		s.prepare(ctx) // what start prepared is not read again
		if lists {
			s.warmPools(ctx)
		}
		warmed = v
	}
}

// warmPools computes the warmRequests of the first warmPools public pools.
func (s *Server) warmPools(ctx context.Context) {
	pools, _, err := s.registry.Pools(ctx, claimcharts.Actor{}, claimcharts.ListOptions{Limit: warmPools})
	if err != nil {
		s.log.Warn("warming the pool lists", slog.String("error", err.Error()))
		return
	}
	for _, p := range pools {
		for _, req := range warmRequests(p.Slug) {
			if ctx.Err() != nil {
				return
			}
			if _, err := s.search.Search(ctx, claimcharts.Actor{}, req); err != nil {
				s.log.Info("warming a pool list", slog.String("pool", p.Slug), slog.String("error", err.Error()))
			}
		}
	}
}
