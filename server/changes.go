package server

import (
	"context"
	"sort"
	"strconv"
	"sync"

	"golang.org/x/sync/singleflight"

	"sepportal/claimcharts"
)

// change is one admission to or removal from a pool's public list.
type change struct {
	Pool   string
	Patent string
	Holder string
	Status string // admitted, removed, or a challenge's outcome (upheld, dismissed)
	Date   claimcharts.Date
	Reason string
	// Challenge and Reasons are set for a challenge's outcome.
	Challenge string
	Reasons   claimcharts.Text
}

// publicEntries reads every entry of a pool's list that the public may see,
// through the Registry (which applies the visibility rules).
func (s *Server) publicEntries(ctx context.Context, pool string) ([]*claimcharts.Entry, error) {
	var out []*claimcharts.Entry
	opts := claimcharts.ListOptions{Limit: claimcharts.MaxLimit}
	for {
		items, next, err := s.registry.Entries(ctx, claimcharts.Actor{}, pool, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if next == "" {
			return out, nil
		}
		opts.After = next
	}
}

// changesOf lists the admissions and removals of entries, newest first.
func changesOf(entries []*claimcharts.Entry) []change {
	var out []change
	for _, e := range entries {
		if e.Effective != "" {
			out = append(out, change{Pool: e.Pool, Patent: e.Patent, Holder: e.Holder, Status: claimcharts.EntryAdmitted, Date: e.Effective})
		}
		if e.Status == claimcharts.EntryRemoved && e.Effective != "" {
			out = append(out, change{Pool: e.Pool, Patent: e.Patent, Holder: e.Holder, Status: claimcharts.EntryRemoved, Date: e.Removed, Reason: e.Reason})
		}
	}
	return changesSorted(out)
}

// publicChallenges reads every decided challenge opts selects, as the
// public reads them (without their challengers), through the Registry.
func (s *Server) publicChallenges(ctx context.Context, opts claimcharts.ListOptions) ([]*claimcharts.Challenge, error) {
	var out []*claimcharts.Challenge
	opts.Limit = claimcharts.MaxLimit
	for {
		items, next, err := s.registry.Challenges(ctx, claimcharts.Actor{}, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if next == "" {
			return out, nil
		}
		opts.After = next
	}
}

// outcomesOf lists the outcomes of a pool's decided challenges as
// changes of its list, each with the holder its entry names.
func outcomesOf(entries []*claimcharts.Entry, challenges []*claimcharts.Challenge) []change {
	holders := make(map[string]string, len(entries))
	for _, e := range entries {
		holders[e.Patent] = e.Holder
	}
	out := make([]change, 0, len(challenges))
	for _, ch := range challenges {
		out = append(out, change{Pool: ch.Pool, Patent: ch.Patent, Holder: holders[ch.Patent], Status: ch.Status,
			Date: ch.DecidedOn, Challenge: ch.ID, Reasons: ch.Reasons})
	}
	return out
}

// changesSorted orders changes newest first, then by patent.
func changesSorted(out []change) []change {
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[j].Date < out[i].Date
		}
		return out[i].Patent < out[j].Patent
	})
	return out
}

// recentLimit is how many of a pool's latest changes are kept: the feed's
// size, more than the pages show.
const recentLimit = feedSize

// changeCache keeps each pool's public entries and latest changes for one
// version of the index: reading a large pool's entries for every page view
// would cost what the page is meant to show cheaply. The index's version
// moves with every batch of changes it indexes, so an entry changed since
// is read again.
type changeCache struct {
	mu     sync.Mutex
	byPool map[string]*poolEntries
	// flight runs one read of a pool's entries at a time for all the
	// pages that ask together: at 200,000 entries the read takes tens of
	// seconds on a busy machine, and each caller starting its own, then
	// giving up, never let one finish.
	flight singleflight.Group
}

// poolEntries is what the cache keeps of one pool: its public entries in
// patent order, reduced to what the list as of a date shows, and its
// latest changes.
type poolEntries struct {
	version string
	listed  []claimcharts.Entry
	changes []change
}

// recentChanges returns a pool's latest public admissions and removals,
// newest first, at most max.
func (s *Server) recentChanges(ctx context.Context, pool string, max int) ([]change, error) {
	pe, err := s.poolEntries(ctx, pool)
	if err != nil {
		return nil, err
	}
	return pe.changes[:min(max, len(pe.changes))], nil
}

// listedOn returns at most n entries of a pool's public list on day d,
// in patent order, after skipping the first from, and whether more follow;
// from the cache, copying only the page.
func (s *Server) listedOn(ctx context.Context, pool string, d claimcharts.Date, from, n int) ([]claimcharts.Entry, bool, error) {
	pe, err := s.poolEntries(ctx, pool)
	if err != nil {
		return nil, false, err
	}
	var out []claimcharts.Entry
	seen := 0
	for _, e := range pe.listed {
		if !e.ListedOn(d) {
			continue
		}
		if seen >= from+n {
			return out, true, nil
		}
		if seen >= from {
			out = append(out, e)
		}
		seen++
	}
	return out, false, nil
}

// poolEntries returns a pool's public entries and changes, read once per
// index version.
func (s *Server) poolEntries(ctx context.Context, pool string) (*poolEntries, error) {
	version := ""
	if s.search != nil {
		version = strconv.FormatUint(s.search.Version(), 10)
	}
	s.changes.mu.Lock()
	pe, ok := s.changes.byPool[pool]
	s.changes.mu.Unlock()
	if ok && version != "" && pe.version == version {
		return pe, nil
	}
	// The read runs on a context that no caller's going away cancels, so
	// that it completes and is kept for those who come next.
	v, err, _ := s.changes.flight.Do(pool+"\x00"+version, func() (any, error) {
		return s.readPoolEntries(context.WithoutCancel(ctx), pool, version)
	})
	if err != nil {
		return nil, err
	}
	return v.(*poolEntries), nil
}

// readPoolEntries reads a pool's public entries and decided challenges,
// and keeps them, with its latest changes, for this version of the index.
func (s *Server) readPoolEntries(ctx context.Context, pool, version string) (*poolEntries, error) {
	entries, err := s.publicEntries(ctx, pool)
	if err != nil {
		return nil, err
	}
	challenges, err := s.publicChallenges(ctx, claimcharts.ListOptions{Where: map[string]string{"pool": pool}})
	if err != nil {
		return nil, err
	}
	pe := &poolEntries{version: version, changes: changesSorted(append(changesOf(entries), outcomesOf(entries, challenges)...)),
		listed: make([]claimcharts.Entry, 0, len(entries))}
	if len(pe.changes) > recentLimit {
		pe.changes = pe.changes[:recentLimit]
	}
	for _, e := range entries {
		pe.listed = append(pe.listed, claimcharts.Entry{Pool: e.Pool, Patent: e.Patent, Holder: e.Holder, Status: e.Status,
			Effective: e.Effective, Removed: e.Removed})
	}
	sort.Slice(pe.listed, func(i, j int) bool { return pe.listed[i].Patent < pe.listed[j].Patent })
	s.changes.mu.Lock()
	defer s.changes.mu.Unlock()
	if s.changes.byPool == nil {
		s.changes.byPool = map[string]*poolEntries{}
	}
	s.changes.byPool[pool] = pe
	return pe, nil
}
