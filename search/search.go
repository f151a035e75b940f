package search

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// Page sizes of a search.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Sorts a search accepts.
var Sorts = []string{"relevance", "number", "-number", "date", "-date"}

// Facets are the fields whose values a search counts.
var Facets = []string{"pool", "holder", "country", "standard", "section", "expires", "result", "status"}

// Facet sizes: values counted in all, and values answered per facet by
// default and at most (Request.FacetSize).
const (
	maxFacetValues   = 100000
	DefaultFacetSize = 20
	MaxFacetSize     = 1000
)

// Request is one search.
type Request struct {
	// Query is in the query language (see parse.go and the README).
	Query string
	// Filters are more name:value filters, ANDed with the query; the list
	// endpoints pass their parameters this way.
	Filters map[string]string
	// Sort is one of Sorts; empty means relevance for a query with words,
	// number otherwise.
	Sort string
	// Cursor is the Next of the previous page (see cursor.go).
	Cursor string
	// Limit is the page size, 1 to MaxLimit; 0 means DefaultLimit.
	Limit int
	// Lang picks the language of titles: "zh" or "en".
	Lang string
	// NoFacets skips counting facets.
	NoFacets bool
	// FacetSize is how many values each facet answers, the most frequent
	// first, 1 to MaxFacetSize; 0 means DefaultFacetSize.
	FacetSize int
	// AsOf, with one pool filter, keeps the patents on that pool's list
	// on that day (see asof.go); empty for no day.
	AsOf claimcharts.Date
}

// Result is one page of hits with the total and the facet counts.
type Result struct {
	Items  []Hit                   `json:"items"`
	Next   *string                 `json:"next"`
	Total  uint64                  `json:"total"`
	Facets map[string][]FacetCount `json:"facets"`
}

// Hit is one document found: what it is and why it matched.
type Hit struct {
	Display
	// Title is the display title in the request's language.
	Title string `json:"title"`
	// Snippets hold HTML-escaped fragments with the matches in <mark>, by
	// the kind of text they come from.
	Snippets map[string][]string `json:"snippets"`
	Score    float64             `json:"score"`
}

// FacetCount is how many hits have one value of a facet.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Search runs req for actor: only documents actor may read are found,
// counted or quoted. An answer computed for the same principal since the
// index last changed is served again (see cache.go).
func (ix *Index) Search(ctx context.Context, actor claimcharts.Actor, req Request) (*Result, error) {
	pageKey, facetKey := requestKey(ix.cache.version.Load(), principalKey(actor), req)
	if r, ok := ix.cache.pages.get(pageKey); ok {
		ix.cache.hits.Add(1)
		return copyResult(r), nil
	}
	// A caller already past its deadline starts nothing: it is answered
	// as a search that ran out of time.
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, searchError(ctx, ctx.Err())
	}
	// Identical searches arriving together run once. The search runs on a
	// context that one caller's going away does not cancel; the query
	// timeout still bounds it.
	v, err, _ := ix.cache.flight.Do(pageKey, func() (any, error) {
		ix.cache.misses.Add(1)
		r, err := ix.search(context.WithoutCancel(ctx), actor, req, facetKey)
		if err == nil {
			ix.cache.pages.put(pageKey, r)
		}
		return r, err
	})
	if err != nil {
		return nil, err
	}
	return copyResult(v.(*Result)), nil
}

