package claimcharts

import (
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"sepportal/claimcharts/msg"
)

// cit is a citation without its source text, for comparisons.
type cit struct{ std, kind, label string }

func cits(cs []Citation) []cit {
	out := make([]cit, 0, len(cs))
	for _, c := range cs {
		out = append(out, cit{c.Standard, c.Kind, c.Label})
	}
	return out
}

func TestParseCitations(t *testing.T) {
	const wifi = "IEEE 802.11ax-2021" // "IEEE Std. 802.11ax-2021" normalised
	cases := []struct {
		name, text, standard string
		want                 []cit
		warnings             int
	}{
		{"pool list spelling", "IEEE Std. 802.11ax-2021: Secs. 27.3.4, 27.3.10; Figures 27-8, 27-54; Tables 27-11", "",
			[]cit{{wifi, "section", "27.3.4"}, {wifi, "section", "27.3.10"}, {wifi, "figure", "Figure 27-8"},
				{wifi, "figure", "Figure 27-54"}, {wifi, "table", "Table 27-11"}}, 0},
		{"ITU with version in parentheses", "ITU-T H.265 (V8): 8.5.3.2.2; Fig. 8-3", "",
			[]cit{{"ITU-T H.265 (V8)", "section", "8.5.3.2.2"}, {"ITU-T H.265 (V8)", "figure", "Figure 8-3"}}, 0},
		{"Chinese punctuation and markers", "GB/T 12345-2020：第5.2节、图3、表4", "",
			[]cit{{"GB/T 12345-2020", "section", "5.2"}, {"GB/T 12345-2020", "figure", "Figure 3"}, {"GB/T 12345-2020", "table", "Table 4"}}, 0},
		{"standard from the standard column", "Secs. 27.3.4, 27.3.10", "IEEE 802.11ax",
			[]cit{{"IEEE 802.11ax", "section", "27.3.4"}, {"IEEE 802.11ax", "section", "27.3.10"}}, 0},
		{"no standard anywhere", "Sec. 1.2", "", nil, 1},
		{"two standards on two lines", "IEEE Std. 802.11ax-2021: Sec. 27.3.4\r\nITU-T H.265 (V8): Table 7-11", "",
			[]cit{{wifi, "section", "27.3.4"}, {"ITU-T H.265 (V8)", "table", "Table 7-11"}}, 0},
		{"two standards on one line", "IEEE Std. 802.11ax-2021: Sec. 27.3.4; ITU-T H.265 (V8): 8.4", "",
			[]cit{{wifi, "section", "27.3.4"}, {"ITU-T H.265 (V8)", "section", "8.4"}}, 0},
		{"unreadable part is a warning, the rest stays", "IEEE Std. 802.11ax-2021: Secs. 27.3.4; the MAC description", "",
			[]cit{{wifi, "section", "27.3.4"}}, 1},
		{"nothing readable", "IEEE Std. 802.11ax-2021: see the MAC description", "", nil, 1},
		{"range of sections", "IEEE Std. 802.11ax-2021: Secs. 27.3.4-27.3.6", "",
			[]cit{{wifi, "section", "27.3.4"}, {wifi, "section", "27.3.6"}}, 0},
		{"annexes", "IEEE Std. 802.11ax-2021: Annex A; Annexes B.2 and C", "",
			[]cit{{wifi, "annex", "Annex A"}, {wifi, "annex", "Annex B.2"}, {wifi, "annex", "Annex C"}}, 0},
		{"no colon", "IEEE 802.11ax-2021 Sec. 27.3.4 (HE-SIG-A)", "",
			[]cit{{"IEEE 802.11ax-2021", "section", "27.3.4"}}, 0},
		{"colon inside the designation", "ISO/IEC 23008-2:2020: 8.5.3, §8.6", "",
			[]cit{{"ISO/IEC 23008-2:2020", "section", "8.5.3"}, {"ISO/IEC 23008-2:2020", "section", "8.6"}}, 0},
		{"duplicates once", "IEEE Std. 802.11ax-2021: Sec. 27.3.4, 27.3.4; Section 27.3.4", "", []cit{{wifi, "section", "27.3.4"}}, 0},
		{"full-width forms", "IEEE Std. 802.11ax-2021：Ｓｅｃ． 27.3.4；Ｆｉｇ． 27－8", "",
			[]cit{{wifi, "section", "27.3.4"}, {wifi, "figure", "Figure 27-8"}}, 0},
		{"empty", "  \n ", "IEEE 802.11ax", nil, 0},
		// Issue 14: keep what can be read.
		{"one bad label keeps its neighbours", "IEEE Std. 802.11ax-2021: Tables 27-6, 27-x7, 27-37", "",
			[]cit{{wifi, "table", "Table 27-6"}, {wifi, "table", "Table 27-37"}}, 1},
		{"line-break hyphen after a space", "IEEE Std. 802.11ax-2021: Tables 27-6, 27-7, 27- 37", "",
			[]cit{{wifi, "table", "Table 27-6"}, {wifi, "table", "Table 27-7"}, {wifi, "table", "Table 27-37"}}, 0},
		{"line-break hyphen at the end of a line", "IEEE Std. 802.11ax-2021: Figures 27-8, 27-\n54", "",
			[]cit{{wifi, "figure", "Figure 27-8"}, {wifi, "figure", "Figure 27-54"}}, 0},
		{"colons after kind words", "IEEE Std. 802.11ax-2021: Secs: 26.3.1; Table: 27-11", "",
			[]cit{{wifi, "section", "26.3.1"}, {wifi, "table", "Table 27-11"}}, 0},
		{"kind word before the colon", "IEEE 802.11ax-2021 Table: 27-11", "",
			[]cit{{wifi, "table", "Table 27-11"}}, 0},
		{"annex labels", "IEEE Std. 802.11ax-2021: Secs. A.1, Z.9.2; Figure O-2; Table I-21; Annex Z", "",
			[]cit{{wifi, "section", "A.1"}, {wifi, "section", "Z.9.2"}, {wifi, "figure", "Figure O-2"}, {wifi, "table", "Table I-21"}, {wifi, "annex", "Annex Z"}}, 0},
		{"a letter alone is no section", "IEEE Std. 802.11ax-2021: Secs. 27.3.4, B", "", []cit{{wifi, "section", "27.3.4"}}, 1},
		{"lettered subsection with a child", "IEEE Std. 802.11-2020: Sec. 9.2.4.6a.6", "",
			[]cit{{"IEEE 802.11-2020", "section", "9.2.4.6a.6"}}, 0},
		{"second standard after a comma", "IEEE Std. 802.11-2020: Secs. 9.4.2, 17.3.5.9, IEEE Std. 802.11ax-2021: Secs. 27.3.4", "",
			[]cit{{"IEEE 802.11-2020", "section", "9.4.2"}, {"IEEE 802.11-2020", "section", "17.3.5.9"}, {wifi, "section", "27.3.4"}}, 0},
		{"second standard after a comma, first from the column", "Secs. 17.3.5.9, IEEE Std. 802.11ax-2021: Secs. 27.3.4", "IEEE 802.11-2020",
			[]cit{{"IEEE 802.11-2020", "section", "17.3.5.9"}, {wifi, "section", "27.3.4"}}, 0},
		{"spaced range", "IEEE Std. 802.11ax-2021: Secs. 27.3.4 - 27.3.6", "",
			[]cit{{wifi, "section", "27.3.4"}, {wifi, "section", "27.3.6"}}, 0},
		{"unreadable runs each reported", "IEEE Std. 802.11ax-2021: Secs. 27.3.4 HE-SIG-A field, 27.3.10 see MAC", "",
			[]cit{{wifi, "section", "27.3.4"}, {wifi, "section", "27.3.10"}}, 2},
		{"a standard named after the labels is no label", "Sec. 27.3.4 of IEEE 802.11ax-2021", "IEEE 802.11ax-2021",
			[]cit{{wifi, "section", "27.3.4"}}, 1},
		{"a number that text goes on to is no label", "ITU-T H.266: Secs. 8.5.3 in H.265, 8.6", "",
			[]cit{{"ITU-T H.266", "section", "8.5.3"}, {"ITU-T H.266", "section", "8.6"}}, 1},
		{"a kind word ends unreadable text", "IEEE Std. 802.11ax-2021: the MAC description Figure 27-8", "",
			[]cit{{wifi, "figure", "Figure 27-8"}}, 1},
		// Standard names in their common variants.
		{"spaced year and a kind word", "IEEE 802.11ax - 2021 Secs 27.3.4", "", []cit{{wifi, "section", "27.3.4"}}, 0},
		{"spaced year, kind word, colon", "IEEE 802.11ax - 2021 Secs: 27.3.4", "", []cit{{wifi, "section", "27.3.4"}}, 0},
		{"project prefix", "IEEE P802.11ax-2021: 27.3.4", "", []cit{{wifi, "section", "27.3.4"}}, 0},
		{"lost first letter", "EEE Std. 802.11-2020: 9.4.2", "", []cit{{"IEEE 802.11-2020", "section", "9.4.2"}}, 0},
		{"trade mark", "IEEE Std 802.11ax™-2021: 27.3.4", "", []cit{{wifi, "section", "27.3.4"}}, 0},
		{"no space, upper case", "IEEE802.11AX-2021: 27.3.4", "", []cit{{wifi, "section", "27.3.4"}}, 0},
		{"year in parentheses", "IEEE Std. 802.11ax (2021): 27.3.4", "", []cit{{wifi, "section", "27.3.4"}}, 0},
		{"no body", "802.11ax-2021: Sec. 27.3.4", "", []cit{{wifi, "section", "27.3.4"}}, 0},
		{"column name normalised", "Sec. 27.3.4", "IEEE Std. 802.11ax-2021", []cit{{wifi, "section", "27.3.4"}}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, warns := ParseCitations(tc.text, tc.standard)
			if !reflect.DeepEqual(cits(got), tc.want) && (len(got) > 0 || len(tc.want) > 0) {
				t.Errorf("citations = %v, want %v", cits(got), tc.want)
			}
			if len(warns) != tc.warnings {
				t.Errorf("warnings = %q, want %d", warns, tc.warnings)
			}
			for _, c := range got {
				if err := Validate(&Patent{Citations: []Citation{c}}); err != nil && strings.Contains(err.Error(), "citations") {
					t.Errorf("citation %+v does not validate: %v", c, err)
				}
			}
		})
	}
}

