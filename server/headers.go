package server

import (
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/openapi"
	"sepportal/static"
)

// securityHeaders are set on every answer, page or API, error or not.
var securityHeaders = map[string]string{
	"Content-Security-Policy": contentSecurityPolicy(),
	"X-Content-Type-Options":  "nosniff",
	"X-Frame-Options":         "DENY",
	"Referrer-Policy":         "strict-origin-when-cross-origin",
}

// securityHeaderValues are securityHeaders as a header holds them, made
// once: every answer shares their values (nothing writes into a header's
// value slice; a full slice expression makes an Add copy it), rather
// than every answer allocating its own.
var securityHeaderValues = func() map[string][]string {
	out := make(map[string][]string, len(securityHeaders))
	for k, v := range securityHeaders {
		out[http.CanonicalHeaderKey(k)] = []string{v}
	}
	return out
}()

// setSecurityHeaders is the middleware that sets securityHeaders.
func setSecurityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	for k, v := range securityHeaderValues {
		h[k] = v[:1:1]
	}
	c.Next()
}

// contentSecurityPolicy allows nothing but the pages' own stylesheet
// (/assets, same origin) and embedded style blocks (by hash), same-origin
// links, forms and images: no script at all, no framing, no plug-ins, no
// other origin.
func contentSecurityPolicy() string {
	styles := []string{}
	for _, h := range styleHashes() {
		styles = append(styles, "'"+h+"'")
	}
	return strings.Join([]string{
		"default-src 'none'",
		"style-src 'self' " + strings.Join(styles, " "),
		"img-src 'self' data:",
		"form-action 'self'",
		"base-uri 'none'",
		"frame-ancestors 'none'",
	}, "; ")
}

// styleBlock is an inline style element of a page template.
var styleBlock = regexp.MustCompile(`(?s)<style>(.*?)</style>`)

// styleHashes are the CSP hashes ("sha256-...") of the style blocks of the
// embedded page templates and of the API docs. The blocks hold no
// template actions, so a page renders them byte for byte as the template
// has them.
func styleHashes() []string {
	blocks := openapi.DocsStyles()
	_ = fs.WalkDir(static.Templates, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(static.Templates, p)
			for _, m := range styleBlock.FindAllSubmatch(b, -1) {
				blocks = append(blocks, string(m[1]))
			}
		}
		return nil
	})
	seen := map[string]bool{}
	for _, b := range blocks {
		sum := sha256.Sum256([]byte(b))
		seen["sha256-"+base64.StdEncoding.EncodeToString(sum[:])] = true
	}
	out := make([]string, 0, len(seen))
	for h := range seen {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}
