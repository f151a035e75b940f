package search

import "testing"

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
