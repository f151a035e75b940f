// Package openapi holds SEP Portal's API contract: openapi.yaml, an
// OpenAPI 3.1 document describing every operation under /api/v1 and the
// operational endpoints, and its human docs page (DocsHTML). The document
// is embedded in the binary; the server serves it at /openapi.yaml and the
// page at /api/docs, and the server's tests drive every operation through
// the real handlers and validate each request and response against it, so
// the contract and the code cannot drift apart.
//
// The package imports the standard library, kin-openapi, which loads
// OpenAPI 3.1 documents (with the position of each element, for the page's
// order) and validates them, and requests and responses, with a JSON
// Schema 2020-12 validator, and goldmark, which renders the descriptions'
// Markdown on the docs page.
package openapi

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// Spec is the OpenAPI document exactly as it is served.
//
//go:embed openapi.yaml
var Spec []byte

// Load parses the embedded document and validates it, examples included,
// under the rules of its OpenAPI version (3.1: JSON Schema 2020-12). Each
// call returns a new document, so callers may keep or change it freely.
func Load() (*openapi3.T, error) { return load(false) }

// load is Load, recording where each element stands in the document when
// origin is set (the docs page lists things in the document's order).
func load(origin bool) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = origin
	doc, err := loader.LoadFromData(Spec)
	if err != nil {
		return nil, fmt.Errorf("openapi: load openapi.yaml: %w", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		return nil, fmt.Errorf("openapi: openapi.yaml is OpenAPI %s, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("openapi: openapi.yaml is not valid: %w", err)
	}
	return doc, nil
}
