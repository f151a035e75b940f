package claimcharts

import (
	"time"

	"sepportal/claimcharts/msg"
)

// ListedOn reports whether the entry was on its pool's list on day d:
// admitted on or before d and not removed by d (an entry removed on d is
// off the list that day). The empty Date asks about the list as it is now.
func (e *Entry) ListedOn(d Date) bool {
	if d == "" {
		return e.Status == EntryAdmitted
	}
	from, until, ok := e.ListedSpan()
	return ok && from <= d && (until == "" || d < until)
}

// ListedSpan is the one definition of the days the entry stands on its
// pool's list: from its admission (inclusive) until its removal
// (exclusive; empty while it stays on). ok is false when the entry is on
// the list on no day: an application, a refusal, and an entry a challenge
// put back under review (off the list until admitted again, from the new
// date). ListedOn and the index's list as of a date both read it.
func (e *Entry) ListedSpan() (from, until Date, ok bool) {
	if e.Effective == "" {
		return "", "", false
	}
	switch e.Status {
	case EntryAdmitted:
		return e.Effective, "", true
	case EntryRemoved:
		return e.Effective, e.Removed, e.Removed != ""
	}
	return "", "", false
}

// ParseDate reads a calendar date written YYYY-MM-DD; field names the
// parameter or field in the error.
func ParseDate(field, s string) (Date, error) {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return "", Says(EINVALID, msg.DateUnreadable).With(badDate(field, s))
	}
	return Date(s), nil
}
