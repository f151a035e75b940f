package corpus

import (
	"fmt"
	"math/rand/v2"
)

// TwoWordQueries returns n two-word queries drawn from the corpus
// vocabulary, in English and Chinese, for benchmarks: a term of the
// vocabulary ("motion vector"), or two single words ("decoding bitstream",
// "运动矢量 码流").
func TwoWordQueries(seed uint64, n int) []string {
	r := rand.New(rand.NewPCG(seed, 7))
	vocab := append(append([]term{}, videoTerms...), wifiTerms...)
	out := make([]string, n)
	for i := range out {
		a, b := vocab[r.IntN(len(vocab))], vocab[r.IntN(len(vocab))]
		switch i % 3 {
		case 0:
			out[i] = a.en
		case 1:
			out[i] = a.zh + " " + b.zh
		default:
			out[i] = pick(r, verbs).en + " " + lastWord(b.en)
		}
	}
	return out
}

func lastWord(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ' ' {
			return s[i+1:]
		}
	}
	return s
}

// Day returns a random day of 2006 to 2025, within the corpus's
// admissions and removals, for the list as of a date ("2014-07-19").
func Day(r *rand.Rand) string {
	return fmt.Sprintf("%04d-%02d-%02d", 2006+r.IntN(20), 1+r.IntN(12), 1+r.IntN(28))
}
