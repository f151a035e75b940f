package search

import (
	"slices"
	"testing"
	"time"

	"sepportal/claimcharts"
)

// TestDaysCovering: the years, months and days that cover a stretch of
// days hold every day of it and no other (the day, its month or its year
// is among them exactly for the days of the stretch), across month ends,
// leap days and years.
func TestDaysCovering(t *testing.T) {
	for _, tc := range []struct {
		from, until string
		terms       int // how many terms, at most
	}{
		{"2024-02-27", "2024-03-02", 4},
		{"2024-01-01", "2025-01-01", 1},
		{"2023-12-31", "2026-01-02", 4},
		{"2020-03-15", "2023-08-05", 17 + 9 + 2 + 7 + 4},
		{"2024-05-01", "2024-06-01", 1},
		{"2024-02-01", "2024-02-29", 28},
		{"2023-01-01", "2023-12-31", 11 + 30},
		{"2024-05-01", "2024-05-01", 0},
		{"2024-05-02", "2024-05-01", 0},
	} {
		terms := daysCovering(claimcharts.Date(tc.from), claimcharts.Date(tc.until))
		if len(terms) > tc.terms {
			t.Errorf("%s to %s: %d terms %v, want at most %d", tc.from, tc.until, len(terms), terms, tc.terms)
		}
		start, _ := time.Parse(time.DateOnly, tc.from)
		for d := start.AddDate(-1, 0, -3); d.Before(start.AddDate(5, 0, 0)); d = d.AddDate(0, 0, 1) {
			day := d.Format(time.DateOnly)
			covered := slices.Contains(terms, day) || slices.Contains(terms, day[:7]) || slices.Contains(terms, day[:4])
			if want := tc.from <= day && day < tc.until; covered != want {
				t.Fatalf("%s to %s covered by %v: %s covered %v, want %v", tc.from, tc.until, terms, day, covered, want)
			}
		}
	}
}
