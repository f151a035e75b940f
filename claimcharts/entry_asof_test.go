package claimcharts

import (
	"slices"
	"testing"
)

// ev is a history event of status on day.
func ev(status string, day Date) EntryEvent { return EntryEvent{Status: status, Date: day} }

func TestListedOn(t *testing.T) {
	admitted := &Entry{Status: EntryAdmitted, Effective: "2022-01-15"}
	removed := &Entry{Status: EntryRemoved, Effective: "2022-01-15", Removed: "2024-06-30", Reason: "expired"}
	review := &Entry{Status: EntryUnderReview}
	// Twice on the list: admitted, put back under review by an upheld
	// challenge, admitted again, and (removedTwice) removed.
	twice := &Entry{Status: EntryAdmitted, Effective: "2023-05-20", History: []EntryEvent{ev(EntryApplied, "2021-11-02"),
		ev(EntryUnderReview, "2021-12-01"), ev(EntryAdmitted, "2022-01-15"), ev(EntryUnderReview, "2023-04-01"), ev(EntryAdmitted, "2023-05-20")}}
	removedTwice := &Entry{Status: EntryRemoved, Effective: "2023-05-20", Removed: "2024-06-30", History: append(slices.Clone(twice.History), ev(EntryRemoved, "2024-06-30"))}
	// Reopened and not admitted again: on the list in its first spell only.
	reopened := &Entry{Status: EntryUnderReview, Effective: "2022-01-15", History: twice.History[:4]}
	refusedAfter := &Entry{Status: EntryRemoved, Effective: "2022-01-15", Removed: "2023-09-01", History: append(slices.Clone(twice.History[:4]), ev(EntryRemoved, "2023-09-01"))}
	for _, tc := range []struct {
		e    *Entry
		day  Date
		want bool
	}{
		{admitted, "", true},
		{admitted, "2022-01-14", false},
		{admitted, "2022-01-15", true},
		{admitted, "2030-01-01", true},
		{removed, "", false},
		{removed, "2022-01-14", false},
		{removed, "2024-06-29", true},
		{removed, "2024-06-30", false},
		{review, "", false},
		{review, "2030-01-01", false},
		{twice, "2022-01-14", false},
		{twice, "2022-01-15", true},
		{twice, "2023-03-31", true},
		{twice, "2023-04-01", false},
		{twice, "2023-05-19", false},
		{twice, "2023-05-20", true},
		{twice, "2030-01-01", true},
		{removedTwice, "2022-06-01", true},
		{removedTwice, "2023-04-15", false},
		{removedTwice, "2024-06-29", true},
		{removedTwice, "2024-06-30", false},
		{reopened, "", false},
		{reopened, "2022-01-15", true},
		{reopened, "2023-04-01", false},
		{reopened, "2030-01-01", false},
		{refusedAfter, "2023-03-31", true},
		{refusedAfter, "2023-06-01", false},
	} {
		if got := tc.e.ListedOn(tc.day); got != tc.want {
			t.Errorf("%s entry effective %q removed %q history %v, listed on %q: %v, want %v", tc.e.Status, tc.e.Effective, tc.e.Removed, tc.e.History, tc.day, got, tc.want)
		}
	}
	for _, s := range []string{"2026-02-30", "2026-1-5", "yesterday", ""} {
		if _, err := ParseDate("as_of", s); ErrorCode(err) != EINVALID {
			t.Errorf("ParseDate(%q): %v, want invalid", s, err)
		}
	}
}

// TestListedSpans: the spells of an entry, from its history and its own
// fields, disjoint and in order.
func TestListedSpans(t *testing.T) {
	for _, tc := range []struct {
		name string
		e    Entry
		want []Span
	}{
		{"never admitted", Entry{Status: EntryRemoved, Removed: "2022-01-01", History: []EntryEvent{ev(EntryApplied, "2021-01-01"), ev(EntryRemoved, "2022-01-01")}}, nil},
		{"no history", Entry{Status: EntryAdmitted, Effective: "2022-01-15"}, []Span{{"2022-01-15", ""}}},
		{"removed, no history", Entry{Status: EntryRemoved, Effective: "2022-01-15", Removed: "2023-01-01"}, []Span{{"2022-01-15", "2023-01-01"}}},
		{"removed on no day", Entry{Status: EntryRemoved, Effective: "2022-01-15"}, nil},
		{"two spells", Entry{Status: EntryAdmitted, Effective: "2023-05-20",
			History: []EntryEvent{ev(EntryAdmitted, "2022-01-15"), ev(EntryUnderReview, "2023-04-01"), ev(EntryAdmitted, "2023-05-20")}},
			[]Span{{"2022-01-15", "2023-04-01"}, {"2023-05-20", ""}}},
		{"three spells, removed", Entry{Status: EntryRemoved, Effective: "2024-02-01", Removed: "2025-01-01",
			History: []EntryEvent{ev(EntryAdmitted, "2020-01-01"), ev(EntryUnderReview, "2021-01-01"), ev(EntryAdmitted, "2022-01-01"),
				ev(EntryUnderReview, "2023-01-01"), ev(EntryAdmitted, "2024-02-01"), ev(EntryRemoved, "2025-01-01")}},
			[]Span{{"2020-01-01", "2021-01-01"}, {"2022-01-01", "2023-01-01"}, {"2024-02-01", "2025-01-01"}}},
		{"admitted again the day it was reopened", Entry{Status: EntryAdmitted, Effective: "2023-04-01",
			History: []EntryEvent{ev(EntryAdmitted, "2022-01-15"), ev(EntryUnderReview, "2023-04-01"), ev(EntryAdmitted, "2023-04-01")}},
			[]Span{{"2022-01-15", ""}}},
		{"an import corrects the first day", Entry{Status: EntryAdmitted, Effective: "2023-05-20",
			History: []EntryEvent{ev(EntryAdmitted, "2024-03-01"), ev(EntryAdmitted, "2022-01-15"), ev(EntryAdmitted, "2026-12-02"), ev(EntryUnderReview, "2023-04-01"), ev(EntryAdmitted, "2023-05-20")}},
			[]Span{{"2022-01-15", "2023-04-01"}, {"2023-05-20", ""}}},
		{"Effective dates the latest spell", Entry{Status: EntryAdmitted, Effective: "2019-06-01", History: []EntryEvent{ev(EntryAdmitted, "2026-12-02")}},
			[]Span{{"2019-06-01", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.ListedSpans(); !slices.Equal(got, tc.want) {
				t.Errorf("spans %v, want %v", got, tc.want)
			}
		})
	}
}
