package claimcharts

import (
	"cmp"
	"slices"
	"time"

	"sepportal/claimcharts/msg"
)

// Span is a stretch of days an entry stood on its pool's list: from From
// (inclusive) until Until (exclusive; empty while it stays on).
type Span struct {
	From  Date `json:"from"`
	Until Date `json:"until,omitempty"`
}

// Holds reports whether day d falls in the span.
func (s Span) Holds(d Date) bool { return s.From <= d && (s.Until == "" || d < s.Until) }

// ListedOn reports whether the entry was on its pool's list on day d: in
// one of its spells on the list (ListedSpans; an entry removed on d is off
// the list that day). The empty Date asks about the list as it is now.
func (e *Entry) ListedOn(d Date) bool {
	if d == "" {
		return e.Status == EntryAdmitted
	}
	_, ok := e.SpellOn(d)
	return ok
}

// SpellOn returns the spell of the entry on its pool's list that holds
// day d (ListedSpans), and false when it was off the list that day.
func (e *Entry) SpellOn(d Date) (Span, bool) {
	for _, s := range e.ListedSpans() {
		if s.Holds(d) {
			return s, true
		}
	}
	return Span{}, false
}

// ListedSpans is the one definition of the days the entry stood on its
// pool's list: its spells, oldest first, disjoint and not touching. A
// spell begins with an admission and ends with a removal or with an
// upheld challenge that put the entry back under review; an entry
// admitted again after that has a second spell, and so on. An
// application, a refusal, and an entry under review that was never
// admitted have none. ListedOn, the exports and the index's list as of a
// date all read it.
//
// The spells are read from the entry's history; the entry's own fields
// have the last word on its latest spell (Effective is the date of the
// latest admission, which an import may correct; Removed the date of the
// removal), and an entry without a history is read from them alone.
func (e *Entry) ListedSpans() []Span {
	spans, on := e.historySpans()
	if e.Status == EntryAdmitted && !on || e.Status == EntryRemoved && len(spans) == 0 && e.Effective != "" {
		spans, on = append(spans, Span{}), true // no admission in the history
	}
	n := len(spans)
	if n > 0 && e.Effective != "" {
		spans[n-1].From = e.Effective
	}
	switch {
	case !on || e.Status == EntryAdmitted:
	case e.Status == EntryRemoved && e.Removed != "":
		spans[n-1].Until = e.Removed
	default:
		spans = spans[:n-1] // off the list, but not since when: no day is certain
	}
	return mergeSpans(spans)
}

// historySpans reads the spells from the entry's history: an admission
// while off the list begins one (an admission while on it is a note, or a
// correction of the spell's first day to an earlier one, as an import
// writes it); a removal or a move back under review while on it ends it.
// on reports whether the last spell is still open.
func (e *Entry) historySpans() (spans []Span, on bool) {
	for _, ev := range e.History {
		switch {
		case ev.Status == EntryAdmitted && !on:
			spans, on = append(spans, Span{From: ev.Date}), true
		case ev.Status == EntryAdmitted:
			if last := &spans[len(spans)-1]; ev.Date != "" && ev.Date < last.From {
				last.From = ev.Date
			}
		case on && (ev.Status == EntryRemoved || ev.Status == EntryUnderReview):
			spans[len(spans)-1].Until, on = ev.Date, false
		}
	}
	return spans, on
}

// mergeSpans drops the spells that hold no day and joins those that
// overlap or touch (removed one day, admitted again the same day), in
// order of their first day.
func mergeSpans(spans []Span) []Span {
	spans = slices.DeleteFunc(spans, func(s Span) bool { return s.From == "" || s.Until != "" && s.Until <= s.From })
	slices.SortFunc(spans, func(a, b Span) int { return cmp.Compare(a.From, b.From) })
	var out []Span
	for _, s := range spans {
		n := len(out)
		if n == 0 || out[n-1].Until != "" && out[n-1].Until < s.From {
			out = append(out, s)
			continue
		}
		if last := &out[n-1]; last.Until != "" && (s.Until == "" || s.Until > last.Until) {
			last.Until = s.Until
		}
	}
	return out
}

// ParseDate reads a calendar date written YYYY-MM-DD; field names the
// parameter or field in the error.
func ParseDate(field, s string) (Date, error) {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return "", Says(EINVALID, msg.DateUnreadable).With(badDate(field, s))
	}
	return Date(s), nil
}
