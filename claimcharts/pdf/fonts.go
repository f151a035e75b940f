package pdf

import (
	_ "embed"
	"encoding/json"
	"slices"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// droidSansFallback draws CJK text (Apache-2.0, see fonts/README.md).
//
//go:embed fonts/DroidSansFallbackFull.ttf
var droidSansFallback []byte

// face is one embedded font: the name fpdf knows it by, its style, its
// bytes, and its parsed outline tables for coverage and widths.
type face struct {
	family string
	style  string
	ttf    []byte

	once  sync.Once
	font  *sfnt.Font
	err   error
	bmp   []float32 // advance per character of the BMP in 1/1000 em; -1 when missing
	mu    sync.Mutex
	units map[rune]float64 // the same for characters beyond the BMP
}

// The embedded faces. Latin faces come first: a character both have is
// drawn with the Latin face, so Latin letters and digits never fall to the
// CJK face's fixed-width forms.
var (
	latin     = &face{family: "go", style: "", ttf: goregular.TTF}
	latinBold = &face{family: "go", style: "B", ttf: gobold.TTF}
	cjk       = &face{family: "droid", style: "", ttf: droidSansFallback}
)

// parsed returns the face's parsed font.
func (f *face) parsed() (*sfnt.Font, error) {
	f.once.Do(func() {
		f.font, f.err = sfnt.Parse(f.ttf)
		f.units = map[rune]float64{}
		f.bmp = make([]float32, 0x10000)
		var buf sfnt.Buffer
		for r := range f.bmp {
			f.bmp[r] = float32(f.measure(&buf, rune(r)))
		}
	})
	return f.font, f.err
}

// advance returns r's advance width in 1/1000 em, or -1 when the face has
// no glyph for r.
func (f *face) advance(r rune) float64 {
	if _, err := f.parsed(); err != nil {
		return -1
	}
	if r >= 0 && r < 0x10000 {
		return float64(f.bmp[r])
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	w, ok := f.units[r]
	if !ok {
		var buf sfnt.Buffer
		w = f.measure(&buf, r)
		f.units[r] = w
	}
	return w
}

// measure reads r's advance from the font's tables.
func (f *face) measure(buf *sfnt.Buffer, r rune) float64 {
	if f.font == nil {
		return -1
	}
	g, err := f.font.GlyphIndex(buf, r)
	if err != nil || g == 0 {
		return -1
	}
	upem := f.font.UnitsPerEm()
	adv, err := f.font.GlyphAdvance(buf, g, fixed.Int26_6(upem), 0)
	if err != nil {
		return -1
	}
	return float64(adv) * 1000 / float64(upem)
}

// has reports whether the face has a glyph for r.
func (f *face) has(r rune) bool { return f.advance(r) >= 0 }

// faceFor returns the face that draws r in a run of the given weight: the
// Latin face when it has the glyph, else the CJK face. A character neither
// has is drawn as replacement, which the Latin face has.
func faceFor(r rune, bold bool) (*face, rune) {
	l := latin
	if bold {
		l = latinBold
	}
	switch {
	case l.has(r):
		return l, r
	case cjk.has(r):
		return cjk, r
	}
	return l, replacement
}

// replacement stands for a character no embedded face can draw.
const replacement = '?'

// cjkCut is Droid Sans Fallback cut to the CJK characters documents have
// needed so far. fpdf parses a font whole for every document and again to
// subset it: the full 4 MB font costs over 100 ms a document, a cut of a
// few thousand characters a few. The cut grows with each document that
// needs a character it lacks.
var cjkCut struct {
	mu   sync.Mutex
	have map[rune]bool
	ttf  []byte
}

// cjkFont returns a cut of the CJK face holding every character of need.
func cjkFont(need map[rune]bool) []byte {
	cjkCut.mu.Lock()
	defer cjkCut.mu.Unlock()
	if cjkCut.have == nil {
		cjkCut.have = map[rune]bool{}
	}
	grow := cjkCut.ttf == nil
	for r := range need {
		if !cjkCut.have[r] {
			cjkCut.have[r], grow = true, true
		}
	}
	if grow {
		rs := make([]rune, 0, len(cjkCut.have))
		for r := range cjkCut.have {
			rs = append(rs, r)
		}
		slices.Sort(rs)
		cjkCut.ttf = fpdf.UTF8CutFont(droidSansFallback, string(rs))
	}
	return cjkCut.ttf
}

// cjkNeeded returns the characters of content (any value, read as its
// JSON) and of every label that the CJK face draws.
func cjkNeeded(content any) map[rune]bool {
	need := map[rune]bool{}
	add := func(s string) {
		for _, r := range s {
			if r >= 0x80 && !(latin.has(r) && latinBold.has(r)) && cjk.has(r) {
				need[r] = true
			}
		}
	}
	b, _ := json.Marshal(content)
	add(string(b))
	for _, l := range labels {
		add(l[0] + l[1])
	}
	add(pageOf("zh", 0) + strings.Join([]string{noLineStart}, ""))
	return need
}
