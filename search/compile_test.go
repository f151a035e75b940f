package search

import (
	"context"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// TestMixedWordCompilesToItsTerms: a Chinese word written with Latin
// letters, unquoted, needs every term of it in the Chinese text (and, for
// ranking, in the Chinese title): each run of characters as its bigrams or
// a lone character, each Latin run lower-cased, all of them terms the
// index holds for the word. Quoted, it stays a phrase.
func TestMixedWordCompilesToItsTerms(t *testing.T) {
	ix, _ := demoIndex(t)
	tests := []struct {
		word  string
		terms []string
	}{
		{"多用户PPDU", []string{"多用", "用户", "ppdu"}},
		{"BSS颜色", []string{"bss", "颜色"}},
		{"颜BSS", []string{"颜", "bss"}},
		{"多用户PPDU站点", []string{"多用", "用户", "ppdu", "站点"}},
		{"HE-LTF字段", []string{"he", "ltf", "字段"}},
		{"802.11ax标准", []string{"802.11ax", "标准"}},
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			var indexed []string
			for _, tok := range ix.mapping.AnalyzerNamed(analyzerZh).Analyze([]byte(tc.word)) {
				indexed = append(indexed, string(tok.Term))
			}
			for _, term := range tc.terms {
				if !slices.Contains(indexed, term) {
					t.Fatalf("%s is not among the terms %v the index holds for %s", term, indexed, tc.word)
				}
			}
			p := compileQuery(t, ix, tc.word)
			if len(p.must) != 1 || len(p.should) != 1 {
				t.Fatalf("%d required and %d ranking clauses, want one of each", len(p.must), len(p.should))
			}
			for _, c := range []struct {
				q     query.Query
				field string
			}{{p.must[0], fTextZh}, {p.should[0], fTitleZh}} {
				if got := conjunctionTerms(t, c.q, c.field); !slices.Equal(got, tc.terms) {
					t.Errorf("%s: terms %v, want %v", c.field, got, tc.terms)
				}
			}
		})
	}
	if _, ok := compileQuery(t, ix, `"多用户PPDU"`).must[0].(*query.MatchPhraseQuery); !ok {
		t.Error(`the quoted "多用户PPDU" is no longer a phrase`)
	}
}

// conjunctionTerms returns the terms of q, which must be a conjunction
// of term queries on field.
func conjunctionTerms(t *testing.T, q query.Query, field string) []string {
	t.Helper()
	conj, ok := q.(*query.ConjunctionQuery)
	if !ok {
		t.Fatalf("%T, want a conjunction of terms", q)
	}
	var terms []string
	for _, c := range conj.Conjuncts {
		tq, ok := c.(*query.TermQuery)
		if !ok || tq.Field() != field {
			t.Fatalf("conjunct %#v, want a term of %s", c, field)
		}
		terms = append(terms, tq.Term)
	}
	return terms
}

// TestMixedWordFindsTheDocumentsHoldingIt searches Chinese words written
// with Latin letters among patents planted beside the demo: the bitmap
// engine answers, finds the patents whose Chinese text holds the word, and
// not those holding only its characters or only its Latin letters.
func TestMixedWordFindsTheDocumentsHoldingIt(t *testing.T) {
	store, _ := openStore(t)
	reg := claimcharts.NewRegistry(store)
	ctx := context.Background()
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	ix := openIndexWith(t, store, Options{Logger: quietLogger(), CachedPages: -1, CachedFacets: -1})
	titles := map[string]string{
		"CN108000001": "基于多用户PPDU的数据发送方法",
		"CN108000002": "多用户数据的发送方法",
		"CN108000003": "PPDU的接收方法",
		"CN108000004": "确定BSS颜色的方法",
		"CN108000005": "确定信道颜色的方法",
		"CN108000006": "确定BSS标识的方法",
	}
	for number, title := range titles {
		plantZh(t, reg, number, title)
	}
	catchUp(t, ix)
	tests := []struct {
		query          string
		found, missing []string
	}{
		{"多用户PPDU", []string{"CN108000001"}, []string{"CN108000002", "CN108000003"}},
		{"BSS颜色", []string{"CN108000004"}, []string{"CN108000005", "CN108000006"}},
		{"多用户PPDU 发送", []string{"CN108000001"}, []string{"CN108000002", "CN108000003"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			pages, fallbacks := ix.bitmapPages.Load(), ix.bleveFallbacks.Load()
			res := search(t, ix, admin, Request{Query: tc.query, Filters: map[string]string{"is": TypePatent}, Limit: MaxLimit})
			if ix.bitmapPages.Load() != pages+1 || ix.bleveFallbacks.Load() != fallbacks {
				t.Error("the page was not the bitmap engine's")
			}
			for _, id := range tc.found {
				if !hasPatent(res, id) {
					t.Errorf("%s (%s) not found among %v", id, titles[id], ids(res))
				}
			}
			for _, id := range tc.missing {
				if hasPatent(res, id) {
					t.Errorf("%s (%s) found", id, titles[id])
				}
			}
		})
	}
}

// plantZh creates a patent of Huaxin with a Chinese title.
func plantZh(tb testing.TB, reg *claimcharts.Registry, number, title string) {
	tb.Helper()
	p := &claimcharts.Patent{Holder: demo.Huaxin, Type: "invention", LegalStatus: "granted",
		Title: claimcharts.Text{Zh: title, En: "Planted patent " + number}}
	var err error
	if p.Number, err = claimcharts.ParseNumber(number); err != nil {
		tb.Fatal(err)
	}
	must(tb, reg.CreatePatent(context.Background(), huaxin, p))
}

// hasPatent reports whether res holds the patent of key.
func hasPatent(res *Result, key string) bool {
	for _, h := range res.Items {
		if h.Patent == key {
			return true
		}
	}
	return false
}
