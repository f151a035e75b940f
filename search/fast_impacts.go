package search

import (
	"math"
	"math/bits"
	"sort"
	"sync"
	"sync/atomic"
)

// A term's impacts in a segment (fast_bound.go) are kept small, so that
// the terms the queries read stay in termCacheBytes, and a posting is
// found in a few operations: its frequency is kept by the posting's
// rank in 4 bits, a term in many of the segment's documents keeps
// them in its own bitset, whose rank is a lookup and a few popcounts,
// and the field's lengths, shared by its terms, take 16 bits each.

// postingFreqs are a term's frequencies by the rank of the posting, 4
// bits each. On the dense corpus of 1,000,000 patents, of the postings
// of the words in more than 1/64 of a segment's documents, 64 % have a
// frequency of 1, 92 % up to 3 and 99.97 % up to 14: 3 bits would send
// 1.2 % of them to the escapes, 8 bytes each, which costs more than the
// bit saved. escapeFreq says the frequency is in escapes.
type postingFreqs struct {
	nibbles []uint8 // the posting of rank r in the low half of byte r/2 when r is even
	n       int
	escapes []escapedFreq // by rank
}

// escapeFreq is the 4 bits of a frequency of escapeFreq or more.
const escapeFreq = 15

// escapedFreq is the frequency of the posting of a rank, escapeFreq or
// more.
type escapedFreq struct {
	rank uint32
	freq uint64
}

// add appends the frequency of the next posting.
func (pf *postingFreqs) add(freq uint64) {
	v := uint8(min(freq, escapeFreq))
	if v == escapeFreq {
		pf.escapes = append(pf.escapes, escapedFreq{rank: uint32(pf.n), freq: freq})
	}
	if pf.n&1 == 0 {
		pf.nibbles = append(pf.nibbles, v)
	} else {
		pf.nibbles[pf.n>>1] |= v << 4
	}
	pf.n++
}

// at returns the frequency of the posting of rank r.
func (pf *postingFreqs) at(r uint32) uint64 {
	v := pf.nibbles[r>>1] >> (4 * (r & 1)) & 0xf
	if v != escapeFreq {
		return uint64(v)
	}
	i := sort.Search(len(pf.escapes), func(i int) bool { return pf.escapes[i].rank >= r })
	return pf.escapes[i].freq
}

// size is about the memory pf holds.
func (pf *postingFreqs) size() int64 { return int64(cap(pf.nibbles) + 16*cap(pf.escapes)) }

// denseFrom is the share of a segment's documents, 1/denseFrom, from
// which a term keeps its postings in a bitset. roaring keeps 65,536
// documents of a bitmap in a container, as an array of up to 4,096 of
// them, searched by halves, or else as a bitset of which Rank counts
// every bit before the document (512 words on average): from 1/16, most
// of a term's containers are bitsets. The bitset costs a bit a
// document, more than the term's frequencies (4 bits a posting) below
// 1/4: on the dense corpus of 1,000,000 patents, the words of the load
// benchmark's queries (a median of 1/25 of a segment's documents) keep
// 59 MB of bitsets from 1/16, 13 MB from 1/8, of a working set of 200
// MB or 152 MB. From 1/8, Rank still took 6 % of the server's CPU.
const denseFrom = 16

// rankShift sets the documents a rank of denseDocs counts: 512, the
// bits of 8 words.
const rankShift = 9

// denseDocs are a term's postings in a segment as a bitset, a bit per
// document, and for each run of 512 documents the postings before it.
type denseDocs struct {
	words []uint64
	ranks []uint32
}

// newDenseDocs returns the bitset of a segment of count documents, empty.
func newDenseDocs(count uint64) *denseDocs {
	return &denseDocs{words: make([]uint64, (count+63)>>6)}
}

// add sets doc's bit.
func (d *denseDocs) add(doc uint64) { d.words[doc>>6] |= 1 << (doc & 63) }

// rankAll counts the postings before each run of 512 documents, once
// every posting is added.
func (d *denseDocs) rankAll() {
	per := 1 << (rankShift - 6) // words a rank counts
	d.ranks = make([]uint32, (len(d.words)+per-1)/per)
	var r uint32
	for i, w := range d.words {
		if i%per == 0 {
			d.ranks[i/per] = r
		}
		r += uint32(bits.OnesCount64(w))
	}
}

// rank returns the rank of doc's posting (the postings before it), and
// false when doc has none.
func (d *denseDocs) rank(doc uint32) (uint32, bool) {
	i := doc >> 6
	bit := uint64(1) << (doc & 63)
	w := d.words[i]
	if w&bit == 0 {
		return 0, false
	}
	r := d.ranks[doc>>rankShift] + uint32(bits.OnesCount64(w&(bit-1)))
	for _, before := range d.words[i&^(1<<(rankShift-6)-1) : i] {
		r += uint32(bits.OnesCount64(before))
	}
	return r, true
}

// size is about the memory d holds.
func (d *denseDocs) size() int64 { return int64(8*len(d.words) + 4*len(d.ranks)) }

// fieldLengths are the lengths of one field in the documents of a
// segment, as its postings' norms hold them: the same for every term of
// the field in a document. Each term's impacts write those of its own
// documents, all terms the same figures. A length takes 16 bits, two to
// a word (they are kept as long as the segment, for each text field:
// 25 MB on the dense corpus of 1,000,000, not 49), and one of 65,535 or
// more, rare and not counted in size, is kept in long.
type fieldLengths struct {
	pairs  []atomic.Uint32
	longMu sync.RWMutex
	long   map[uint32]uint32
}

// newFieldLengths returns the lengths of a segment of count documents,
// all unknown.
func newFieldLengths(count uint64) *fieldLengths {
	return &fieldLengths{pairs: make([]atomic.Uint32, (count+1)/2)}
}

// longLength marks a length kept in long.
const longLength = 0xffff

// set sets the length of the field in doc: unknown so far, or set to the
// same by another term.
func (fl *fieldLengths) set(doc uint32, length uint64) {
	v := uint32(min(length, longLength))
	if v == longLength {
		fl.longMu.Lock()
		if fl.long == nil {
			fl.long = map[uint32]uint32{}
		}
		fl.long[doc] = uint32(length)
		fl.longMu.Unlock()
	}
	fl.pairs[doc>>1].Or(v << (16 * (doc & 1))) // over 0, or over the same figure
}

// length is the length of the field in doc.
func (fl *fieldLengths) length(doc uint32) uint32 {
	v := fl.pairs[doc>>1].Load() >> (16 * (doc & 1)) & 0xffff
	if v == longLength {
		fl.longMu.RLock()
		defer fl.longMu.RUnlock()
		return fl.long[doc]
	}
	return v
}

// norm is the norm of the field in doc, computed as zapx's Posting.Norm
// computes it.
func (fl *fieldLengths) norm(doc uint32) float64 {
	return float64(float32(1.0 / math.Sqrt(float64(fl.length(doc)))))
}

// size is about the memory fl holds.
func (fl *fieldLengths) size() int64 { return 4 * int64(len(fl.pairs)) }
