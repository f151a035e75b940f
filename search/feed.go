package search

import (
	"context"
	"strconv"
	"time"

	"sepportal/claimcharts"
)

// feed tracks how far the index has followed the store's change feed.
//
// The embedded store numbers changes in commit order. MongoDB does not: a
// writer draws its number before it writes, so 8 can be visible while 7
// is still in flight, and a refused write leaves its number unused. The
// feed therefore remembers the numbers it skipped over and reads them
// again on each pass until they appear or GapTimeout passes.
// The checkpoint saved with the documents is the watermark: every number
// at or below it was indexed or given up.
type feed struct {
	watermark uint64
	high      uint64
	missing   map[uint64]time.Time
}

func newFeed(checkpoint uint64) feed {
	return feed{watermark: checkpoint, high: checkpoint, missing: map[uint64]time.Time{}}
}

func parseCheckpoint(b []byte) uint64 {
	n, _ := strconv.ParseUint(string(b), 10, 64)
	return n
}

// maxLateRead caps how many numbers behind the high mark a pass rereads.
const maxLateRead = 10000

// read returns the changes to index next: those above the high mark, and
// those that arrived late below it.
func (f *feed) read(ctx context.Context, s claimcharts.Store, limit int) ([]claimcharts.Change, error) {
	out, err := s.Changes(ctx, f.high, limit)
	if err != nil || len(f.missing) == 0 {
		return out, err
	}
	lo := f.high
	for seq := range f.missing {
		lo = min(lo, seq)
	}
	late, err := s.Changes(ctx, lo-1, int(min(f.high-lo+1, maxLateRead)))
	if err != nil {
		return nil, err
	}
	for _, c := range late {
		if _, ok := f.missing[c.Seq]; ok && c.Seq <= f.high {
			out = append(out, c)
		}
	}
	return out, nil
}

// advance records that changes were indexed and returns the new watermark.
func (f *feed) advance(changes []claimcharts.Change, now time.Time, gapTimeout time.Duration) uint64 {
	high := f.high
	seen := map[uint64]bool{}
	for _, c := range changes {
		seen[c.Seq] = true
		delete(f.missing, c.Seq)
		high = max(high, c.Seq)
	}
	for seq := f.high + 1; seq < high; seq++ {
		if !seen[seq] {
			f.missing[seq] = now
		}
	}
	f.high = high
	f.watermark = high
	for seq, since := range f.missing {
		if now.Sub(since) > gapTimeout {
			delete(f.missing, seq)
			continue
		}
		f.watermark = min(f.watermark, seq-1)
	}
	return f.watermark
}

// lastSeq finds the number of the last visible change by probing the feed,
// in O(log n) reads of one change each.
func lastSeq(ctx context.Context, s claimcharts.Store) (uint64, error) {
	after := func(n uint64) (bool, error) {
		c, err := s.Changes(ctx, n, 1)
		return len(c) > 0, err
	}
	lo, hi := uint64(0), uint64(1) // changes exist after lo; none after hi
	for {
		ok, err := after(hi)
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		lo, hi = hi, hi*2
	}
	if ok, err := after(0); err != nil || !ok {
		return 0, err
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		ok, err := after(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, nil
}
