package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// docsPage is the view of the docs page in one language.
type docsPage struct {
	Lang, OtherLang   string
	T                 map[string]string
	Title, Version    string
	Description, Auth string
	Tags              []docsTag
	Schemas           []docsSchema
	OperationCount    int
}

// docsTag is one tag's section: its operations in document order.
type docsTag struct {
	ID, Name, Description string
	Ops                   []docsOp
}

// docsOp is one operation as the page shows it.
type docsOp struct {
	ID, Method, Path      string
	Summary, OtherSummary string
	Description, Auth     string
	Roles                 []string
	Params                []docsParam
	Body                  *docsContent
	Responses             []docsResponse
}

// docsParam is one parameter row.
type docsParam struct {
	Name, In, Description string
	Type                  []typePart
	Required              bool
}

// docsContent is a request or response body: media type, schema and example.
type docsContent struct {
	MediaType string
	Type      []typePart
	Fields    []docsField
	Example   string
}

// docsResponse is one documented status of an operation.
type docsResponse struct {
	Status, Description string
	Headers             []string
	Content             *docsContent
}

// docsSchema is one component schema with its fields.
type docsSchema struct {
	Name, Description string
	Type              []typePart
	Fields            []docsField
}

// docsField is one property row of a schema table.
type docsField struct {
	Name, Description string
	Type              []typePart
	Required          bool
}

// typePart is a piece of a rendered type; Href links to a schema.
type typePart struct{ Text, Href string }

// buildDocs makes the view of the whole page in lang. Paths, operations
// and schemas come in the order the document lists them, read from the
// positions kin-openapi records (the document must be loaded with origins).
func buildDocs(doc *openapi3.T, l string) docsPage {
	p := docsPage{Lang: l, OtherLang: "zh", T: map[string]string{}, Title: doc.Info.Title, Version: doc.Info.Version,
		Description: doc.Info.Description}
	if l == "zh" {
		p.OtherLang = "en"
		p.Description = orString(extString(doc.Info.Extensions, "x-description-zh"), p.Description)
	}
	for k := range docsText {
		p.T[k] = tr(l, k)
	}
	if s := doc.Components.SecuritySchemes["bearer"]; s != nil && s.Value != nil {
		p.Auth = s.Value.Description
		if l == "zh" {
			p.Auth = orString(extString(s.Value.Extensions, "x-description-zh"), p.Auth)
		}
	}
	byTag := map[string][]docsOp{}
	for _, path := range inDocumentOrder(doc.Paths.Map(), func(it *openapi3.PathItem) *openapi3.Origin { return it.Origin }) {
		item := doc.Paths.Value(path)
		for _, m := range inDocumentOrder(item.Operations(), func(op *openapi3.Operation) *openapi3.Origin { return op.Origin }) {
			op := item.GetOperation(m)
			tag := "other"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			byTag[tag] = append(byTag[tag], buildOp(m, path, item, op, l))
			p.OperationCount++
		}
	}
	for _, t := range doc.Tags {
		dt := docsTag{ID: "tag-" + t.Name, Name: capitalize(t.Name), Description: t.Description, Ops: byTag[t.Name]}
		if l == "zh" {
			dt.Name = orString(extString(t.Extensions, "x-name-zh"), dt.Name)
			dt.Description = orString(extString(t.Extensions, "x-description-zh"), dt.Description)
		}
		p.Tags = append(p.Tags, dt)
	}
	for _, name := range inDocumentOrder(doc.Components.Schemas, schemaOrigin) {
		if ref := doc.Components.Schemas[name]; ref.Value != nil {
			p.Schemas = append(p.Schemas, docsSchema{Name: name, Description: ref.Value.Description,
				Type: schemaType(ref.Value, l), Fields: fieldsOf(ref.Value, l)})
		}
	}
	return p
}

// inDocumentOrder returns the keys of m in the order the document wrote
// them: by the line and column of each key, as kin-openapi recorded them
// when it loaded the document with origins. Keys without a position come
// last, by name.
func inDocumentOrder[V any](m map[string]V, origin func(V) *openapi3.Origin) []string {
	keys := sortedKeys(m)
	pos := func(k string) (int, int) {
		if o := origin(m[k]); o != nil && o.Key != nil {
			return o.Key.Line, o.Key.Column
		}
		return int(^uint(0) >> 1), 0
	}
	slices.SortStableFunc(keys, func(a, b string) int {
		la, ca := pos(a)
		lb, cb := pos(b)
		if la != lb {
			return la - lb
		}
		return ca - cb
	})
	return keys
}

