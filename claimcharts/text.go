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
