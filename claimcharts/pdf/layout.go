package pdf

import (
	"io"
	"strings"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
)

// Sizes, in points, and the page geometry, in millimetres.
const (
	bodySize  = 9.0
	smallSize = 7.5
	titleSize = 15.0
	headSize  = 11.5
	margin    = 14.0
	headerH   = 12.0 // the running header above the text
	footerH   = 12.0 // the running footer below it
	cellPad   = 1.2
	ptToMM    = 25.4 / 72
	leading   = 1.3 // line height as a multiple of the font size
)

// run is a stretch of a line drawn with one face.
type run struct {
	face  *face
	text  string
	width float64 // 1/1000 em; times the size in mm per em gives mm
}

// line is one line of text, split into runs by face.
type line struct {
	runs  []run
	width float64
}

// page is what the running header and footer of every page show.
type page struct {
	title   string
	pool    string
	asOf    string
	version string
	link    string // the portal page the document comes from
}

// doc is a document being drawn: an fpdf document with the embedded faces,
// a running header and footer, and the table whose header repeats on
// every new page.
type doc struct {
	f      *fpdf.Fpdf
	lang   string
	page   page
	table  *table
	trace  func(f *face, ttf []byte, text string)
	fonts  map[*face][]byte // the bytes of each face embedded
	width  float64          // text width, mm
	bottom float64          // lowest y text may reach, mm
}

// newDoc starts a document with its metadata and running header and footer.
// Landscape suits wide tables. content is what the document shows, read
// for the CJK characters its cut of the CJK face must hold.
func newDoc(m Meta, p page, subject string, landscape bool, content any) *doc {
	orient := "P"
	if landscape {
		orient = "L"
	}
	f := fpdf.New(orient, "mm", "A4", "")
	d := &doc{f: f, lang: m.lang(), page: p, trace: m.trace}
	f.AliasNbPages("{nb}")
	d.fonts = map[*face][]byte{latin: latin.ttf, latinBold: latinBold.ttf, cjk: cjkFont(cjkNeeded([]any{content, p}))}
	for _, fc := range []*face{latin, latinBold, cjk} {
		f.AddUTF8FontFromBytes(fc.family, fc.style, d.fonts[fc])
	}
	f.SetMargins(margin, margin+headerH, margin)
	f.SetAutoPageBreak(false, margin+footerH)
	w, h := f.GetPageSize()
	d.width, d.bottom = w-2*margin, h-margin-footerH
	f.SetTitle(p.title, true)
	f.SetSubject(subject, true)
	f.SetAuthor("SEP Portal", true)
	f.SetCreator("SEP Portal", true)
	f.SetKeywords(strings.Join([]string{p.pool, p.asOf, p.version}, " "), true)
	f.SetLang(map[string]string{"zh": "zh-CN", "en": "en"}[d.lang])
	gen := m.generated()
	f.SetCreationDate(gen)
	f.SetModificationDate(gen)
	f.SetHeaderFunc(d.header)
	f.SetFooterFunc(d.footer)
	return d
}

// header draws the running header: title, pool, and a rule.
func (d *doc) header() {
	d.f.SetTextColor(90, 90, 90)
	d.text(margin, margin, d.width*0.65, smallSize, false, d.page.title, d.page.link)
	pool := d.page.pool
	pw := min(d.measure(pool, smallSize, false)+0.5, d.width*0.33)
	d.text(margin+d.width-pw, margin, pw, smallSize, false, pool, "")
	d.f.SetDrawColor(160, 160, 160)
	d.f.Line(margin, margin+5, margin+d.width, margin+5)
	d.f.SetTextColor(0, 0, 0)
	d.f.SetY(margin + headerH)
}

