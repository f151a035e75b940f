package search

import (
	"container/list"
	"fmt"
	"math"
	"math/bits"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Bounds of scores over blocks of documents, for a top of relevance that
// scores only the matches that can reach it (fast_top.go). A term's
// BM25 part grows with its frequency in a document and shrinks with the
// field's length there, so a block's highest frequency and shortest
// field (highest norm) give a score no document of the block exceeds,
// whatever the snapshot's idf and average length. A block is blockDocs
// consecutive document numbers of a segment; a term's summary of a
// segment, its blocks' highest frequency and norm, is read once from
// the term's postings (deleted documents in: they can only raise the
// bound) and kept with the segment's cache entry, which lives as long as
// the segment is in the index. Small blocks bound tightly: on the dense
// corpus of 100,000 patents, blocks of 128 documents left half of a
// two-word query's matches to score, blocks of 16 one in 17; so a
// summary is kept in 3 bytes a block, each figure rounded up.

// blockShift sets blockDocs.
const blockShift = 4

// blockDocs is the number of document numbers a block spans.
func blockDocs() uint64 { return 1 << blockShift }

// termCacheBytes bounds what the segments keep of their terms, summaries
// and impacts (below) together, with the fields' lengths: on the dense
// corpus of 1,000,000 patents the 396 words of the text and title
// fields that the 1,000 two-word queries of the load benchmark search
// take 128 MB over all segments (a median word 0.3 MB, the commonest
// 1.4 MB), the lengths 24 MB. (They took 284 MB, more than the budget,
// before the summaries were made smaller: the cache thrashed, reading
// terms took 15 % of the server's CPU.) Past it, the terms read least
// recently are dropped. At 384 MB the server's anonymous memory reached
// 1.95 GB on the realistic (Zipf) corpus of 1,000,000 with the answer
// cache on, against a bound of 2 GB. (A variable: a test lowers it.)
var termCacheBytes int64 = 256 << 20

// termBlocks is a term's summary in one segment: per block, the highest
// frequency of the term in a document of the block (0: the block holds
// no posting of it; 255: 255 or more, up to maxFreq) and the highest
// norm, as the upper half of its float32, rounded up. The pairs are
// few (frequencies are small, lengths alike), so a block holds the
// number of its pair in a palette: a query computes a score per pair,
// not per block, and at most 2 bytes a block are kept, not 3, none for a
// block without a posting (blockCodes). When the segment keeps it, it
// also holds the term's impacts (fast_impacts.go): each posting's
// frequency, by the posting's rank in docs (or in dense, its bitset of a
// term in many documents), and through lengths the field's length
// in each of those documents, from which a score is computed without
// walking the postings. (zapx advances a postings iterator by reading
// every frequency and norm on the way: scoring a few thousand matches
// scattered over a segment read all of them, query after query.)
type termBlocks struct {
	code    blockCodes   // per block, its pair in palette
	palette []blockBound // palette[0] is no posting
	scored  atomic.Pointer[paletteScores]
	maxFreq uint64

	docs    *roaring.Bitmap // the postings, deleted documents in
	dense   *denseDocs      // the same, of a term in 1/denseFrom of the documents or more; else nil
	freqs   postingFreqs    // by rank in docs
	lengths *fieldLengths   // of the term's field in the segment
}

// size is about the memory tb holds. Its bitmap is not counted: it is a
// view of the segment's mapped file.
func (tb *termBlocks) size() int64 {
	n := tb.code.size() + int64(12*len(tb.palette)) + tb.freqs.size() // the palette and its scores
	if tb.dense != nil {
		n += tb.dense.size()
	}
	return n
}

// impacts reports whether tb holds its term's impacts.
func (tb *termBlocks) impacts() bool { return tb.docs != nil }

// posting returns the frequency and norm of the term in doc, as the
// postings iterator reports them, and false when doc does not hold it:
// at once when doc's block holds none, which the summary's bits say
// without reading the postings (a title's words are in few blocks).
func (tb *termBlocks) posting(doc uint32) (freq uint64, norm float64, ok bool) {
	if !tb.code.holds(doc >> blockShift) {
		return 0, 0, false
	}
	var r uint32
	if tb.dense != nil {
		if r, ok = tb.dense.rank(doc); !ok {
			return 0, 0, false
		}
	} else {
		if !tb.docs.Contains(doc) {
			return 0, 0, false
		}
		r = uint32(tb.docs.Rank(doc) - 1)
	}
	return tb.freqs.at(r), tb.lengths.norm(doc), true
}

// heldPosting returns the frequency and norm of the term in doc, which
// holds it: posting without the check that doc does, a search of roaring's
// containers for a term not kept in a bitset.
func (tb *termBlocks) heldPosting(doc uint32) (freq uint64, norm float64) {
	var r uint32
	if tb.dense != nil {
		r, _ = tb.dense.rank(doc)
	} else {
		r = uint32(tb.docs.Rank(doc) - 1)
	}
	return tb.freqs.at(r), tb.lengths.norm(doc)
}

// blockBound is a block's highest frequency (255: 255 or more) and norm
// (the upper half of its float32, rounded up).
type blockBound struct {
	freq uint8
	norm uint16
}

// paletteScores are the scores of a palette's pairs before the query's
// weight (see termScorer.unweighted), for a term's idf and its field's
// average length: figures of the snapshot, the same for every query of
// the term until the indexer's next batch. Computing them, a square root
// and a division a pair for up to 1,600 pairs per term and segment, took
// 1.5 % of a search's CPU when done per query.
type paletteScores struct {
	idf, avg float64
	scores   []float64
}

// maxPalette is the most pairs a palette holds. Past it a block is given
// the pair of the highest frequency and an infinite norm (a field of no
// length): a bound above any of the term's scores.
const maxPalette = 1 << 16

// overflow is that pair.
var overflow = blockBound{freq: 255, norm: 0x7f80}

// bound returns the frequency and norm of a pair of the palette (0, 0:
// no posting), figures no posting of its blocks exceeds.
func (tb *termBlocks) bound(pair int) (freq uint64, norm float64) {
	bb := tb.palette[pair]
	f := uint64(bb.freq)
	if f == 255 {
		f = tb.maxFreq
	}
	return f, float64(math.Float32frombits(uint32(bb.norm) << 16))
}

// encode sets the blocks' codes and palette from their pairs. A pair's
// number is looked up in a table by frequency and norm, which spans the
// norms the term's blocks have (a few hundred), else in a map.
func (tb *termBlocks) encode(pairs []blockBound) {
	code := make([]uint16, len(pairs))
	tb.palette = []blockBound{{}}
	lookup := pairIndex(pairs)
	var over uint16 // the overflow pair's number, once given
	for b, bb := range pairs {
		if bb.freq == 0 {
			continue // pair 0
		}
		i := lookup(bb)
		if *i == 0 {
			if len(tb.palette) >= maxPalette-1 {
				if over == 0 {
					over = uint16(len(tb.palette))
					tb.palette = append(tb.palette, overflow)
				}
				code[b] = over
				continue
			}
			*i = uint16(len(tb.palette))
			tb.palette = append(tb.palette, bb)
		}
		code[b] = *i
	}
	tb.code = newBlockCodes(code, len(tb.palette))
}

// blockCodes are the pairs of the blocks that hold a posting of the
// term, in order, and a bit per block saying which do: half of the
// blocks of the words of the load benchmark's queries hold none on the
// dense corpus of 1,000,000 patents. A pair takes a byte when the
// palette holds 256 or fewer, else two (the common words of the text
// have up to 1,600 pairs in a segment of 330,000 documents). The blocks
// held before each word of bits are counted once, so that a block's
// pair is found without counting them again.
type blockCodes struct {
	held   []uint64
	before []uint32 // per word of held, the blocks held in the words before it
	small  []uint8
	large  []uint16
}

// newBlockCodes returns the codes of blocks given the pair of each (0:
// none), of a palette of pairs pairs.
func newBlockCodes(code []uint16, pairs int) blockCodes {
	words := (len(code) + 63) >> 6
	bc := blockCodes{held: make([]uint64, words), before: make([]uint32, words)}
	n := 0
	for b, pair := range code {
		if pair != 0 {
			bc.held[b>>6] |= 1 << (b & 63)
			n++
		}
	}
	k := uint32(0)
	for i, w := range bc.held {
		bc.before[i] = k
		k += uint32(bits.OnesCount64(w))
	}
	if pairs > 1<<8 {
		bc.large = make([]uint16, 0, n+1)
	} else {
		bc.small = make([]uint8, 0, n+1)
	}
	for _, pair := range code {
		switch {
		case pair == 0:
		case bc.large != nil:
			bc.large = append(bc.large, pair)
		default:
			bc.small = append(bc.small, uint8(pair))
		}
	}
	// One code past the last, of no posting: a block after the last held
	// reads it (see scoreCodes).
	if bc.large != nil {
		bc.large = append(bc.large, 0)
	} else {
		bc.small = append(bc.small, 0)
	}
	return bc
}

// at is the pair of block b.
func (bc blockCodes) at(b int) int {
	i, bit := b>>6, uint64(1)<<(b&63)
	if bc.held[i]&bit == 0 {
		return 0
	}
	k := int(bc.before[i]) + bits.OnesCount64(bc.held[i]&(bit-1))
	if bc.large != nil {
		return int(bc.large[k])
	}
	return int(bc.small[k])
}

// holds reports whether block b holds a posting.
func (bc blockCodes) holds(b uint32) bool { return bc.held[b>>6]&(1<<(b&63)) != 0 }

// scores sets out[j], for each block blocks[j], to the score of its pair
// in scores (scores[0], of no posting, is 0). Only the blocks that hold
// matches are given: at 1,000,000 patents the segments have 200,000
// blocks, and setting a bound for every block, per term, then summing
// the terms' arrays, wrote and read some megabytes a query.
func (bc blockCodes) scores(out []float64, blocks []uint32, scores []float64) {
	if bc.large != nil {
		scoreCodes(out, blocks, bc.held, bc.before, bc.large, scores)
		return
	}
	scoreCodes(out, blocks, bc.held, bc.before, bc.small, scores)
}

// scoreCodes is scores for codes of either width, without a branch on
// whether a block holds a posting (half of them do not, unpredictably):
// one that does not reads the code of the next block held, or the one
// past the last, and multiplies it by 0.
func scoreCodes[C uint8 | uint16](out []float64, blocks []uint32, held []uint64, before []uint32, code []C, scores []float64) {
	for j, b := range blocks {
		i, bit := b>>6, b&63
		w := held[i]
		k := before[i] + uint32(bits.OnesCount64(w&(1<<bit-1)))
		pair := uint32(code[k]) * uint32(w>>bit&1)
		out[j] = scores[pair]
	}
}

// size is about the memory bc holds.
func (bc blockCodes) size() int64 {
	return int64(8*cap(bc.held) + 4*cap(bc.before) + cap(bc.small) + 2*cap(bc.large))
}

// pairIndex returns where the palette number of each of pairs is kept
// (0: none yet).
func pairIndex(pairs []blockBound) func(blockBound) *uint16 {
	var slot [256]int
	lo, hi, freqs := uint16(math.MaxUint16), uint16(0), 0
	for _, bb := range pairs {
		if bb.freq == 0 {
			continue
		}
		lo, hi = min(lo, bb.norm), max(hi, bb.norm)
		if slot[bb.freq] == 0 {
			freqs++
			slot[bb.freq] = freqs
		}
	}
	span := int(hi) - int(lo) + 1
	if freqs*span > 1<<18 {
		index := map[blockBound]*uint16{}
		return func(bb blockBound) *uint16 {
			i := index[bb]
			if i == nil {
				i = new(uint16)
				index[bb] = i
			}
			return i
		}
	}
	table := make([]uint16, max(freqs*span, 0))
	return func(bb blockBound) *uint16 {
		return &table[(slot[bb.freq]-1)*span+int(bb.norm-lo)]
	}
}

// roundNorm is the upper half of norm's float32, rounded up.
func roundNorm(norm float32) uint16 {
	bits := math.Float32bits(norm)
	return uint16((uint64(bits) + 0xffff) >> 16)
}

// blockSlot is a summary in a segment's cache entry, read once.
type blockSlot struct {
	once   sync.Once
	blocks *termBlocks
	err    error

	e    *segmentEntry // the slot's entry, and its key there
	key  string
	size int64         // counted in the cache's termBytes
	used *list.Element // in the cache's order of use; nil: not counted
}

// termBlocks returns the summary and impacts of term in field of the
// segment v, read now and kept if need be, and moves it to the front of
// the terms kept; a search's hit or read of the cache.
func (c *segmentCache) termBlocks(v *segView, field string, term []byte) (*termBlocks, error) {
	tb, read, err := c.loadTerm(v, field, term)
	if read {
		c.termReads.Add(1)
	} else {
		c.termHits.Add(1)
	}
	return tb, err
}

// loadTerm is termBlocks without counting: read reports whether the
// summary was read now.
func (c *segmentCache) loadTerm(v *segView, field string, term []byte) (tb *termBlocks, read bool, err error) {
	e := c.entry(v.seg)
	key := field + "\x00" + string(term)
	e.blocksMu.Lock()
	slot := e.blocks[key]
	if slot == nil {
		if e.blocks == nil {
			e.blocks = map[string]*blockSlot{}
		}
		slot = &blockSlot{e: e, key: key}
		e.blocks[key] = slot
	}
	e.blocksMu.Unlock()
	slot.once.Do(func() {
		read = true
		lengths := c.fieldLengths(e, v.seg, field)
		slot.blocks, slot.err = readTermBlocks(v.seg, field, term, lengths)
		if slot.err == nil {
			c.count(slot)
		}
	})
	c.usedMu.Lock()
	if slot.used != nil {
		c.used.MoveToFront(slot.used)
	}
	c.usedMu.Unlock()
	return slot.blocks, read, slot.err
}

// count counts the summary just read in slot, and drops the terms used
// least recently while the cache holds more than termCacheBytes.
func (c *segmentCache) count(slot *blockSlot) {
	c.usedMu.Lock()
	defer c.usedMu.Unlock()
	if c.used == nil {
		c.used = list.New()
	}
	slot.size = slot.blocks.size()
	slot.used = c.used.PushFront(slot)
	c.termBytes.Add(slot.size)
	for c.termBytes.Load() > termCacheBytes && c.used.Len() > 1 {
		c.dropLocked(c.used.Back().Value.(*blockSlot))
	}
}

// dropLocked drops slot from its entry and uncounts it; c.usedMu held.
// Searches reading it keep it until they are done.
func (c *segmentCache) dropLocked(slot *blockSlot) {
	c.used.Remove(slot.used)
	slot.used = nil
	c.termBytes.Add(-slot.size)
	e := slot.e
	e.blocksMu.Lock()
	if e.blocks[slot.key] == slot {
		delete(e.blocks, slot.key)
	}
	e.blocksMu.Unlock()
}

// dropTerms drops the terms of the entry e, as it leaves the cache.
func (c *segmentCache) dropTerms(e *segmentEntry) {
	e.blocksMu.Lock()
	slots := make([]*blockSlot, 0, len(e.blocks))
	for _, slot := range e.blocks {
		slots = append(slots, slot)
	}
	c.termBytes.Add(-e.lengthBytes)
	e.lengthBytes = 0
	e.blocksMu.Unlock()
	c.usedMu.Lock()
	defer c.usedMu.Unlock()
	for _, slot := range slots {
		if slot.used != nil {
			c.dropLocked(slot)
		}
	}
}

// fieldLengths returns the lengths of field in the entry e of seg, new
// (all unknown) if need be. They are counted in termBytes, not dropped
// while the segment lasts: a segment has a few text fields.
func (c *segmentCache) fieldLengths(e *segmentEntry, seg segment.Segment, field string) *fieldLengths {
	e.blocksMu.Lock()
	defer e.blocksMu.Unlock()
	fl := e.lengths[field]
	if fl == nil {
		if e.lengths == nil {
			e.lengths = map[string]*fieldLengths{}
		}
		fl = newFieldLengths(seg.Count())
		e.lengths[field] = fl
		e.lengthBytes += fl.size()
		c.termBytes.Add(fl.size())
	}
	return fl
}

// readTermBlocks reads the summary of term in field of seg from its
// postings, deleted documents included, and the term's impacts when
// lengths, the field's, are given.
func readTermBlocks(seg segment.Segment, field string, term []byte, lengths *fieldLengths) (*termBlocks, error) {
	n := (seg.Count() + blockDocs() - 1) >> blockShift
	tb := &termBlocks{}
	pairs := make([]blockBound, n)
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	pl, err := dict.PostingsList(term, nil, nil)
	if err != nil {
		return nil, err
	}
	if lengths != nil {
		if tb.docs, err = postingsBitmap(pl); err != nil {
			return nil, err
		}
		card := tb.docs.GetCardinality()
		tb.freqs.nibbles = make([]uint8, 0, (card+1)/2)
		if card*denseFrom >= seg.Count() {
			tb.dense = newDenseDocs(seg.Count())
		}
		tb.lengths = lengths
	}
	it := pl.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			break
		}
		doc, f := p.Number(), p.Frequency()
		b := doc >> blockShift
		tb.maxFreq = max(tb.maxFreq, f)
		pairs[b].freq = max(pairs[b].freq, uint8(min(f, 255)))
		pairs[b].norm = max(pairs[b].norm, roundNorm(float32(p.Norm())))
		if tb.docs != nil {
			nb, ok := p.(normBits)
			if !ok {
				tb.docs, tb.dense, tb.freqs = nil, nil, postingFreqs{} // no impacts then
				continue
			}
			tb.addImpact(doc, f, nb.NormUint64())
		}
	}
	if tb.docs != nil && uint64(tb.freqs.n) != tb.docs.GetCardinality() {
		return nil, fmt.Errorf("search: %d postings of %s:%q read beside a bitmap of %d", tb.freqs.n, field, term, tb.docs.GetCardinality())
	}
	if tb.dense != nil {
		tb.dense.rankAll()
	}
	tb.encode(pairs)
	return tb, nil
}

// normBits is a zapx posting's norm as stored: the field's length.
type normBits interface{ NormUint64() uint64 }

// addImpact records the frequency of the term in doc, the next of its
// postings, and the field's length there.
func (tb *termBlocks) addImpact(doc, freq, length uint64) {
	tb.freqs.add(freq)
	if tb.dense != nil {
		tb.dense.add(doc)
	}
	tb.lengths.set(uint32(doc), length)
}
