package search

import (
	"strings"
	"testing"

	"sepportal/claimcharts"
)

// TestParseAccepts checks that the query language reads what users write.
func TestParseAccepts(t *testing.T) {
	for _, tc := range []struct {
		name, q string
		terms   int
	}{
		{"words", "motion vector", 2},
		{"chinese", "帧间预测", 1},
		{"phrase", `"merge candidate" list`, 2},
		{"chinese quotes", `“合并候选”`, 1},
		{"exclusion", "merge -temporal", 2},
		{"or and group", "(merge OR skip) candidate", 3},
		{"filters", "section:27.3.11.* holder:demo-huaxin country:cn", 3},
		{"quoted filter value", `section:"Figure 8-3"`, 1},
		{"date range", "expires:<2030-01-01 granted:2015..2018", 2},
		{"open range", "filed:2019.. priority:..2012-06", 2},
		{"number filter", "number:EP2900101", 1},
		{"explicit AND", "motion AND vector", 2},
		{"prefix", "candid*", 1},
		{"chinese prefix", "帧*", 1},
		{"excluded group", "vector -(merge OR skip)", 3},
		{"empty", "   ", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := parse(tc.q)
			if err != nil {
				t.Fatalf("parse(%q): %v", tc.q, err)
			}
			got := 0
			if n != nil {
				got = n.terms()
			}
			if got != tc.terms {
				t.Errorf("parse(%q) has %d terms, want %d", tc.q, got, tc.terms)
			}
		})
	}
}

// TestParseRefuses checks that bad queries are refused with a reason that
// names what is wrong, on the field "q".
func TestParseRefuses(t *testing.T) {
	deep := strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1)
	for _, tc := range []struct {
		name, q, reason string
	}{
		{"unbalanced quote", `"merge candidate`, "unbalanced quote"},
		{"unbalanced open paren", "(merge candidate", "never closed"},
		{"unbalanced close paren", "merge candidate)", "has no ("},
		{"100 KB", strings.Repeat("a", 100<<10), "characters long"},
		{"unknown field", "colour:red", `unknown filter "colour:"`},
		{"lone wildcard", "*", "lone *"},
		{"leading wildcard", "*vector", "only at the end"},
		{"inner wildcard", "mo*ion", "only at the end"},
		{"short prefix", "mo*", "at least 3"},
		{"lone section wildcard", "section:*", "lone *"},
		{"deep nesting", deep, "nested"},
		{"too many terms", strings.Repeat("word ", MaxTerms+1), "terms"},
		{"empty parentheses", "()", "hold nothing"},
		{"dangling OR", "merge OR", "OR needs"},
		{"bad status", "status:pending", "not a value"},
		{"bad country", "country:china", "two-letter"},
		{"bad date", "expires:<30-01-2030", "YYYY"},
		{"reversed range", "granted:2018..2015", "ends before"},
		{"bad number", "number:hello", "number:hello"},
		{"empty filter", "holder:", "no value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse(tc.q)
			if claimcharts.ErrorCode(err) != claimcharts.EINVALID {
				t.Fatalf("parse(%.40q) = %v, want an invalid error", tc.q, err)
			}
			fields := claimcharts.ErrorFields(err)
			if len(fields) != 1 || fields[0].Path != "q" || !strings.Contains(fields[0].Reason, tc.reason) {
				t.Errorf("parse(%.40q): fields %+v, want a reason on q containing %q", tc.q, fields, tc.reason)
			}
		})
	}
}

// TestDateRanges checks how date filters read partial dates and bounds.
func TestDateRanges(t *testing.T) {
	for _, tc := range []struct{ q, from, to string }{
		{"expires:<2030-01-01", "", "2029-12-31"},
		{"expires:<=2030", "", "2030-12-31"},
		{"granted:2015..2018", "2015-01-01", "2018-12-31"},
		{"granted:>2018-06", "2018-07-01", ""},
		{"granted:>=2018-06", "2018-06-01", ""},
		{"filed:2016-02", "2016-02-01", "2016-02-29"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			n, err := parse(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			f := n.(*filterNode)
			if f.from != tc.from || f.to != tc.to {
				t.Errorf("%s reads as %q..%q, want %q..%q", tc.q, f.from, f.to, tc.from, tc.to)
			}
		})
	}
}
