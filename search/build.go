package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// ErrRebuilding is returned by Rebuild while another rebuild runs.
var ErrRebuilding = claimcharts.Says(claimcharts.ECONFLICT, msg.RebuildRunning)

// feedMargin is how far behind the last visible change a new build starts
// following the feed, so that MongoDB writes still in flight when the
// build began (numbered lower, visible later) are not missed.
const feedMargin = 1000

// Rebuild builds a fresh index from the store in a new generation
// directory while the current one keeps serving, catches it up with the
// change feed, and swaps it in. The old generation is then deleted.
func (ix *Index) Rebuild(ctx context.Context) error {
	return ix.rebuild(ctx, nil)
}

// rebuild is Rebuild; it tells started whether it could begin.
func (ix *Index) rebuild(ctx context.Context, started chan<- error) error {
	if !ix.rebuilding.CompareAndSwap(false, true) {
		if started != nil {
			started <- ErrRebuilding
		}
		return ErrRebuilding
	}
	defer ix.rebuilding.Store(false)
	if started != nil {
		ix.lastErr.Store("")
		started <- nil
	}
	start := time.Now()
	idx, gen, f, err := ix.build(ctx)
	if err != nil {
		return err
	}
	if err := ix.swap(ctx, idx, gen, f); err != nil {
		idx.Close()
		os.RemoveAll(filepath.Join(ix.dir, gen))
		return err
	}
	count, _ := idx.DocCount()
	ix.log.Info("search index built", slog.String("gen", gen), slog.Uint64("docs", count), slog.Int64("elapsed_ms", time.Since(start).Milliseconds()))
	return nil
}

// build writes every document derived from the store into a new
// generation and returns it with the feed position it is consistent with.
func (ix *Index) build(ctx context.Context) (bleve.Index, string, *feed, error) {
	last, err := lastSeq(ctx, ix.store)
	if err != nil {
		return nil, "", nil, err
	}
	idx, gen, err := ix.newGeneration()
	if err != nil {
		return nil, "", nil, err
	}
	fail := func(err error) (bleve.Index, string, *feed, error) {
		idx.Close()
		os.RemoveAll(filepath.Join(ix.dir, gen))
		return nil, "", nil, err
	}
	if err := ix.fill(ctx, idx); err != nil {
		return fail(err)
	}
	f := newFeed(last - min(last, feedMargin))
	b := idx.NewBatch()
	b.SetInternal(keyMappingVersion, []byte(MappingVersion))
	b.SetInternal(keyCheckpoint, []byte(strconv.FormatUint(f.watermark, 10)))
	if err := idx.Batch(b); err != nil {
		return fail(err)
	}
	return idx, gen, &f, nil
}

// fill writes the documents of every patent and standard into idx: a
// reader pages through the store, workers derive documents, and the
// batches go to bleve as they fill.
func (ix *Index) fill(ctx context.Context, idx bleve.Index) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	keys := make(chan []claimcharts.Doc, 1)
	docs := make(chan []*doc, 2)
	go func() {
		defer close(keys)
		for _, kind := range []claimcharts.Kind{claimcharts.KindStandard, claimcharts.KindPatent} {
			err := eachPage(ctx, ix.store, claimcharts.Query{Kind: kind}, func(page []claimcharts.Doc) error {
				select {
				case keys <- page:
					return nil
				case <-ctx.Done():
					return context.Cause(ctx)
				}
			})
			if err != nil {
				cancel(err)
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := deriveAll(ctx, newSource(ix.store), keys, docs); err != nil {
				cancel(err)
			}
		}()
	}
	go func() { wg.Wait(); close(docs) }()
	written := &ix.rebuilt
	written.Store(0)
	stop := ix.logProgress(written)
	defer stop()
	if err := writeAll(idx, docs, written); err != nil {
		cancel(err)
	}
	for range docs {
	}
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return ctx.Err()
}

// deriveAll derives the documents of each page of stored records.
func deriveAll(ctx context.Context, src *source, pages <-chan []claimcharts.Doc, out chan<- []*doc) error {
	for page := range pages {
		var docs []*doc
		for _, d := range page {
			got, err := deriveStored(ctx, src, d)
			if err != nil {
				return fmt.Errorf("derive %s %s: %w", d.Kind, d.Key, err)
			}
			docs = append(docs, got...)
		}
		select {
		case out <- docs:
		case <-ctx.Done():
			return nil
		}
	}
	return nil
}

// logProgress logs how many documents a build has written, every 30 s,
// until the returned function is called.
func (ix *Index) logProgress(written *atomic.Int64) func() {
	done := make(chan struct{})
	start := time.Now()
	go func() {
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				n := written.Load()
				ix.log.Info("building the search index", slog.Int64("documents", n),
					slog.Int64("per_second", n*int64(time.Second)/int64(time.Since(start))))
			}
		}
	}()
	return func() { close(done) }
}

