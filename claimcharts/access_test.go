package claimcharts

import (
	"maps"
	"strconv"
	"strings"
	"testing"
)

// The callers of the access tests, in the order of the tables' columns.
var (
	accessRoles = []string{"anonymous", "holder", "other licensor", "reviewer assigned", "reviewer not assigned", "admin"}
	accessActor = map[string]Actor{
		"anonymous":             {},
		"holder":                {ID: "acme-bot", Role: RoleLicensor, Organization: "acme"},
		"other licensor":        {ID: "bolt-bot", Role: RoleLicensor, Organization: "bolt-corp"},
		"reviewer assigned":     {ID: "expert-wang", Role: RoleReviewer},
		"reviewer not assigned": {ID: "expert-kim", Role: RoleReviewer},
		"admin":                 {ID: "root", Role: RoleAdmin},
	}
)

// chartState is a chart of acme's patent at one point of the workflow,
// with the reviews on it (all assigned to expert-wang).
type chartState struct {
	name      string
	revisions []string // status of revisions 1..n
	published int      // the published revision, 0 for none
	assigned  []int    // revisions assigned to expert-wang
	// What each role (accessRoles' order) reads: the revisions of the chart
	// ("" for none: not found), whether it reads the patent, and how it
	// reads expert-wang's review of the first assigned revision ("" not
	// at all, "withheld", or "named").
	revs   [6]string
	patent [6]bool
	review [6]string
}

func (s chartState) build() (*Patent, *Chart, []*Review) {
	c := &Chart{ID: "cn1-c1-h265", Patent: "CN1", Holder: "acme", PublishedRevision: s.published}
	for i, st := range s.revisions {
		c.Revisions = append(c.Revisions, Revision{No: i + 1, Status: st})
	}
	var reviews []*Review
	for _, no := range s.assigned {
		reviews = append(reviews, &Review{ID: "rv-" + strconv.Itoa(no), Pool: "pub", Chart: c.ID, Revision: no,
			Reviewer: "expert-wang", Status: ReviewSubmitted, Published: no == s.published})
	}
	return &Patent{Holder: "acme", Published: s.published > 0}, c, reviews
}

// TestWhoReadsWhat checks the access rules, role × state of a chart × what
// is read: the chart's revisions, its patent, the review on it and the
// reviewer's identity (the pool keeps it private). A reviewer reads the
// submitted revisions assigned to it and the published one, never a draft
// or a revision submitted after; a reviewer not assigned reads what the
// public reads.
func TestWhoReadsWhat(t *testing.T) {
	const (
		none = ""
		W    = "withheld"
		N    = "named"
	)
	states := []chartState{
		{name: "draft", revisions: []string{RevisionDraft},
			revs:   [6]string{none, "1", none, none, none, "1"},
			patent: [6]bool{false, true, false, false, false, true}},
		{name: "submitted", revisions: []string{RevisionSubmitted},
			revs:   [6]string{none, "1", none, none, none, "1"},
			patent: [6]bool{false, true, false, false, false, true}},
		{name: "under review", revisions: []string{RevisionSubmitted}, assigned: []int{1},
			revs:   [6]string{none, "1", none, "1", none, "1"},
			patent: [6]bool{false, true, false, true, false, true},
			review: [6]string{none, none, none, N, none, N}},
		{name: "under review, a new draft", revisions: []string{RevisionSubmitted, RevisionDraft}, assigned: []int{1},
			revs:   [6]string{none, "1,2", none, "1", none, "1,2"},
			patent: [6]bool{false, true, false, true, false, true},
			review: [6]string{none, none, none, N, none, N}},
		{name: "under review, a new submitted revision", revisions: []string{RevisionSubmitted, RevisionSubmitted}, assigned: []int{1},
			revs:   [6]string{none, "1,2", none, "1", none, "1,2"},
			patent: [6]bool{false, true, false, true, false, true},
			review: [6]string{none, none, none, N, none, N}},
		{name: "published", revisions: []string{RevisionSubmitted}, published: 1, assigned: []int{1},
			revs:   [6]string{"1", "1", "1", "1", "1", "1"},
			patent: [6]bool{true, true, true, true, true, true},
			review: [6]string{W, W, W, N, W, N}},
		{name: "published, a revised draft", revisions: []string{RevisionSubmitted, RevisionDraft}, published: 1, assigned: []int{1},
			revs:   [6]string{"1", "1,2", "1", "1", "1", "1,2"},
			patent: [6]bool{true, true, true, true, true, true},
			review: [6]string{W, W, W, N, W, N}},
		{name: "published, revision 2 under review, 3 a draft", revisions: []string{RevisionSubmitted, RevisionSubmitted, RevisionDraft},
			published: 1, assigned: []int{2},
			revs:   [6]string{"1", "1,2,3", "1", "1,2", "1", "1,2,3"},
			patent: [6]bool{true, true, true, true, true, true},
			review: [6]string{none, none, none, N, none, N}},
	}
	pool := &Pool{Slug: "pub", Status: StatusPublished}
	for _, s := range states {
		for i, role := range accessRoles {
			t.Run(s.name+"/"+role, func(t *testing.T) {
				a := accessActor[role]
				p, c, reviews := s.build()
				if got := readRevisions(a, c, reviews); got != s.revs[i] {
					t.Errorf("reads revisions %q of the chart, want %q", got, s.revs[i])
				}
				if got := SeesPatent(a, p, reviews); got != s.patent[i] {
					t.Errorf("reads the patent: %v, want %v", got, s.patent[i])
				}
				if len(reviews) > 0 {
					if got := readReview(a, reviews[0], pool); got != s.review[i] {
						t.Errorf("reads the review %q, want %q", got, s.review[i])
					}
				}
			})
		}
	}
}

