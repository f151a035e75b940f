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

// changeCache keeps each pool's latest changes for one version of the
// index: reading a large pool's entries for every page view would cost
// what the page is meant to show cheaply. The index's version moves with
// every batch of changes it indexes, so an entry changed since is read again.
type changeCache struct {
	mu     sync.Mutex
	byPool map[string]cachedChanges
	// flight runs one read of a pool's entries at a time for all the
	// pages that ask together: at 200,000 entries the read takes tens of
	// seconds on a busy machine, and each caller starting its own, then
	// giving up, never let one finish.
	flight singleflight.Group
}

type cachedChanges struct {
	version string
	changes []change
}

// recentChanges returns a pool's latest public admissions and removals,
// newest first, at most max.
func (s *Server) recentChanges(ctx context.Context, pool string, max int) ([]change, error) {
	version := ""
	if s.search != nil {
		version = strconv.FormatUint(s.search.Version(), 10)
	}
	s.changes.mu.Lock()
	c, ok := s.changes.byPool[pool]
	s.changes.mu.Unlock()
	if !ok || version == "" || c.version != version {
		// The read runs on a context that no caller's going away cancels,
		// so that it completes and is kept for those who come next.
		v, err, _ := s.changes.flight.Do(pool+"\x00"+version, func() (any, error) {
			return s.readChanges(context.WithoutCancel(ctx), pool, version)
		})
		if err != nil {
			return nil, err
		}
		c = v.(cachedChanges)
	}
	return c.changes[:min(max, len(c.changes))], nil
}

// readChanges reads a pool's latest changes from its entries and its
// decided challenges, and keeps them for this version of the index.
func (s *Server) readChanges(ctx context.Context, pool, version string) (cachedChanges, error) {
	entries, err := s.publicEntries(ctx, pool)
	if err != nil {
		return cachedChanges{}, err
	}
	challenges, err := s.publicChallenges(ctx, claimcharts.ListOptions{Where: map[string]string{"pool": pool}})
	if err != nil {
		return cachedChanges{}, err
	}
	c := cachedChanges{version: version, changes: changesSorted(append(changesOf(entries), outcomesOf(entries, challenges)...))}
	if len(c.changes) > recentLimit {
		c.changes = c.changes[:recentLimit]
	}
	s.changes.mu.Lock()
	defer s.changes.mu.Unlock()
	if s.changes.byPool == nil {
		s.changes.byPool = map[string]cachedChanges{}
	}
	s.changes.byPool[pool] = c
	return c, nil
}
