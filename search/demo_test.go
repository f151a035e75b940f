package search

import (
	"strings"
	"testing"

	"sepportal/claimcharts/demo"
)

// TestDemoQueries is the acceptance test on the demo data: the first
// results of queries in Chinese and English, a phrase, a patent number
// spelt three ways, and a section + holder filter.
func TestDemoQueries(t *testing.T) {
	ix, _ := demoIndex(t)
	for _, tc := range []struct {
		name  string
		check func(*testing.T, *Index)
	}{
		{"帧间预测 finds the inter-prediction sections", checkInterPrediction},
		{"motion vector finds text about motion vectors", checkMotionVector},
		{`"merge candidate" finds the merging-candidate patents`, checkMergeCandidate},
		{"a patent number in three spellings", checkNumberSpellings},
		{"section and holder filters", checkSectionHolder},
		{"one Chinese character", func(t *testing.T, ix *Index) {
			if res := search(t, ix, anonymous, Request{Query: "帧"}); res.Total == 0 {
				t.Error("帧 finds nothing")
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, ix) })
	}
}

func checkInterPrediction(t *testing.T, ix *Index) {
	res := search(t, ix, anonymous, Request{Query: "帧间预测"})
	if len(res.Items) == 0 {
		t.Fatal("no results")
	}
	top := res.Items[0]
	if top.Type != TypeReference || top.Standard != demo.VideoStandard || !strings.HasPrefix(top.Label, "8.5") {
		t.Fatalf("first result %s %s, want a section 8.5… of %s", top.Type, top.ID, demo.VideoStandard)
	}
	if !containsMark(top.Snippets["title"], "帧间预测") {
		t.Errorf("snippets %v do not mark 帧间预测", top.Snippets)
	}
}

func checkMotionVector(t *testing.T, ix *Index) {
	res := search(t, ix, anonymous, Request{Query: "motion vector", Limit: 5})
	if len(res.Items) < 5 {
		t.Fatalf("%d results, want at least 5", len(res.Items))
	}
	for i, h := range res.Items {
		if !containsMarks(h.Snippets, "motion", "vector") {
			t.Errorf("result %d (%s) has no snippet marking motion and vector: %v", i+1, h.ID, h.Snippets)
		}
	}
	if !strings.Contains(strings.ToLower(res.Items[0].Title+" "+elementText(res.Items[0])), "motion vector") {
		t.Errorf("first result %q does not say motion vector", res.Items[0].Title)
	}
}

func checkMergeCandidate(t *testing.T, ix *Index) {
	phrase := search(t, ix, anonymous, Request{Query: `"merge candidate"`, Limit: 3})
	reversed := search(t, ix, anonymous, Request{Query: `"candidate merge"`, NoFacets: true})
	if phrase.Total == 0 || reversed.Total >= phrase.Total {
		t.Fatalf("the phrase finds %d, the words in the other order %d: a phrase keeps its order", phrase.Total, reversed.Total)
	}
	for _, h := range phrase.Items {
		if h.Type != TypePatent || !strings.Contains(h.Title, "merging candidate") {
			t.Errorf("result %s %q: want a patent titled with merging candidate", h.ID, h.Title)
		}
		if !containsMarks(h.Snippets, "merging", "candidate") {
			t.Errorf("result %s snippets %v do not mark the phrase", h.ID, h.Snippets)
		}
	}
}

func checkNumberSpellings(t *testing.T, ix *Index) {
	for _, q := range []string{"CN 105900101 B", "cn105900101b", "CN 105 900 101"} {
		res := search(t, ix, anonymous, Request{Query: q})
		if len(res.Items) < 5 || res.Items[0].ID != "CN105900101" || res.Items[0].Type != TypePatent {
			t.Fatalf("%q: first result %+v, want patent CN105900101", q, first(res))
		}
		for _, h := range res.Items[1:5] {
			if h.Type != TypePatent || h.Family != res.Items[0].Family {
				t.Errorf("%q: result %s (%s, family %q) should be a member of family %s", q, h.ID, h.Type, h.Family, res.Items[0].Family)
			}
		}
	}
}

func checkSectionHolder(t *testing.T, ix *Index) {
	res := search(t, ix, anonymous, Request{Query: "section:27.3.11.* holder:" + demo.Huaxin, Limit: 100})
	if res.Total == 0 {
		t.Fatal("no results")
	}
	for _, h := range res.Items {
		if h.Holder != demo.Huaxin {
			t.Errorf("%s is held by %s", h.ID, h.Holder)
		}
		if h.Type == TypeElement && !mapsUnder(h, "27.3.11.") {
			t.Errorf("element %s maps to %v, not under 27.3.11", h.ID, h.References)
		}
	}
	if !hasID(res, "CN106900909") {
		t.Errorf("the HE-LTF patent CN106900909 is missing from %v", ids(res))
	}
}

func containsMark(frags []string, word string) bool {
	for _, f := range frags {
		if strings.Contains(f, "<mark>"+word) {
			return true
		}
	}
	return false
}

func containsMarks(snippets map[string][]string, words ...string) bool {
	for _, frags := range snippets {
		all := true
		for _, w := range words {
			all = all && containsMark(frags, w)
		}
		if all {
			return true
		}
	}
	return false
}

func elementText(h Hit) string {
	if h.Text != nil {
		return h.Text.En
	}
	return ""
}

func mapsUnder(h Hit, prefix string) bool {
	for _, r := range h.References {
		if strings.HasPrefix(r.Label, prefix) {
			return true
		}
	}
	return false
}

func first(res *Result) any {
	if len(res.Items) == 0 {
		return nil
	}
	return res.Items[0].Display
}

func hasID(res *Result, id string) bool {
	for _, h := range res.Items {
		if h.ID == id {
			return true
		}
	}
	return false
}

func ids(res *Result) []string {
	var out []string
	for _, h := range res.Items {
		out = append(out, h.ID)
	}
	return out
}
