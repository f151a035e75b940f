package claimcharts

import "strings"

// Text is a user-facing string in Chinese and English. At least one of the
// two is set for required texts; readers fall back to the other language.
type Text struct {
	Zh string `json:"zh,omitempty" validate:"max=20000"`
	En string `json:"en,omitempty" validate:"max=20000"`
}

// In returns the text in lang ("zh" or "en"), falling back to the other.
func (t Text) In(lang string) string {
	if lang == "zh" && t.Zh != "" || t.En == "" {
		return t.Zh
	}
	return t.En
}

// IsZero reports whether neither language is set.
func (t Text) IsZero() bool { return strings.TrimSpace(t.Zh) == "" && strings.TrimSpace(t.En) == "" }

// Date is a calendar date written YYYY-MM-DD. Dates in that form order
// correctly as strings; the empty Date means "not known".
type Date string

// Before reports whether d is strictly before o; it is false when either is unknown.
func (d Date) Before(o Date) bool { return d != "" && o != "" && d < o }

// FoldWidth maps the full-width forms and typographic punctuation of
// East Asian and typeset text to ASCII: full-width letters, digits and
// signs, '、' to ',', hyphens and dashes to '-', no-break and ideographic
// spaces to ' '; it drops zero-width characters.
func FoldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == '、':
			return ','
		case r >= 0x2010 && r <= 0x2015, r == '−':
			return '-'
		case r == 0x00A0, r == 0x3000:
			return ' '
		case r == 0x200B, r == 0xFEFF:
			return -1
		}
		return r
	}, s)
}
