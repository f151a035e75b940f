package claimcharts

import (
	"strconv"
	"time"

	"sepportal/claimcharts/msg"
)

// Chart is a claim chart (权利要求对照表): one claim of one patent mapped,
// element by element, to one version of a standard. Its content lives in
// revisions; a submitted revision never changes, a change is a new revision.
type Chart struct {
	ID       string `json:"id" validate:"required,slug"`
	Patent   string `json:"patent" validate:"required"`
	Claim    int    `json:"claim" validate:"min=1"`
	Standard string `json:"standard" validate:"required,slug"`
	// Holder is copied from the patent so licensors' rights can be checked
	// without reading it.
	Holder    string     `json:"holder"`
	Revisions []Revision `json:"revisions" validate:"min=1,max=100,dive"`
	// PublishedRevision is the revision the public sees: the one a published
	// determination judged. 0 means none.
	PublishedRevision int `json:"published_revision"`
	Meta
}

// Revision is one version of a chart's content.
type Revision struct {
	No          int        `json:"no" validate:"min=1"`
	Status      string     `json:"status" validate:"required,oneof=draft submitted"`
	Note        string     `json:"note,omitempty" validate:"max=2000"`
	Elements    []Element  `json:"elements" validate:"min=1,max=200,dive"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
}

// Element is one claim element ("1[a]") with the standard references it is
// mapped to.
type Element struct {
	Label    string    `json:"label" validate:"required,max=40"`
	Text     Text      `json:"text" validate:"required_text"`
	Mappings []Mapping `json:"mappings" validate:"max=50,dive"`
}

// Mapping links an element to a reference of the chart's standard, with the
// quoted standard text and an explanation of why the element reads on it.
type Mapping struct {
	Ref         string `json:"ref" validate:"required,max=100"`
	Quote       string `json:"quote,omitempty" validate:"max=20000"`
	Explanation Text   `json:"explanation"`
}

// Revision status values.
const (
	RevisionDraft     = "draft"
	RevisionSubmitted = "submitted"
)

// ChartID is the natural key of the chart of claim on patent against standard.
func ChartID(patentKey string, claim int, standard string) string {
	return slugify(patentKey) + "-c" + strconv.Itoa(claim) + "-" + standard
}

// Kind implements Record.
func (c *Chart) Kind() Kind { return KindChart }

// Key implements Record.
func (c *Chart) Key() string { return c.ID }

// Indexes implements Record.
func (c *Chart) Indexes() map[string]string {
	return map[string]string{"patent": c.Patent, "standard": c.Standard, "holder": c.Holder}
}

// Public implements Record: a chart is public once a revision of it is.
func (c *Chart) Public() bool { return c.PublishedRevision > 0 }

// Revision returns revision no, if the chart (or the view of it a
// caller reads, see ChartFor) holds it.
func (c *Chart) Revision(no int) (*Revision, bool) {
	for i := range c.Revisions {
		if c.Revisions[i].No == no {
			return &c.Revisions[i], true
		}
	}
	return nil, false
}

// Latest returns the newest revision.
func (c *Chart) Latest() *Revision { return &c.Revisions[len(c.Revisions)-1] }

// checkAgainst checks the chart's meaning: the claim exists on the patent,
// revisions are numbered 1..n, element labels are unique, and every mapping
// points at a reference the standard has.
func (c *Chart) checkAgainst(p *Patent, s *Standard) []FieldError {
	var errs []FieldError
	if _, ok := p.Claim(c.Claim); !ok && len(p.Claims) > 0 {
		errs = append(errs, Because("claim", msg.NoClaim, p.Number.String(), c.Claim))
	}
	refs := s.ReferenceLookup()
	for i, r := range c.Revisions {
		if r.No != i+1 {
			errs = append(errs, Because(path("revisions", i, "no"), msg.RevisionsInOrder))
		}
		errs = append(errs, r.checkAgainst(path("revisions", i), s.Slug, refs)...)
	}
	return errs
}

// checkAgainst checks one revision: its element labels are unique and every
// mapping points at a reference that refs finds in the standard std.
func (r *Revision) checkAgainst(prefix, std string, refs func(string) (Reference, bool)) []FieldError {
	var errs []FieldError
	labels := map[string]bool{}
	for i, e := range r.Elements {
		if labels[e.Label] {
			errs = append(errs, Because(prefix+"."+path("elements", i, "label"), msg.DuplicateElement, e.Label))
		}
		labels[e.Label] = true
		for j, m := range e.Mappings {
			if _, ok := refs(m.Ref); !ok {
				errs = append(errs, Because(prefix+"."+path("elements", i, "mappings", j, "ref"), msg.NoReference, std, m.Ref))
			}
		}
	}
	return errs
}
