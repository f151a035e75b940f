package demo

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"sepportal/claimcharts"
)

//go:embed demo.json
var demoJSON []byte

// catalog is demo.json: the records to create, and for each patent family
// the story its members go through.
type catalog struct {
	Organizations []*claimcharts.Organization `json:"organizations"`
	Standards     []*claimcharts.Standard     `json:"standards"`
	Pools         []*claimcharts.Pool         `json:"pools"`
	Families      []*family                   `json:"families"`
}

// family is a patent family with the content its members share: title,
// abstract, claim 1 split into chart elements, and the dependent claims.
type family struct {
	ID       string                `json:"id"`
	Holder   string                `json:"holder"`
	Standard string                `json:"standard"`
	Title    claimcharts.Text      `json:"title"`
	Abstract claimcharts.Text      `json:"abstract"`
	Elements []claimcharts.Element `json:"elements"`
	Claims   []claimcharts.Claim   `json:"claims"`
	Members  []*member             `json:"members"`
}

// member is one patent of a family and how far it gets in PoolSlug.
type member struct {
	Number           string            `json:"number"`
	Type             string            `json:"type"`
	EvaluationReport string            `json:"evaluation_report"`
	LegalStatus      string            `json:"legal_status"`
	Dates            claimcharts.Dates `json:"dates"`
	// Scenario names an entry of scenarios.
	Scenario string    `json:"scenario"`
	Entry    entryPlan `json:"entry"`
	// Revision2, if set, makes the chart a second revision that adds a mapping.
	Revision2 *revisionPlan `json:"revision2"`
	// NotMet holds the reviewers' notes on elements they find not met.
	NotMet map[string]claimcharts.Text `json:"not_met"`
	// AlsoApply lists further pools the holder applies to.
	AlsoApply []string `json:"also_apply"`

	key string // the store key of Number
}

// entryPlan holds the dates of a member's moves on PoolSlug's list.
type entryPlan struct {
	// Applied is the application date; a month before UnderReview when empty.
	Applied     claimcharts.Date `json:"applied"`
	UnderReview claimcharts.Date `json:"under_review"`
	// Decided is the determination's date; the admission date when empty.
	Decided  claimcharts.Date `json:"decided"`
	Admitted claimcharts.Date `json:"admitted"`
	Removed  claimcharts.Date `json:"removed"`
	Reason   string           `json:"reason"`
	Note     string           `json:"note"`
}

// revisionPlan is a second chart revision: the first one's elements with
// one more mapping on one element.
type revisionPlan struct {
	Element string              `json:"element"`
	Note    string              `json:"note"`
	Mapping claimcharts.Mapping `json:"mapping"`
}

// scenario is how far a member gets: its chart, its entry on PoolSlug, the
// reviews of its chart and the pool's determination.
type scenario struct {
	chart    string    // "" for none, else the status of its last revision
	apply    bool      // the holder applies to PoolSlug
	reviews  [2]string // per reviewer: "" (none) or the review's status
	decision string    // "" for none, else the determination's status
}

const (
	submitted = claimcharts.RevisionSubmitted
	assigned  = claimcharts.ReviewAssigned
)

var (
	bothSubmitted = [2]string{claimcharts.ReviewSubmitted, claimcharts.ReviewSubmitted}
	judged        = scenario{chart: submitted, apply: true, reviews: bothSubmitted, decision: claimcharts.StatusPublished}
)

// scenarios are the stories a member can follow. The entry's moves come
// from its dates: under review, admitted and removed when they are set.
var scenarios = map[string]scenario{
	"unlisted":       {},
	"draft_chart":    {chart: claimcharts.RevisionDraft},
	"applied":        {chart: submitted, apply: true},
	"assigned":       {chart: submitted, apply: true, reviews: [2]string{assigned, assigned}},
	"reviewing":      {chart: submitted, apply: true, reviews: [2]string{claimcharts.ReviewSubmitted, claimcharts.ReviewDraft}},
	"decision_draft": {chart: submitted, apply: true, reviews: bothSubmitted, decision: claimcharts.StatusDraft},
	"admitted":       judged,
	"removed":        judged,
	"not_essential":  judged,
}