// schemaOrigin is where a schema reference sits in the document: the
// reference's own position, else (inline) its schema's.
func schemaOrigin(ref *openapi3.SchemaRef) *openapi3.Origin {
	if ref == nil {
		return nil
	}
	if ref.Origin != nil && ref.Origin.Key != nil {
		return ref.Origin
	}
	if ref.Value != nil {
		return ref.Value.Origin
	}
	return nil
}

// buildOp makes the view of one operation.
func buildOp(method, path string, item *openapi3.PathItem, op *openapi3.Operation, l string) docsOp {
	zh := extString(op.Extensions, "x-summary-zh")
	o := docsOp{ID: op.OperationID, Method: method, Path: path, Summary: op.Summary, OtherSummary: zh,
		Description: op.Description, Auth: authNote(op, l)}
	if l == "zh" {
		o.Summary, o.OtherSummary = orString(zh, op.Summary), op.Summary
	}
	roles, _ := op.Extensions["x-roles"].([]any)
	for _, r := range roles {
		o.Roles = append(o.Roles, tr(l, "role."+fmt.Sprint(r)))
	}
	for _, ps := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, pr := range ps {
			if p := pr.Value; p != nil {
				o.Params = append(o.Params, docsParam{Name: p.Name, In: tr(l, "in."+p.In), Description: p.Description,
					Type: refType(p.Schema, l), Required: p.Required})
			}
		}
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		o.Body = contentOf(op.RequestBody.Value.Content, l, true)
	}
	codes := make([]string, 0, op.Responses.Len())
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		r := op.Responses.Value(code).Value
		dr := docsResponse{Status: code, Content: contentOf(r.Content, l, false)}
		if r.Description != nil {
			dr.Description = *r.Description
		}
		for h := range r.Headers {
			dr.Headers = append(dr.Headers, h)
		}
		sort.Strings(dr.Headers)
		o.Responses = append(o.Responses, dr)
	}
	return o
}

// authNote says in lang whether op needs a token.
func authNote(op *openapi3.Operation, l string) string {
	switch {
	case op.Security != nil && len(*op.Security) == 0:
		return tr(l, "noAuth")
	case op.Security == nil || slices.ContainsFunc(*op.Security, func(r openapi3.SecurityRequirement) bool { return len(r) == 0 }):
		return tr(l, "optAuth")
	}
	return tr(l, "needAuth")
}

// contentOf describes the first media type of a body. Request bodies show
// the schema's fields; responses link to the schema and show the example.
func contentOf(c openapi3.Content, l string, fields bool) *docsContent {
	types := make([]string, 0, len(c))
	for mt := range c {
		types = append(types, mt)
	}
	if len(types) == 0 {
		return nil
	}
	sort.Strings(types)
	mt := c[types[0]]
	out := &docsContent{MediaType: types[0], Type: refType(mt.Schema, l), Example: exampleText(mt)}
	if fields && mt.Schema != nil && mt.Schema.Value != nil {
		out.Fields = fieldsOf(mt.Schema.Value, l)
	}
	return out
}

// exampleText renders a media type's example: strings as they are, values
// as indented JSON.
func exampleText(mt *openapi3.MediaType) string {
	ex := mt.Example
	if ex == nil {
		for _, name := range sortedKeys(mt.Examples) {
			if e := mt.Examples[name]; e != nil && e.Value != nil {
				ex = e.Value.Value
				break
			}
		}
	}
	if s, ok := ex.(string); ok || ex == nil {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ex); err != nil {
		return fmt.Sprint(ex)
	}
	return strings.TrimSpace(b.String())
}

// fieldsOf lists the properties of s, those of its allOf parts first, in
// document order.
func fieldsOf(s *openapi3.Schema, l string) []docsField {
	props, required := map[string]*openapi3.SchemaRef{}, map[string]bool{}
	var names []string
	var collect func(s *openapi3.Schema)
	collect = func(s *openapi3.Schema) {
		for _, part := range s.AllOf {
			if part.Value != nil {
				collect(part.Value)
			}
		}
		for _, p := range inDocumentOrder(s.Properties, schemaOrigin) {
			if _, seen := props[p]; !seen {
				names = append(names, p)
			}
			props[p] = s.Properties[p]
		}
		for _, r := range s.Required {
			required[r] = true
		}
	}
	collect(s)
	out := make([]docsField, 0, len(names))
	for _, n := range names {
		f := docsField{Name: n, Type: refType(props[n], l), Required: required[n]}
		if v := props[n].Value; v != nil {
			f.Description = v.Description
			if props[n].Ref == "" { // a referenced schema lists its own limits
				f.Description = joinNonEmpty(" ", v.Description, constraints(v, l))
			}
		}
		out = append(out, f)
	}
	return out
}

