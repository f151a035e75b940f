package claimcharts

// Pool is a patent pool (专利池): licensors' SEPs for one or more standards,
// licensed in one deal and run by an administrator (运营管理机构).
type Pool struct {
	Slug          string          `json:"slug" validate:"required,slug"`
	Name          Text            `json:"name" validate:"required_text"`
	Description   Text            `json:"description"`
	Standards     []string        `json:"standards" validate:"max=50,dive,slug"`
	Administrator string          `json:"administrator" validate:"omitempty,slug"`
	Licensors     []string        `json:"licensors,omitempty" validate:"max=1000,dive,slug"`
	Licensees     []string        `json:"licensees,omitempty" validate:"max=10000,dive,slug"`
	Policy        AdmissionPolicy `json:"policy"`
	Terms         LicenceTerms    `json:"terms"`
	Status        string          `json:"status" validate:"required,oneof=draft published"`
	Meta
}

// AdmissionPolicy is how the pool decides that a patent is essential.
type AdmissionPolicy struct {
	// ReviewersRequired is how many submitted reviews a determination needs.
	ReviewersRequired int `json:"reviewers_required" validate:"min=1,max=9"`
	// Rule combines the reviews: "unanimous" (every reviewer finds the claim
	// essential) or "majority" (more than half do).
	Rule string `json:"rule" validate:"required,oneof=unanimous majority"`
	// ReviewerIdentityPublic publishes reviewer names with the results; when
	// false the public sees "Reviewer 1, 2..." only.
	ReviewerIdentityPublic bool `json:"reviewer_identity_public"`
}

// LicenceTerms are the published licence terms of a pool.
type LicenceTerms struct {
	Summary Text   `json:"summary"`
	URL     string `json:"url,omitempty" validate:"omitempty,url,max=2000"`
}

// Pool status values.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
)

// Kind implements Record.
func (p *Pool) Kind() Kind { return KindPool }

// Key implements Record.
func (p *Pool) Key() string { return p.Slug }

// Indexes implements Record.
func (p *Pool) Indexes() map[string]string { return map[string]string{"status": p.Status} }

// Public implements Record: a pool is public once published.
func (p *Pool) Public() bool { return p.Status == StatusPublished }

// Organization is a company or body that takes part in a pool: licensor
// (专利权人), licensee, administrator or evaluator firm.
type Organization struct {
	Slug    string   `json:"slug" validate:"required,slug"`
	Name    Text     `json:"name" validate:"required_text"`
	Roles   []string `json:"roles" validate:"min=1,max=4,dive,oneof=licensor licensee administrator evaluator"`
	Country string   `json:"country,omitempty" validate:"omitempty,len=2,uppercase"`
	URL     string   `json:"url,omitempty" validate:"omitempty,url,max=2000"`
	Meta
}

// Kind implements Record.
func (o *Organization) Kind() Kind { return KindOrganization }

// Key implements Record.
func (o *Organization) Key() string { return o.Slug }

// Indexes implements Record.
func (o *Organization) Indexes() map[string]string { return nil }

// Public implements Record: organizations are named on public lists.
func (o *Organization) Public() bool { return true }
