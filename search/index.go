package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"sepportal/claimcharts"
)

// Options tune an Index; the zero value is usable.
type Options struct {
	// Logger receives the indexer's log; nil means slog.Default().
	Logger *slog.Logger
	// Poll is how often the indexer reads the change feed (100 ms).
	Poll time.Duration
	// QueryTimeout bounds every search (2 s).
	QueryTimeout time.Duration
	// GapTimeout is how long a missing change-feed number is waited for
	// before it is taken for a refused write (30 s). MongoDB can show a
	// lower number after a higher one; the embedded store never does.
	GapTimeout time.Duration
	// MaxReadyLag is how many changes the index may trail the store once it
	// has caught up, and still be Ready (10,000).
	MaxReadyLag uint64
	// OnSearch, when set, is called after every search with its kind
	// (KindText, KindNumber, KindList) and how long it took; the metrics
	// use it.
	OnSearch func(kind string, elapsed time.Duration)
	// MaxSearches is how many searches that miss the cache run at once
	// (2 per CPU); SlotWait is how long a search waits for a slot before
	// it answers busy (1 s).
	MaxSearches int
	SlotWait    time.Duration
	// CachedPages and CachedFacets bound the answers kept per index
	// version (2,048 pages, 4,096 facet counts); a negative value keeps none.
	CachedPages, CachedFacets int
	// Engine answers the searches: EngineBitmap (the default) from the
	// postings bitmaps where it can (see fast.go), EngineBleve through
	// bleve's collector always.
	Engine string
}

func (o Options) withDefaults() Options {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Poll <= 0 {
		o.Poll = 100 * time.Millisecond
	}
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = 2 * time.Second
	}
	if o.GapTimeout <= 0 {
		o.GapTimeout = 30 * time.Second
	}
	if o.MaxReadyLag == 0 {
		o.MaxReadyLag = 10000
	}
	if o.MaxSearches <= 0 {
		o.MaxSearches = 2 * runtime.GOMAXPROCS(0)
	}
	if o.SlotWait <= 0 {
		o.SlotWait = defaultSlotWait
	}
	if o.CachedPages == 0 {
		o.CachedPages = DefaultCachedPages
	}
	if o.CachedFacets == 0 {
		o.CachedFacets = defaultCachedFacets
	}
	if o.Engine == "" {
		o.Engine = EngineBitmap
	}
	return o
}

// Internal keys of the index, written in the same batch as the documents.
var (
	keyMappingVersion = []byte("mapping_version")
	keyCheckpoint     = []byte("checkpoint")
)

// currentFile, in the index directory, names the generation in use.
const currentFile = "CURRENT"

// Index is the search index of one process: a generation directory of
// bleve data under dir, served through an alias that a rebuild swaps.
type Index struct {
	dir     string
	store   claimcharts.Store
	opts    Options
	log     *slog.Logger
	mapping *mapping.IndexMappingImpl
	alias   bleve.IndexAlias
	cache   *readCache
	// segments holds what the bitmap engine reads once per segment;
	// bitmapPages and bleveFallbacks count the pages it answered and
	// those it left to bleve, bitmapMarks the pages whose words it
	// located for the snippets.
	segments                    segmentCache
	freqs                       docFreqsOf // of the snapshot searched last (fast_rank.go)
	bitmapPages, bleveFallbacks atomic.Uint64
	bitmapMarks                 atomic.Uint64

	// mu is held by each sync pass and by the swap at the end of a rebuild.
	mu   sync.Mutex
	cur  bleve.Index
	gen  string
	feed feed
	// state guards cur and gen for readers that must not wait for a pass;
	// progress mirrors the feed for them.
	state    sync.RWMutex
	progress atomic.Pointer[feedProgress]
	// moved is closed and replaced by each publish (see WaitIndexed).
	moved struct {
		sync.Mutex
		ch chan struct{}
	}

	needsBuild atomic.Bool
	rebuilding atomic.Bool
	// caughtUp is set by the first sync pass that reads the feed to its end
	// with the index built under the current mapping (see Readiness).
	caughtUp atomic.Bool
	// rebuilt counts the documents the running rebuild has written.
	rebuilt   atomic.Int64
	lastErr   atomic.Value // string
	stop      chan struct{}
	done      chan struct{}
	started   atomic.Bool
	closeOnce sync.Once
	bg        sync.WaitGroup // rebuilds started by StartRebuild
}

