package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"go.yaml.in/yaml/v4"

	"sepportal/claimcharts"
	"sepportal/openapi"
)

// routeContract adds /openapi.yaml and /api/docs.
func (s *Server) routeContract() {
	s.engine.GET("/openapi.yaml", serveSpec)
	s.engine.GET("/api/docs", serveDocs)
}

// specETag is the strong ETag of the embedded document's bytes.
var specETag = sync.OnceValue(func() string {
	sum := sha256.Sum256(openapi.Spec)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
})

// serveSpec answers the embedded OpenAPI document, or 304 when the caller
// already has these bytes.
func serveSpec(c *gin.Context) {
	etag := specETag()
	c.Header("ETag", etag)
	c.Header("Cache-Control", "public, max-age=300")
	if etagMatches(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, "application/yaml", openapi.Spec)
}

// etagMatches reports whether an If-None-Match value names etag.
func etagMatches(header, etag string) bool {
	for _, v := range strings.Split(header, ",") {
		v = strings.TrimPrefix(strings.TrimSpace(v), "W/")
		if v == etag || v == "*" {
			return true
		}
	}
	return false
}

// docsPages are the docs page rendered once per process, by language.
type docsPages struct {
	pages map[string][]byte
	err   error
}

// renderedDocs loads the contract and renders the docs page in each
// language the first time it is asked for.
var renderedDocs = sync.OnceValue(func() docsPages {
	doc, err := openapi.Load()
	if err != nil {
		return docsPages{err: err}
	}
	order, err := readSpecOrder(openapi.Spec)
	if err != nil {
		return docsPages{err: err}
	}
	out := docsPages{pages: map[string][]byte{}}
	for _, l := range []string{"en", "zh"} {
		var b bytes.Buffer
		if err := docsTemplate.Execute(&b, buildDocs(doc, order, l)); err != nil {
			return docsPages{err: fmt.Errorf("render /api/docs (%s): %w", l, err)}
		}
		out.pages[l] = b.Bytes()
	}
	return out
})

// serveDocs answers the human docs page in the caller's language.
func serveDocs(c *gin.Context) {
	d := renderedDocs()
	if d.err != nil {
		abort(c, claimcharts.Internal(d.err))
		return
	}
	l := lang(c)
	c.Header("Content-Language", l)
	writeCacheable(c, "text/html; charset=utf-8", d.pages[l])
}

// specOrder is the order in which the document lists paths, methods and
// the properties of each component schema; kin-openapi keeps them in maps.
type specOrder struct {
	paths   []string
	methods map[string][]string
	schemas []string
	props   map[string][]string
}

// readSpecOrder reads the document order from the YAML source.
func readSpecOrder(spec []byte) (specOrder, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(spec, &root); err != nil || len(root.Content) == 0 {
		return specOrder{}, fmt.Errorf("read openapi.yaml order: %v", err)
	}
	o := specOrder{methods: map[string][]string{}, props: map[string][]string{}}
	top := root.Content[0]
	for _, p := range mappingPairs(mappingValue(top, "paths")) {
		o.paths = append(o.paths, p[0].Value)
		for _, m := range mappingPairs(p[1]) {
			if op := strings.ToUpper(m[0].Value); slices.Contains([]string{"GET", "POST", "PUT", "PATCH", "DELETE"}, op) {
				o.methods[p[0].Value] = append(o.methods[p[0].Value], op)
			}
		}
	}
	for _, s := range mappingPairs(mappingValue(mappingValue(top, "components"), "schemas")) {
		o.schemas = append(o.schemas, s[0].Value)
		for _, prop := range mappingPairs(mappingValue(s[1], "properties")) {
			o.props[s[0].Value] = append(o.props[s[0].Value], prop[0].Value)
		}
	}
	return o, nil
}

// mappingPairs returns the key/value pairs of a YAML mapping node.
func mappingPairs(n *yaml.Node) [][2]*yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out
}

// mappingValue returns the value of key in a YAML mapping node.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	for _, p := range mappingPairs(n) {
		if p[0].Value == key {
			return p[1]
		}
	}
	return nil
}
