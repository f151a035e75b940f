package pdf

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfcpu "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// checked is a PDF as pdfcpu reads it back: validated, with the text of
// every page decoded through its fonts' ToUnicode maps, the outline and
// the document information.
type checked struct {
	ctx       *model.Context
	pages     []string
	bookmarks []string
}

// text is every page's text, pages separated by form feeds.
func (c *checked) text() string { return strings.Join(c.pages, "\f") }

// mustCheck validates a PDF with pdfcpu and extracts its text the way a
// reader does: by the ToUnicode map of the font of each string. pdfcpu's
// relaxed mode (its default) is used: its strict mode refuses fpdf's link
// annotations, which fpdf writes as direct dictionaries in the page's
// Annots array where ISO 32000 asks for indirect references; readers
// accept them.
func mustCheck(tb testing.TB, b []byte) *checked {
	tb.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadAndValidate(bytes.NewReader(b), conf)
	if err != nil {
		tb.Fatalf("pdfcpu refuses the PDF: %v", err)
	}
	c := &checked{ctx: ctx}
	for i := 1; i <= ctx.PageCount; i++ {
		s, err := pageText(ctx, i)
		if err != nil {
			tb.Fatalf("page %d: %v", i, err)
		}
		c.pages = append(c.pages, s)
	}
	bms, err := pdfcpu.Bookmarks(ctx)
	if err != nil {
		tb.Fatalf("outline: %v", err)
	}
	var walk func([]pdfcpu.Bookmark)
	walk = func(bs []pdfcpu.Bookmark) {
		for _, b := range bs {
			c.bookmarks = append(c.bookmarks, b.Title)
			walk(b.Kids)
		}
	}
	walk(bms)
	return c
}

// pageText decodes the strings a page's content shows, a line per text
// position, through the ToUnicode map of each string's font.
func pageText(ctx *model.Context, n int) (string, error) {
	d, _, inh, err := ctx.PageDict(n, true)
	if err != nil || d == nil {
		return "", fmt.Errorf("page dict: %v", err)
	}
	cmaps := map[string]map[int]rune{}
	if inh != nil && inh.Resources != nil {
		fonts, err := ctx.DereferenceDict(inh.Resources["Font"])
		if err != nil {
			return "", err
		}
		for name, ref := range fonts {
			m, err := toUnicode(ctx, ref)
			if err != nil {
				return "", fmt.Errorf("font %s: %v", name, err)
			}
			cmaps[name] = m
		}
	}
	r, err := pdfcpu.ExtractPageContent(ctx, n)
	if err != nil {
		return "", err
	}
	content, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	return showText(content, cmaps)
}

var (
	bfrange = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	bfchar  = regexp.MustCompile(`<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>`)
)

// toUnicode reads a font's ToUnicode CMap (bfrange and bfchar entries).
func toUnicode(ctx *model.Context, ref types.Object) (map[int]rune, error) {
	font, err := ctx.DereferenceDict(ref)
	if err != nil {
		return nil, err
	}
	sd, _, err := ctx.DereferenceStreamDict(font["ToUnicode"])
	if err != nil || sd == nil {
		return nil, fmt.Errorf("no ToUnicode map: %v", err)
	}
	if err := sd.Decode(); err != nil {
		return nil, err
	}
	m := map[int]rune{}
	text := string(sd.Content)
	for _, sec := range strings.Split(text, "beginbfrange")[1:] {
		sec = strings.Split(sec, "endbfrange")[0]
		for _, g := range bfrange.FindAllStringSubmatch(sec, -1) {
			lo, _ := strconv.ParseInt(g[1], 16, 32)
			hi, _ := strconv.ParseInt(g[2], 16, 32)
			dst, _ := strconv.ParseInt(g[3], 16, 32)
			for c := lo; c <= hi; c++ {
				m[int(c)] = rune(dst + c - lo)
			}
		}
	}
	for _, sec := range strings.Split(text, "beginbfchar")[1:] {
		sec = strings.Split(sec, "endbfchar")[0]
		for _, g := range bfchar.FindAllStringSubmatch(sec, -1) {
			c, _ := strconv.ParseInt(g[1], 16, 32)
			dst, _ := strconv.ParseInt(g[2], 16, 32)
			m[int(c)] = rune(dst)
		}
	}
	return m, nil
}

// showText runs a content stream's text operators: Tf selects a font, Td
// moves (a new line when the y changes), Tj shows a string of two-byte codes.
func showText(content []byte, cmaps map[string]map[int]rune) (string, error) {
	var out strings.Builder
	var ops []string
	var strs [][]byte
	font, lastY := "", ""
	for i := 0; i < len(content); {
		c := content[i]
		switch {
		case c == '(':
			s, n := literal(content[i:])
			strs = append(strs, s)
			i += n
			continue
		case c == '<' && i+1 < len(content) && content[i+1] != '<':
			j := bytes.IndexByte(content[i:], '>')
			h := strings.Map(func(r rune) rune {
				if strings.ContainsRune("0123456789abcdefABCDEF", r) {
					return r
				}
				return -1
			}, string(content[i+1:i+j]))
			b := make([]byte, len(h)/2)
			for k := range b {
				v, _ := strconv.ParseUint(h[2*k:2*k+2], 16, 8)
				b[k] = byte(v)
			}
			strs = append(strs, b)
			i += j + 1
			continue
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
			continue
		}
		j := i
		for j < len(content) && !strings.ContainsRune(" \n\r\t()<>[]", rune(content[j])) {
			j++
		}
		if j == i {
			j++
		}
		tok := string(content[i:j])
		i = j
		switch tok {
		case "Tf":
			if len(ops) >= 2 {
				font = strings.TrimPrefix(ops[len(ops)-2], "/")
			}
		case "Td":
			if len(ops) >= 1 && ops[len(ops)-1] != lastY {
				if lastY != "" {
					out.WriteByte('\n')
				}
				lastY = ops[len(ops)-1]
			}
		case "Tj":
			if len(strs) > 0 {
				m, ok := cmaps[font]
				if !ok {
					return "", fmt.Errorf("text in font %q, which the page does not list", font)
				}
				s := strs[len(strs)-1]
				for k := 0; k+1 < len(s); k += 2 {
					r, ok := m[int(s[k])<<8|int(s[k+1])]
					if !ok {
						return "", fmt.Errorf("code %02x%02x of font %s has no Unicode value", s[k], s[k+1], font)
					}
					out.WriteRune(r)
				}
			}
		}
		if len(tok) > 0 && (tok[0] >= 'A' && tok[0] <= 'Z' || tok[0] >= 'a' && tok[0] <= 'z' || tok[0] == '\'' || tok[0] == '"') {
			ops, strs = ops[:0], strs[:0]
		} else {
			ops = append(ops, tok)
		}
	}
	return out.String(), nil
}

// literal reads a PDF literal string at the start of b; it returns the
// bytes and how many bytes of b it took.
func literal(b []byte) ([]byte, int) {
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b):
			i++
			switch e := b[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			default:
				if e >= '0' && e <= '7' {
					k := i
					for k < len(b) && k < i+3 && b[k] >= '0' && b[k] <= '7' {
						k++
					}
					v, _ := strconv.ParseUint(string(b[i:k]), 8, 8)
					out = append(out, byte(v))
					i = k - 1
				} else {
					out = append(out, e)
				}
			}
		case c == '(':
			if depth > 0 {
				out = append(out, c)
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return out, i + 1
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out, len(b)
}
