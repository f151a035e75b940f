package search

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/search/corpus"
)

// envCrashChild makes the test binary the process that is killed.
const envCrashChild = "SEPPORTAL_TEST_CRASH_CHILD"

// TestCrashConvergence kills a process with kill -9 while it bulk-writes
// to its store and indexes, then restarts the indexer on the same data and
// index directories and checks that the index converges to the store:
// the same (record, revision) pairs, and the same documents as a fresh
// derivation.
func TestCrashConvergence(t *testing.T) {
	if dir := os.Getenv(envCrashChild); dir != "" {
		crashChild(dir)
		return
	}
	ctx, cancel := testContext(t)
	defer cancel()
	dir := t.TempDir()
	// The writer is killed when the test runs out of time, which ends the
	// wait for its progress.
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestCrashConvergence$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCrashChild+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	written, indexed := waitForProgress(t, out, 3000)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	t.Logf("killed the writer after %d patents, %d changes indexed", written, indexed)

	store, err := bolt.Open(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ix, err := Open(filepath.Join(dir, "index"), store, Options{Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.Start()
	waitCaughtUp(ctx, t, ix, store)
	compareWithStore(t, ix, store)
}

// waitForProgress reads the child's progress lines until it has written n
// patents and indexed some changes.
func waitForProgress(t *testing.T, out interface{ Read([]byte) (int, error) }, n int) (written, indexed int) {
	t.Helper()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 4 && f[0] == "written" {
			written, _ = strconv.Atoi(f[1])
			indexed, _ = strconv.Atoi(f[3])
			if written >= n && indexed > 0 {
				return written, indexed
			}
		}
	}
	t.Fatalf("the writer stopped after %d patents (%v)", written, sc.Err())
	return
}

// crashChild writes a corpus until it is killed, with its indexer running,
// and rewrites a patent after each batch so that revisions move too.
func crashChild(dir string) {
	store, err := bolt.Open(filepath.Join(dir, "store"))
	if err != nil {
		panic(err)
	}
	ix, err := Open(filepath.Join(dir, "index"), store, Options{Logger: quietLogger(), Poll: 10 * time.Millisecond})
	if err != nil {
		panic(err)
	}
	ix.Start()
	ctx := context.Background()
	progress := func(done int) {
		if done > 10 {
			touch(ctx, store, done/2)
		}
		fmt.Printf("written %d indexed %d\n", done, ix.Status(ctx).Indexed)
	}
	_, err = corpus.Generate(ctx, store, corpus.Options{Patents: 1 << 30, BatchSize: 250, Progress: progress})
	panic(err)
}

// touch rewrites patent i of the corpus with a new title.
func touch(ctx context.Context, store claimcharts.Store, i int) {
	n, _ := corpus.Number(i)
	key, err := claimcharts.PatentKey(n)
	if err != nil {
		panic(err)
	}
	d, err := store.Get(ctx, claimcharts.KindPatent, key)
	if err != nil {
		panic(err)
	}
	p, err := decode[claimcharts.Patent](d)
	if err != nil {
		panic(err)
	}
	p.Title.En += " (revised)"
	p.Rev = d.Rev + 1
	d.Data, _ = jsonMarshal(p)
	if _, err := store.Put(ctx, d, claimcharts.AuditEvent{Action: "update", Actor: "test"}); err != nil {
		panic(err)
	}
}

// waitCaughtUp waits until the index has followed the whole feed. It
// waits on the indexer's progress; only ctx, which ends before the test's
// own deadline, bounds it.
func waitCaughtUp(ctx context.Context, tb testing.TB, ix *Index, store claimcharts.Store) {
	tb.Helper()
	last, err := lastSeq(ctx, store)
	if err != nil {
		tb.Fatal(err)
	}
	if err := ix.WaitIndexed(ctx, last); err != nil {
		tb.Fatalf("the index did not catch up (%v): %+v, feed at %d", err, ix.Status(context.Background()), last)
	}
}

// compareWithStore checks that the index holds exactly what the store
// derives: the (record, revision) pairs and the document ids.
func compareWithStore(tb testing.TB, ix *Index, store claimcharts.Store) {
	tb.Helper()
	ctx := context.Background()
	gotIDs, gotSources := indexContents(tb, ix)
	wantIDs, wantSources := map[string]bool{}, map[string]bool{}
	src := newSource(store)
	for _, kind := range []claimcharts.Kind{claimcharts.KindStandard, claimcharts.KindPatent} {
		err := eachPage(ctx, store, claimcharts.Query{Kind: kind}, func(docs []claimcharts.Doc) error {
			for _, d := range docs {
				derived, err := deriveStored(ctx, src, d)
				if err != nil {
					return err
				}
				for _, x := range derived {
					wantIDs[x.id] = true
					for _, s := range strings.Split(x.sources, "\n") {
						wantSources[s] = true
					}
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	diff(tb, "document", wantIDs, gotIDs)
	diff(tb, "record revision", wantSources, gotSources)
	tb.Logf("%d documents from %d record revisions agree", len(gotIDs), len(gotSources))
}

// indexContents reads every document id and source of the index.
func indexContents(tb testing.TB, ix *Index) (ids, sources map[string]bool) {
	tb.Helper()
	ids, sources = map[string]bool{}, map[string]bool{}
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 5000, 0, false)
	req.SortBy([]string{"_id"})
	req.Fields = []string{fSources}
	for {
		res, err := ix.alias.Search(req)
		if err != nil {
			tb.Fatal(err)
		}
		for _, h := range res.Hits {
			ids[h.ID] = true
			s, _ := h.Fields[fSources].(string)
			for _, x := range strings.Split(s, "\n") {
				sources[x] = true
			}
		}
		if len(res.Hits) < req.Size {
			return ids, sources
		}
		req.SearchAfter = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// diff reports what one set has that the other lacks.
func diff(tb testing.TB, what string, want, got map[string]bool) {
	tb.Helper()
	var missing, extra []string
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	for k := range got {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		tb.Errorf("%d %ss of the store are not in the index, e.g. %v", len(missing), what, missing[:min(5, len(missing))])
	}
	if len(extra) > 0 {
		tb.Errorf("%d %ss of the index are not in the store, e.g. %v", len(extra), what, extra[:min(5, len(extra))])
	}
}
