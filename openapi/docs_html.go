package openapi

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// docsSource is the template of the docs page: one document, no script,
// no external asset.
//
//go:embed docs.html
var docsSource string

// DocsStyles are the style blocks of the docs page, byte for byte as the
// page carries them (a Content-Security-Policy can allow them by hash).
func DocsStyles() []string {
	var out []string
	rest := docsSource
	for {
		_, after, ok := strings.Cut(rest, "<style>")
		if !ok {
			return out
		}
		block, tail, _ := strings.Cut(after, "</style>")
		out = append(out, block)
		rest = tail
	}
}

// DocsHTML is the document rendered as one HTML page in lang ("zh", else
// English): every operation by tag, in the order the document lists them,
// with its parameters, bodies, responses and examples, and every schema.
// It is rendered once per process and language.
func DocsHTML(lang string) ([]byte, error) {
	d := renderedDocs()
	if d.err != nil {
		return nil, d.err
	}
	if lang != "zh" {
		lang = "en"
	}
	return d.pages[lang], nil
}

// docsPages are the docs page rendered in each language, or why it could
// not be.
type docsPages struct {
	pages map[string][]byte
	err   error
}

// renderedDocs loads the document with the positions of its elements and
// renders the page in each language, the first time it is asked for.
var renderedDocs = sync.OnceValue(func() docsPages {
	doc, err := load(true)
	if err != nil {
		return docsPages{err: err}
	}
	out := docsPages{pages: map[string][]byte{}}
	for _, l := range []string{"en", "zh"} {
		var b bytes.Buffer
		if err := docsTemplate.Execute(&b, buildDocs(doc, l)); err != nil {
			return docsPages{err: fmt.Errorf("openapi: render the docs page (%s): %w", l, err)}
		}
		out.pages[l] = b.Bytes()
	}
	return out
})

// markdownRenderer renders the CommonMark (with pipe tables) of the
// document's descriptions. Raw HTML in a description is not passed
// through: goldmark leaves it out unless told it is safe.
var markdownRenderer = goldmark.New(goldmark.WithExtensions(extension.Table))

// markdown renders a description as HTML. A code block takes keyboard
// focus, so that one wider than the page can be scrolled without a mouse.
func markdown(s string) (template.HTML, error) {
	var b bytes.Buffer
	if err := markdownRenderer.Convert([]byte(s), &b); err != nil {
		return "", err
	}
	// goldmark escapes text and drops raw HTML: every "<pre>" is its own.
	return template.HTML(strings.ReplaceAll(b.String(), "<pre>", `<pre tabindex="0">`)), nil
}

var docsTemplate = template.Must(template.New("docs").Funcs(template.FuncMap{
	"md":    markdown,
	"lower": strings.ToLower,
	"fieldTable": func(t map[string]string, fields []docsField) fieldTable {
		return fieldTable{T: t, Fields: fields}
	},
}).Parse(docsSource))

// fieldTable is what the "fields" template renders.
type fieldTable struct {
	T      map[string]string
	Fields []docsField
}
