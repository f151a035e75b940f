package claimcharts

import "testing"

func TestListedOn(t *testing.T) {
	admitted := &Entry{Status: EntryAdmitted, Effective: "2022-01-15"}
	removed := &Entry{Status: EntryRemoved, Effective: "2022-01-15", Removed: "2024-06-30", Reason: "expired"}
	review := &Entry{Status: EntryUnderReview}
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
	} {
		if got := tc.e.ListedOn(tc.day); got != tc.want {
			t.Errorf("%s entry effective %q removed %q, listed on %q: %v, want %v", tc.e.Status, tc.e.Effective, tc.e.Removed, tc.day, got, tc.want)
		}
	}
	for _, s := range []string{"2026-02-30", "2026-1-5", "yesterday", ""} {
		if _, err := ParseDate("as_of", s); ErrorCode(err) != EINVALID {
			t.Errorf("ParseDate(%q): %v, want invalid", s, err)
		}
	}
}