// search computes one answer; facetKey names its facet counts in the cache.
func (ix *Index) search(ctx context.Context, actor claimcharts.Actor, req Request, facetKey string) (*Result, error) {
	root, err := parse(req.Query)
	if err != nil {
		return nil, err
	}
	root, err = withFilters(root, req.Filters)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, ix.opts.QueryTimeout)
	defer cancel()
	c := &compiler{m: ix.mapping}
	p, err := c.compileTop(root)
	if err != nil {
		return nil, err
	}
	if err := withAsOf(p, root, req.AsOf); err != nil {
		return nil, err
	}
	vis := actorAccess(actor)
	key, byNumber := numberLookup(root)
	if ix.opts.OnSearch != nil {
		defer func(kind string, start time.Time) { ix.opts.OnSearch(kind, time.Since(start)) }(searchKind(byNumber, p), time.Now())
	}
	if byNumber {
		if p.must, err = ix.numberFirst(ctx, vis, key); err != nil {
			return nil, searchError(ctx, err)
		}
	}
	pool := poolFilter(root)
	sreq, err := newRequest(p, vis, req)
	if err != nil {
		return nil, err
	}
	if !byNumber { // a number lookup reads a handful of documents: no slot
		release, err := ix.cache.acquire(ctx)
		if err != nil {
			return nil, searchError(ctx, err)
		}
		defer release()
	}
	cachedFacets, haveFacets := ix.cache.facets.get(facetKey)
	wantFacets := !req.NoFacets && !haveFacets
	var res *bleve.SearchResult
	var marks map[string]*bsearch.DocumentMatch
	var facets *bsearch.FacetResult
	if ix.opts.Engine == EngineBitmap && !byNumber {
		res, marks, facets, err = ix.bitmapAnswer(ctx, p, vis, sreq, wantFacets)
		switch {
		case errors.Is(err, errUnhandled):
			err = nil
		case err != nil:
			return nil, searchError(ctx, err)
		case facets != nil:
			wantFacets = false
		}
	}
	switch {
	case res != nil:
		ix.bitmapPages.Add(1)
	case ix.opts.Engine == EngineBitmap && !byNumber:
		ix.bleveFallbacks.Add(1)
	}
	if res == nil {
		if err := ix.guardPhrases(ctx, sreq.Query); claimcharts.ErrorCode(err) == claimcharts.EINVALID {
			return nil, err
		} else if err != nil {
			return nil, searchError(ctx, err)
		}
		if res, facets, err = ix.bleveAnswer(ctx, p, vis, sreq, byNumber, wantFacets, facets); err != nil {
			return nil, searchError(ctx, err)
		}
	}
	switch {
	case marks != nil:
		ix.bitmapMarks.Add(1)
	case !byNumber: // a number matches no text to mark
		if marks, err = ix.locate(ctx, p, res); err != nil {
			return nil, searchError(ctx, err)
		}
	}
	out := result(res, marks, sreq, req)
	switch {
	case req.NoFacets:
	case haveFacets:
		out.Facets = firstFacets(cachedFacets, req.FacetSize)
	case facets != nil:
		all := facetCounts(facets, pool)
		ix.cache.facets.put(facetKey, all)
		out.Facets = firstFacets(all, req.FacetSize)
	}
	return out, nil
}

// bleveAnswer answers sreq through bleve's collector, with the facet
// counts when wanted (else facets, counted already, are returned).
// Facets of a number lookup, a handful of documents, come with the page;
// those of words are counted beside it (see countFacets).
func (ix *Index) bleveAnswer(ctx context.Context, p *plan, vis access, sreq *bleve.SearchRequest, byNumber, wantFacets bool, facets *bsearch.FacetResult) (*bleve.SearchResult, *bsearch.FacetResult, error) {
	var counting chan facetAnswer
	switch {
	case !wantFacets:
	case byNumber:
		sreq.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, maxFacetValues))
	default:
		counting = make(chan facetAnswer, 1)
		go func() { counting <- ix.countFacets(ctx, p.query(vis, false)) }()
	}
	res, err := ix.alias.SearchInContext(ctx, sreq)
	if counting != nil {
		fa := <-counting
		facets = fa.facets
		if err == nil {
			err = fa.err
		}
	} else if err == nil && wantFacets {
		facets = res.Facets[fFacet]
	}
	return res, facets, err
}

// Kinds of search, as Options.OnSearch reports them: words, a patent
// number, or a list by filters alone (a pool's list, a section's charts).
const (
	KindText   = "text"
	KindNumber = "number"
	KindList   = "list"
)

// searchKind tells which of the kinds a compiled query is.
func searchKind(byNumber bool, p *plan) string {
	switch {
	case byNumber:
		return KindNumber
	case len(p.must) > 0:
		return KindText
	}
	return KindList
}

