package server

import (
	"context"

	"sepportal/search"
)

// recentChanges returns the newest changes of a pool's public list (of
// every pool's when pool is empty), newest first, at most max: one
// sorted search of the index's change documents, kept until the index
// changes (search.Index.Changes), whatever the size of the pool. Every
// caller asks the index for a feed's worth, so that the page and the feed
// share one kept answer.
func (s *Server) recentChanges(ctx context.Context, pool string, max int) ([]search.Change, error) {
	if s.search == nil {
		return nil, nil
	}
	out, err := s.search.Changes(ctx, pool, feedSize)
	return out[:min(max, len(out))], err
}