func TestCitationsRoundTrip(t *testing.T) {
	texts := []string{
		"IEEE Std. 802.11ax-2021:  Secs. 27.3.4,27.3.10 ;Figures 27-8\nITU-T H.265 (V8)：8.5.3.2.2",
		"Secs. 27.3.4; Table 27-11",
	}
	for _, text := range texts {
		first, _ := ParseCitations(text, "IEEE 802.11ax")
		out := FormatCitations(first)
		again, warns := ParseCitations(out, "")
		if !reflect.DeepEqual(first, again) || len(warns) > 0 {
			t.Errorf("%q → %q → %+v (%q), want %+v", text, out, again, warns, first)
		}
	}
	// Citations made without a source text are written in the list's style.
	loose := []Citation{{Standard: "IEEE 802.11ax-2021", Kind: "section", Label: "27.3.4"},
		{Standard: "IEEE 802.11ax-2021", Kind: "figure", Label: "Figure 27-8"}}
	out := FormatCitations(loose)
	if want := "IEEE 802.11ax-2021: Sec. 27.3.4; Figure 27-8"; out != want {
		t.Fatalf("FormatCitations = %q, want %q", out, want)
	}
	if again, _ := ParseCitations(out, ""); !reflect.DeepEqual(cits(again), cits(loose)) {
		t.Fatalf("%q reads back as %v", out, cits(again))
	}
}