// facetAnswer is the outcome of countFacets.
type facetAnswer struct {
	facets *bsearch.FacetResult
	err    error
}

// countFacets counts the facet values of everything q matches. It runs
// beside the search for the page: unscored, so bleve intersects posting
// bitmaps instead of scoring each match, and on the other core.
func (ix *Index) countFacets(ctx context.Context, q query.Query) facetAnswer {
	sreq := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sreq.Score = "none"
	sreq.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, maxFacetValues))
	res, err := ix.alias.SearchInContext(ctx, sreq)
	if err != nil {
		return facetAnswer{err: err}
	}
	return facetAnswer{facets: res.Facets[fFacet]}
}

// locate finds where the words of a query stand in the documents of one
// page of hits, for their snippets, for a page bleve answered (the bitmap
// engine locates those it answers: see snapshot.locate). Asking for locations over the whole
// result set would read term vectors for every match; a second search
// restricted to the page reads them for the page only.
func (ix *Index) locate(ctx context.Context, p *plan, res *bleve.SearchResult) (map[string]*bsearch.DocumentMatch, error) {
	if len(p.must) == 0 || len(res.Hits) == 0 {
		return nil, nil
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	// The page's ids drive the conjunction: the text is checked on them only.
	q := query.NewConjunctionQuery(append([]query.Query{query.NewDocIDQuery(ids)}, p.must...))
	sreq := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	sreq.IncludeLocations = true
	sreq.Fields = []string{fItems}
	found, err := ix.alias.SearchInContext(ctx, sreq)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*bsearch.DocumentMatch, len(found.Hits))
	for _, h := range found.Hits {
		out[h.ID] = h
	}
	return out, nil
}

// searchError tells a search that ran out of time from other failures.
// Running out of time is the index being busy, not the caller's fault:
// it is unavailable (503, try again), never invalid.
func searchError(ctx context.Context, err error) error {
	if claimcharts.ErrorCode(err) == claimcharts.EUNAVAILABLE {
		return err
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		e := claimcharts.Says(claimcharts.EUNAVAILABLE, msg.SearchTooLong)
		e.Err = err
		return e
	}
	return claimcharts.Internal(err)
}

// withFilters ANDs the request's filters to the query.
func withFilters(root node, filters map[string]string) (node, error) {
	if len(filters) == 0 {
		return root, nil
	}
	names := make([]string, 0, len(filters))
	for n := range filters {
		names = append(names, n)
	}
	sort.Strings(names)
	var kids []node
	if and, ok := root.(*andNode); ok {
		kids = append(kids, and.kids...)
	} else if root != nil {
		kids = append(kids, root)
	}
	for _, name := range names {
		f, err := namedFilter(name, filters[name])
		if err != nil {
			return nil, err
		}
		kids = append(kids, f)
	}
	if len(kids) == 1 {
		return kids[0], nil
	}
	return &andNode{kids: kids}, nil
}

// numberLookup reports whether the free text of a query, taken whole, is
// a patent number ("CN 105900101 B", "US 10,500,101 B2").
func numberLookup(root node) (string, bool) {
	kids := []node{root}
	if and, ok := root.(*andNode); ok {
		kids = and.kids
	}
	var words []string
	for _, k := range kids {
		switch k := k.(type) {
		case *filterNode:
		case *wordNode:
			if k.prefix {
				return "", false
			}
			words = append(words, k.text)
		case *phraseNode:
			words = append(words, k.text)
		case *numberNode:
			words = append(words, k.text)
		default:
			return "", false
		}
	}
	text := strings.Join(words, " ")
	if len(words) == 0 || !claimcharts.LooksLikeNumber(text) {
		return "", false
	}
	n, err := claimcharts.ParseNumber(text)
	if err != nil {
		return "", false
	}
	return n.Key(), true
}