// footer draws the running footer: the as-of date, the data version, a
// link back to the portal and "page X of Y".
func (d *doc) footer() {
	_, h := d.f.GetPageSize()
	y := h - margin - footerH + 4
	d.f.SetDrawColor(160, 160, 160)
	d.f.Line(margin, y-1.5, margin+d.width, y-1.5)
	d.f.SetTextColor(90, 90, 90)
	left := label(d.lang, "as_of") + " " + d.page.asOf + " · " + label(d.lang, "data_version") + " " + d.page.version
	d.text(margin, y, d.width*0.7, smallSize, false, left, "")
	pageNo := pageOf(d.lang, d.f.PageNo())
	pw := d.measure(pageNo, smallSize, false) + 0.5
	d.text(margin+d.width-pw, y, pw, smallSize, false, pageNo, "")
	if d.page.link != "" {
		d.text(margin, y+4, d.width, smallSize, false, d.page.link, d.page.link)
	}
	d.f.SetTextColor(0, 0, 0)
}

// newPage starts a page, repeating the current table's header.
func (d *doc) newPage() {
	d.f.AddPage()
	if d.table != nil {
		d.table.drawHeader()
	}
}

// room makes sure h mm fit below the current position, starting a new page
// when they do not.
func (d *doc) room(h float64) {
	if d.f.PageNo() == 0 || d.f.GetY()+h > d.bottom {
		d.newPage()
	}
}

// lineH is the height of a line of text of size points.
func lineH(size float64) float64 { return size * leading * ptToMM }

// measure returns the width of s, in mm, at size points.
func (d *doc) measure(s string, size float64, bold bool) float64 {
	var w float64
	for _, r := range s {
		fc, r := faceFor(r, bold)
		w += fc.advance(r)
	}
	return w * size / 1000 * ptToMM
}

// wrap breaks s into lines no wider than width mm at size points: at line
// breaks, after spaces, and on either side of a CJK character. A word wider
// than the line is broken between characters.
func wrap(s string, width, size float64, bold bool) []line {
	var out []line
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		out = append(out, wrapPara([]rune(para), width, size, bold)...)
	}
	return out
}

func wrapPara(rs []rune, width, size float64, bold bool) []line {
	scale := size / 1000 * ptToMM
	var out []line
	start, brk := 0, -1 // brk: the index a line may end before
	var w float64
	widths := make([]float64, len(rs))
	for i, r := range rs {
		if r == '\t' {
			rs[i], r = ' ', ' '
		}
		fc, rr := faceFor(r, bold)
		widths[i] = fc.advance(rr) * scale
		if i > start && (rs[i-1] == ' ' || isCJK(r) || isCJK(rs[i-1])) && !strings.ContainsRune(noLineStart, r) {
			brk = i
		}
		if w+widths[i] > width && i > start {
			end := i
			if brk > start {
				end = brk
			}
			out = append(out, makeLine(rs[start:end], bold))
			start, brk = end, -1
			for start < len(rs) && start < i && rs[start] == ' ' {
				start++
			}
			w = 0
			for j := start; j < i; j++ {
				w += widths[j]
			}
		}
		w += widths[i]
	}
	return append(out, makeLine(rs[start:], bold))
}

// noLineStart are the characters a line does not begin with (closing
// punctuation, 避头点).
const noLineStart = "。，、；：！？）」』》〉】’”.,;:!?)]}"

// isCJK reports whether a line may break on either side of r.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

// makeLine splits a line's characters into runs by the face that draws them.
func makeLine(rs []rune, bold bool) line {
	text := strings.TrimRight(string(rs), " ")
	var l line
	var cur *face
	var b strings.Builder
	var w float64
	flush := func() {
		if b.Len() > 0 {
			l.runs = append(l.runs, run{face: cur, text: b.String(), width: w})
			l.width += w
		}
		b.Reset()
		w = 0
	}
	for _, r := range text {
		fc, rr := faceFor(r, bold)
		if fc != cur {
			flush()
			cur = fc
		}
		b.WriteRune(rr)
		w += fc.advance(rr)
	}
	flush()
	return l
}

