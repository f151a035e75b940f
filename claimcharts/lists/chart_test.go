package lists_test

import (
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
)

// chartOfElements is a chart of claim 1 of EP 2777236 with one row per
// label; the first row of a label gives the element's text.
func chartOfElements(labels ...string) *rowList {
	rows := make([][]string, len(labels))
	seen := map[string]bool{}
	for i, l := range labels {
		rows[i] = []string{"EP 2777236 B1", "1", "IEEE 802.11ax-2021", l, "", "", "", ""}
		if !seen[l] {
			seen[l], rows[i][4] = true, "step "+l
		}
	}
	return list(lists.Charts, chartHeader, rows...)
}

// numbered returns the labels e1 to en.
func numbered(n int) []string {
	labels := make([]string, n)
	for i := range labels {
		labels[i] = "e" + itoa(i+1)
	}
	return labels
}

// A revision has at most 200 elements, each with its rows together: the
// chart of a file with more, or with an element's rows apart, is refused
// (at its first row, as a chart is) with a reason that names the rule and
// the element that breaks it.
func TestImportChartElements(t *testing.T) {
	for _, tc := range []struct {
		name   string
		labels []string
		label  string
		reason string
	}{
		{"200 elements", numbered(200), "", ""},
		{"201 elements", numbered(201), "e201", "a chart revision has at most 200 elements, and element e201 is number 201"},
		{"20,000 elements", numbered(20_000), "e201", "a chart revision has at most 200 elements, and element e201 is number 201"},
		{"an element's rows apart", []string{"e1", "e2", "e1"}, "e1", "the rows of element e1 come together"},
		{"an element's rows apart at 200", append(numbered(200), "e1"), "e1", "the rows of element e1 come together"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := mustRegistry(t)
			mustImport(t, reg, admin, patentRows(), lists.Options{})
			rep := mustImport(t, reg, acmeBot, chartOfElements(tc.labels...), lists.Options{})
			if tc.reason == "" {
				c, err := reg.Chart(ctx, acmeBot, claimcharts.ChartID("EP2777236", 1, "80211ax-2021"))
				if err != nil || rep.Rejected != 0 || len(c.Revisions[0].Elements) != len(tc.labels) {
					t.Fatalf("chart %+v, %v; rejections %+v", c, err, rep.Rejections)
				}
				return
			}
			if rep.Rejected != len(tc.labels) || rep.Created != 0 {
				t.Fatalf("%d of %d rows rejected, %d records created", rep.Rejected, len(tc.labels), rep.Created)
			}
			if rj := rep.Rejections[0]; rj.Row != 2 || rj.Column != "Element" || rj.Value != tc.label || rj.Reason != tc.reason {
				t.Fatalf("rejection %+v; want row 2, Element %s: %s", rj, tc.label, tc.reason)
			}
		})
	}
}