// refType renders a schema reference: a link to a component, or the
// inline schema's type.
func refType(ref *openapi3.SchemaRef, l string) []typePart {
	if ref == nil {
		return nil
	}
	if name := refName(ref.Ref); name != "" {
		return []typePart{{Text: name, Href: "#schema-" + name}}
	}
	if ref.Value == nil {
		return nil
	}
	return schemaType(ref.Value, l)
}

// schemaType renders an inline schema's type: "string", "array of Slug |
// null", "string | object"...
func schemaType(s *openapi3.Schema, l string) []typePart {
	var parts []typePart
	add := func(ps ...typePart) {
		if len(parts) > 0 {
			parts = append(parts, typePart{Text: " | "})
		}
		parts = append(parts, ps...)
	}
	for _, alt := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		add(refType(alt, l)...)
	}
	for _, part := range s.AllOf {
		add(refType(part, l)...)
	}
	if s.Type != nil {
		for _, t := range s.Type.Slice() {
			if t == "array" && s.Items != nil {
				add(append([]typePart{{Text: tr(l, "arrayOf") + " "}}, refType(s.Items, l)...)...)
				continue
			}
			if s.Format != "" && t == "string" {
				t += " (" + s.Format + ")"
			}
			add(typePart{Text: t})
		}
	}
	if s.Const != nil {
		add(typePart{Text: strconv.Quote(fmt.Sprint(s.Const))})
	}
	return parts
}

// constraints summarises an inline schema's limits in lang.
func constraints(s *openapi3.Schema, l string) string {
	var cs []string
	if len(s.Enum) > 0 {
		vals := make([]string, len(s.Enum))
		for i, v := range s.Enum {
			vals[i] = fmt.Sprint(v)
		}
		cs = append(cs, tr(l, "oneOf")+": "+strings.Join(vals, ", "))
	}
	if s.MinLength > 0 || s.MaxLength != nil {
		cs = append(cs, tr(l, "length")+" "+bounds(float64(s.MinLength), s.MinLength > 0, s.MaxLength))
	}
	if s.MinItems > 0 || s.MaxItems != nil {
		cs = append(cs, tr(l, "items")+" "+bounds(float64(s.MinItems), s.MinItems > 0, s.MaxItems))
	}
	if s.Min != nil || s.Max != nil {
		var lo float64
		var max *uint64
		if s.Min != nil {
			lo = *s.Min
		}
		if s.Max != nil {
			m := uint64(*s.Max)
			max = &m
		}
		cs = append(cs, bounds(lo, s.Min != nil, max))
	}
	if s.Pattern != "" {
		cs = append(cs, tr(l, "pattern")+" "+s.Pattern)
	}
	if s.Default != nil {
		cs = append(cs, tr(l, "default")+" "+fmt.Sprint(s.Default))
	}
	if len(cs) == 0 {
		return ""
	}
	return "(" + strings.Join(cs, "; ") + ")"
}

// bounds writes a range such as "1–200", "≥ 1" or "≤ 40".
func bounds(lo float64, hasLo bool, hi *uint64) string {
	los := strconv.FormatFloat(lo, 'f', -1, 64)
	switch {
	case hasLo && hi != nil:
		return los + "–" + strconv.FormatUint(*hi, 10)
	case hasLo:
		return "≥ " + los
	case hi != nil:
		return "≤ " + strconv.FormatUint(*hi, 10)
	}
	return ""
}

// refName is the component name a "#/components/schemas/X" reference names.
func refName(ref string) string {
	if i := strings.LastIndexByte(ref, '/'); i >= 0 && strings.HasPrefix(ref, "#/components/schemas/") {
		return ref[i+1:]
	}
	return ""
}

func extString(ext map[string]any, key string) string {
	s, _ := ext[key].(string)
	return s
}

func orString(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
