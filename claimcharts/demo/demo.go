// Package demo loads a fictitious demo pool into a registry, for trying the
// portal out (`sepportal serve --demo`) and for tests that want realistic
// data: organizations from five countries, excerpts of two standards with
// their section trees, a published pool and a draft one, patent families
// with members in many offices, claim charts, expert reviews,
// determinations and pool entries in every state of the workflow.
//
// Everything is invented and says so in its names ("(demo)", "示例"); the
// standard excerpts are paraphrases, not the standards' text. The data live
// in demo.json, embedded in the binary. Every write goes through
// claimcharts.Registry, so the demo obeys the same rules as real data. The
// package imports claimcharts only.
package demo

import (
	"context"

	"sepportal/claimcharts"
)

// Pools of the demo.
const (
	// PoolSlug is the published demo pool, covering both standards.
	PoolSlug = "demo-video-pool"
	// DraftPoolSlug is a pool in preparation: never published, so only
	// administrators see it and the applications made to it.
	DraftPoolSlug = "demo-wifi6-pool"
)

// Standards of the demo.
const (
	// VideoStandard is the demo excerpt of ITU-T H.265 (V8).
	VideoStandard = "demo-h265-v8"
	// WiFiStandard is the demo excerpt of IEEE 802.11ax-2021.
	WiFiStandard = "demo-80211ax-2021"
)

// Organizations of the demo.
const (
	Huaxin        = "demo-huaxin"       // licensor, CN
	CodecLabs     = "demo-codec-labs"   // licensor, US
	Nordlicht     = "demo-nordlicht"    // licensor, DE
	SakuraDenki   = "demo-sakura-denki" // licensor, JP
	Hanbit        = "demo-hanbit"       // licensor, KR
	Administrator = "demo-pool-admin"   // the pools' administrator
	Evaluator     = "demo-evaluators"   // an evaluator firm
	Licensee      = "demo-device-maker" // a licensee of PoolSlug
)

// Reviewers of the demo: the ids their reviewer tokens would carry.
// Video charts go to ReviewerWang and ReviewerSmith, Wi-Fi charts to
// ReviewerKim and ReviewerSmith.
const (
	ReviewerWang  = "expert-wang"
	ReviewerSmith = "expert-smith"
	ReviewerKim   = "expert-kim"
)

// Patents in telling states, as submitted (any spelling finds them).
const (
	// AdmittedPatent is on PoolSlug's public list.
	AdmittedPatent = "CN 105900101 B"
	// RevisedPatent is admitted on a chart revised once: revision 2 was reviewed.
	RevisedPatent = "EP 2 900 101 B1"
	// UtilityModelPatent is an admitted Chinese utility model.
	UtilityModelPatent = "CN208900707U"
	// AppliedPatent has applied to PoolSlug and is not yet under review: it is unpublished.
	AppliedPatent = "CN 103900404 B"
	// UnderReviewPatent is under review; its determination (DraftDetermination) is an unpublished draft.
	UnderReviewPatent = "EP 2 840 505 B1"
	// ReviewingPatent is under review with one review submitted and one in draft.
	ReviewingPatent = "IN 400808"
	// AssignedPatent is under review with both reviews assigned and not started.
	AssignedPatent = "VN 1-0030909"
	// NotEssentialPatent was found not essential (published) and removed from under review.
	NotEssentialPatent = "JP 6500111 B2"
	// ExpiredPatent was admitted and removed when it expired.
	ExpiredPatent = "US 7,300,606 B2"
	// WithdrawnPatent was admitted and withdrawn by its licensor.
	WithdrawnPatent = "CN 104400303 B"
	// DraftChartPatent has a chart whose only revision is a draft, and no entry.
	DraftChartPatent = "US 10,601,111 B2"
	// UnlistedPatent belongs to a demo family but was never offered to a pool.
	UnlistedPatent = "JP 4300606 B2"
)

// Determinations in telling states.
const (
	// DraftDetermination is PoolSlug's decided but unpublished determination on UnderReviewPatent.
	DraftDetermination = "demo-video-pool-ep2840505-c1-demo-h265-v8-r1"
	// NotEssentialDetermination is PoolSlug's published not_essential determination on NotEssentialPatent.
	NotEssentialDetermination = "demo-video-pool-jp6500111-c1-demo-80211ax-2021-r1"
)

// reviewers lists the two reviewers assigned to charts of each standard.
var reviewers = map[string][2]string{
	VideoStandard: {ReviewerWang, ReviewerSmith},
	WiFiStandard:  {ReviewerKim, ReviewerSmith},
}

// Summary counts the demo's records that exist in the store.
type Summary struct {
	Organizations  int
	Standards      int
	Pools          int
	Families       int
	Patents        int
	Charts         int
	Reviews        int // reviews of the demo pools
	Determinations int // determinations of the demo pools
	Entries        int // entries of the demo pools, in every status
	Admitted       int // entries of PoolSlug admitted now
}

// Load writes the demo data through reg and returns what exists afterwards.
// It is idempotent: each step is skipped when the store already holds its
// result, so loading twice, or into a store that has the demo, writes
// nothing. A store holding other data is left alone; demo keys all start
// with "demo-" or "fam-demo-", and demo patent numbers are fictitious.
func Load(ctx context.Context, reg *claimcharts.Registry) (Summary, error) {
	cat, err := readCatalog()
	if err != nil {
		return Summary{}, err
	}
	l := &loader{reg: reg, cat: cat}
	for _, step := range []func(context.Context) error{l.organizations, l.standards, l.pools, l.families} {
		if err := step(ctx); err != nil {
			return Summary{}, err
		}
	}
	return l.summary(ctx)
}