// readRevisions lists the revisions of c that a reads, "" when a may not
// read c. It checks that the view is a copy.
func readRevisions(a Actor, c *Chart, reviews []*Review) string {
	view, ok := ChartFor(a, c, reviews)
	if !ok {
		return ""
	}
	var nos []string
	for _, r := range view.Revisions {
		nos = append(nos, strconv.Itoa(r.No))
	}
	if len(view.Revisions) > 0 {
		view.Revisions[0].Note = "changed through the view"
		if c.Revisions[0].Note != "" {
			return "the view shares its revisions with the chart"
		}
	}
	return strings.Join(nos, ",")
}

func readReview(a Actor, rv *Review, pool *Pool) string {
	view, ok := ReviewFor(a, rv, pool)
	switch {
	case !ok:
		return ""
	case view.Reviewer == ReviewerWithheld:
		return "withheld"
	case view.Reviewer == rv.Reviewer:
		return "named"
	}
	return "reviewer " + view.Reviewer
}

// TestWhoReadsRecords checks the rules of the records that do not depend
// on reviews, role × state.
func TestWhoReadsRecords(t *testing.T) {
	draftPool, pubPool := &Pool{Status: StatusDraft}, &Pool{Status: StatusPublished}
	cases := []struct {
		name string
		sees func(Actor) bool
		want [6]bool // accessRoles' order
	}{
		{"draft pool", func(a Actor) bool { return SeesPool(a, draftPool) }, [6]bool{false, false, false, false, false, true}},
		{"published pool", func(a Actor) bool { return SeesPool(a, pubPool) }, [6]bool{true, true, true, true, true, true}},
		{"missing pool", func(a Actor) bool { return SeesPool(a, nil) }, [6]bool{}},
		{"entry applied", func(a Actor) bool { return SeesEntry(a, &Entry{Holder: "acme", Status: EntryApplied}, pubPool) },
			[6]bool{false, true, false, false, false, true}},
		{"entry under review", func(a Actor) bool {
			return SeesEntry(a, &Entry{Holder: "acme", Status: EntryUnderReview}, pubPool)
		}, [6]bool{false, true, false, false, false, true}},
		{"entry admitted", func(a Actor) bool {
			return SeesEntry(a, &Entry{Holder: "acme", Status: EntryAdmitted, Effective: "2024-01-01"}, pubPool)
		}, [6]bool{true, true, true, true, true, true}},
		{"entry withdrawn before admission", func(a Actor) bool {
			return SeesEntry(a, &Entry{Holder: "acme", Status: EntryRemoved, Reason: "withdrawn"}, pubPool)
		}, [6]bool{false, true, false, false, false, true}},
		{"entry removed after admission", func(a Actor) bool {
			return SeesEntry(a, &Entry{Holder: "acme", Status: EntryRemoved, Effective: "2024-01-01", Removed: "2025-01-01"}, pubPool)
		}, [6]bool{true, true, true, true, true, true}},
		{"entry admitted on a draft pool", func(a Actor) bool {
			return SeesEntry(a, &Entry{Holder: "acme", Status: EntryAdmitted, Effective: "2024-01-01"}, draftPool)
		}, [6]bool{false, false, false, false, false, true}},
		{"family unpublished", func(a Actor) bool { return SeesFamily(a, &Family{Holder: "acme"}) },
			[6]bool{false, true, false, false, false, true}},
		{"family published", func(a Actor) bool { return SeesFamily(a, &Family{Holder: "acme", Published: true}) },
			[6]bool{true, true, true, true, true, true}},
		{"determination draft", func(a Actor) bool { return SeesDetermination(a, &Determination{Status: StatusDraft}) },
			[6]bool{false, false, false, false, false, true}},
		{"determination published", func(a Actor) bool { return SeesDetermination(a, &Determination{Status: StatusPublished}) },
			[6]bool{true, true, true, true, true, true}},
		{"review in progress", func(a Actor) bool { return SeesReview(a, &Review{Reviewer: "expert-wang", Status: ReviewDraft}) },
			[6]bool{false, false, false, true, false, true}},
		{"write acme's records", func(a Actor) bool { return CanWriteHolder(a, "acme") },
			[6]bool{false, true, false, false, false, true}},
		{"a pool that names its reviewers", func(a Actor) bool {
			return SeesReviewer(a, &Review{Reviewer: "expert-wang"}, &Pool{Policy: AdmissionPolicy{ReviewerIdentityPublic: true}})
		}, [6]bool{true, true, true, true, true, true}},
	}
	for _, tc := range cases {
		for i, role := range accessRoles {
			if got := tc.sees(accessActor[role]); got != tc.want[i] {
				t.Errorf("%s, %s: %v, want %v", tc.name, role, got, tc.want[i])
			}
		}
	}
}

