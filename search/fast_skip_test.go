package search

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// TestCursorSkipsChunksToTheSamePostings: on one segment of 6,000
// documents where a word stands in two of three, at varying places and
// counts (zapx keeps its postings in several chunks), cursors that skip
// to the target's chunk report, for random increasing targets, the same
// documents and the same locations (position, offsets, array position)
// as cursors that step through every posting; with the locations only
// (as phrases read them) and with frequencies too (as snippets read
// them). A cursor over postings with documents excepted does not skip
// and reports the same too.
func TestCursorSkipsChunksToTheSamePostings(t *testing.T) {
	idx, err := bleve.New(filepath.Join(t.TempDir(), "ix"), bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"alpha", "beta", "gamma", "delta", "epsilon"}
	b := idx.NewBatch()
	for i := range 6000 {
		var texts []string
		for range 1 + r.IntN(3) {
			var w []string
			for range 3 + r.IntN(12) {
				w = append(w, words[r.IntN(len(words))])
			}
			if i%3 == 0 {
				w = slices.DeleteFunc(w, func(s string) bool { return s == "alpha" })
			}
			texts = append(texts, strings.Join(w, " "))
		}
		if err := b.Index(fmt.Sprintf("d%05d", i), map[string]any{"text": texts}); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	s := rawSnapshot(t, idx)
	defer s.Close()
	if len(s.segs) != 1 {
		t.Fatalf("the index holds %d segments, want the one batch in one", len(s.segs))
	}
	seg := s.segs[0].seg
	dict, err := seg.Dictionary("text")
	if err != nil {
		t.Fatal(err)
	}
	except := roaring.BitmapOf(3, 4, 5, 4000)
	for _, c := range []struct {
		name          string
		freq, norm    bool
		except        *roaring.Bitmap
		wantSkipping  bool
		targetsPerRun int
	}{
		{"locations", false, false, nil, true, 40},
		{"frequencies and locations", true, true, nil, true, 40},
		{"sparse targets", true, true, nil, true, 5},
		{"documents excepted", true, true, except, false, 40},
	} {
		t.Run(c.name, func(t *testing.T) {
			open := func(skipping bool) *termCursor {
				pl, err := dict.PostingsList([]byte("alpha"), c.except, nil)
				if err != nil {
					t.Fatal(err)
				}
				it := pl.Iterator(c.freq, c.norm, true, nil)
				if !skipping {
					return &termCursor{it: it}
				}
				return newTermCursor(it)
			}
			sk := open(true).skip
			if got := sk.chunk > 0 && sk.chunk < seg.Count(); got != c.wantSkipping {
				t.Fatalf("chunk size %d of a segment of %d documents: skipping %v, want %v", sk.chunk, seg.Count(), got, c.wantSkipping)
			}
			for run := range 30 {
				skipping, stepping := open(true), open(false)
				doc := uint64(r.IntN(200))
				for range c.targetsPerRun {
					got, gotOK, err := skipping.at(doc)
					if err != nil {
						t.Fatal(err)
					}
					want, wantOK, err := stepping.at(doc)
					if err != nil {
						t.Fatal(err)
					}
					if gotOK != wantOK || !slices.EqualFunc(got, want, sameLocation) {
						t.Fatalf("run %d, document %d: skipping %v %s, stepping %v %s", run, doc, gotOK, locationText(got), wantOK, locationText(want))
					}
					doc += 1 + uint64(r.IntN(int(seg.Count())/c.targetsPerRun))
				}
			}
		})
	}
}

// sameLocation reports whether a and b are the same location.
func sameLocation(a, b segment.Location) bool {
	return a.Field() == b.Field() && a.Pos() == b.Pos() && a.Start() == b.Start() && a.End() == b.End() &&
		slices.Equal(a.ArrayPositions(), b.ArrayPositions())
}

// locationText is locs as text, for a test's message.
func locationText(locs []segment.Location) string {
	var b strings.Builder
	for _, l := range locs {
		fmt.Fprintf(&b, "[%v pos %d %d-%d] ", l.ArrayPositions(), l.Pos(), l.Start(), l.End())
	}
	return b.String()
}
