package lists

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"sepportal/claimcharts/msg"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// checkLinearSpace runs read on unit repeated n and 4n times after prefix
// and fails when 4× the input allocates 8× the memory or more: growth
// with the square of the input gives 16×.
func checkLinearSpace(t *testing.T, prefix, unit string, n int, read func(string)) {
	t.Helper()
	small := allocated(func() { read(prefix + strings.Repeat(unit, n)) })
	big := allocated(func() { read(prefix + strings.Repeat(unit, 4*n)) })
	if big > 8*small {
		t.Errorf("%q repeated: 4× the cell allocates %.1f× the memory (%d bytes against %d)", unit, float64(big)/float64(small), big, small)
	}
}

// A comma followed by three digits continues the number before it, as
// written; other commas separate numbers.
func TestSplitNumbers(t *testing.T) {
	for in, want := range map[string][]string{
		"US 10,285,091 B2, EP 2777236": {"US 10,285,091 B2", "EP 2777236"},
		"US 1 ,000":                    {"US 1,000"},
		"US 10,285, 091":               {"US 10,285", "091"},
		"US 10,285 B2,091":             {"US 10,285 B2,091"},
		",000,000":                     {"000,000"},
		"EP 1;US 2,000\nCN 3":          {"EP 1", "US 2,000", "CN 3"},
		"US 1,000,":                    {"US 1,000"},
		"US 1,0000":                    {"US 1", "0000"},
	} {
		if got := splitNumbers(in); !slices.Equal(got, want) {
			t.Errorf("splitNumbers(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSplitNumbersReadsLongRunsInLinearSpace: a number with many
// thousands groups once grew by a copy per group (20 GB for 100,000
// groups of a members cell).
func TestSplitNumbersReadsLongRunsInLinearSpace(t *testing.T) {
	for _, unit := range []string{",000", ",091 B2,285"} {
		checkLinearSpace(t, "US 1", unit, 4000, func(s string) { splitNumbers(s) })
	}
}

// TestParseClaimTextsReadsLongTextsInLinearSpace: a claim of many lines
// once grew by a copy per line (10 GB for 100,000 lines of a claims cell).
func TestParseClaimTextsReadsLongTextsInLinearSpace(t *testing.T) {
	for _, unit := range []string{"x\n", "一种\n", " \n", "wherein the units are 26-tone\n"} {
		checkLinearSpace(t, "1. a\n", unit, 4000, func(s string) {
			if _, err := parseClaimTexts("claims", s); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A claim's text up to maxClaimText characters is read whole, however its
// lines and spaces fall; a longer one is read at least past the limit, for
// the patent's validation to refuse.
func TestParseClaimTextsAtTheLimit(t *testing.T) {
	line := strings.Repeat("中", 99) + "\n" // 100 characters with its line break
	exact := strings.TrimSuffix(strings.Repeat(line, maxClaimText/100), "\n") + "中"
	short := strings.TrimSuffix(exact, "中")
	shorter := strings.TrimSuffix(short, "中")
	for _, tc := range []struct {
		name, cell, text string
	}{
		{"at the limit", "1.  \n \n  " + exact + "  \n\n \n2. b", exact},
		{"at the limit after blank lines", "1.\n" + strings.Repeat(" ", 50) + "\n\n " + shorter + "\nx\n2. b", shorter + "\nx"},
		{"one more", "1. " + exact + "x\n \n2. b", exact + "x"},
		{"past the limit on a line of its own", "1. " + exact + "\n  x  \ny\n2. b", exact + "\n  x  \ny"},
		{"past the limit after trailing spaces", "1. " + short + "   \nx\ny\n2. b", short + "   \nx\ny"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cts, err := parseClaimTexts("claims", tc.cell)
			if err != nil || len(cts) != 2 || cts[1].text != "b" {
				t.Fatalf("claims %+v, %v", cts, err)
			}
			got, n := cts[0].text, utf8.RuneCountInString(cts[0].text)
			// The text read is the claim's, cut short only past the limit.
			if !strings.HasPrefix(tc.text, got) || got != tc.text && n <= maxClaimText {
				t.Errorf("claim 1 is %d characters, %.20q…%q; want %d, %.20q…%q", n, got, got[max(0, len(got)-20):], utf8.RuneCountInString(tc.text), tc.text, tc.text[len(tc.text)-20:])
			}
		})
	}
}

// TestParseClaimTextsStopsAtTheLimit: a claim far longer than the limit,
// which its patent's validation refuses, costs no more memory than one
// just past the limit.
func TestParseClaimTextsStopsAtTheLimit(t *testing.T) {
	read := func(s string) func() { return func() { parseClaimTexts("claims", s) } }
	past := allocated(read("1. a\n" + strings.Repeat("x\n", maxClaimText/2+1)))
	far := allocated(read("1. a\n" + strings.Repeat("x\n", 5*maxClaimText)))
	if far > 2*past {
		t.Errorf("a claim 10× longer than the limit allocates %.1f× the memory of one just past it (%d bytes against %d)", float64(far)/float64(past), far, past)
	}
}

// A claims cell lists at most maxClaimNumbers numbers, ranges counted in
// full; past that the text is kept as written, and the warning names the
// limit.
func TestParseClaimNumbersLimit(t *testing.T) {
	for _, tc := range []struct {
		cell string
		n    int
		why  msg.Msg
	}{
		{"1, 5-7, 12", 5, msg.Msg{}},
		{strings.Repeat("1-1000, ", maxClaimNumbers/1000), maxClaimNumbers, msg.Msg{}},
		{strings.Repeat("1-1000, ", maxClaimNumbers/1000) + "7", 0, msg.Says(msg.ClaimsTooMany, maxClaimNumbers)},
		{strings.Repeat("1-1000, ", 100_000), 0, msg.Says(msg.ClaimsTooMany, maxClaimNumbers)},
		{"1-2000", 0, msg.Says(msg.ClaimsKept)},
		{"claim one", 0, msg.Says(msg.ClaimsKept)},
	} {
		ns, why := parseClaimNumbers(tc.cell)
		if len(ns) != tc.n || why.In("en") != tc.why.In("en") {
			t.Errorf("%.40q: %d numbers, %q; want %d, %q", tc.cell, len(ns), why.In("en"), tc.n, tc.why.In("en"))
		}
	}
}
