package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"sepportal/static"
)

// docsText holds the docs page's fixed strings in English and Chinese.
var docsText = map[string][2]string{
	"contents":       {"Contents", "目录"},
	"overview":       {"Overview", "概述"},
	"auth":           {"Authentication and roles", "身份验证与角色"},
	"schemas":        {"Schemas", "数据结构"},
	"parameters":     {"Parameters", "参数"},
	"body":           {"Request body", "请求体"},
	"responses":      {"Responses", "响应"},
	"example":        {"Example", "示例"},
	"name":           {"Name", "名称"},
	"in":             {"In", "位置"},
	"type":           {"Type", "类型"},
	"required":       {"Required", "必填"},
	"description":    {"Description", "说明"},
	"field":          {"Field", "字段"},
	"status":         {"Status", "状态码"},
	"headers":        {"Headers", "响应头"},
	"yes":            {"yes", "是"},
	"who":            {"Who may call", "调用者"},
	"summaryIn":      {"中文摘要", "English summary"},
	"descNote":       {"", "（说明为英文）"},
	"raw":            {"OpenAPI document (YAML)", "OpenAPI 文档（YAML）"},
	"other":          {"中文", "English"},
	"version":        {"Version", "版本"},
	"operations":     {"operations", "个接口"},
	"noAuth":         {"No authentication.", "无需身份验证。"},
	"optAuth":        {"Token optional: without one, only published records are visible.", "令牌可选：不带令牌时只能看到已公开的记录。"},
	"needAuth":       {"Bearer token required.", "需要 Bearer 令牌。"},
	"oneOf":          {"one of", "取值之一"},
	"length":         {"length", "长度"},
	"items":          {"items", "项数"},
	"pattern":        {"pattern", "格式"},
	"format":         {"format", "格式"},
	"default":        {"default", "默认"},
	"arrayOf":        {"array of", "数组："},
	"top":            {"Back to top", "返回顶部"},
	"noContent":      {"No body.", "无响应体。"},
	"in.path":        {"path", "路径"},
	"in.query":       {"query", "查询"},
	"in.header":      {"header", "请求头"},
	"role.anonymous": {"anyone, without a token", "任何人（无需令牌）"},
	"role.admin":     {"administrator", "管理员"},
	"role.licensor":  {"licensor (its own organization's records)", "专利权人（仅限本组织的记录）"},
	"role.reviewer":  {"reviewer (its own assigned reviews)", "审查专家（仅限分配给自己的审查）"},
}

// tr returns the fixed string key in lang.
func tr(lang, key string) string {
	t := docsText[key]
	if lang == "zh" {
		return t[1]
	}
	return t[0]
}

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

// buildDocs makes the view of the whole page in lang.
func buildDocs(doc *openapi3.T, order specOrder, l string) docsPage {
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
	for _, path := range order.paths {
		item := doc.Paths.Value(path)
		for _, m := range order.methods[path] {
			op := item.GetOperation(m)
			if op == nil {
				continue
			}
			tag := "other"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			byTag[tag] = append(byTag[tag], buildOp(m, path, item, op, order, l))
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
	for _, name := range order.schemas {
		if ref := doc.Components.Schemas[name]; ref != nil && ref.Value != nil {
			p.Schemas = append(p.Schemas, docsSchema{Name: name, Description: ref.Value.Description,
				Type: schemaType(ref.Value, l), Fields: fieldsOf(name, ref.Value, order, l)})
		}
	}
	return p
}

// buildOp makes the view of one operation.
func buildOp(method, path string, item *openapi3.PathItem, op *openapi3.Operation, order specOrder, l string) docsOp {
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
		o.Body = contentOf(op.RequestBody.Value.Content, order, l, true)
	}
	codes := make([]string, 0, op.Responses.Len())
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		r := op.Responses.Value(code).Value
		dr := docsResponse{Status: code, Content: contentOf(r.Content, order, l, false)}
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
func contentOf(c openapi3.Content, order specOrder, l string, fields bool) *docsContent {
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
		out.Fields = fieldsOf(refName(mt.Schema.Ref), mt.Schema.Value, order, l)
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
// document order; name is the component name of s ("" when inline).
func fieldsOf(name string, s *openapi3.Schema, order specOrder, l string) []docsField {
	props, required := map[string]*openapi3.SchemaRef{}, map[string]bool{}
	var names []string
	var collect func(name string, s *openapi3.Schema)
	collect = func(name string, s *openapi3.Schema) {
		for _, part := range s.AllOf {
			if part.Value != nil {
				collect(refName(part.Ref), part.Value)
			}
		}
		own := order.props[name]
		if name == "" {
			own = sortedKeys(s.Properties)
		}
		for _, p := range own {
			if _, seen := props[p]; !seen {
				names = append(names, p)
			}
			if ref := s.Properties[p]; ref != nil {
				props[p] = ref
			}
		}
		for _, r := range s.Required {
			required[r] = true
		}
	}
	collect(name, s)
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

var (
	mdCode   = regexp.MustCompile("`([^`]+)`")
	mdStrong = regexp.MustCompile(`\*\*([^*]+)\*\*`)
)

// markdown renders the little Markdown the document's descriptions use:
// paragraphs, pipe tables, `code` and **bold**. Text is escaped first.
func markdown(s string) template.HTML {
	var b strings.Builder
	for _, block := range strings.Split(strings.TrimSpace(s), "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		if len(lines) >= 2 && strings.HasPrefix(lines[0], "|") {
			b.WriteString("<table>")
			for i, line := range lines {
				if i == 1 {
					continue // the |---| separator
				}
				cell := "td"
				if i == 0 {
					cell = "th"
				}
				b.WriteString("<tr>")
				for _, c := range strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|") {
					b.WriteString("<" + cell + ">" + mdInline(strings.TrimSpace(c)) + "</" + cell + ">")
				}
				b.WriteString("</tr>")
			}
			b.WriteString("</table>")
			continue
		}
		b.WriteString("<p>" + mdInline(strings.Join(lines, " ")) + "</p>")
	}
	return template.HTML(b.String()) // every piece of text went through mdInline, which escapes it
}

func mdInline(s string) string {
	s = template.HTMLEscapeString(s)
	s = mdCode.ReplaceAllString(s, "<code>$1</code>")
	return mdStrong.ReplaceAllString(s, "<strong>$1</strong>")
}

var docsTemplate = template.Must(template.New("docs").Funcs(template.FuncMap{
	"md":    markdown,
	"lower": strings.ToLower,
	"fieldTable": func(t map[string]string, fields []docsField) fieldTable {
		return fieldTable{T: t, Fields: fields}
	},
}).Parse(static.APIDocs))

// fieldTable is what the "fields" template renders.
type fieldTable struct {
	T      map[string]string
	Fields []docsField
}
