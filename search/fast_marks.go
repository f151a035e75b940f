package search

import (
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Snippet locations in the bitmap engine. Index.locate finds where the
// words of a query stand in a page's documents with a second bleve
// search, which opens the postings of every word in every segment for 20
// documents. The engine knows each hit's segment and number there, and
// reads the words' postings with their locations in the hit's segment
// only, walking the segment's hits in increasing order: the locations
// bleve's searchers report, and the stored items the snippets are cut
// from, for the same DocumentMatch as locate's.

// marker finds where a query's terms stand in documents of one segment
// (see markers), as bleve's searchers report them when asked for
// locations.
type marker interface {
	// at appends to ftls the locations reported for doc, and says
	// whether doc matches. doc must not decrease from call to call.
	at(doc uint64, ftls []bsearch.FieldTermLocation) ([]bsearch.FieldTermLocation, bool, error)
}

// markers holds the postings iterators of one segment, one per term of
// a field, shared by every part of a query that names the term.
type markers struct {
	v       *segView
	cursors map[[2]string]*termCursor // by field and term
}

// on moves the markers to segment v, before its first document.
func (ms *markers) on(v *segView) {
	if ms.v != v {
		ms.v, ms.cursors = v, map[[2]string]*termCursor{}
	}
}

// cursor returns the iterator of term in field, with locations.
func (ms *markers) cursor(field, term string) (*termCursor, error) {
	key := [2]string{field, term}
	if c, ok := ms.cursors[key]; ok {
		return c, nil
	}
	dict, err := ms.v.seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	pl, err := dict.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return nil, err
	}
	c := newTermCursor(pl.Iterator(true, true, true, nil))
	ms.cursors[key] = c
	return c, nil
}

// marker compiles q, as newScorer compiles it, into its marker;
// errUnhandled for what the engine does not score.
func (ms *markers) marker(s *snapshot, q query.Query) (marker, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		if q.FieldVal == "" {
			return nil, errUnhandled
		}
		return &termMarker{ms: ms, field: q.FieldVal, term: q.Term}, nil
	case *query.MatchPhraseQuery:
		field, terms, err := phraseTerms(s.mapping, q)
		if err != nil {
			return nil, err
		}
		return &phraseMarker{ms: ms, field: field, terms: terms}, nil
	case *query.ConjunctionQuery:
		kids, err := ms.markerAll(s, q.Conjuncts)
		return &allMarker{kids: kids, all: true}, err
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, errUnhandled
		}
		kids, err := ms.markerAll(s, q.Disjuncts)
		return &allMarker{kids: kids}, err
	}
	return nil, errUnhandled
}

// markerAll compiles the parts of a conjunction or disjunction.
func (ms *markers) markerAll(s *snapshot, qs []query.Query) ([]marker, error) {
	if len(qs) == 0 {
		return nil, errUnhandled
	}
	out := make([]marker, len(qs))
	for i, q := range qs {
		m, err := ms.marker(s, q)
		if err != nil {
			return nil, err
		}
		out[i] = m
	}
	return out, nil
}

// termMarker reports the locations of a term in its field, as bleve's
// term searcher does, less those no snippet shows (see nearFirst).
type termMarker struct {
	ms          *markers
	field, term string
}

func (t *termMarker) at(doc uint64, ftls []bsearch.FieldTermLocation) ([]bsearch.FieldTermLocation, bool, error) {
	c, err := t.ms.cursor(t.field, t.term)
	if err != nil {
		return ftls, false, err
	}
	locs, ok, err := c.at(doc)
	if err != nil || !ok {
		return ftls, false, err
	}
	var near nearFirst
	for _, l := range locs {
		if near.keep(l) {
			ftls = appendLocation(ftls, t.term, l)
		}
	}
	return ftls, true, nil
}

// phraseMarker reports the locations of a phrase's occurrences only, as
// bleve's phrase searcher does: for each location of the first term that
// the others follow (phrase.from), that location and those of the
// others that follow it (findPhrasePaths' paths, with no slop), less
// those no snippet shows (see nearFirst).
type phraseMarker struct {
	ms    *markers
	field string
	terms []string // "" for a dropped word (see phraseTerms)
}