// TestListWhere checks the filters every list gets: a caller's lists hold
// only what it may read, whatever filters it names.
func TestListWhere(t *testing.T) {
	cases := []struct {
		role  string
		kind  Kind
		where map[string]string
		want  map[string]string
	}{
		{"anonymous", KindPatent, nil, map[string]string{"public": "true"}},
		{"anonymous", KindPatent, map[string]string{"holder": "acme"}, map[string]string{"holder": "acme", "public": "true"}},
		{"holder", KindPatent, nil, map[string]string{"holder": "acme"}},
		{"holder", KindPatent, map[string]string{"holder": "acme", "family": "f1"}, map[string]string{"holder": "acme", "family": "f1"}},
		{"holder", KindPatent, map[string]string{"holder": "bolt-corp"}, map[string]string{"holder": "bolt-corp", "public": "true"}},
		{"holder", KindChart, map[string]string{"holder": "bolt-corp"}, map[string]string{"holder": "bolt-corp", "public": "true"}},
		{"holder", KindFamily, map[string]string{"holder": "bolt-corp"}, map[string]string{"holder": "bolt-corp", "public": "true"}},
		{"holder", KindEntry, map[string]string{"pool": "pub", "holder": "bolt-corp"}, map[string]string{"pool": "pub", "holder": "bolt-corp", "public": "true"}},
		{"holder", KindChart, map[string]string{"holder": ""}, map[string]string{"holder": "acme"}},
		{"holder", KindPool, nil, map[string]string{"public": "true"}},
		{"holder", KindReview, nil, map[string]string{"public": "true"}},
		{"holder", KindDetermination, nil, map[string]string{"public": "true"}},
		{"reviewer assigned", KindReview, nil, map[string]string{"reviewer": "expert-wang"}},
		{"reviewer assigned", KindReview, map[string]string{"reviewer": "expert-kim"}, map[string]string{"reviewer": "expert-wang"}},
		{"reviewer assigned", KindChart, nil, map[string]string{"public": "true"}},
		{"reviewer assigned", KindPatent, nil, map[string]string{"public": "true"}},
		{"other licensor", KindToken, nil, map[string]string{"public": "true"}},
		{"anonymous", KindOrganization, map[string]string{"x": "y"}, map[string]string{"x": "y"}},
		{"anonymous", KindStandard, nil, map[string]string{}},
		{"admin", KindPatent, map[string]string{"holder": "acme"}, map[string]string{"holder": "acme"}},
		{"admin", KindReview, nil, map[string]string{}},
	}
	for _, tc := range cases {
		in := maps.Clone(tc.where)
		got := ListWhere(accessActor[tc.role], tc.kind, tc.where)
		if !maps.Equal(got, tc.want) {
			t.Errorf("%s lists %s where %v: %v, want %v", tc.role, tc.kind, tc.where, got, tc.want)
		}
		if !maps.Equal(in, tc.where) {
			t.Errorf("%s lists %s: the caller's filters changed to %v", tc.role, tc.kind, tc.where)
		}
	}
}
