package search

import (
	"context"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// TestPhraseMatchesWordsInOrder: the bitmap engine answers a hyphenated
// word or a quoted phrase itself, and finds its words only next to each
// other and in order: the corpus writes "multi-user PPDU" and "deriving
// a motion vector", so multi and PPDU stand apart, user never before
// multi, and a stop word may stand where the phrase has one.
func TestPhraseMatchesWordsInOrder(t *testing.T) {
	ix := diffIndex(t)
	ix.opts.Engine = EngineBitmap
	tests := []struct {
		phrase, words string // the phrase; its words apart (none: not compared)
		found         bool
	}{
		{phrase: "multi-user", words: "multi user", found: true},
		{phrase: "\"multi user PPDU\"", found: true},
		{phrase: "\"deriving a motion vector\"", found: true},
		{phrase: "\"multi PPDU\"", words: "multi PPDU"},
		{phrase: "user-multi", words: "user multi"},
		{phrase: "\"PPDU user\"", words: "PPDU user"},
	}
	for _, tc := range tests {
		t.Run(tc.phrase, func(t *testing.T) {
			pages, fallbacks := ix.bitmapPages.Load(), ix.bleveFallbacks.Load()
			got := search(t, ix, admin, Request{Query: tc.phrase, Limit: 5}).Total
			if ix.bitmapPages.Load() != pages+1 || ix.bleveFallbacks.Load() != fallbacks {
				t.Fatal("the page was not the bitmap engine's")
			}
			if (got > 0) != tc.found {
				t.Fatalf("%d matches, want some: %v", got, tc.found)
			}
			if tc.words == "" {
				return
			}
			if apart := search(t, ix, admin, Request{Query: tc.words, Limit: 5}).Total; tc.found && got > apart || !tc.found && apart == 0 {
				t.Fatalf("%d matches, %d with the words anywhere", got, apart)
			}
		})
	}
}

// TestPhraseInLongClaims searches phrases in claims that hold their words
// hundreds of times each, where the engine looks the following words up
// by position (posIndex) rather than trying every pair: the patent with
// the words side by side in a claim is found, with the same hits and
// snippets as bleve's, and the one whose words stand at following
// positions only in different claims is not.
func TestPhraseInLongClaims(t *testing.T) {
	ctx := context.Background()
	store, _ := openStore(t)
	reg := claimcharts.NewRegistry(store)
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("gamma widget delta widget ", 150)
	for number, claims := range map[string][]string{
		"CN 109999991 B": {long + "gamma", strings.Repeat("delta widget gamma widget ", 150) + "widget gamma delta"},
		"CN 109999992 B": {long + "gamma", "widget delta " + long},
	} {
		p := &claimcharts.Patent{Holder: demo.Huaxin, Type: "invention", LegalStatus: "granted",
			Title: claimcharts.Text{En: "Long claims " + number}}
		for i, text := range claims {
			p.Claims = append(p.Claims, claimcharts.Claim{Number: i + 1, Text: claimcharts.Text{En: text}})
		}
		var err error
		if p.Number, err = claimcharts.ParseNumber(number); err != nil {
			t.Fatal(err)
		}
		must(t, reg.CreatePatent(ctx, huaxin, p))
	}
	ix := openIndexWith(t, store, Options{Logger: quietLogger(), CachedPages: -1, CachedFacets: -1})
	for _, q := range []string{"\"gamma delta\"", "gamma-delta", "\"widget gamma delta\""} {
		req := Request{Query: q, Limit: 5}
		comparePages(t, ix, "admin", admin, req)
		ix.opts.Engine = EngineBitmap
		res := search(t, ix, admin, req)
		if res.Total != 1 || res.Items[0].ID != "CN109999991" {
			t.Errorf("%s: %d hits %+v, want CN109999991 alone", q, res.Total, res.Items)
		}
	}
}