func TestResolveStandard(t *testing.T) {
	standards := []*Standard{
		{Slug: "80211ax-2021", Body: "IEEE", Number: "802.11ax", Version: "2021", Date: "2021-05-19"},
		{Slug: "h265-v8", Body: "ITU-T", Number: "H.265", Version: "V8 (08/2021), excerpt", Date: "2021-08-22"},
		{Slug: "h265-v7", Body: "ITU-T", Number: "H.265", Version: "V7", Date: "2019-11-29"},
	}
	cases := map[string]string{
		"IEEE Std. 802.11ax-2021": "80211ax-2021",
		"IEEE 802.11ax":           "80211ax-2021",
		"802.11ax-2021":           "80211ax-2021",
		"ITU-T H.265 (V8)":        "h265-v8",
		"ITU-T Rec. H.265 (V7)":   "h265-v7",
		"ITU-T H.265 (08/2021)":   "h265-v8",
		"ITU-T H.265":             "", // two versions: not linked
		"H265-V7":                 "h265-v7",
		"3GPP TS 38.211 V16.2.0":  "",
		"":                        "",
		// Issue 14: the variants of one name link to one standard.
		"IEEE 802.11ax - 2021 Secs": "80211ax-2021",
		"IEEE P802.11ax-2021":       "80211ax-2021",
		"IEEE Std 802.11ax™-2021":   "80211ax-2021",
		"IEEE802.11AX-2021":         "80211ax-2021",
		"EEE Std. 802.11ax-2021":    "80211ax-2021",
		"IEEE 802.11ax-2020":        "",
	}
	for name, want := range cases {
		if got := ResolveStandard(name, standards); got != want {
			t.Errorf("ResolveStandard(%q) = %q, want %q", name, got, want)
		}
	}
	linked := LinkCitations([]Citation{{Standard: "IEEE Std. 802.11ax-2021"}, {Standard: "ETSI TS 136 213"}}, standards)
	if linked[0].Slug != "80211ax-2021" || linked[1].Slug != "" {
		t.Fatalf("LinkCitations = %+v", linked)
	}
}

