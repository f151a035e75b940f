// Package server is SEP Portal's HTTP face on gin: the JSON API under
// /api/v1, the OpenAPI contract and its docs page, and the operational
// endpoints (/healthz, /readyz, /metrics). Handlers are thin: they decode a
// request, call the claimcharts.Registry and encode the answer; every rule
// lives in claimcharts. Errors leave as RFC 9457 problem+json.
package server
