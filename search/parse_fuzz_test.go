package search

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"

	"sepportal/claimcharts"
)

var (
	fuzzMappingOnce sync.Once
	fuzzMapping     *mapping.IndexMappingImpl
)

// FuzzParseQuery feeds the query language arbitrary text. A query either
// parses within the limits and compiles, or is refused as invalid with a
// reason on "q"; surrounding spaces change nothing; nothing panics.
// Seeds: testdata/fuzz/FuzzParseQuery and below.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"帧间预测 holder:huaxin", `"motion vector" OR (intra -chroma)`, "CN 103931153", "pool:demo-video-pool status:admitted",
		"expires:2030-01-01..2031-12-31", "pred*", "((((((x))))))", "a OR OR b", `"unclosed`, "holder:", "-", "EP2777236B1 OR US 10,285,091"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := parse(q)
		if err != nil {
			fe := claimcharts.ErrorFields(err)
			if claimcharts.ErrorCode(err) != claimcharts.EINVALID || len(fe) != 1 || fe[0].Path != "q" || fe[0].Reason == "" {
				t.Fatalf("parse(%q): %v (code %s, fields %+v), want an invalid query with a reason on q", q, err, claimcharts.ErrorCode(err), fe)
			}
			return
		}
		if n != nil && n.terms() > MaxTerms {
			t.Fatalf("parse(%q) has %d terms, over the limit of %d", q, n.terms(), MaxTerms)
		}
		if m, err := parse(" " + q + "\t"); err != nil || !reflect.DeepEqual(m, n) {
			t.Fatalf("parse(%q) and with spaces around differ: %#v, %v", q, m, err)
		}
		fuzzMappingOnce.Do(func() {
			if fuzzMapping, err = newMapping(); err != nil {
				panic(err)
			}
		})
		if _, err := (&compiler{m: fuzzMapping}).compileTop(n); err != nil && claimcharts.ErrorCode(err) != claimcharts.EINVALID {
			t.Fatalf("compile %q: %v, want success or an invalid query", q, err)
		}
		if _, err := withFilters(n, map[string]string{"pool": strings.ToLower(q)}); err != nil && claimcharts.ErrorCode(err) != claimcharts.EINVALID {
			t.Fatalf("withFilters(%q): %v", q, err)
		}
	})
}
