package claimcharts

import "time"

// Entry is a patent's place on a pool's list (入池专利清单) with its status
// history: applied → under_review → admitted → removed.
type Entry struct {
	Pool   string `json:"pool" validate:"required,slug"`
	Patent string `json:"patent" validate:"required"`
	Family string `json:"family,omitempty"`
	Holder string `json:"holder"`
	Status string `json:"status" validate:"required,oneof=applied under_review admitted removed"`
	// Effective is the date of admission; Removed and Reason are set on removal.
	Effective Date   `json:"effective,omitempty" validate:"omitempty,date"`
	Removed   Date   `json:"removed,omitempty" validate:"omitempty,date"`
	Reason    string `json:"reason,omitempty"`
	// Round counts the times an upheld challenge reopened the review (0:
	// never); ReopenedAt is the last time. Reviews and determinations of an
	// earlier round do not count in a later one.
	Round      int          `json:"round,omitempty"`
	ReopenedAt *time.Time   `json:"reopened_at,omitempty"`
	History    []EntryEvent `json:"history"`
	Meta
}

// EntryEvent is one status change of an entry.
type EntryEvent struct {
	Status string    `json:"status"`
	Date   Date      `json:"date"`
	Reason string    `json:"reason,omitempty"`
	Note   string    `json:"note,omitempty"`
	At     time.Time `json:"at"`
}

// Entry status values.
const (
	EntryApplied     = "applied"
	EntryUnderReview = "under_review"
	EntryAdmitted    = "admitted"
	EntryRemoved     = "removed"
)

// RemovalReasons are the reasons a patent leaves a pool's list.
var RemovalReasons = []string{"expired", "invalidated", "withdrawn", "not_essential", "transferred", "term_ended"}

// entryTransitions lists the legal status changes.
var entryTransitions = map[string][]string{
	EntryApplied:     {EntryUnderReview, EntryRemoved},
	EntryUnderReview: {EntryAdmitted, EntryRemoved},
	EntryAdmitted:    {EntryRemoved},
	EntryRemoved:     {},
}

// EntryKey is the store key of patent's entry on pool.
func EntryKey(pool, patent string) string { return pool + "/" + patent }

// Kind implements Record.
func (e *Entry) Kind() Kind { return KindEntry }

// Key implements Record.
func (e *Entry) Key() string { return EntryKey(e.Pool, e.Patent) }

// Indexes implements Record.
func (e *Entry) Indexes() map[string]string {
	return map[string]string{"pool": e.Pool, "patent": e.Patent, "holder": e.Holder, "status": e.Status}
}

// Public implements Record: the public list shows admitted patents and,
// as history, the ones that had been admitted and were removed or whose
// review a challenge reopened; applications and applications that were
// withdrawn or refused are not public.
func (e *Entry) Public() bool {
	return e.Status == EntryAdmitted || e.Effective != "" && (e.Status == EntryRemoved || e.Status == EntryUnderReview)
}

// NextStatuses lists the statuses an entry may move to from its status.
func (e *Entry) NextStatuses() []string { return entryTransitions[e.Status] }

// CanMove reports whether the entry may go from its status to next.
func (e *Entry) CanMove(next string) bool {
	for _, s := range entryTransitions[e.Status] {
		if s == next {
			return true
		}
	}
	return false
}