// drawLine draws l with its top-left corner at (x, y) at size points; the
// run widths of l were measured in 1/1000 em.
func (d *doc) drawLine(x, y, size float64, l line, link string) {
	scale := size / 1000 * ptToMM
	base := y + size*0.95*ptToMM
	x0 := x
	for _, r := range l.runs {
		d.f.SetFont(r.face.family, r.face.style, size)
		d.f.Text(x, base, r.text)
		if d.trace != nil {
			d.trace(r.face, d.fonts[r.face], r.text)
		}
		x += r.width * scale
	}
	if link != "" && x > x0 {
		d.f.LinkString(x0, y, x-x0, lineH(size), link)
	}
}

// text draws s on one line at (x, y), cut to width mm; it returns nothing
// because running headers and footers have fixed places.
func (d *doc) text(x, y, width, size float64, bold bool, s, link string) {
	lines := wrap(s, width, size, bold)
	if len(lines) > 0 {
		d.drawLine(x, y, size, lines[0], link)
	}
}

// para draws s as a paragraph across the page, breaking pages between lines.
func (d *doc) para(s string, size float64, bold bool, link string) {
	h := lineH(size)
	for _, l := range wrap(s, d.width, size, bold) {
		d.room(h)
		d.drawLine(margin, d.f.GetY(), size, l, link)
		d.f.SetY(d.f.GetY() + h)
	}
}

// heading draws a heading, in a larger size at level 0 (the document's
// title), and adds it to the outline.
func (d *doc) heading(s string, level int) {
	size := headSize
	if level == 0 {
		size = titleSize
	}
	d.room(lineH(size) * 3) // keep a heading with what follows it
	d.f.SetY(d.f.GetY() + lineH(size)*0.3)
	d.bookmark(s)
	d.para(s, size, true, "")
	d.f.SetY(d.f.GetY() + lineH(bodySize)*0.3)
}

// bookmark adds an outline entry at the current position. The outline is
// flat: fpdf writes /Count 0 on an entry with children, which the PDF
// specification forbids (strict validators refuse it). fpdf encodes the
// entry as UTF-16 only while a UTF-8 font is selected.
func (d *doc) bookmark(s string) {
	d.f.SetFont(latin.family, latin.style, bodySize)
	d.f.Bookmark(s, 0, -1)
}

// fields draws label: value pairs, one per line, values wrapped beside their labels.
func (d *doc) fields(pairs [][2]string) {
	lw := d.width * 0.22
	h := lineH(bodySize)
	for _, p := range pairs {
		if p[1] == "" {
			continue
		}
		lines := wrap(p[1], d.width-lw, bodySize, false)
		for i, l := range lines {
			d.room(h)
			y := d.f.GetY()
			if i == 0 {
				d.text(margin, y, lw-2, bodySize, true, p[0], "")
			}
			d.drawLine(margin+lw, y, bodySize, l, "")
			d.f.SetY(y + h)
		}
	}
	d.f.SetY(d.f.GetY() + h*0.5)
}

// output finishes the document and writes it.
func (d *doc) output(w io.Writer) error {
	if d.f.PageNo() == 0 {
		d.newPage()
	}
	if err := d.f.Error(); err != nil {
		return err
	}
	return d.f.Output(w)
}

// Meta is what a document needs besides its records.
type Meta struct {
	// Lang is "zh" or "en"; anything else is English.
	Lang string
	// BaseURL is the portal's address ("https://sep.example.org"); links
	// back to portal pages start with it.
	BaseURL string
	// Generated is when the document is made; zero means now.
	Generated time.Time

	// trace, in tests, sees every run of text drawn, the face drawing it
	// and the font bytes embedded for that face.
	trace func(f *face, ttf []byte, text string)
}

func (m Meta) lang() string {
	if m.Lang == "zh" {
		return "zh"
	}
	return "en"
}

func (m Meta) generated() time.Time {
	if m.Generated.IsZero() {
		return time.Now().UTC()
	}
	return m.Generated.UTC()
}

// url returns the portal address of path.
func (m Meta) url(path string) string {
	return strings.TrimRight(m.BaseURL, "/") + path
}
