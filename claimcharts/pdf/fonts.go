package pdf

import (
	_ "embed"
	"sync"

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
	mu    sync.Mutex
	units map[rune]float64 // advance per rune in 1/1000 em; -1 when missing
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
	})
	return f.font, f.err
}

// advance returns r's advance width in 1/1000 em, or -1 when the face has
// no glyph for r.
func (f *face) advance(r rune) float64 {
	font, err := f.parsed()
	if err != nil {
		return -1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if w, ok := f.units[r]; ok {
		return w
	}
	w := -1.0
	var buf sfnt.Buffer
	if g, err := font.GlyphIndex(&buf, r); err == nil && g != 0 {
		upem := font.UnitsPerEm()
		if adv, err := font.GlyphAdvance(&buf, g, fixed.Int26_6(upem), 0); err == nil {
			w = float64(adv) * 1000 / float64(upem)
		}
	}
	f.units[r] = w
	return w
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
