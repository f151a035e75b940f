// Package static holds the portal's embedded templates and assets, so that
// the binary serves its pages with nothing installed beside it.
package static

import "embed"

// Templates are the HTML templates (html/template): a layout, partials
// (partials/*.html) and one file per view.
//
//go:embed templates/*.html templates/partials/*.html
var Templates embed.FS

// Assets are the stylesheet, icons and any script, served under /assets/
// with a content hash in their names.
//
//go:embed assets
var Assets embed.FS
