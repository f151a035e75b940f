package corpus

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// Vocabularies a corpus can be generated with.
const (
	// Dense draws each patent's terms from some 70 technical terms of the
	// two standards: the hard case, where a two-word query matches a large
	// part of the corpus (a video-codec pool where "motion vector" is
	// everywhere).
	Dense = "dense"
	// Zipf draws them from the words of the real claims, ranked by how
	// often the claims use them, with Zipf-distributed frequencies: a few
	// words are common, most are rare, as in real patent text.
	Zipf = "zipf"
)

// Vocabularies are the vocabularies Options.Vocabulary accepts.
var Vocabularies = []string{Dense, Zipf}

// zipfExponent is the exponent s of the Zipf law the terms are drawn
// with; natural-language word frequencies have s close to 1.
const zipfExponent = 1.1

// maxZipfTerms bounds the vocabulary drawn from the real claims.
const maxZipfTerms = 5000

// claimStopWords are words every claim uses; they carry no topic.
var claimStopWords = map[string]bool{
	"comprising": true, "wherein": true, "said": true, "method": true, "claim": true, "which": true,
	"with": true, "from": true, "that": true, "each": true, "least": true, "more": true, "being": true,
	"having": true, "include": true, "includes": true, "including": true, "configured": true, "plurality": true,
	"first": true, "second": true, "third": true, "where": true, "when": true, "based": true, "according": true,
	"into": true, "such": true, "than": true, "there": true, "their": true, "these": true, "this": true,
	"them": true, "then": true, "upon": true, "whereby": true, "within": true, "wherein,": true,
}

// zipfTerms ranks the words of claims by how often they occur (ties by
// the word, so the ranking is the same on every run) and pairs each with
// a Chinese term of its own: two CJK characters chosen by its rank. The
// Chinese text then follows the same law as the English.
func zipfTerms(claims []string) []term {
	counts := map[string]int{}
	for _, c := range claims {
		for _, w := range strings.FieldsFunc(strings.ToLower(c), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) >= 4 && !claimStopWords[w] {
				counts[w]++
			}
		}
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})
	words = words[:min(len(words), maxZipfTerms)]
	out := make([]term, len(words))
	for i, w := range words {
		out[i] = term{en: w, zh: hanTerm(i)}
	}
	return out
}

// hanTerm is the Chinese term of rank i: two characters from the CJK
// Unified Ideographs block, distinct for every rank below maxZipfTerms.
func hanTerm(i int) string {
	const span = 20000 // U+4E00 … U+9E1F, all assigned ideographs
	a := (i*7919 + 11) % span
	b := (i*104729 + 17) % span
	return string([]rune{rune(0x4E00 + a), rune(0x4E00 + b)})
}

// zipfDraw draws terms from vocab with Zipf-distributed ranks.
type zipfDraw struct {
	vocab []term
}

// words draws the six topic terms of one patent.
func (z zipfDraw) words(r *rand.Rand) []term {
	d := rand.NewZipf(r, zipfExponent, 1, uint64(len(z.vocab)-1))
	out := make([]term, 6)
	for i := range out {
		out[i] = z.vocab[d.Uint64()]
	}
	return out
}

// Queries returns n two-word queries for a corpus of the given vocabulary
// (Dense or Zipf; claims are the real claims it was generated with), a
// third of them Chinese. Zipf queries draw both words by the same law as
// the documents, so most queries ask for common words and some for rare
// ones.
func Queries(vocabulary string, claims []string, seed uint64, n int) []string {
	if vocabulary != Zipf {
		return TwoWordQueries(seed, n)
	}
	vocab := zipfTerms(claims)
	if len(vocab) < 2 {
		return TwoWordQueries(seed, n)
	}
	r := rand.New(rand.NewPCG(seed, 7))
	d := rand.NewZipf(r, zipfExponent, 1, uint64(len(vocab)-1))
	out := make([]string, n)
	for i := range out {
		a, b := vocab[d.Uint64()], vocab[d.Uint64()]
		if i%3 == 1 {
			out[i] = a.zh + " " + b.zh
		} else {
			out[i] = a.en + " " + b.en
		}
	}
	return out
}