// deriveStored derives the documents of a standard or a patent read from
// the store.
func deriveStored(ctx context.Context, src *source, d claimcharts.Doc) ([]*doc, error) {
	if d.Kind == claimcharts.KindStandard {
		s, err := decode[claimcharts.Standard](d)
		if err != nil {
			return nil, err
		}
		return referenceDocs(s), nil
	}
	p, err := decode[claimcharts.Patent](d)
	if err != nil {
		return nil, err
	}
	u, err := src.unitOf(ctx, p)
	if err != nil {
		return nil, err
	}
	return u.docs(), nil
}

// Build batches: documents per bleve batch, batches written at once
// (bleve analyses a batch in parallel but builds its segment in the
// caller, so two writers keep both cores busy), and batches that may wait
// in memory for the persister. Batches return before their segment is on
// disk (unsafe_batch); without the last bound, segments pile up in memory
// faster than the persister writes them out, to many gigabytes at a
// million patents.
const (
	buildBatchSize   = 2000
	buildWriters     = 2
	buildUnpersisted = 4
)

// writeAll writes the documents in batches of buildBatchSize.
func writeAll(idx bleve.Index, in <-chan []*doc, written *atomic.Int64) error {
	batches := make(chan *bleve.Batch)
	errc := make(chan error, buildWriters)
	inMemory := make(chan struct{}, buildUnpersisted)
	for range buildWriters {
		go func() {
			var err error
			for b := range batches {
				if err == nil {
					n := b.Size()
					inMemory <- struct{}{}
					b.SetPersistedCallback(func(error) { <-inMemory })
					err = idx.Batch(b)
					written.Add(int64(n))
				}
			}
			errc <- err
		}()
	}
	err := fillBatches(idx, in, batches)
	close(batches)
	for range buildWriters {
		if werr := <-errc; err == nil {
			err = werr
		}
	}
	return err
}

// fillBatches turns documents into batches of buildBatchSize.
func fillBatches(idx bleve.Index, in <-chan []*doc, out chan<- *bleve.Batch) error {
	b := idx.NewBatch()
	for docs := range in {
		for _, d := range docs {
			if err := b.Index(d.id, d.fields()); err != nil {
				return err
			}
		}
		if b.Size() >= buildBatchSize {
			out <- b
			b = idx.NewBatch()
		}
	}
	if b.Size() > 0 {
		out <- b
	}
	return nil
}

// swap catches the new index up with the feed and puts it in place of the
// current one. It first follows the feed beside the live indexer, then,
// holding the indexer's lock, reads up to where the live index got and
// swaps. Both steps end under a steady stream of writes: the second only
// has to reach a position that no longer moves.
func (ix *Index) swap(ctx context.Context, idx bleve.Index, gen string, f *feed) error {
	for range maxCatchUpPasses {
		n, err := ix.syncPass(ctx, idx, f)
		if err != nil {
			return err
		}
		if live := ix.progress.Load(); n < changesPerPass/2 || live != nil && f.high+changesPerPass >= live.high {
			break
		}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for f.high < ix.feed.high {
		n, err := ix.syncPass(ctx, idx, f)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
	}
	flush(idx)
	if err := writeCurrent(ix.dir, gen); err != nil {
		return err
	}
	old, oldGen := ix.cur, ix.gen
	ix.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
	ix.cache.changed()
	ix.state.Lock()
	ix.cur, ix.gen, ix.feed = idx, gen, *f
	ix.state.Unlock()
	ix.needsBuild.Store(false)
	ix.publish(f)
	if err := old.Close(); err != nil {
		ix.log.Warn("closing the old index generation", slog.String("error", err.Error()))
	}
	if oldGen != "" {
		os.RemoveAll(filepath.Join(ix.dir, oldGen))
	}
	return nil
}

// maxCatchUpPasses bounds how long a rebuilt index follows the feed beside
// the live one before it takes the indexer's lock.
const maxCatchUpPasses = 100

// writeCurrent names gen the current generation, atomically.
func writeCurrent(dir, gen string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	if err := os.WriteFile(tmp, []byte(gen+"\n"), 0o640); err != nil {
		return err
	}
	f, err := os.Open(tmp)
	if err == nil {
		f.Sync()
		f.Close()
	}
	return os.Rename(tmp, filepath.Join(dir, currentFile))
}

// StartRebuild starts Rebuild in the background, to run until Close; it
// returns ErrRebuilding if one runs already. Failures are logged and
// reported by Status.
func (ix *Index) StartRebuild() error {
	if ix.rebuilding.Load() {
		return ErrRebuilding
	}
	started := make(chan error, 1)
	ix.bg.Add(1)
	go func() {
		defer ix.bg.Done()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			select {
			case <-ix.stop:
				cancel()
			case <-ctx.Done():
			}
		}()
		if err := ix.rebuild(ctx, started); err != nil && ctx.Err() == nil && !errors.Is(err, ErrRebuilding) {
			ix.fail("rebuild the search index", err)
		}
	}()
	return <-started
}
