package corpus

import (
	"context"
	"os"
	"strings"
	"testing"

	"sepportal/claimcharts/bolt"
)

// realClaims reads the real claims of ../shared/data, which the Zipf
// vocabulary is drawn from.
func realClaims(t *testing.T) []string {
	t.Helper()
	claims, err := ReadClaims("../../../shared/data/us_claims_sample.tsv")
	if os.IsNotExist(err) && os.Getenv("CI") == "" {
		t.Skip("../shared/data is absent: the Zipf vocabulary needs the real claims")
	}
	if err != nil {
		t.Fatal(err)
	}
	return claims
}

// TestZipfVocabulary checks that the vocabulary is the claims' own words,
// each with a Chinese term of its own, and that a generated corpus uses a
// few terms often and most rarely.
func TestZipfVocabulary(t *testing.T) {
	claims := realClaims(t)
	vocab := zipfTerms(claims)
	if len(vocab) < 1000 {
		t.Fatalf("%d terms from %d claims", len(vocab), len(claims))
	}
	zh := map[string]bool{}
	for _, v := range vocab {
		if zh[v.zh] {
			t.Fatalf("the Chinese term %q stands for two words", v.zh)
		}
		zh[v.zh] = true
		if claimStopWords[v.en] || len(v.en) < 4 {
			t.Errorf("%q is in the vocabulary", v.en)
		}
	}
	store, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	uses := map[string]int{}
	opts := Options{Patents: 600, Claims: claims, Vocabulary: Zipf, Text: func(id, en, zh string) error {
		for _, v := range vocab[:200] {
			if strings.Contains(zh, v.zh) {
				uses[v.en]++
			}
		}
		return nil
	}}
	if _, err := Generate(context.Background(), store, opts); err != nil {
		t.Fatal(err)
	}
	if top, rare := uses[vocab[0].en], uses[vocab[199].en]; top < 10*max(rare, 1) {
		t.Errorf("the commonest term is in %d documents, the 200th in %d: not Zipf-like", top, rare)
	}
	q := Queries(Zipf, claims, 5, 30)
	if q[1] == q[4] || !zh[strings.Fields(q[1])[0]] || zh[strings.Fields(q[0])[0]] {
		t.Errorf("queries %q: want English with a Chinese one at every third place from 1", q[:6])
	}
	if _, err := Generate(context.Background(), store, Options{Patents: 1, Vocabulary: "sparse"}); err == nil {
		t.Error("an unknown vocabulary was accepted")
	}
}