// readCatalog decodes demo.json strictly and completes it: patent keys, and
// the quotes of chart mappings, taken from the standards' reference texts.
func readCatalog() (*catalog, error) {
	dec := json.NewDecoder(bytes.NewReader(demoJSON))
	dec.DisallowUnknownFields()
	var c catalog
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("demo: read demo.json: %w", err)
	}
	refs := map[string]map[string]string{}
	for _, s := range c.Standards {
		refs[s.Slug] = map[string]string{}
		for _, r := range s.References {
			refs[s.Slug][r.Label] = r.Text
		}
	}
	for _, f := range c.Families {
		if err := f.complete(refs[f.Standard]); err != nil {
			return nil, fmt.Errorf("demo: family %s: %w", f.ID, err)
		}
	}
	return &c, nil
}

// complete fills in what demo.json leaves out and checks the scenarios.
func (f *family) complete(refs map[string]string) error {
	if refs == nil {
		return fmt.Errorf("no standard %q in demo.json", f.Standard)
	}
	quote := func(m *claimcharts.Mapping) error {
		text, ok := refs[m.Ref]
		if !ok {
			return fmt.Errorf("standard %s has no reference %q", f.Standard, m.Ref)
		}
		if m.Quote == "" {
			m.Quote = text
		}
		return nil
	}
	for i := range f.Elements {
		for j := range f.Elements[i].Mappings {
			if err := quote(&f.Elements[i].Mappings[j]); err != nil {
				return err
			}
		}
	}
	for _, m := range f.Members {
		if _, ok := scenarios[m.Scenario]; !ok {
			return fmt.Errorf("patent %s: unknown scenario %q", m.Number, m.Scenario)
		}
		key, err := claimcharts.PatentKey(m.Number)
		if err != nil {
			return err
		}
		m.key = key
		if m.Revision2 != nil {
			if err := quote(&m.Revision2.Mapping); err != nil {
				return err
			}
		}
	}
	return nil
}

// claims returns the family's claims: claim 1 joined from the elements,
// then the dependent claims.
func (f *family) claims() []claimcharts.Claim {
	var zh, en []string
	for _, e := range f.Elements {
		zh, en = append(zh, e.Text.Zh), append(en, e.Text.En)
	}
	first := claimcharts.Claim{Number: 1, Text: claimcharts.Text{Zh: strings.Join(zh, ""), En: strings.Join(en, " ")}}
	return append([]claimcharts.Claim{first}, f.Claims...)
}

// revision2 returns the elements of m's second chart revision: the family's
// elements with the planned mapping added.
func (f *family) revision2(m *member) []claimcharts.Element {
	out := make([]claimcharts.Element, len(f.Elements))
	for i, e := range f.Elements {
		e.Mappings = append([]claimcharts.Mapping(nil), e.Mappings...)
		if e.Label == m.Revision2.Element {
			e.Mappings = append(e.Mappings, m.Revision2.Mapping)
		}
		out[i] = e
	}
	return out
}

// appliedOn returns the date of the application.
func (p entryPlan) appliedOn() claimcharts.Date {
	if p.Applied != "" {
		return p.Applied
	}
	if t, err := time.Parse(time.DateOnly, string(p.UnderReview)); err == nil {
		return claimcharts.Date(t.AddDate(0, -1, 0).Format(time.DateOnly))
	}
	return "2024-09-02"
}

// steps returns the moves of an entry on the list, in order.
func (p entryPlan) steps() []claimcharts.StatusChange {
	var out []claimcharts.StatusChange
	if p.UnderReview != "" {
		out = append(out, claimcharts.StatusChange{Status: claimcharts.EntryUnderReview, Date: p.UnderReview,
			Note: "Chart sent to two reviewers. / 对照表已送两位专家审查。"})
	}
	if p.Admitted != "" {
		out = append(out, claimcharts.StatusChange{Status: claimcharts.EntryAdmitted, Date: p.Admitted,
			Note: "Admitted on a published determination finding claim 1 essential. / 经公布的审查结果认定权利要求1为必要后入池。"})
	}
	if p.Removed != "" {
		out = append(out, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Date: p.Removed, Reason: p.Reason, Note: p.Note})
	}
	return out
}
