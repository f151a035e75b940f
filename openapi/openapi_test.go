package openapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// mustLoad loads the document or stops the test.
func mustLoad(tb testing.TB) *openapi3.T {
	tb.Helper()
	doc, err := Load()
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestSpecLoads checks that the embedded document is an OpenAPI 3.1
// document that kin-openapi loads and validates, examples included.
func TestSpecLoads(t *testing.T) {
	doc := mustLoad(t)
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	if doc.Info.Version != "1.0.0" {
		t.Errorf("info.version = %q, want 1.0.0", doc.Info.Version)
	}
	if doc.Info.License == nil || doc.Info.License.Name == "" {
		t.Error("info.license is missing")
	}
	if doc.Info.Description == "" || !hasHan(extString(doc.Info.Extensions, "x-description-zh")) {
		t.Error("info needs a description in English and x-description-zh in Chinese")
	}
	if s := doc.Components.SecuritySchemes["bearer"]; s == nil || s.Value.Type != "http" || s.Value.Scheme != "bearer" {
		t.Error("components.securitySchemes.bearer must be an HTTP bearer scheme")
	}
}

// operations calls fn for every operation of doc.
func operations(doc *openapi3.T, fn func(method, path string, op *openapi3.Operation)) {
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			fn(method, path, op)
		}
	}
}

// TestEveryOperationIsDocumented checks what the docs page and clients rely
// on: an id, a summary in English and Chinese, a declared tag, the roles
// that may call, and at least one example.
func TestEveryOperationIsDocumented(t *testing.T) {
	doc := mustLoad(t)
	tags := map[string]bool{}
	for _, tag := range doc.Tags {
		tags[tag.Name] = true
		if !hasHan(extString(tag.Extensions, "x-name-zh")) {
			t.Errorf("tag %s has no x-name-zh", tag.Name)
		}
	}
	n := 0
	operations(doc, func(method, path string, op *openapi3.Operation) {
		n++
		name := method + " " + path
		if op.OperationID == "" || op.Summary == "" {
			t.Errorf("%s: needs an operationId and a summary", name)
		}
		if !hasHan(extString(op.Extensions, "x-summary-zh")) {
			t.Errorf("%s: x-summary-zh is missing or not Chinese", name)
		}
		if len(op.Tags) == 0 || !tags[op.Tags[0]] {
			t.Errorf("%s: tags %v are not declared in the document's tags", name, op.Tags)
		}
		if _, ok := op.Extensions["x-roles"].([]any); !ok {
			t.Errorf("%s: x-roles (who may call) is missing", name)
		}
		if !hasExample(op) {
			t.Errorf("%s: has no example", name)
		}
	})
	if n < 50 {
		t.Errorf("the document has %d operations; the server has at least 50", n)
	}
}

// TestWriteConventions checks the rules every write shares: bearer only,
// 401 documented, PUT needs If-Match and answers 428, a JSON body can be
// refused as 413 and 415, and single-record answers carry an ETag.
func TestWriteConventions(t *testing.T) {
	doc := mustLoad(t)
	operations(doc, func(method, path string, op *openapi3.Operation) {
		if !strings.HasPrefix(path, "/api/v1/") {
			return
		}
		name := method + " " + path
		if op.Responses.Status(http.StatusUnauthorized) == nil {
			t.Errorf("%s: no 401 (a bad token is refused on every /api/v1 operation)", name)
		}
		if method != http.MethodGet && !bearerOnly(op) && !publicWrite(op) {
			t.Errorf("%s: a write must require the bearer scheme only, or be a public write (anonymous among its x-roles, security [{}, {bearer: []}])", name)
		}
		if method == http.MethodPut {
			p := op.Parameters.GetByInAndName("header", "If-Match")
			if p == nil || !p.Required || op.Responses.Status(http.StatusPreconditionRequired) == nil {
				t.Errorf("%s: PUT needs a required If-Match header and a 428 answer", name)
			}
		}
		if op.RequestBody != nil {
			for _, code := range []int{http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType} {
				if op.Responses.Status(code) == nil {
					t.Errorf("%s: takes a body but does not document %d", name, code)
				}
			}
		}
		if r := op.Responses.Status(http.StatusCreated); r != nil && r.Value.Headers["ETag"] == nil {
			t.Errorf("%s: 201 without an ETag header", name)
		}
	})
}

