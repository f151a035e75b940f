package claimcharts

import (
	"strings"
	"testing"
)

func TestDecide(t *testing.T) {
	unanimous := AdmissionPolicy{ReviewersRequired: 2, Rule: "unanimous"}
	majority := AdmissionPolicy{ReviewersRequired: 3, Rule: "majority"}
	cases := []struct {
		name   string
		policy AdmissionPolicy
		in     []string
		want   string
	}{
		{"unanimous essential", unanimous, []string{Essential, Essential}, Essential},
		{"unanimous one dissent", unanimous, []string{Essential, NotEssential}, NotEssential},
		{"unanimous one unclear", unanimous, []string{Essential, Unclear}, Unclear},
		{"majority two of three", majority, []string{Essential, NotEssential, Essential}, Essential},
		{"majority split", majority, []string{Essential, NotEssential, Unclear}, Unclear},
		{"majority against", majority, []string{NotEssential, NotEssential, Essential}, NotEssential},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decide(tc.policy, tc.in)
			if err != nil || got != tc.want {
				t.Fatalf("Decide(%v) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
	if _, err := Decide(unanimous, []string{Essential}); ErrorCode(err) != ECONFLICT {
		t.Fatalf("one review where two are required: %v, want a conflict", err)
	}
}

func TestEntryTransitions(t *testing.T) {
	legal := map[string][]string{
		EntryApplied:     {EntryUnderReview, EntryRemoved},
		EntryUnderReview: {EntryAdmitted, EntryRemoved},
		EntryAdmitted:    {EntryRemoved},
	}
	all := []string{EntryApplied, EntryUnderReview, EntryAdmitted, EntryRemoved}
	for _, from := range all {
		for _, to := range all {
			want := false
			for _, s := range legal[from] {
				want = want || s == to
			}
			if got := (&Entry{Status: from}).CanMove(to); got != want {
				t.Errorf("%s → %s allowed = %v, want %v", from, to, got, want)
			}
		}
	}
	// Only entries that were admitted are public.
	if (&Entry{Status: EntryRemoved, Reason: "withdrawn"}).Public() {
		t.Error("an application withdrawn before admission is public")
	}
	if !(&Entry{Status: EntryRemoved, Effective: "2022-01-01"}).Public() {
		t.Error("a removed entry that had been admitted is not public")
	}
}

func TestValidateNamesFields(t *testing.T) {
	n, err := ParseNumber("US 10,285,091 B2")
	if err != nil {
		t.Fatal(err)
	}
	p := &Patent{Number: n, Holder: "Acme Corp", Type: "gadget", LegalStatus: "granted",
		Title:  Text{En: "x"},
		Claims: []Claim{{Number: 1, Text: Text{En: "a"}}, {Number: 3, DependsOn: 2, Text: Text{}}},
		Dates:  Dates{Filing: "2015-02-30", Grant: "2014-01-01", Expiry: "2013-01-01"}}
	err = Validate(p)
	want := map[string]string{
		"holder":               "lower-case",
		"type":                 "one of",
		"claims[1].text":       "Chinese or an English",
		"claims[1].depends_on": "earlier claim",
		"dates.filing":         "YYYY-MM-DD",
		"dates.expiry":         "before grant",
	}
	got := map[string]string{}
	for _, f := range ErrorFields(err) {
		got[f.Path] += f.Reason + "; "
	}
	for path, reason := range want {
		if !strings.Contains(got[path], reason) {
			t.Errorf("field %s: reasons %q, want one mentioning %q (all: %v)", path, got[path], reason, got)
		}
	}
}

func TestChartMustMatchStandardAndPatent(t *testing.T) {
	std := &Standard{Slug: "h265", References: []Reference{{Label: "8.5.3", Kind: "section"}, {Label: "8.5.3.2", Kind: "section", Parent: "8.5.3"}}}
	p := &Patent{Claims: []Claim{{Number: 1, Text: Text{En: "a"}}}}
	c := &Chart{ID: "c", Patent: "US1", Claim: 2, Standard: "h265", Revisions: []Revision{{No: 1, Status: RevisionDraft, Elements: []Element{
		{Label: "1[a]", Text: Text{En: "x"}, Mappings: []Mapping{{Ref: "8.5.3.2"}}},
		{Label: "1[a]", Text: Text{En: "y"}, Mappings: []Mapping{{Ref: "9.9.9"}}},
	}}}}
	errs := c.checkAgainst(p, std)
	joined := ""
	for _, e := range errs {
		joined += e.Path + ": " + e.Reason + "\n"
	}
	for _, want := range []string{"claim: patent", "revisions[0].elements[1].label: duplicate", `revisions[0].elements[1].mappings[0].ref: standard h265 has no reference "9.9.9"`} {
		if !strings.Contains(joined, want) {
			t.Errorf("chart problems:\n%s\nwant one containing %q", joined, want)
		}
	}
}

func TestStandardTree(t *testing.T) {
	s := &Standard{Slug: "s", Body: "IEEE", Number: "802.11ax", Version: "2021", Title: Text{En: "x"}, References: []Reference{
		{Label: "27.3", Kind: "section"}, {Label: "27.3.11.4", Kind: "section", Parent: "27.3.11"}, {Label: "27.3", Kind: "section"},
	}}
	err := Validate(s)
	msg := err.Error()
	if !strings.Contains(msg, `references[1].parent`) || !strings.Contains(msg, `references[2].label: duplicate label "27.3"`) {
		t.Fatalf("tree problems = %v", err)
	}
}
