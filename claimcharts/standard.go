package claimcharts

import (
	"sepportal/claimcharts/msg"
)

// Standard is one version of a technical standard (IEEE 802.11ax-2021, ITU-T
// H.265 (V8)...) with the tree of references a claim chart can point at.
type Standard struct {
	Slug       string      `json:"slug" validate:"required,slug"`
	Body       string      `json:"body" validate:"required,max=100"`
	Number     string      `json:"number" validate:"required,max=100"`
	Version    string      `json:"version" validate:"required,max=100"`
	Date       Date        `json:"date,omitempty" validate:"omitempty,date"`
	Title      Text        `json:"title" validate:"required_text"`
	References []Reference `json:"references" validate:"max=20000,dive"`
	Meta
}

// Reference is a numbered part of a standard: a section, figure, table or
// annex, with an optional quotation of its text.
type Reference struct {
	Label  string `json:"label" validate:"required,max=100"`
	Kind   string `json:"kind" validate:"required,oneof=section figure table annex"`
	Parent string `json:"parent,omitempty" validate:"max=100"`
	Title  Text   `json:"title"`
	Text   string `json:"text,omitempty" validate:"max=100000"`
}

// Kind implements Record.
func (s *Standard) Kind() Kind { return KindStandard }

// Key implements Record.
func (s *Standard) Key() string { return s.Slug }

// Indexes implements Record.
func (s *Standard) Indexes() map[string]string { return nil }

// Public implements Record: standards are reference data.
func (s *Standard) Public() bool { return true }

// Reference returns the reference with the given label.
func (s *Standard) Reference(label string) (Reference, bool) {
	for _, r := range s.References {
		if r.Label == label {
			return r, true
		}
	}
	return Reference{}, false
}

// ReferenceLookup returns a function that finds a reference by its label
// as Reference does, in constant time: callers that look up many labels
// build it once instead of scanning the references for each. It sees the
// references as they are when it is built.
func (s *Standard) ReferenceLookup() func(label string) (Reference, bool) {
	at := make(map[string]int, len(s.References))
	for i, r := range s.References {
		if _, ok := at[r.Label]; !ok {
			at[r.Label] = i
		}
	}
	return func(label string) (Reference, bool) {
		i, ok := at[label]
		if !ok {
			return Reference{}, false
		}
		return s.References[i], true
	}
}

// validateTree checks that labels are unique and every parent exists and
// comes before its children, so the tree has no cycles.
func (s *Standard) validateTree() []FieldError {
	var errs []FieldError
	seen := make(map[string]bool, len(s.References))
	for i, r := range s.References {
		if seen[r.Label] {
			errs = append(errs, Because(path("references", i, "label"), msg.DuplicateLabel, r.Label))
		}
		if r.Parent != "" && !seen[r.Parent] {
			errs = append(errs, Because(path("references", i, "parent"), msg.ParentLater, r.Parent))
		}
		seen[r.Label] = true
	}
	return errs
}
