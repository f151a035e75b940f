// Package claimcharts is the domain of SEP Portal: pools, organizations,
// standards and their reference trees, patents and families, claim charts
// (权利要求对照表), essentiality reviews, determinations (必要性审查结果), pool
// entries, API tokens and audit events; their validation; and the workflow
// rules that move them from draft to published.
//
// It imports no database, HTTP or index package. Storage is reached through
// the Store interface, implemented in the subpackages bolt (embedded, the
// default) and mongo (MongoDB); the server, the search index and the command
// line wire them together. Bulk work lives beside it and reaches the
// Registry only through its exported surface: lists (import and export
// of pool lists, patents and charts), dump (full dump and restore) and
// bulk (the CSV, XLSX and JSON Lines files of both).
package claimcharts
