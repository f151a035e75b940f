package search

import (
	"container/list"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// Reads under load. What repeats is computed once: a page of hits and a
// query's facet counts are kept per index version, and the version moves
// with every batch the indexer commits and every rebuild swapped in, so a
// cached answer is never older than the index it would be read from.
// Cached answers are kept per principal (the public, the administrators,
// one licensor organization, one reviewer): a cache never serves one
// caller's view to another. Identical searches that arrive together run
// once (singleflight). Searches that miss the cache take one of a bounded
// number of slots; past the bound they wait a little, then answer that
// the service is busy (503 with Retry-After), so cheap paths keep their
// latency while searches saturate.

// Cache and concurrency defaults.
const (
	DefaultCachedPages  = 2048
	defaultCachedFacets = 2 * DefaultCachedPages
	defaultSlotWait     = time.Second
)

// readCache holds the caches and the search slots of an Index.
type readCache struct {
	version atomic.Uint64
	pages   *lru[*Result]
	facets  *lru[map[string][]FacetCount]
	flight  singleflight.Group
	slots   chan struct{}
	wait    time.Duration
	hits    atomic.Uint64
	misses  atomic.Uint64
	busy    atomic.Uint64
}

func newReadCache(opts Options) *readCache {
	return &readCache{
		pages:  newLRU[*Result](opts.CachedPages),
		facets: newLRU[map[string][]FacetCount](opts.CachedFacets),
		slots:  make(chan struct{}, opts.MaxSearches),
		wait:   opts.SlotWait,
	}
}

// changed moves the version on: every cached answer is stale from now.
func (c *readCache) changed() { c.version.Add(1) }

// Version is the index's version: it moves with every indexer batch and
// rebuild swap, so what a caller derives from the index (or from the store
// the index follows) can be kept until it moves.
func (ix *Index) Version() uint64 { return ix.cache.version.Load() }

// CacheStats counts the searches answered from the cache, those computed,
// and those refused because every slot was taken.
type CacheStats struct {
	Hits, Misses, Busy uint64
	// TermHits counts the summaries of a term in a segment that searches
	// found kept, TermReads those they read from the postings
	// (fast_bound.go): many reads mean the terms of the queries do not fit
	// in what is kept, TermBytes.
	TermHits, TermReads uint64
	TermBytes           int64
}

// CacheStats returns the counts since the index was opened.
func (ix *Index) CacheStats() CacheStats {
	c := ix.cache
	sc := &ix.segments
	return CacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Busy: c.busy.Load(),
		TermHits: sc.termHits.Load(), TermReads: sc.termReads.Load(), TermBytes: sc.termBytes.Load()}
}

// acquire takes a search slot, waiting at most the configured time.
func (c *readCache) acquire(ctx context.Context) (release func(), err error) {
	select {
	case c.slots <- struct{}{}:
		return func() { <-c.slots }, nil
	default:
	}
	t := time.NewTimer(c.wait)
	defer t.Stop()
	select {
	case c.slots <- struct{}{}:
		return func() { <-c.slots }, nil
	case <-t.C:
		c.busy.Add(1)
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// errBusy answers a search that found no free slot in time.
var errBusy = claimcharts.Says(claimcharts.EUNAVAILABLE, msg.SearchBusy)

// principalKey names whose view of the index an actor reads: the same
// principals as the documents' visibility (see views.go).
func principalKey(actor claimcharts.Actor) string {
	switch actor.Role {
	case claimcharts.RoleAdmin:
		return principalAdmin
	case claimcharts.RoleLicensor:
		return orgPrincipal(actor.Organization)
	case claimcharts.RoleReviewer:
		return reviewerPrincipal(actor.ID)
	}
	return principalPublic
}

// requestKey is a request's identity in the caches: the parts that decide
// the facet counts, and with the page's parts the whole answer.
func requestKey(version uint64, principal string, req Request) (page, facets string) {
	var b strings.Builder
	b.WriteString(strconv.FormatUint(version, 10))
	for _, s := range []string{principal, req.Query, "as_of=" + string(req.AsOf)} {
		b.WriteByte(0)
		b.WriteString(s)
	}
	names := make([]string, 0, len(req.Filters))
	for n := range req.Filters {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		b.WriteByte(0)
		b.WriteString(n)
		b.WriteByte('=')
		b.WriteString(req.Filters[n])
	}
	facets = b.String()
	for _, s := range []string{req.Sort, req.Cursor, strconv.Itoa(req.Limit), req.Lang, strconv.FormatBool(req.NoFacets), strconv.Itoa(req.FacetSize)} {
		b.WriteByte(0)
		b.WriteString(s)
	}
	return b.String(), facets
}

// copyResult returns a copy of a cached result that its caller may
// change: its own slice of hits and map of facets.
func copyResult(r *Result) *Result {
	out := *r
	out.Items = slices.Clone(r.Items)
	if r.Facets != nil {
		out.Facets = make(map[string][]FacetCount, len(r.Facets))
		for k, v := range r.Facets {
			out.Facets[k] = v
		}
	}
	return &out
}

// lru is a map of at most max entries that forgets the least recently
// used one first. It is safe for concurrent use.
type lru[V any] struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *lruEntry[V], most recent first
	byKey map[string]*list.Element
}

type lruEntry[V any] struct {
	key   string
	value V
}

func newLRU[V any](max int) *lru[V] {
	return &lru[V]{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *lru[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*lruEntry[V]).value, true
	}
	var zero V
	return zero, false
}

func (c *lru[V]) put(key string, v V) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		e.Value.(*lruEntry[V]).value = v
		c.order.MoveToFront(e)
		return
	}
	c.byKey[key] = c.order.PushFront(&lruEntry[V]{key: key, value: v})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*lruEntry[V]).key)
	}
}
