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
	if e.Effective == "" || d < e.Effective {
		return false
	}
	switch e.Status {
	case EntryAdmitted:
		return true
	case EntryRemoved:
		return e.Removed != "" && d < e.Removed
	}
	return false
}

// ParseDate reads a calendar date written YYYY-MM-DD; field names the
// parameter or field in the error.
func ParseDate(field, s string) (Date, error) {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return "", Says(EINVALID, msg.DateUnreadable).With(badDate(field, s))
	}
	return Date(s), nil
}