// Open opens the index kept in dir for store, creating dir if needed. An
// index that is missing, unreadable, or built under another
// MappingVersion is rebuilt when Start runs; until then searches answer
// from what there is (an older index, or nothing). A nil store opens an
// index that is only searched, never synced nor built (benchmarks).
func Open(dir string, store claimcharts.Store, opts Options) (*Index, error) {
	opts = opts.withDefaults()
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create index dir: %w", err)
	}
	ix := &Index{dir: dir, store: store, opts: opts, log: opts.Logger.With(slog.String("component", "search")), mapping: m,
		stop: make(chan struct{}), done: make(chan struct{}), cache: newReadCache(opts)}
	ix.moved.ch = make(chan struct{})
	ix.lastErr.Store("")
	ix.feed = newFeed(0)
	cur, gen, err := ix.openCurrent()
	if err != nil {
		return nil, err
	}
	if cur == nil {
		if cur, err = bleve.NewMemOnly(m); err != nil {
			return nil, err
		}
		ix.needsBuild.Store(true)
	}
	ix.cur, ix.gen = cur, gen
	ix.alias = bleve.NewIndexAlias(cur)
	ix.publish(&ix.feed)
	ix.removeStale()
	return ix, nil
}

// openCurrent opens the generation named by CURRENT. It returns a nil
// index when there is none or it cannot be used; an index of another
// mapping version is returned, to serve until its rebuild is swapped in.
func (ix *Index) openCurrent() (bleve.Index, string, error) {
	b, err := os.ReadFile(filepath.Join(ix.dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	gen := strings.TrimSpace(string(b))
	idx, err := bleve.OpenUsing(filepath.Join(ix.dir, gen), runtimeConfig())
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, "", fmt.Errorf("index %s is in use by another process; give each process its own --index-dir", filepath.Join(ix.dir, gen))
		}
		ix.log.Warn("the search index cannot be opened; rebuilding it", slog.String("gen", gen), slog.String("error", err.Error()))
		return nil, "", nil
	}
	v, err := idx.GetInternal(keyMappingVersion)
	if err != nil || string(v) != MappingVersion {
		ix.log.Info("the search index was built under another mapping; rebuilding it", slog.String("version", string(v)), slog.String("want", MappingVersion))
		ix.needsBuild.Store(true)
	}
	cp, err := idx.GetInternal(keyCheckpoint)
	if err != nil {
		idx.Close()
		return nil, "", err
	}
	ix.feed = newFeed(parseCheckpoint(cp))
	return idx, gen, nil
}

// runtimeConfig is how every generation is opened. Batches do not wait for
// disk: the checkpoint is persisted in the same snapshot as the documents,
// so a crash loses both together and the indexer reads the feed again.
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": "1s", "unsafe_batch": true}
}

// removeStale deletes generation directories other than the current one:
// rebuilds that a crash interrupted.
func (ix *Index) removeStale() {
	entries, err := os.ReadDir(ix.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "gen-") && e.Name() != ix.gen {
			ix.log.Info("removing an unfinished index generation", slog.String("gen", e.Name()))
			os.RemoveAll(filepath.Join(ix.dir, e.Name()))
		}
	}
}

// newGeneration creates an empty index in a new generation directory.
func (ix *Index) newGeneration() (bleve.Index, string, error) {
	gen := fmt.Sprintf("gen-%d", time.Now().UnixNano())
	idx, err := bleve.NewUsing(filepath.Join(ix.dir, gen), ix.mapping, scorch.Name, scorch.Name, runtimeConfig())
	if err != nil {
		return nil, "", err
	}
	return idx, gen, nil
}

// Start runs the indexer until Close: it builds the index first if Open
// found none, then follows the store's change feed.
func (ix *Index) Start() {
	if !ix.started.CompareAndSwap(false, true) {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-ix.stop; cancel() }()
	go func() {
		defer close(ix.done)
		ix.run(ctx)
	}()
}

// Close stops the indexer, waits for it, and closes the index.
func (ix *Index) Close() error {
	var err error
	ix.closeOnce.Do(func() {
		close(ix.stop)
		if ix.started.Load() {
			<-ix.done
		}
		ix.bg.Wait()
		ix.mu.Lock()
		defer ix.mu.Unlock()
		if ix.gen != "" {
			flush(ix.cur)
			if err := ix.writeWordsFile(); err != nil {
				ix.log.Warn("listing the words kept for the next start", slog.String("error", err.Error()))
			}
		}
		err = ix.cur.Close()
	})
	return err
}

// flush waits, for up to ten seconds, until what idx holds is on disk.
func flush(idx bleve.Index) {
	b := idx.NewBatch()
	done := make(chan struct{})
	b.SetInternal([]byte("flushed"), []byte(time.Now().UTC().Format(time.RFC3339)))
	b.SetPersistedCallback(func(error) { close(done) })
	if idx.Batch(b) != nil {
		return
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
}
