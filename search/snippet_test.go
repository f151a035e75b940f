package search

import (
	"context"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// TestSnippetsOfLongRepeatsStayShort: claims that repeat the words
// searched for as long as a claim may be give fragments no longer than a
// snippet, touching Chinese bigrams too (one run of marks as long as the
// claim), the same from both engines, and the bitmap engine keeps no more
// locations of a word in a claim than a fragment can mark.
func TestSnippetsOfLongRepeatsStayShort(t *testing.T) {
	ctx := context.Background()
	store, _ := openStore(t)
	reg := claimcharts.NewRegistry(store)
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	for number, text := range map[string]claimcharts.Text{
		"CN 109999971 B": {Zh: strings.Repeat("一二", 10000)},
		"CN 109999972 B": {En: strings.Repeat("kappa omega ", 1666)},
	} {
		p := &claimcharts.Patent{Holder: demo.Huaxin, Type: "invention", LegalStatus: "granted",
			Title: claimcharts.Text{En: "Repeats " + number}}
		for i := range 3 {
			p.Claims = append(p.Claims, claimcharts.Claim{Number: i + 1, Text: text})
		}
		var err error
		if p.Number, err = claimcharts.ParseNumber(number); err != nil {
			t.Fatal(err)
		}
		must(t, reg.CreatePatent(ctx, huaxin, p))
	}
	ix := openIndexWith(t, store, Options{Logger: quietLogger(), CachedPages: -1, CachedFacets: -1})
	for _, q := range []string{"一二", "二一", "kappa", "\"omega kappa\"", "kappa OR 一二"} {
		t.Run(q, func(t *testing.T) {
			req := Request{Query: q, Limit: 5}
			comparePages(t, ix, "admin", admin, req)
			ix.opts.Engine = EngineBitmap
			res := search(t, ix, admin, req)
			if len(res.Items) == 0 {
				t.Fatalf("no hits")
			}
			for _, h := range res.Items {
				assertShortFragments(t, h)
			}
			assertFewLocations(t, ix, req)
		})
	}
}

// assertShortFragments fails unless every fragment of h holds at most
// snippetLength bytes of text besides its marks and ellipses, and h has
// some.
func assertShortFragments(t *testing.T, h Hit) {
	t.Helper()
	n := 0
	for kind, fs := range h.Snippets {
		for _, f := range fs {
			n++
			text := strings.NewReplacer("<mark>", "", "</mark>", "", "…", "").Replace(f)
			if len(text) > snippetLength || !strings.Contains(f, "<mark>") {
				t.Errorf("%s %s: a fragment of %d bytes (%d of text), want at most %d of text with a mark", h.ID, kind, len(f), len(text), snippetLength)
			}
		}
	}
	if n == 0 {
		t.Errorf("%s: no snippets", h.ID)
	}
}

// assertFewLocations fails unless the bitmap engine, answering req's
// first page, reports at most snippetLength locations of a term in one
// text: past that many bytes from the first, no fragment shows them.
func assertFewLocations(t *testing.T, ix *Index, req Request) {
	t.Helper()
	p, vis, sreq, ok := compiledRequest(t, ix, admin, req)
	if !ok {
		t.Fatalf("the bitmap engine does not answer %+v", req)
	}
	_, marks, _, err := ix.bitmapAnswer(context.Background(), p, vis, sreq, false)
	if err != nil || len(marks) == 0 {
		t.Fatalf("the bitmap engine located no words: %v", err)
	}
	for id, m := range marks {
		for field, terms := range locationSet(m.Locations) {
			for term, ls := range terms {
				perText := map[uint64]int{}
				for _, l := range ls {
					perText[l.ArrayPositions[0]]++
				}
				for entry, n := range perText {
					if n > snippetLength {
						t.Errorf("%s %s %q: %d locations in entry %d, want at most %d", id, field, term, n, entry, snippetLength)
					}
				}
			}
		}
	}
}
