package claimcharts

import (
	"sepportal/claimcharts/msg"
)

// Patent is one national or regional patent (or utility model or design),
// the unit a claim chart is written against.
type Patent struct {
	// Number is the canonical number, parsed from Number.Submitted.
	Number Number `json:"number"`
	// Application is the application number, if known. Chinese patents are
	// often cited by it ("ZL 2013 1 0123456.2"), so lookups by it find the patent.
	Application *Number `json:"application,omitempty"`
	// Family is the family code (族编号) the patent belongs to, if any.
	Family string `json:"family,omitempty" validate:"omitempty,slug"`
	// Holder is the organization slug of the patent holder (专利权人).
	Holder string `json:"holder" validate:"required,slug"`
	// Type is invention, utility_model or design.
	Type string `json:"type" validate:"required,oneof=invention utility_model design"`
	// EvaluationReport cites the patent right evaluation report
	// (专利权评价报告) of a Chinese utility model or design.
	EvaluationReport string   `json:"evaluation_report,omitempty" validate:"max=500"`
	Title            Text     `json:"title" validate:"required_text"`
	Abstract         Text     `json:"abstract"`
	Claims           []Claim  `json:"claims" validate:"max=1000,dive"`
	Dates            Dates    `json:"dates"`
	LegalStatus      string   `json:"legal_status" validate:"required,oneof=pending granted expired lapsed revoked withdrawn"`
	Standards        []string `json:"standards,omitempty" validate:"max=50,dive,slug"`
	// Citations are the illustrative references a pool list gives for the
	// patent ("IEEE Std. 802.11ax-2021: Secs. 27.3.4, 27.3.10"), kept as
	// parsed even while the registry does not hold that standard.
	Citations []Citation `json:"citations,omitempty" validate:"max=500,dive"`
	// Published is set when the patent enters a pool's public list; anonymous
	// callers see only published patents.
	Published bool `json:"published"`
	Meta
}

// Claim is one numbered claim.
type Claim struct {
	Number int `json:"number" validate:"min=1,max=10000"`
	// DependsOn is the claim this one refers back to; 0 for an independent claim.
	DependsOn int  `json:"depends_on,omitempty" validate:"min=0"`
	Text      Text `json:"text" validate:"required_text"`
}

// Citation is one illustrative reference to a part of a standard, as a
// pool list writes it.
type Citation struct {
	// Standard names the standard as written, in the one spelling that
	// ParseCitations gives its common variants ("IEEE Std. 802.11ax-2021"
	// and "IEEE P802.11ax-2021" are "IEEE 802.11ax-2021").
	Standard string `json:"standard" validate:"required,max=200"`
	// Slug is the registry's standard it resolves to, when known.
	Slug string `json:"slug,omitempty" validate:"omitempty,slug"`
	// Kind is section, figure, table or annex; Label its number ("27.3.4",
	// "Figure 27-8").
	Kind  string `json:"kind" validate:"required,oneof=section figure table annex"`
	Label string `json:"label" validate:"required,max=100"`
	// Text is the source text the citation was parsed from.
	Text string `json:"text,omitempty" validate:"max=2000"`
}

// Dates are a patent's key dates, each YYYY-MM-DD or empty.
type Dates struct {
	Priority Date `json:"priority,omitempty" validate:"omitempty,date"`
	Filing   Date `json:"filing,omitempty" validate:"omitempty,date"`
	Grant    Date `json:"grant,omitempty" validate:"omitempty,date"`
	Expiry   Date `json:"expiry,omitempty" validate:"omitempty,date"`
}

// Kind implements Record.
func (p *Patent) Kind() Kind { return KindPatent }

// Key implements Record: the canonical number key.
func (p *Patent) Key() string { return p.Number.Key() }

// Indexes implements Record.
func (p *Patent) Indexes() map[string]string {
	idx := map[string]string{"holder": p.Holder, "family": p.Family}
	if p.Application != nil {
		idx["application"] = p.Application.Key()
	}
	return idx
}

// Public implements Record.
func (p *Patent) Public() bool { return p.Published }

// Claim returns the claim with the given number.
func (p *Patent) Claim(n int) (Claim, bool) {
	for _, c := range p.Claims {
		if c.Number == n {
			return c, true
		}
	}
	return Claim{}, false
}

// checkRules checks what the shape cannot: claim numbers are unique, a
// dependent claim depends on an earlier one, and dates are in order
// (priority ≤ filing ≤ grant ≤ expiry).
func (p *Patent) checkRules() []FieldError {
	var errs []FieldError
	seen := map[int]bool{}
	for i, c := range p.Claims {
		if seen[c.Number] {
			errs = append(errs, Because(path("claims", i, "number"), msg.ClaimTwice, c.Number))
		}
		if c.DependsOn != 0 && (c.DependsOn >= c.Number || !seen[c.DependsOn]) {
			errs = append(errs, Because(path("claims", i, "depends_on"), msg.DependsEarlier, c.Number, c.DependsOn))
		}
		seen[c.Number] = true
	}
	order := []struct {
		name string
		d    Date
	}{{"priority", p.Dates.Priority}, {"filing", p.Dates.Filing}, {"grant", p.Dates.Grant}, {"expiry", p.Dates.Expiry}}
	for i := range order {
		for j := i + 1; j < len(order); j++ {
			if order[j].d.Before(order[i].d) {
				errs = append(errs, Because("dates."+order[j].name, msg.DateOrder,
					msg.Noun(order[j].name), string(order[j].d), msg.Noun(order[i].name), string(order[i].d)))
			}
		}
	}
	return errs
}

// Family is a patent family: the national members of one invention.
type Family struct {
	ID     string `json:"id" validate:"required,slug"`
	Holder string `json:"holder" validate:"required,slug"`
	// Code is the family code as a pool list writes it ("HUA01"), when it
	// is not the ID itself: the ID is its slug, and exports write the code.
	Code  string `json:"code,omitempty" validate:"max=200"`
	Title Text   `json:"title"`
	// Unread are member numbers a pool list gave that the number parser
	// could not read, kept as written so that an administrator can correct
	// them; the import reports each with its reason.
	Unread []string `json:"unread_numbers,omitempty" validate:"max=1000,dive,required,max=200"`
	// Published mirrors the members: set when a member enters a public list.
	Published bool `json:"published"`
	Meta
}

// Kind implements Record.
func (f *Family) Kind() Kind { return KindFamily }

// Key implements Record.
func (f *Family) Key() string { return f.ID }

// Indexes implements Record.
func (f *Family) Indexes() map[string]string { return map[string]string{"holder": f.Holder} }

// Public implements Record.
func (f *Family) Public() bool { return f.Published }

// Holds reports whether p may be a member of f: a family holds only
// patents of its own holder, so that naming a family never reaches into
// another organization's records (its publication follows its members').
func (f *Family) Holds(p *Patent) bool { return f.Holder == p.Holder }