// TestSchemasFollowJSONSchema2020 shows that kin-openapi validates this
// 3.1 document's schemas as JSON Schema 2020-12: type arrays with null,
// const, if/then, allOf with extra required fields, closed objects.
func TestSchemasFollowJSONSchema2020(t *testing.T) {
	doc := mustLoad(t)
	cases := []struct {
		schema, value string
		ok            bool
	}{
		{"PoolList", `{"items": [], "next": null}`, true},
		{"PoolList", `{"items": [], "next": "cG9vbA"}`, true},
		{"PoolList", `{"items": [], "next": 5}`, false},
		{"PoolList", `{"items": []}`, false},
		{"ReferenceList", `{"items": [], "next": "x"}`, false},
		{"PoolInput", `{"slug": "p", "name": {"en": "P"}, "status": "draft", "policy": {"reviewers_required": 1, "rule": "majority"}}`, true},
		{"PoolInput", `{"slug": "p", "name": {"en": "P"}, "status": "draft", "policy": {"reviewers_required": 1, "rule": "majority"}, "colour": "red"}`, false},
		{"Pool", `{"slug": "p", "name": {"en": "P"}, "status": "draft", "policy": {"reviewers_required": 1, "rule": "majority"}}`, false},
		{"PatentInput", `{"number": "EP 2 777 236 B1", "holder": "acme", "type": "invention", "title": {"en": "T"}, "legal_status": "granted"}`, true},
		{"Element", `{"label": "1[a]", "text": {"en": "x"}, "mappings": null}`, true},
		{"NewToken", `{"role": "licensor", "subject": "bot"}`, false},
		{"NewToken", `{"role": "licensor", "organization": "acme", "subject": "bot"}`, true},
		{"NewToken", `{"role": "reviewer", "subject": "expert-wang"}`, true},
		{"Problem", `{"type": "/problems#invalid", "title": "t", "status": 400, "detail": "d"}`, false},
		{"Date", `"2024-02-30x"`, false},
		{"Health", `{"status": "ok", "version": "1"}`, true},
		{"Health", `{"status": "fine", "version": "1"}`, false},
	}
	for _, c := range cases {
		var v any
		if err := json.Unmarshal([]byte(c.value), &v); err != nil {
			t.Fatal(err)
		}
		ref := doc.Components.Schemas[c.schema]
		if ref == nil {
			t.Fatalf("no schema %s", c.schema)
		}
		err := ref.Value.VisitJSON(v, openapi3.EnableJSONSchema2020())
		if (err == nil) != c.ok {
			t.Errorf("%s %s: valid = %v, want %v (%v)", c.schema, c.value, err == nil, c.ok, err)
		}
	}
}

func hasExample(op *openapi3.Operation) bool {
	if op.RequestBody != nil && contentHasExample(op.RequestBody.Value.Content) {
		return true
	}
	for _, r := range op.Responses.Map() {
		if r.Value != nil && contentHasExample(r.Value.Content) {
			return true
		}
	}
	return false
}

func contentHasExample(c openapi3.Content) bool {
	for _, mt := range c {
		if mt.Example != nil || len(mt.Examples) > 0 {
			return true
		}
	}
	return false
}

// bearerOnly reports whether op requires the bearer scheme and allows no
// anonymous alternative.
func bearerOnly(op *openapi3.Operation) bool {
	if op.Security == nil || len(*op.Security) == 0 {
		return false
	}
	for _, req := range *op.Security {
		if _, ok := req["bearer"]; !ok {
			return false
		}
	}
	return true
}

// publicWrite reports whether op is a write anyone may make (filing a
// challenge): anonymous among its roles, and security that takes no
// credentials or a bearer token.
func publicWrite(op *openapi3.Operation) bool {
	roles, _ := op.Extensions["x-roles"].([]any)
	if !slices.Contains(roles, any("anonymous")) || op.Security == nil || len(*op.Security) != 2 {
		return false
	}
	_, bearer := (*op.Security)[1]["bearer"]
	return len((*op.Security)[0]) == 0 && bearer
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}