// poolFilter returns the pool of a query's single exact pool: filter.
func poolFilter(root node) string {
	kids := []node{root}
	if and, ok := root.(*andNode); ok {
		kids = and.kids
	}
	pool := ""
	for _, k := range kids {
		if f, ok := k.(*filterNode); ok && f.field == fPool && !f.prefix {
			if pool != "" {
				return ""
			}
			pool = f.value
		}
	}
	return pool
}

// numberFirst finds a patent by number first, then the other members of
// its family, then the elements of its charts. The family is looked up
// among the documents the caller may read.
func (ix *Index) numberFirst(ctx context.Context, vis access, key string) ([]query.Query, error) {
	own := termQuery(fNumbers, key)
	own.SetBoost(1000)
	elements := termQuery(fPatent, key)
	qs := []query.Query{own, elements}
	find := bleve.NewSearchRequestOptions(vis.restrict(termQuery(fNumbers, key)), 1, 0, false)
	find.Fields = []string{fDisplay}
	find.Score = "none" // unscored postings skip ahead; scored ones are read one by one
	res, err := ix.alias.SearchInContext(ctx, find)
	if err != nil {
		return nil, err
	}
	if len(res.Hits) > 0 {
		var d Display
		s, _ := res.Hits[0].Fields[fDisplay].(string)
		if json.Unmarshal([]byte(s), &d) == nil && d.Family != "" {
			member := termQuery(fNumbers, familyNumber(d.Family))
			member.SetBoost(100)
			qs = append(qs, member)
		}
	}
	return []query.Query{query.NewDisjunctionQuery(qs)}, nil
}

// query is the plan as one bleve query limited to what the caller may
// read; rank adds the clauses that only order what matches.
func (p *plan) query(vis access, rank bool) query.Query {
	filter := slices.Clone(p.filter)
	if vis.allow != nil {
		filter = append(filter, vis.allow)
	}
	mustNot := slices.Clone(p.mustNot)
	if vis.deny != nil {
		mustNot = append(mustNot, vis.deny)
	}
	b := query.NewBooleanQuery(nil, nil, mustNot)
	switch {
	case len(p.must) > 0:
		b.AddMust(p.must...)
		if rank {
			b.AddShould(p.should...)
		}
		if len(filter) > 0 {
			b.AddFilter(query.NewConjunctionQuery(filter))
		}
	case len(filter) > 0:
		b.AddMust(filter...)
	default:
		b.AddMust(query.NewMatchAllQuery())
	}
	return b
}

// newRequest assembles the bleve request: the query with the caller's
// visibility as a filter, the sort, the page and the facets.
func newRequest(p *plan, vis access, req Request) (*bleve.SearchRequest, error) {
	limit := req.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	scoring := len(p.must) > 0
	sreq := bleve.NewSearchRequestOptions(p.query(vis, true), limit, 0, false)
	sortBy, err := sortOrder(req.Sort, scoring)
	if err != nil {
		return nil, err
	}
	sreq.SortBy(sortBy)
	if err := applyCursor(sreq, req.Cursor, sortBy); err != nil {
		return nil, err
	}
	if !scoring {
		sreq.Score = "none"
	}
	sreq.Fields = []string{fDisplay}
	return sreq, nil
}

// sortOrder maps a sort name to bleve's sort fields. Every order but
// relevance ends on the number sort key, which no two documents a caller
// sees share (see sortKey), so its pages follow on from the last hit.
// No document id breaks relevance ties: sorting on it reads the id of
// every match, not only of the page; relevance pages go by offset.
func sortOrder(name string, scoring bool) ([]string, error) {
	if name == "" {
		name = "number"
		if scoring {
			name = "relevance"
		}
	}
	switch name {
	case "relevance":
		if !scoring {
			return []string{fSortNumber}, nil
		}
		return []string{"-_score"}, nil
	case "number", "-number":
		return []string{strings.Replace(name, "number", fSortNumber, 1)}, nil
	case "date", "-date":
		return []string{strings.Replace(name, "date", fDate, 1), fSortNumber}, nil
	}
	return nil, claimcharts.Says(claimcharts.EINVALID, msg.UnknownSort).With(claimcharts.Because("sort", msg.UseOneOf, strings.Join(Sorts, ", ")))
}
