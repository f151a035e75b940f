package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestDenseDocsRankAsRoaring gives bitsets of several densities, with
// postings on both sides of every boundary of a word and of a rank's
// 512 documents, and checks that each document's rank and presence are
// roaring's.
func TestDenseDocsRankAsRoaring(t *testing.T) {
	const count = 5000
	edges := []uint64{0, 1, 62, 63, 64, 65, 511, 512, 513, 1023, 1024, 1025, 4607, 4608, count - 1}
	for _, density := range []float64{0, 0.01, 0.3, 0.9, 1} {
		t.Run(fmt.Sprint(density), func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(density*100)))
			d, want := newDenseDocs(count), roaring.New()
			for doc := uint64(0); doc < count; doc++ {
				if r.Float64() < density || density > 0 && contains(edges, doc) {
					d.add(doc)
					want.Add(uint32(doc))
				}
			}
			d.rankAll()
			for doc := uint32(0); doc < count; doc++ {
				rank, ok := d.rank(doc)
				if ok != want.Contains(doc) {
					t.Fatalf("doc %d: present %v, roaring says %v", doc, ok, !ok)
				}
				if ok && uint64(rank) != want.Rank(doc)-1 {
					t.Fatalf("doc %d: rank %d, roaring's %d", doc, rank, want.Rank(doc)-1)
				}
			}
		})
	}
}

func contains(s []uint64, x uint64) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// TestPostingFreqsKeepsEveryFrequency packs frequencies below, at and
// above the escape, at even and odd ranks, and reads each back.
func TestPostingFreqsKeepsEveryFrequency(t *testing.T) {
	freqs := []uint64{1, 2, 14, 15, 16, 3, 254, 255, 256, 1, 1 << 40, 14, 15, 7, 1000, 1}
	for i := range 40 {
		freqs = append(freqs, uint64(1+i%17))
	}
	var pf postingFreqs
	for _, f := range freqs {
		pf.add(f)
	}
	for r, want := range freqs {
		if got := pf.at(uint32(r)); got != want {
			t.Errorf("rank %d: frequency %d, want %d", r, got, want)
		}
	}
	escaped := 0
	for _, f := range freqs {
		if f >= escapeFreq {
			escaped++
		}
	}
	if len(pf.nibbles) != (len(freqs)+1)/2 || len(pf.escapes) != escaped {
		t.Errorf("%d frequencies in %d bytes and %d escapes, want %d and %d", len(freqs), len(pf.nibbles), len(pf.escapes), (len(freqs)+1)/2, escaped)
	}
}

// TestBlockCodesTakeAByteUpTo256Pairs encodes summaries whose palettes
// hold 255, 256 and 257 pairs (pair 0, no posting, included): each block
// reads back its own pair, kept in a byte a block that holds a posting
// up to 256 pairs, and a bit a block.
func TestBlockCodesTakeAByteUpTo256Pairs(t *testing.T) {
	for _, pairs := range []int{255, 256, 257} {
		t.Run(fmt.Sprint(pairs), func(t *testing.T) {
			var blocks []blockBound
			for i := range pairs - 1 {
				blocks = append(blocks, blockBound{freq: uint8(1 + i%5), norm: uint16(0x3e00 + i)}, blockBound{})
			}
			tb := &termBlocks{maxFreq: 5}
			tb.encode(blocks)
			if len(tb.palette) != pairs {
				t.Fatalf("%d pairs in the palette, want %d", len(tb.palette), pairs)
			}
			for b, want := range blocks {
				if got := tb.palette[tb.code.at(b)]; got != want {
					t.Fatalf("block %d: pair %+v, want %+v", b, got, want)
				}
			}
			perBlock := 1
			if pairs > 256 {
				perBlock = 2
			}
			held := len(blocks) / 2 // every other block holds no posting
			words := (len(blocks) + 63) / 64
			if got, want := tb.code.size(), int64(8*words+4*words+perBlock*(held+1)); got != want {
				t.Errorf("%d blocks' codes, %d of them held, in %d bytes, want %d: a bit a block, a count of those held before each 64, and %d a block held and one more", len(blocks), held, got, want, perBlock)
			}
		})
	}
}

