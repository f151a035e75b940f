// Package pdf writes the registry's PDF documents: a patent's claim chart,
// a pool's patent list as of a date, the review report of a determination
// and a snapshot of search results, in Chinese or English.
//
// Each document reads the registry through its read methods as the caller
// (so it holds what the caller may see, and nothing the Registry would
// hide), and draws with fonts embedded in the binary: the Go fonts for
// Latin, Greek and Cyrillic text and Droid Sans Fallback for CJK text,
// switching font per run of script so that every character drawn has a
// glyph in the font that draws it. Every page carries the title, the pool,
// the "as of" date, a data version (a hash of the records shown) and
// "page X of Y"; tables repeat their header after a page break and never
// cut a row mid-line.
//
// It imports the domain (claimcharts) and no HTTP, store or index
// package: links back to the portal are built from a base URL the caller
// passes in.
package pdf
