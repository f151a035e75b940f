package search

import (
	"context"
	"errors"
)

// Prepare reads, for each segment of the index in use, what the bitmap
// engine otherwise reads on the first search that needs it: the facet
// values with their documents, the values by document, and the number
// order. The first callers after a start or a merge then do not pay for
// it, and the pool lists are not left to bleve while a large segment's
// number order is read in the background (at 1,000,000 patents bleve
// answered the whole pool's list at a fifth of the rate for the first
// seconds). It returns when every segment is read or ctx ends; a segment
// whose values cannot be read is left to the first search that needs
// them, which reports the error.
func (ix *Index) Prepare(ctx context.Context) error {
	s, err := ix.openSnapshot()
	if errors.Is(err, errUnhandled) {
		return nil
	}
	if err != nil {
		return err
	}
	defer s.Close()
	ix.segments.forget(s)
	for i := range s.segs {
		if err := ctx.Err(); err != nil {
			return err
		}
		v := &s.segs[i]
		if terms, err := ix.segments.facetTerms(v); err == nil {
			ix.segments.facetsByDoc(v, terms)
		}
		ix.segments.prepareOrder(v)
	}
	return nil
}
