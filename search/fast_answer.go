package search

import (
	"context"
	"errors"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// bitmapAnswer answers sreq, the request of plan p for a caller who may
// read vis, from the index's bitmaps: the page of hits with the total,
// where the words stand in them for the snippets (as Index.locate finds
// them), and the facet counts when wanted. The page is nil when the
// engine does not handle its order or its scoring (a date order): bleve
// answers the page then; the marks are nil when the engine did not
// locate the words (a page without words or without hits too).
// errUnhandled means that the engine handles none of the search.
func (ix *Index) bitmapAnswer(ctx context.Context, p *plan, vis access, sreq *bleve.SearchRequest, wantFacets bool) (*bleve.SearchResult, map[string]*bsearch.DocumentMatch, *bsearch.FacetResult, error) {
	s, err := ix.openSnapshot()
	if err != nil {
		return nil, nil, nil, err
	}
	defer s.Close()
	ix.segments.forget(s)
	match, total, err := s.match(p.query(vis, false))
	if err != nil {
		return nil, nil, nil, err
	}
	var counting chan facetAnswer
	if wantFacets {
		counting = make(chan facetAnswer, 1)
		go func() {
			f, err := s.countFacets(&ix.segments, match)
			counting <- facetAnswer{facets: f, err: err}
		}()
	}
	res, marks, err := s.page(ctx, &ix.segments, p, sreq, match, total)
	var facets *bsearch.FacetResult
	if counting != nil {
		fa := <-counting
		facets = fa.facets
		if err == nil {
			err = fa.err
		}
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return res, marks, facets, nil
}

// page returns the page of hits sreq asks for, nil when the engine does
// not handle its order or scoring, and the marks of its hits (see locate),
// nil when it leaves them to bleve.
func (s *snapshot) page(ctx context.Context, c *segmentCache, p *plan, sreq *bleve.SearchRequest, match []*roaring.Bitmap, total uint64) (*bleve.SearchResult, map[string]*bsearch.DocumentMatch, error) {
	var sc scorer
	if len(p.must) > 0 {
		var err error
		if sc, err = s.newScorer(p.must, p.should); errors.Is(err, errUnhandled) {
			return nil, nil, nil
		} else if err != nil {
			return nil, nil, err
		}
	}
	var hits []hitRef
	var err error
	desc, byNumber := numberSort(sreq)
	switch {
	case sortsByScore(sreq) && sc != nil:
		newScorer := func() (scorer, error) { return s.newScorer(p.must, p.should) }
		hits, err = s.topScored(ctx, c, newScorer, match, total, sreq.From+sreq.Size)
		hits = hits[min(sreq.From, len(hits)):]
	case byNumber && sreq.From == 0 && len(sreq.SearchAfter) <= 1:
		after := ""
		if len(sreq.SearchAfter) == 1 {
			after = sreq.SearchAfter[0]
		}
		hits, err = s.numberPage(ctx, c, match, sreq.Size, desc, after)
		if err == nil && sc != nil {
			err = s.scoreHits(sc, hits)
		}
	default:
		return nil, nil, nil
	}
	if errors.Is(err, errUnhandled) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	res, err := s.result(hits, byNumber, total, len(p.must) > 0)
	if err != nil {
		return nil, nil, err
	}
	marks, err := s.locate(p.must, hits, res)
	if errors.Is(err, errUnhandled) {
		return res, nil, nil
	}
	return res, marks, err
}

// numberSort reports whether sreq is sorted by the number sort key alone,
// as sortOrder asks for it, and in which direction.
func numberSort(sreq *bleve.SearchRequest) (desc, ok bool) {
	if len(sreq.Sort) != 1 {
		return false, false
	}
	f, ok := sreq.Sort[0].(*bsearch.SortField)
	if !ok || f.Field != fSortNumber || f.Type != bsearch.SortFieldAuto || f.Mode != bsearch.SortFieldDefault ||
		f.Missing != bsearch.SortFieldMissingLast {
		return false, false
	}
	return f.Desc, true
}

// result turns hits into bleve's answer: the id, score, sort key and
// stored display of each, as the page's fields, and with their stored
// items when asked (a page with words, for the snippets: see locate).
func (s *snapshot) result(hits []hitRef, byNumber bool, total uint64, withItems bool) (*bleve.SearchResult, error) {
	out := &bleve.SearchResult{Total: total, Hits: make(bsearch.DocumentMatchCollection, len(hits))}
	for i, h := range hits {
		seg := s.segs[h.seg].seg
		id, err := seg.DocID(h.doc)
		if err != nil {
			return nil, err
		}
		var display string
		m := &bsearch.DocumentMatch{ID: string(id), Score: h.score}
		err = seg.VisitStoredFields(h.doc, func(field string, _ byte, value []byte, _ []uint64) bool {
			switch {
			case field == fDisplay:
				display = string(value)
				return withItems // the items may follow
			case field == fItems && withItems:
				m.AddFieldValue(fItems, string(value)) // as bleve loads a stored field
			}
			return true
		})
		if err != nil {
			return nil, err
		}
		m.AddFieldValue(fDisplay, display)
		if byNumber {
			m.Sort = []string{h.key}
		}
		out.Hits[i] = m
	}
	return out, nil
}
