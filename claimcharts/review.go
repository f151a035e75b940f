package claimcharts

import (
	"time"

	"sepportal/claimcharts/msg"
)

// Review is one expert's essentiality opinion (审查意见) on one chart
// revision: a conflict-of-interest declaration, a verdict per element and an
// overall conclusion. Once submitted it never changes.
type Review struct {
	ID       string `json:"id" validate:"required,slug"`
	Pool     string `json:"pool" validate:"required,slug"`
	Chart    string `json:"chart" validate:"required,slug"`
	Revision int    `json:"revision" validate:"min=1"`
	// Reviewer is the reviewer's id (the subject of its API token). It is
	// private unless the pool publishes reviewer identities.
	Reviewer string `json:"reviewer" validate:"required,slug"`
	// Round is the review round of the patent on the pool (Entry.Round)
	// the review was assigned in.
	Round       int        `json:"round,omitempty"`
	Status      string     `json:"status" validate:"required,oneof=assigned draft submitted"`
	Conflict    Conflict   `json:"conflict"`
	Verdicts    []Verdict  `json:"verdicts" validate:"max=200,dive"`
	Conclusion  string     `json:"conclusion,omitempty" validate:"omitempty,oneof=essential not_essential unclear"`
	Summary     Text       `json:"summary"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	// Published is set when a published determination relies on the review.
	Published bool `json:"published"`
	Meta
}

// Conflict is a reviewer's conflict-of-interest declaration.
type Conflict struct {
	Declared  bool   `json:"declared"`
	None      bool   `json:"none"`
	Statement string `json:"statement,omitempty" validate:"max=2000"`
}

// Verdict is a reviewer's finding on one claim element.
type Verdict struct {
	Element string `json:"element" validate:"required,max=40"`
	Result  string `json:"result" validate:"required,oneof=met not_met unclear"`
	Note    Text   `json:"note"`
}

// Review status values.
const (
	ReviewAssigned  = "assigned"
	ReviewDraft     = "draft"
	ReviewSubmitted = "submitted"
)

// Conclusion values, shared by reviews and determinations.
const (
	Essential    = "essential"
	NotEssential = "not_essential"
	Unclear      = "unclear"
)

// Kind implements Record.
func (r *Review) Kind() Kind { return KindReview }

// Key implements Record.
func (r *Review) Key() string { return r.ID }

// Indexes implements Record.
func (r *Review) Indexes() map[string]string {
	return map[string]string{"pool": r.Pool, "chart": r.Chart, "reviewer": r.Reviewer, "status": r.Status}
}

// Public implements Record.
func (r *Review) Public() bool { return r.Published }

// checkSubmittable checks a review that is being submitted: the conflict
// declaration is made, and there is one verdict per element of the revision
// and a conclusion.
func (r *Review) checkSubmittable(rev *Revision) []FieldError {
	var errs []FieldError
	if !r.Conflict.Declared {
		errs = append(errs, Because("conflict.declared", msg.NeedsConflict))
	}
	if !r.Conflict.None && r.Conflict.Statement == "" {
		errs = append(errs, Because("conflict.statement", msg.NeedsStatement))
	}
	if r.Conclusion == "" {
		errs = append(errs, Because("conclusion", msg.NeedsConclude))
	}
	want := map[string]bool{}
	for _, e := range rev.Elements {
		want[e.Label] = true
	}
	got := map[string]bool{}
	for i, v := range r.Verdicts {
		if !want[v.Element] {
			errs = append(errs, Because(path("verdicts", i, "element"), msg.NoElement, v.Element))
		}
		if got[v.Element] {
			errs = append(errs, Because(path("verdicts", i, "element"), msg.TwoVerdicts, v.Element))
		}
		got[v.Element] = true
	}
	for _, e := range rev.Elements {
		if !got[e.Label] {
			errs = append(errs, Because("verdicts", msg.NoVerdict, e.Label))
		}
	}
	return errs
}

// Determination is the pool's essentiality result (必要性审查结果) for one chart
// revision, decided from the submitted reviews under the pool's rule. Once
// published it is what the public sees.
type Determination struct {
	ID       string `json:"id" validate:"required,slug"`
	Pool     string `json:"pool" validate:"required,slug"`
	Patent   string `json:"patent"`
	Chart    string `json:"chart" validate:"required,slug"`
	Revision int    `json:"revision" validate:"min=1"`
	// Round is the review round (Entry.Round) whose reviews it decided.
	Round   int      `json:"round,omitempty"`
	Reviews []string `json:"reviews"`
	Rule    string   `json:"rule"`
	Result  string   `json:"result"`
	Status  string   `json:"status" validate:"required,oneof=draft published"`
	Note    Text     `json:"note"`
	// DecidedOn is the date the pool decided; PublishedAt when it was published.
	DecidedOn   Date       `json:"decided_on,omitempty" validate:"omitempty,date"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Meta
}

// Kind implements Record.
func (d *Determination) Kind() Kind { return KindDetermination }

// Key implements Record.
func (d *Determination) Key() string { return d.ID }

// Indexes implements Record.
func (d *Determination) Indexes() map[string]string {
	return map[string]string{"pool": d.Pool, "patent": d.Patent, "chart": d.Chart, "status": d.Status}
}

// Public implements Record.
func (d *Determination) Public() bool { return d.Status == StatusPublished }

// Decide combines submitted reviews under a pool's policy. It needs at least
// policy.ReviewersRequired reviews; under "unanimous" every conclusion must be
// essential (any not_essential makes the result not_essential, anything else
// unclear); under "majority" more than half must agree.
func Decide(policy AdmissionPolicy, conclusions []string) (string, error) {
	if len(conclusions) < policy.ReviewersRequired {
		return "", Says(ECONFLICT, msg.ReviewsNeeded, policy.ReviewersRequired, len(conclusions))
	}
	count := map[string]int{}
	for _, c := range conclusions {
		count[c]++
	}
	n := len(conclusions)
	switch policy.Rule {
	case "unanimous":
		switch {
		case count[Essential] == n:
			return Essential, nil
		case count[NotEssential] > 0:
			return NotEssential, nil
		}
		return Unclear, nil
	default:
		switch {
		case 2*count[Essential] > n:
			return Essential, nil
		case 2*count[NotEssential] > n:
			return NotEssential, nil
		}
		return Unclear, nil
	}
}
