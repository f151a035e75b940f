// Package server is SEP Portal's HTTP face on gin: the JSON API under
// /api/v1, the public pages, the OpenAPI contract and its docs page (both
// made in package openapi), and the operational endpoints (/healthz,
// /readyz, /metrics).
//
// Handlers are thin: they decode a request, call the claimcharts.Registry
// or the search index, and encode the answer. The rules of the domain live
// in claimcharts; what lives here is HTTP's own: routes, request decoding,
// the language of the caller (lang.go), the links of records (links.go),
// and the one error writer (problem.go), which answers a browser an HTML
// page in its language and everyone else RFC 9457 problem+json, with the
// same status and facts.
package server
