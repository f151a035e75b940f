package search

import (
	"math"
	"sync"

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

// maxBlockTerms is how many terms' summaries a segment keeps: at 3 bytes
// a block of 16 documents, 256 terms cost 48 MB per million documents.
// Past it, a summary is made for the query that needs it and dropped.
const maxBlockTerms = 256

// termBlocks is a term's summary in one segment: per block, the highest
// frequency of the term in a document of the block (0: the block holds
// no posting of it; 255: 255 or more, up to maxFreq) and the highest
// norm, as the upper half of its float32, rounded up.
type termBlocks struct {
	freq    []uint8
	norm    []uint16
	maxFreq uint64
}

// bound returns the highest frequency and norm of block b (0, 0 when the
// block holds no posting of the term), or figures above them.
func (tb *termBlocks) bound(b int) (freq uint64, norm float64) {
	f := uint64(tb.freq[b])
	if f == 255 {
		f = tb.maxFreq
	}
	return f, float64(math.Float32frombits(uint32(tb.norm[b]) << 16))
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
}

// termBlocks returns the summary of term in field of the segment v.
func (c *segmentCache) termBlocks(v *segView, field string, term []byte) (*termBlocks, error) {
	e := c.entry(v.seg)
	key := field + "\x00" + string(term)
	e.blocksMu.Lock()
	slot := e.blocks[key]
	if slot == nil {
		if len(e.blocks) >= maxBlockTerms {
			e.blocksMu.Unlock()
			return readTermBlocks(v.seg, field, term)
		}
		if e.blocks == nil {
			e.blocks = map[string]*blockSlot{}
		}
		slot = &blockSlot{}
		e.blocks[key] = slot
	}
	e.blocksMu.Unlock()
	slot.once.Do(func() { slot.blocks, slot.err = readTermBlocks(v.seg, field, term) })
	return slot.blocks, slot.err
}

// readTermBlocks reads the summary of term in field of seg from its
// postings, deleted documents included.
func readTermBlocks(seg segment.Segment, field string, term []byte) (*termBlocks, error) {
	n := (seg.Count() + blockDocs() - 1) >> blockShift
	tb := &termBlocks{freq: make([]uint8, n), norm: make([]uint16, n)}
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	pl, err := dict.PostingsList(term, nil, nil)
	if err != nil {
		return nil, err
	}
	it := pl.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			return tb, nil
		}
		b, f := p.Number()>>blockShift, p.Frequency()
		tb.maxFreq = max(tb.maxFreq, f)
		tb.freq[b] = max(tb.freq[b], uint8(min(f, 255)))
		tb.norm[b] = max(tb.norm[b], roundNorm(float32(p.Norm())))
	}
}