func (pm *phraseMarker) at(doc uint64, ftls []bsearch.FieldTermLocation) ([]bsearch.FieldTermLocation, bool, error) {
	p := newPhrase(len(pm.terms))
	for i, t := range pm.terms {
		if t == "" {
			continue
		}
		c, err := pm.ms.cursor(pm.field, t)
		if err != nil {
			return ftls, false, err
		}
		p.terms[i] = c
	}
	if ok, err := p.read(doc); err != nil || !ok {
		return ftls, false, err
	}
	matched := false
	near := make([]nearFirst, len(pm.terms))
	for _, first := range p.locs[0] {
		if !p.from(first) {
			continue
		}
		matched = true
		if near[0].keep(first) {
			ftls = appendLocation(ftls, pm.terms[0], first)
		}
		for i := 1; i < len(pm.terms); i++ {
			if p.terms[i] == nil {
				continue
			}
			for j := p.follower(first, i, -1); j >= 0; j = p.follower(first, i, j) {
				if near[i].keep(p.locs[i][j]) {
					ftls = appendLocation(ftls, pm.terms[i], p.locs[i][j])
				}
			}
		}
	}
	return ftls, matched, nil
}

// allMarker is a conjunction (all) or a disjunction: a conjunction
// reports its parts' locations when every part matches, a disjunction
// those of the parts that match.
type allMarker struct {
	kids []marker
	all  bool
}

func (a *allMarker) at(doc uint64, ftls []bsearch.FieldTermLocation) ([]bsearch.FieldTermLocation, bool, error) {
	before := len(ftls)
	matched := false
	for _, k := range a.kids {
		var ok bool
		var err error
		if ftls, ok, err = k.at(doc, ftls); err != nil {
			return ftls[:before], false, err
		}
		if ok {
			matched = true
		} else if a.all {
			return ftls[:before], false, nil
		}
	}
	return ftls, matched, nil
}

// nearFirst drops, from the locations of one term that a marker reports
// for one document, those no snippet shows, so that a text repeating a
// query's words thousands of times costs no more than the fragment cut
// from it. A fragment (see fragment) starts at most snippetBefore bytes
// before the first match of its text and never runs past snippetLength
// bytes, so a location that starts snippetLength bytes or more after
// another one kept in the same text (field and entry) falls past its end:
// neither its mark nor a mark it merges with changes what the fragment
// shows. The snippets stay those cut from bleve's locations, all of them.
type nearFirst struct {
	field string
	pos   int    // the text's entry in the field, -1 for none
	first uint64 // the smallest start kept in the text
	set   bool
}

// keep says whether to report l, the next location of the term.
func (n *nearFirst) keep(l segment.Location) bool {
	if l.Start() >= l.End() {
		return true // no fragment marks it, nor starts at it
	}
	pos := -1
	if ap := l.ArrayPositions(); len(ap) > 0 {
		pos = int(ap[0])
	}
	if !n.set || pos != n.pos || l.Field() != n.field {
		// Locations come text by text; should a text come back, its
		// first location again is one that is kept.
		*n = nearFirst{field: l.Field(), pos: pos, first: l.Start(), set: true}
		return true
	}
	if l.Start() >= n.first+snippetLength {
		return false
	}
	n.first = min(n.first, l.Start())
	return true
}

// appendLocation appends location l of term, as bleve's term scorer
// reports it.
func appendLocation(ftls []bsearch.FieldTermLocation, term string, l segment.Location) []bsearch.FieldTermLocation {
	return append(ftls, bsearch.FieldTermLocation{Field: l.Field(), Term: term, Location: bsearch.Location{
		Pos: l.Pos(), Start: l.Start(), End: l.End(), ArrayPositions: l.ArrayPositions()}})
}

// locate returns, by id, the hits of res (those of hits) that the must
// clauses match, with the locations of their words and their stored
// items, as Index.locate finds them with bleve; nil when there is
// nothing to locate. The hits' items were read with the page (see
// result). errUnhandled: a clause the engine does not score.
func (s *snapshot) locate(must []query.Query, hits []hitRef, res *bleve.SearchResult) (map[string]*bsearch.DocumentMatch, error) {
	if len(must) == 0 || len(hits) == 0 {
		return nil, nil
	}
	ms := &markers{}
	m, err := ms.marker(s, query.NewConjunctionQuery(must))
	if err != nil {
		return nil, err
	}
	out := make(map[string]*bsearch.DocumentMatch, len(hits))
	var ftls []bsearch.FieldTermLocation
	for _, i := range indexOrder(hits) {
		ms.on(&s.segs[hits[i].seg])
		var ok bool
		if ftls, ok, err = m.at(hits[i].doc, ftls[:0]); err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		// Complete turns the locations into bleve's map, as the
		// collector does, copying them out of the iterators' buffers.
		h := res.Hits[i]
		h.FieldTermLocations = ftls
		h.Complete(nil)
		h.FieldTermLocations = nil
		out[h.ID] = h
	}
	return out, nil
}