// TestParseCitationsReadsLongTextsInLinearSpace reads references of
// 4,000 and 16,000 runes made of one unit repeated, shapes a pasted cell
// or a caller may send, and checks that the memory the parser allocates
// grows with the text, not with its square: once it copied the rest of a
// part at every word (1.2 GB for 16,000 "第图"), which a fuzzer found as
// a parse that took seconds.
func TestParseCitationsReadsLongTextsInLinearSpace(t *testing.T) {
	allocated := func(text string) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ParseCitations(text, "IEEE 802.11ax")
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	for _, unit := range []string{"a ", "第图", "x Sec ", "A ", ",GB1", "(a ", "of 1 ", "Sec 1, ", "a;", "1-\n"} {
		n := 4000 / utf8.RuneCountInString(unit)
		small, big := allocated(strings.Repeat(unit, n)), allocated(strings.Repeat(unit, 4*n))
		if big > 8*small {
			t.Errorf("%q repeated: 4× the text allocates %.1f× the memory (%d bytes against %d)", unit, float64(big)/float64(small), big, small)
		}
	}
}

// TestCitationWarningsAreFewAndShort checks that a long part with
// hundreds of unreadable words has a short list of warnings: the first
// maxCitationWarnings, each quoting at most maxQuoted runes of the part,
// then one counting the rest. A warning for each, each quoting the whole
// part, made warnings of the part's square in size (a workspace form of
// such references answered 278 MB of field errors).
func TestCitationWarningsAreFewAndShort(t *testing.T) {
	part := "Secs. " + strings.Repeat("27.3.4, zzz, ", 500)
	cits, warns := ParseCitations(part, "IEEE 802.11ax")
	if len(cits) != 1 || cits[0].Label != "27.3.4" {
		t.Fatalf("citations %+v, want 27.3.4 alone", cits)
	}
	if len(warns) != maxCitationWarnings+1 {
		t.Fatalf("%d warnings, want %d and one counting the rest", len(warns), maxCitationWarnings+1)
	}
	for _, w := range warns[:maxCitationWarnings] {
		if n := utf8.RuneCountInString(w.Reason); n > 3*maxQuoted {
			t.Fatalf("a warning of %d runes: %.200s", n, w.Reason)
		}
		if !strings.Contains(w.Reason, `"Secs. 27.3.4, zzz`) || !strings.Contains(w.Reason, `…"`) || !strings.Contains(w.Reason, `"zzz"`) {
			t.Fatalf("the warning does not quote the part's start, cut, and the unreadable word: %.300s", w.Reason)
		}
	}
	last := warns[maxCitationWarnings]
	if want := 500 - maxCitationWarnings; last.Key != msg.RefsMore || !strings.Contains(last.Reason, strconv.Itoa(want)) ||
		!strings.Contains(last.In("zh"), strconv.Itoa(want)) {
		t.Fatalf("the last warning is %q (%s), want one counting the other %d", last.Reason, last.In("zh"), want)
	}
}

func FuzzParseCitations(f *testing.F) {
	for _, s := range []string{"IEEE Std. 802.11ax-2021: Secs. 27.3.4, 27.3.10; Figures 27-8", "第5.2节、图3", "§§ 1-2; (", "ẞ: Ⱥ Sec. 1", "\xff: Sec. 1"} {
		f.Add(s, "IEEE")
	}
	f.Fuzz(func(t *testing.T, text, std string) {
		got, _ := ParseCitations(text, std)
		for _, c := range got {
			if c.Label == "" || c.Kind == "" {
				t.Fatalf("empty citation %+v from %q", c, text)
			}
		}
	})
}
