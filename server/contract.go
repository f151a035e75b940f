package server

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

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

// serveDocs answers the human docs page in the caller's language.
func serveDocs(c *gin.Context) {
	l := lang(c)
	page, err := openapi.DocsHTML(l)
	if err != nil {
		abort(c, claimcharts.Internal(err))
		return
	}
	c.Header("Content-Language", l)
	writeCacheable(c, "text/html; charset=utf-8", page)
}