// TestPostingsAsTheIterator reads, on the differential test's index,
// words of the text in many and in few of a segment's documents (kept in a bitset
// or found in roaring's) and checks that every document's frequency and
// norm are those its postings iterator gives.
func TestPostingsAsTheIterator(t *testing.T) {
	ix := diffIndex(t)
	s, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dense, sparse := 0, 0
	for i := range s.segs {
		v := &s.segs[i]
		for _, w := range someTerms(t, v, fTextEn) {
			var c segmentCache
			tb, err := c.termBlocks(v, fTextEn, []byte(w))
			if err != nil {
				t.Fatal(err)
			}
			if !tb.impacts() {
				t.Fatalf("%q: no impacts", w)
			}
			if tb.freqs.n == 0 {
				continue
			}
			if tb.dense != nil {
				dense++
			} else {
				sparse++
			}
			want := iteratorPostings(t, v, w)
			for doc := range uint32(v.seg.Count()) {
				freq, norm, ok := tb.posting(doc)
				p, in := want[doc]
				if ok != in || ok && (freq != p.freq || norm != p.norm) {
					t.Fatalf("segment %d %q doc %d: %d %v %v, the iterator %+v %v", i, w, doc, freq, norm, ok, p, in)
				}
			}
		}
	}
	if dense == 0 || sparse == 0 {
		t.Fatalf("%d words read in a bitset, %d in roaring's: the test needs both", dense, sparse)
	}
}

// iteratorPosting is a posting as the iterator reads it.
type iteratorPosting struct {
	freq uint64
	norm float64
}

func iteratorPostings(t testing.TB, v *segView, w string) map[uint32]iteratorPosting {
	t.Helper()
	dict, err := v.seg.Dictionary(fTextEn)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := dict.PostingsList([]byte(w), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[uint32]iteratorPosting{}
	it := pl.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			return out
		}
		out[uint32(p.Number())] = iteratorPosting{freq: p.Frequency(), norm: p.Norm()}
	}
}

// someTerms returns a few terms of field in many of v's documents and a
// few in some.
func someTerms(t testing.TB, v *segView, field string) []string {
	t.Helper()
	dict, err := v.seg.Dictionary(field)
	if err != nil {
		t.Fatal(err)
	}
	var many, some []string
	it := dict.AutomatonIterator(nil, nil, nil)
	for len(many) < 5 || len(some) < 5 {
		e, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e == nil {
			break
		}
		switch n := e.Count * denseFrom; {
		case n >= v.seg.Count() && len(many) < 5:
			many = append(many, e.Term)
		case n < v.seg.Count() && e.Count > 1 && len(some) < 5:
			some = append(some, e.Term)
		}
	}
	return append(many, some...)
}

// TestTermStatsCountReadsAndHits reads a word's summary of a segment,
// then finds it kept: the index's stats count one read, then one hit,
// and the bytes the term cache holds.
func TestTermStatsCountReadsAndHits(t *testing.T) {
	ix := diffIndex(t)
	s, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := ix.CacheStats()
	for range 2 {
		if _, err := ix.segments.termBlocks(&s.segs[0], fTextEn, []byte("zzz-not-searched-yet")); err != nil {
			t.Fatal(err)
		}
	}
	after := ix.CacheStats()
	if after.TermReads != before.TermReads+1 || after.TermHits != before.TermHits+1 {
		t.Errorf("reads %d → %d, hits %d → %d: want one more each", before.TermReads, after.TermReads, before.TermHits, after.TermHits)
	}
	if after.TermBytes != ix.segments.termBytes.Load() || after.TermBytes == 0 {
		t.Errorf("%d bytes reported, the cache holds %d", after.TermBytes, ix.segments.termBytes.Load())
	}
}

// TestFieldLengthsKeepEveryLength sets lengths below, at and above the
// largest kept in 16 bits, in even and odd documents, and reads each
// back, whatever its neighbour's.
func TestFieldLengthsKeepEveryLength(t *testing.T) {
	lengths := []uint64{1, 2, 65534, 65535, 65536, 1 << 31, 7, 300, 65535, 1}
	fl := newFieldLengths(uint64(len(lengths)))
	for doc, l := range lengths {
		fl.set(uint32(doc), l)
	}
	fl.set(1, lengths[1]) // set again, as another term of the field does
	for doc, want := range lengths {
		if got := fl.length(uint32(doc)); uint64(got) != want {
			t.Errorf("doc %d: length %d, want %d", doc, got, want)
		}
	}
	if got, want := fl.norm(2), float64(float32(1/math.Sqrt(65534))); got != want {
		t.Errorf("norm %v, want %v", got, want)
	}
}
