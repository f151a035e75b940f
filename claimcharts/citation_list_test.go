package claimcharts

import (
	"strings"
	"testing"
)

// listCell is one "Illustrative references" cell of a pool list: the text,
// the list's Standards column, the labels it holds ("S 27.3.4", "F 27-8",
// "T 27-11", "A Z"; "@IEEE 802.11-2020" switches the standard of the
// labels after it) and the texts that cannot be read.
type listCell struct {
	text, column, labels string
	bad                  []string
}

// wifiList is a pool list's reference column as such lists are written:
// every class issue 14 found in a real one (line-break hyphens, colons,
// annex labels, several standards in a cell, lettered sections, 20 ways of
// naming the standard) and a few cells that cannot be read in full.
var wifiList = []listCell{
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.4, 27.3.10; Figures 27-8, 27-54; Tables 27-11", "", "S 27.3.4|S 27.3.10|F 27-8|F 27-54|T 27-11", nil},
	{"IEEE 802.11ax-2021: Sec. 27.3.11.4; Figure 27-30", "", "S 27.3.11.4|F 27-30", nil},
	{"IEEE Std. 802.11ax-2021: Tables 27-6, 27-7, 27- 37", "", "T 27-6|T 27-7|T 27-37", nil},
	{"IEEE Std. 802.11ax-2021: Tables 27-26, 27-\n27; Figure 27-9", "", "T 27-26|T 27-27|F 27-9", nil},
	{"IEEE 802.11ax - 2021 Secs: 26.3.1, 26.5.2.3", "", "S 26.3.1|S 26.5.2.3", nil},
	{"IEEE 802.11ax - 2021 Secs 26.5.2.2.4; Table: 27-11", "", "S 26.5.2.2.4|T 27-11", nil},
	{"IEEE P802.11ax-2021: Secs. 27.3.2.2, 27.3.2.3; Figure 27-1", "", "S 27.3.2.2|S 27.3.2.3|F 27-1", nil},
	{"EEE Std. 802.11-2020: Secs. 9.2.4.6a.6, 9.4.2.1", "", "@IEEE 802.11-2020|S 9.2.4.6a.6|S 9.4.2.1", nil},
	{"IEEE Std. 802.11-2020: Secs. 9.3.1.22, 17.3.5.9, IEEE Std. 802.11ax-2021: Secs. 26.5.2.3.2, 26.5.2.3.3", "",
		"@IEEE 802.11-2020|S 9.3.1.22|S 17.3.5.9|@IEEE 802.11ax-2021|S 26.5.2.3.2|S 26.5.2.3.3", nil},
	{"Secs. 17.3.5.9, IEEE Std. 802.11ax-2021: Secs. 27.3.9.2; Table 27-20", "IEEE 802.11-2020",
		"@IEEE 802.11-2020|S 17.3.5.9|@IEEE 802.11ax-2021|S 27.3.9.2|T 27-20", nil},
	{"IEEE Std. 802.11ax-2021: Annex Z; Secs. Z.9.2, Z.10; Figure O-2; Table I-21", "", "A Z|S Z.9.2|S Z.10|F O-2|T I-21", nil},
	{"IEEE Std. 802.11ax-2021: A.1, A.2.3", "", "S A.1|S A.2.3", nil},
	{"IEEE Std 802.11ax™-2021: Sec. 27.5.2.2", "", "S 27.5.2.2", nil},
	{"IEEE802.11AX-2021: 27.3.12.8.2; Tables 27-26, 27-27", "", "S 27.3.12.8.2|T 27-26|T 27-27", nil},
	{"IEEE Std. 802.11ax (2021): Secs. 26.17.2.1 - 26.17.2.3", "", "S 26.17.2.1|S 26.17.2.3", nil},
	{"802.11ax-2021: Sec. 26.8.2; Fig. 26-3", "", "S 26.8.2|F 26-3", nil},
	{"Secs. 27.3.4, 27.3.10", "IEEE 802.11ax-2021", "S 27.3.4|S 27.3.10", nil},
	{"Sec. 26.5.2.2.4 (UL MU-MIMO); Figure 26-5", "IEEE Std. 802.11ax-2021", "S 26.5.2.2.4|F 26-5", nil},
	{"IEEE Std. 802.11ax-2021：Ｓｅｃ． 27.3.4；Ｆｉｇ． 27－8", "", "S 27.3.4|F 27-8", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.4-27.3.6, 27.3.8 and 27.3.9", "", "S 27.3.4|S 27.3.6|S 27.3.8|S 27.3.9", nil},
	{"IEEE Std. 802.11ax-2021: Subclauses 26.11.6, 26.11.7; Tables 9-31a, 9-322b", "", "S 26.11.6|S 26.11.7|T 9-31a|T 9-322b", nil},
	{"IEEE Std. 802.11ax-2021: Sections 27.3.11.7 & 27.3.11.8; Figure 27-24", "", "S 27.3.11.7|S 27.3.11.8|F 27-24", nil},
	{"IEEE Std. 802.11ax-2021: §§ 27.2.4, 27.2.5", "", "S 27.2.4|S 27.2.5", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.4 HE-SIG-A field, 27.3.10", "", "S 27.3.4|S 27.3.10", []string{"HE-SIG-A field"}},
	{"IEEE Std. 802.11ax-2021: Tables 27-6, 27-x7, 27-8", "", "T 27-6|T 27-8", []string{"27-x7"}},
	{"IEEE Std. 802.11ax-2021: Secs. 26.5.1, the trigger frame description", "", "S 26.5.1", []string{"the trigger frame description"}},
	{"IEEE 802.11ax-2021, Secs. 26.6.3, 26.6.4; Figures 26-7, 26-8", "", "S 26.6.3|S 26.6.4|F 26-7|F 26-8", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 9.4.2.247, 9.4.2.248\nIEEE Std. 802.11-2020: Secs. 10.3.2.2", "",
		"S 9.4.2.247|S 9.4.2.248|@IEEE 802.11-2020|S 10.3.2.2", nil},
	{"IEEE Std. 802.11ax-2021: Clause 27.3.7; Table 27-9; Annex B", "", "S 27.3.7|T 27-9|A B", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.11.5.1, 27.3.11.5.2, 27.3.11.5.3, 27.3.11.5.4, 27.3.11.5.5", "",
		"S 27.3.11.5.1|S 27.3.11.5.2|S 27.3.11.5.3|S 27.3.11.5.4|S 27.3.11.5.5", nil},
	{"IEEE Std. 802.11ax-2021: Figures 27-43, 27-44, 27-45, 27-46; Tables 27-29, 27-30", "",
		"F 27-43|F 27-44|F 27-45|F 27-46|T 27-29|T 27-30", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 26.10.2.1, 26.10.2.2.", "", "S 26.10.2.1|S 26.10.2.2", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 9.3.1.22.1 to 9.3.1.22.5", "", "S 9.3.1.22.1|S 9.3.1.22.5", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 26.2.6, 26.2.7 et seq.", "", "S 26.2.6|S 26.2.7", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.12.4; Eq. (27-12)", "", "S 27.3.12.4", []string{"Eq."}},
	{"IEEE Std. 802.11ax-2021: Secs. 26.5.2.1, 26.5.2.2, 26.5.2.3; Figures 26-1, 26-2", "", "S 26.5.2.1|S 26.5.2.2|S 26.5.2.3|F 26-1|F 26-2", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 9.3.1.22, 9.3.1.22.2; Figure 9-64b; Table 9-31d", "", "S 9.3.1.22|S 9.3.1.22.2|F 9-64b|T 9-31d", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.11.1, 27.3.11.2, 27.3.11.3; Tables 27-12, 27-13, 27-14", "",
		"S 27.3.11.1|S 27.3.11.2|S 27.3.11.3|T 27-12|T 27-13|T 27-14", nil},
	{"IEEE 802.11ax-2021 Sec. 27.3.6.1; Figures 27-15, 27-16, 27- 17", "", "S 27.3.6.1|F 27-15|F 27-16|F 27-17", nil},
	{"IEEE 802.11ax-2021 Secs. 26.15.1, 26.15.2, 26.15.3 (TWT); Figure 26-28", "", "S 26.15.1|S 26.15.2|S 26.15.3|F 26-28", nil},
	{"IEEE P802.11ax-2021 Secs: 26.17.3.1, 26.17.3.2; Table: 26-7", "", "S 26.17.3.1|S 26.17.3.2|T 26-7", nil},
	{"EEE Std. 802.11-2020: Secs. 10.3.2.5, 10.22.2.4; Figure 10-11", "", "@IEEE 802.11-2020|S 10.3.2.5|S 10.22.2.4|F 10-11", nil},
	{"IEEE Std. 802.11-2020: Secs. 9.4.1.9, IEEE Std. 802.11ax-2021: Secs. 9.4.2.248, 9.4.2.249; Figure 9-788eh", "",
		"@IEEE 802.11-2020|S 9.4.1.9|@IEEE 802.11ax-2021|S 9.4.2.248|S 9.4.2.249|F 9-788eh", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.10.8.1, 27.3.10.8.2, 27.3.10.8.3, 27.3.10.8.4; Tables 27-17, 27-18", "",
		"S 27.3.10.8.1|S 27.3.10.8.2|S 27.3.10.8.3|S 27.3.10.8.4|T 27-17|T 27-18", nil},
	{"IEEE Std. 802.11ax-2021: Figures 27-20, 27-21; Tables 27-15, 27-16, 27-\n19", "", "F 27-20|F 27-21|T 27-15|T 27-16|T 27-19", nil},
	{"IEEE Std. 802.11ax-2021: Annex Z; Table Z-1; Figure Z-2; Sec. Z.3.1", "", "A Z|T Z-1|F Z-2|S Z.3.1", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 26.9, 26.10.1, 26.10.2; Figure 26-9", "", "S 26.9|S 26.10.1|S 26.10.2|F 26-9", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.13.1, 27.3.13.2, 27.3.13.3, 27.3.13.4", "", "S 27.3.13.1|S 27.3.13.2|S 27.3.13.3|S 27.3.13.4", nil},
	{"IEEE Std 802.11ax-2021 Sections 26.8.3, 26.8.4; Tables 26-2, 26-3", "", "S 26.8.3|S 26.8.4|T 26-2|T 26-3", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.5, 27.3.6, 27.3.7; Figures 27-10, 27-11, 27-12", "",
		"S 27.3.5|S 27.3.6|S 27.3.7|F 27-10|F 27-11|F 27-12", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 26.5.3.2.1, 26.5.3.2.2; Tables 9-25d, 9-25e; Figure 9-52e", "",
		"S 26.5.3.2.1|S 26.5.3.2.2|T 9-25d|T 9-25e|F 9-52e", nil},
	{"Secs. 27.3.12.1, 27.3.12.2; Figures 27-31, 27-32", "IEEE 802.11ax - 2021", "S 27.3.12.1|S 27.3.12.2|F 27-31|F 27-32", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 27.3.11.7.2, 27.3.11.7.3, 27.3.11.7.4; Table 27-22", "", "S 27.3.11.7.2|S 27.3.11.7.3|S 27.3.11.7.4|T 27-22", nil},
	{"IEEE Std. 802.11ax-2021: Secs. 10.23.2.9, 26.5.2.5; Figures 26-4, 26-5, 26-6", "", "S 10.23.2.9|S 26.5.2.5|F 26-4|F 26-5|F 26-6", nil},
	{"IEEE Std. 802.11ax-2021: Tables 27-40, 27-41, 27-42, 27-43, 27-44", "", "T 27-40|T 27-41|T 27-42|T 27-43|T 27-44", nil},
}

// TestParseCitationsOnAPoolList measures ParseCitations on wifiList: the
// share of labels parsed must be at least 98 %, nothing may be parsed
// that the cell does not hold, and every text that cannot be read is
// quoted in a warning.
func TestParseCitationsOnAPoolList(t *testing.T) {
	total, parsed := 0, 0
	for _, cell := range wifiList {
		want := expectedLabels(cell.labels)
		got, warns := ParseCitations(cell.text, cell.column)
		have := map[string]bool{}
		for _, c := range got {
			have[c.Standard+" "+c.Kind+" "+c.Label] = true
		}
		for _, w := range want {
			total++
			if have[w] {
				parsed++
			} else {
				t.Errorf("%q: %s not parsed (got %v, warnings %q)", cell.text, w, cits(got), warns)
			}
			delete(have, w)
		}
		for extra := range have {
			t.Errorf("%q: parsed %s, which the cell does not hold", cell.text, extra)
		}
		for _, b := range cell.bad {
			if !warned(warns, b) {
				t.Errorf("%q: no warning quotes %q: %q", cell.text, b, warns)
			}
		}
		if len(warns) != len(cell.bad) {
			t.Errorf("%q: warnings %q, want one for each of %q", cell.text, warns, cell.bad)
		}
	}
	share := float64(parsed) / float64(total)
	t.Logf("%d of %d labels parsed (%.1f %%) in %d cells", parsed, total, 100*share, len(wifiList))
	if total < 150 || share < 0.98 {
		t.Fatalf("%d of %d labels parsed (%.1f %%), want at least 98 %% of at least 150", parsed, total, 100*share)
	}
}

// expectedLabels expands a listCell's labels to "standard kind label".
func expectedLabels(spec string) []string {
	std := "IEEE 802.11ax-2021"
	kinds := map[string]string{"S": "section", "F": "figure", "T": "table", "A": "annex"}
	var out []string
	for _, l := range strings.Split(spec, "|") {
		if s, ok := strings.CutPrefix(l, "@"); ok {
			std = s
			continue
		}
		k, label, _ := strings.Cut(l, " ")
		out = append(out, std+" "+kinds[k]+" "+strings.TrimSpace(kindPrefix[kinds[k]]+label))
	}
	return out
}

func warned(warns []FieldError, text string) bool {
	for _, w := range warns {
		if strings.Contains(w.Reason, quote(text)+" is not") {
			return true
		}
	}
	return false
}

// TestCitationsRoundTripOnAPoolList checks that the text FormatCitations
// writes for each cell of wifiList reads back to the same citations.
func TestCitationsRoundTripOnAPoolList(t *testing.T) {
	for _, cell := range wifiList {
		first, _ := ParseCitations(cell.text, cell.column)
		out := FormatCitations(first)
		again, _ := ParseCitations(out, "")
		if len(again) != len(first) {
			t.Errorf("%q → %q → %v, want %v", cell.text, out, cits(again), cits(first))
			continue
		}
		for i := range first {
			if first[i] != again[i] {
				t.Errorf("%q → %q: citation %d is %+v, want %+v", cell.text, out, i, again[i], first[i])
			}
		}
	}
}
