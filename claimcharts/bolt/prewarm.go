package bolt

import (
	"bytes"
	"context"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"sepportal/claimcharts"
)

// prewarmKinds are read first by Prewarm: what a number lookup reads
// (the patent by its number, its pool entries), then what a patent's
// page adds.
var prewarmKinds = []claimcharts.Kind{claimcharts.KindPatent, claimcharts.KindEntry, claimcharts.KindFamily,
	claimcharts.KindChart, claimcharts.KindDetermination}

// prewarmBatch is how many records Prewarm reads per read transaction:
// a long one would hold off a writer that needs to grow the file.
var prewarmBatch = 4096

// Prewarm reads the records of every kind and their secondary keys, the
// kinds public readers look up first, so that the file's pages are in
// the page cache before readers ask for them; not the audit trail or the
// change feed. A server just started on a million patents otherwise
// answers its first number lookups from the disk, one page fault at a
// time: at 50 connections the first 15 s of random lookups ran at half
// the rate of the next 15 s. After Compact the pages lie in key order,
// and Prewarm reads the file sequentially.
// It returns the bytes of the records and keys read, and stops early
// when ctx is done.
func (s *Store) Prewarm(ctx context.Context) (int64, error) {
	var total int64
	seen := map[claimcharts.Kind]bool{}
	for _, k := range append(prewarmKinds, claimcharts.Kinds...) {
		if seen[k] {
			continue
		}
		seen[k] = true
		for _, name := range [][]byte{indexBucket(k), recordBucket(k)} {
			n, err := s.readBucket(ctx, name)
			total += n
			if err != nil {
				return total, err
			}
		}
	}
	return total, nil
}

// readBucket touches every key and value of the bucket name, a batch
// of them per read transaction, and returns their bytes.
func (s *Store) readBucket(ctx context.Context, name []byte) (int64, error) {
	var total int64
	var after []byte
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		var n int64
		var done bool
		err := s.db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(name)
			if b == nil {
				done = true
				return nil
			}
			n, after, done = touch(b.Cursor(), after)
			return nil
		})
		total += n
		if err != nil || done {
			return total, err
		}
	}
}

// touch reads up to prewarmBatch keys and values from c, from the key
// after the key after (from the first when nil), a byte of every page
// of each, and returns their bytes, the last key read and whether the
// bucket ended.
func touch(c *bolt.Cursor, after []byte) (n int64, last []byte, done bool) {
	k, v := c.First()
	if after != nil {
		k, v = c.Seek(after)
		if bytes.Equal(k, after) {
			k, v = c.Next()
		}
	}
	var sum uint32
	defer func() { sink.Add(sum) }()
	for i := 0; i < prewarmBatch; i++ {
		if k == nil {
			return n, nil, true
		}
		sum += uint32(k[0])
		for j := 0; j < len(v); j += 4096 {
			sum += uint32(v[j])
		}
		n += int64(len(k) + len(v))
		last = k
		k, v = c.Next()
	}
	return n, bytes.Clone(last), false
}

// sink keeps the bytes touch reads from being optimized away.
var sink atomic.Uint32
