package lists

import (
	"iter"
	"slices"
	"sort"
)

// keySet is a set of record keys in order. It keeps them in sorted chunks
// of at most 2*keyChunk keys, so that adding or removing a key moves a
// few keys whatever the size of the set, and listing the keys after one
// starts where that key would be.
type keySet struct {
	// chunks are non-empty and sorted, and every key of a chunk precedes
	// every key of the next.
	chunks [][]string
}

// keyChunk is half the most keys a chunk of a keySet holds.
const keyChunk = 128

// chunkAbove returns the first chunk whose last key is above key, or is
// key when orEqual; len(chunks) if there is none.
func (ks *keySet) chunkAbove(key string, orEqual bool) int {
	return sort.Search(len(ks.chunks), func(i int) bool {
		last := ks.chunks[i][len(ks.chunks[i])-1]
		return last > key || orEqual && last == key
	})
}

// add adds key to the set.
func (ks *keySet) add(key string) {
	i := min(ks.chunkAbove(key, true), len(ks.chunks)-1)
	if i < 0 {
		ks.chunks = [][]string{{key}}
		return
	}
	c := ks.chunks[i]
	j, found := slices.BinarySearch(c, key)
	if found {
		return
	}
	c = slices.Insert(c, j, key)
	if len(c) > 2*keyChunk {
		ks.chunks = slices.Insert(ks.chunks, i+1, slices.Clone(c[keyChunk:]))
		c = slices.Clip(c[:keyChunk])
	}
	ks.chunks[i] = c
}

// remove removes key from the set, if it is there; a nil set holds
// nothing.
func (ks *keySet) remove(key string) {
	if ks == nil {
		return
	}
	i := ks.chunkAbove(key, true)
	if i == len(ks.chunks) {
		return
	}
	j, found := slices.BinarySearch(ks.chunks[i], key)
	if !found {
		return
	}
	if c := slices.Delete(ks.chunks[i], j, j+1); len(c) > 0 {
		ks.chunks[i] = c
	} else {
		ks.chunks = slices.Delete(ks.chunks, i, i+1)
	}
}

// after yields the keys of the set above after, in order; a nil set
// holds nothing.
func (ks *keySet) after(after string) iter.Seq[string] {
	return func(yield func(string) bool) {
		if ks == nil {
			return
		}
		i := ks.chunkAbove(after, false)
		if i == len(ks.chunks) {
			return
		}
		j, found := slices.BinarySearch(ks.chunks[i], after)
		if found {
			j++
		}
		for _, c := range ks.chunks[i:] {
			for _, key := range c[j:] {
				if !yield(key) {
					return
				}
			}
			j = 0
		}
	}
}
