// Package static holds the portal's embedded templates and assets, so that
// the binary serves its pages with nothing installed beside it.
package static

import "embed"

// Templates are the HTML templates (html/template), one layout plus a file per view.
//
//go:embed templates/*.html
var Templates embed.FS
