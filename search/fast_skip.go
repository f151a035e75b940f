package search

import (
	"reflect"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"
)

// Skipping through postings read with their locations. zapx keeps a
// term's frequencies, norms and locations in chunks of a fixed number of
// document numbers, each chunk found by its offset; but its iterator,
// asked to advance to a document, steps through every posting on the way
// (nextDocNumAtOrAfterClean calls Next on the bitmap's iterator until it
// gets there), and only then jumps to the chunk. Snippets read a term's
// locations in the 20 hits of a page, scattered over segments of
// hundreds of thousands of documents: a dense term's whole postings were
// stepped through, query after query (18 % of the server's time at 8
// clients on the dense corpus of 1,000,000 patents).
//
// chunkSkip moves the iterator's bitmap iterator to the first document
// of the target's chunk before zapx advances it. zapx then finds the
// chunk not loaded, loads it and reads its entries from its start, as it
// does when its own stepping crosses into a new chunk: the same
// postings, locations and all. This holds only when the iterator reads
// the bitmap it steps through (no documents excepted: zapx then steps a
// second iterator) and when the skip lands on a chunk's first document
// in a chunk after the one loaded; to know where chunks start, the
// chunk size is read from the postings list, a field zapx does not
// export. Where any of that is not so, nothing is skipped.

// chunkSkip skips an iterator to chunks (see above); its zero value
// skips nothing.
type chunkSkip struct {
	bits  roaring.IntPeekable // the iterator's, shared by zapx's stepping
	chunk uint64              // document numbers per chunk
}

// newChunkSkip returns the skip of it: nothing unless it is a zapx
// iterator over all the postings of a list kept in chunks.
func newChunkSkip(it segment.PostingsIterator) chunkSkip {
	zit, ok := it.(*zapx.PostingsIterator)
	if !ok || zit.Actual == nil {
		return chunkSkip{} // another kind, or a single posting
	}
	v := reflect.ValueOf(zit).Elem()
	if !samePointer(v.FieldByName("all"), reflect.ValueOf(zit.Actual)) {
		return chunkSkip{} // documents excepted: zapx steps "all" beside Actual
	}
	pl := v.FieldByName("postings")
	if !pl.IsValid() || pl.Kind() != reflect.Pointer || pl.IsNil() {
		return chunkSkip{}
	}
	size := pl.Elem().FieldByName("chunkSize")
	if !size.IsValid() || size.Kind() != reflect.Uint64 || size.Uint() == 0 {
		return chunkSkip{}
	}
	return chunkSkip{bits: zit.Actual, chunk: size.Uint()}
}

// to moves the iterator to the first document of doc's chunk, unless it
// stands there or further already: then the chunk is the one zapx has
// loaded or one it has not reached, and in either case zapx reads it
// from where it stands.
func (s chunkSkip) to(doc uint64) {
	if s.chunk > 0 {
		s.bits.AdvanceIfNeeded(uint32(doc / s.chunk * s.chunk))
	}
}

// samePointer reports whether a, an interface or a pointer, and b hold
// the same pointer.
func samePointer(a, b reflect.Value) bool {
	if a.IsValid() && a.Kind() == reflect.Interface && !a.IsNil() {
		a = a.Elem()
	}
	return a.IsValid() && b.IsValid() && a.Kind() == reflect.Pointer && b.Kind() == reflect.Pointer &&
		a.Pointer() == b.Pointer()
}
