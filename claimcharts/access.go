package claimcharts

// Who may read what. These are the only rules of visibility: pure
// functions of the caller, the record and the facts the record's
// visibility depends on (its pool, the reviews assigned on it). The
// Registry calls them on every read and write; the search index calls
// them to derive what each principal's documents hold. Writes reveal no
// more than reads: a write on a record its caller may not read is
// refused exactly as a write on a record that does not exist.
//
//   - Published records are for everyone; organizations and standards
//     are reference data, always public.
//   - Administrators read everything.
//   - A licensor reads its own organization's records in every state.
//   - A reviewer reads the chart revisions assigned to it and the
//     published one, the patents of those charts, and its own reviews.
//   - A reviewer's identity shows to administrators, to the reviewer, and
//     to everyone when the pool publishes reviewer identities.

// CanWriteHolder reports whether a may write records held by org:
// administrators, and licensors for their own organization.
func CanWriteHolder(a Actor, org string) bool {
	return a.IsAdmin() || a.Role == RoleLicensor && a.Organization == org
}

// SeesHolder reports whether a may read org's unpublished records.
func SeesHolder(a Actor, org string) bool { return CanWriteHolder(a, org) }

// NeedsAssignments reports whether a's rights depend on the reviews
// assigned to it, so that a caller knows when to read them: only a
// reviewer's do.
func NeedsAssignments(a Actor) bool { return a.Role == RoleReviewer }

// assignedTo reports whether rv is assigned to a.
func assignedTo(a Actor, rv *Review) bool {
	return a.Role == RoleReviewer && a.ID != "" && rv.Reviewer == a.ID
}

// SeesPool reports whether a may read pool p: unpublished pools are for
// administrators.
func SeesPool(a Actor, p *Pool) bool { return p != nil && (p.Public() || a.IsAdmin()) }

// SeesEntry reports whether a may read entry e of pool: a pool's list is
// read on a pool a may read, and an entry that was never admitted only by
// its holder.
func SeesEntry(a Actor, e *Entry, pool *Pool) bool {
	return SeesPool(a, pool) && (e.Public() || SeesHolder(a, e.Holder))
}

// SeesFamily reports whether a may read family f.
func SeesFamily(a Actor, f *Family) bool { return f.Public() || SeesHolder(a, f.Holder) }

// SeesPatent reports whether a may read patent p; reviews are the reviews
// on p's charts (only a reviewer's rights depend on them).
func SeesPatent(a Actor, p *Patent, reviews []*Review) bool {
	if p.Public() || SeesHolder(a, p.Holder) {
		return true
	}
	for _, rv := range reviews {
		if assignedTo(a, rv) {
			return true
		}
	}
	return false
}

// ChartFor returns chart c as a may read it, and false when a may read
// none of it. The holder and administrators read every revision; a
// reviewer the submitted revisions assigned to it (reviews are the
// reviews on c) and the published one; everyone else the published one.
// The copy shares nothing a caller could change in c.
func ChartFor(a Actor, c *Chart, reviews []*Review) (*Chart, bool) {
	view := *c
	if SeesHolder(a, c.Holder) {
		view.Revisions = append([]Revision(nil), c.Revisions...)
		return &view, true
	}
	view.Revisions = nil
	for _, r := range c.Revisions {
		if r.No == c.PublishedRevision || r.Status == RevisionSubmitted && assignedRevision(a, c.ID, r.No, reviews) {
			view.Revisions = append(view.Revisions, r)
		}
	}
	return &view, len(view.Revisions) > 0
}

// assignedRevision reports whether revision no of chart is assigned to a.
func assignedRevision(a Actor, chart string, no int, reviews []*Review) bool {
	for _, rv := range reviews {
		if rv.Chart == chart && rv.Revision == no && assignedTo(a, rv) {
			return true
		}
	}
	return false
}

// SeesReview reports whether a may read review rv: published reviews, and
// the reviewer's own; administrators all.
func SeesReview(a Actor, rv *Review) bool {
	return rv.Public() || a.IsAdmin() || assignedTo(a, rv)
}

// SeesReviewer reports whether a may know who wrote rv (pool is rv's pool).
func SeesReviewer(a Actor, rv *Review, pool *Pool) bool {
	return a.IsAdmin() || assignedTo(a, rv) || pool != nil && pool.Policy.ReviewerIdentityPublic
}

// ReviewFor returns review rv as a may read it, its reviewer withheld
// when a may not know it, and false when a may not read it at all.
func ReviewFor(a Actor, rv *Review, pool *Pool) (*Review, bool) {
	if !SeesReview(a, rv) {
		return nil, false
	}
	if SeesReviewer(a, rv, pool) {
		return rv, true
	}
	masked := *rv
	masked.Reviewer = ReviewerWithheld
	return &masked, true
}

// SeesDetermination reports whether a may read determination d: drafts
// are for administrators.
func SeesDetermination(a Actor, d *Determination) bool { return d.Public() || a.IsAdmin() }

// ListWhere returns the filters of a list of kind read by a: where with
// the conditions added that keep out the records a may not read. A
// licensor's lists hold its own organization's records, or, when it names
// another holder, that holder's published ones; a reviewer's list of
// reviews holds its own; every other caller's lists hold published
// records. The records that pass may still need their view (ChartFor,
// ReviewFor).
func ListWhere(a Actor, kind Kind, where map[string]string) map[string]string {
	out := make(map[string]string, len(where)+1)
	for k, v := range where {
		if v != "" {
			out[k] = v
		}
	}
	switch {
	case a.IsAdmin(), kind == KindOrganization, kind == KindStandard:
	case a.Role == RoleLicensor && holderKinds[kind]:
		if h := out["holder"]; h != "" && h != a.Organization {
			out["public"] = "true"
		} else {
			out["holder"] = a.Organization
		}
	case a.Role == RoleReviewer && kind == KindReview:
		out["reviewer"] = a.ID
	default:
		out["public"] = "true"
	}
	return out
}

// holderKinds are the kinds a licensor reads in every state when it holds them.
var holderKinds = map[Kind]bool{KindPatent: true, KindFamily: true, KindChart: true, KindEntry: true}
