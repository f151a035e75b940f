package search

import (
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
// the segment is in the index.

// blockShift sets blockDocs. (A variable: the tests make blocks small, to
// have many on a small index. It is read when a summary is made, so it
// must not change while an index is in use.)
var blockShift uint = 7

// blockDocs is the number of document numbers a block spans.
func blockDocs() uint64 { return 1 << blockShift }

// maxBlockTerms is how many terms' summaries a segment keeps: a summary
// takes 8 bytes per block, so at 128 documents a block, 512 terms cost
// 32 MB per million documents. Past it, a summary is made for the query
// that needs it and dropped.
const maxBlockTerms = 512

// termBlocks is a term's summary in one segment: per block, the highest
// frequency of the term in a document of the block (0: the block holds
// no posting of it) and the highest norm.
type termBlocks struct {
	maxFreq []uint32
	maxNorm []float32
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
	tb := &termBlocks{maxFreq: make([]uint32, n), maxNorm: make([]float32, n)}
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
		b := p.Number() >> blockShift
		tb.maxFreq[b] = max(tb.maxFreq[b], uint32(min(p.Frequency(), 1<<32-1)))
		tb.maxNorm[b] = max(tb.maxNorm[b], float32(p.Norm()))
	}
}
