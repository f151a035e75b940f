package claimcharts

import "time"

// Challenge is a challenge (必要性异议) to a listed patent's essentiality, or
// to one element of its published claim chart, filed by anyone. The
// administrator decides it: upheld reopens the patent's review (its entry
// goes back under review and the next determination is a new round);
// dismissed keeps the result and says why. A decided challenge is public;
// its challenger's name and contact never are.
type Challenge struct {
	ID     string `json:"id" validate:"required,slug"`
	Pool   string `json:"pool" validate:"required,slug"`
	Patent string `json:"patent" validate:"required"`
	// Chart and Element narrow the challenge to one claim element of a
	// published chart of the patent; both empty challenge the whole result.
	Chart   string `json:"chart,omitempty" validate:"omitempty,slug"`
	Element string `json:"element,omitempty" validate:"max=40"`
	// Statement says why the patent is not essential; Evidence what shows it.
	Statement  string   `json:"statement" validate:"required,max=10000"`
	Evidence   string   `json:"evidence,omitempty" validate:"max=10000"`
	References []string `json:"references,omitempty" validate:"max=20,dive,required,max=100"`
	// Challenger is who filed it; private (see ChallengeFor).
	Challenger *Challenger `json:"challenger,omitempty"`
	Status     string      `json:"status" validate:"required,oneof=filed upheld dismissed"`
	FiledAt    time.Time   `json:"filed_at"`
	// Reasons, DecidedOn and DecidedAt are set by the decision; Reopened is
	// the review round an upheld challenge opened (see Entry.Round).
	Reasons   Text       `json:"reasons"`
	DecidedOn Date       `json:"decided_on,omitempty" validate:"omitempty,date"`
	DecidedAt *time.Time `json:"decided_at,omitempty"`
	Reopened  int        `json:"reopened,omitempty"`
	Meta
}

// Challenger is who filed a challenge. It is shown to administrators only.
type Challenger struct {
	Name    string `json:"name,omitempty" validate:"max=200"`
	Contact string `json:"contact,omitempty" validate:"max=200"`
}

// Challenge status values.
const (
	ChallengeFiled     = "filed"
	ChallengeUpheld    = "upheld"
	ChallengeDismissed = "dismissed"
)

// challengeTransitions lists the legal decisions on a challenge.
var challengeTransitions = map[string][]string{
	ChallengeFiled:     {ChallengeUpheld, ChallengeDismissed},
	ChallengeUpheld:    {},
	ChallengeDismissed: {},
}

// Kind implements Record.
func (c *Challenge) Kind() Kind { return KindChallenge }

// Key implements Record.
func (c *Challenge) Key() string { return c.ID }

// Indexes implements Record.
func (c *Challenge) Indexes() map[string]string {
	return map[string]string{"pool": c.Pool, "patent": c.Patent, "status": c.Status}
}

// Public implements Record: a challenge is public once decided.
func (c *Challenge) Public() bool { return c.Status != ChallengeFiled }

// SeesChallenge reports whether a may read challenge c: decided ones are
// public, the queue is for administrators.
func SeesChallenge(a Actor, c *Challenge) bool { return c.Public() || a.IsAdmin() }

// ChallengeFor returns c as a may read it, without its challenger unless a
// is an administrator, and false when a may not read it at all.
func ChallengeFor(a Actor, c *Challenge) (*Challenge, bool) {
	if !SeesChallenge(a, c) {
		return nil, false
	}
	if a.IsAdmin() {
		return c, true
	}
	view := *c
	view.Challenger = nil
	return &view, true
}
