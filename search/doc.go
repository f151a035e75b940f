// Package search is SEP Portal's full-text index: a bleve index derived
// from the store, in Chinese and English, with patent-number lookup, field
// filters, facets, snippets and the index-backed lists of the pool's
// patents and of the claims charted against a section of a standard.
//
// The index is a cache. Everything in it is derived from the records of a
// claimcharts.Store, and it can be deleted and rebuilt at any time
// (Index.Rebuild builds a fresh index aside and swaps it in behind a
// bleve.IndexAlias, so searches never stop). An indexer goroutine follows
// the store's change feed from a checkpoint kept inside the index, written
// in the same batch as the documents it covers, so after a crash the index
// converges to the store without a manual step.
//
// Four kinds of document are indexed: patents (with their family, pool
// entries and the days they stood on each list, and published
// determinations), claim-chart elements (one document per element, with
// the standard references it is mapped to), standard references, and the
// changes of the pools' public lists (changes.go: derived for the public
// only, read by Index.Changes alone, never found by a search). Every document carries the principals that may read it (see
// views.go; those the public may not read are also marked private, and
// an anonymous search excludes them): a search is filtered per caller, and
// facet counts and snippets
// come from the same filtered set, so an anonymous caller never sees
// anything derived from an unpublished record.
//
// A hit says what it stands for (a patent, a chart revision's element, a
// standard's reference, by their keys), never where it lives: the index
// stores identities, and the server turns them into API URLs and page
// links.
//
// The package imports claimcharts and bleve; it knows nothing of HTTP and
// holds no route.
package search
