package search

import (
	"context"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
)

// Batch sizes: changes read per pass, patents derived per bleve batch.
const (
	changesPerPass  = 1000
	patentsPerBatch = 250
)

// run is the indexer: build if needed, then follow the feed until ctx ends.
func (ix *Index) run(ctx context.Context) {
	for ix.needsBuild.Load() {
		err := ix.Rebuild(ctx)
		if err == nil || ctx.Err() != nil {
			break
		}
		ix.fail("build the search index", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Second):
		}
	}
	t := time.NewTicker(ix.opts.Poll)
	defer t.Stop()
	for {
		n, err := ix.SyncOnce(ctx)
		if err != nil && ctx.Err() == nil {
			ix.fail("follow the change feed", err)
		}
		if n >= changesPerPass && ctx.Err() == nil {
			continue // a backlog: no pause until it is read
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (ix *Index) fail(what string, err error) {
	ix.lastErr.Store(what + ": " + err.Error())
	ix.log.Error("search indexer failed to "+what, slog.String("error", err.Error()))
}

// SyncOnce reads the change feed once and indexes what changed. It
// returns how many changes it read; the indexer calls it every Poll, and
// tests call it to catch up without waiting.
func (ix *Index) SyncOnce(ctx context.Context) (int, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	n, err := ix.syncPass(ctx, ix.cur, &ix.feed)
	if err == nil {
		ix.lastErr.Store("")
		ix.publish(&ix.feed)
		if n < changesPerPass && !ix.needsBuild.Load() {
			ix.caughtUp.Store(true)
		}
	}
	return n, err
}

// syncPass indexes the next changes of f into idx, with the new
// checkpoint in the last batch.
func (ix *Index) syncPass(ctx context.Context, idx bleve.Index, f *feed) (int, error) {
	changes, err := f.read(ctx, ix.store, changesPerPass)
	if err != nil || len(changes) == 0 {
		return 0, err
	}
	src := newSource(ix.store)
	t, err := resolve(ctx, src, changes)
	if err != nil {
		return 0, err
	}
	probe := *f
	probe.missing = make(map[uint64]time.Time, len(f.missing))
	for k, v := range f.missing {
		probe.missing[k] = v
	}
	watermark := probe.advance(changes, time.Now(), ix.opts.GapTimeout)
	if err := ix.apply(ctx, idx, src, t, watermark); err != nil {
		return 0, err
	}
	*f = probe
	return len(changes), nil
}

// targets are what a set of changes makes stale: the documents of some
// patents and some standards.
type targets struct {
	patents   map[string]bool
	standards map[string]bool
}

// resolve maps changes to the patents and standards whose documents they
// touch. A patent's documents follow its entries, charts, reviews and
// determinations; a pool's change touches every patent it lists or
// reviews; a standard's, its references and the charts against it.
func resolve(ctx context.Context, src *source, changes []claimcharts.Change) (targets, error) {
	t := targets{patents: map[string]bool{}, standards: map[string]bool{}}
	for _, c := range changes {
		if err := t.add(ctx, src, c); err != nil {
			return t, err
		}
	}
	return t, nil
}

func (t targets) add(ctx context.Context, src *source, c claimcharts.Change) error {
	switch c.Kind {
	case claimcharts.KindPatent:
		t.patents[c.Key] = true
	case claimcharts.KindEntry:
		t.patents[entryPatent(c.Key)] = true
	case claimcharts.KindChart:
		return t.chart(ctx, src, c.Key)
	case claimcharts.KindDetermination:
		d, err := get[claimcharts.Determination](ctx, src.store, c.Kind, c.Key)
		if err == nil && d != nil {
			t.patents[d.Patent] = true
		}
		return err
	case claimcharts.KindChallenge:
		ch, err := get[claimcharts.Challenge](ctx, src.store, c.Kind, c.Key)
		if err == nil && ch != nil {
			t.patents[ch.Patent] = true
		}
		return err
	case claimcharts.KindReview:
		r, err := get[claimcharts.Review](ctx, src.store, c.Kind, c.Key)
		if err != nil || r == nil {
			return err
		}
		return t.chart(ctx, src, r.Chart)
	case claimcharts.KindPool:
		return t.pool(ctx, src, c.Key)
	case claimcharts.KindOrganization:
		// A holder's names are in its patents' documents.
		return eachPage(ctx, src.store, claimcharts.Query{Kind: claimcharts.KindPatent, Where: map[string]string{"holder": c.Key}},
			func(docs []claimcharts.Doc) error {
				for _, d := range docs {
					t.patents[d.Key] = true
				}
				return nil
			})
	case claimcharts.KindStandard:
		t.standards[c.Key] = true
		return eachPage(ctx, src.store, claimcharts.Query{Kind: claimcharts.KindChart, Where: map[string]string{"standard": c.Key}},
			func(docs []claimcharts.Doc) error { return t.chartDocs(docs) })
	}
	return nil
}

func (t targets) chart(ctx context.Context, src *source, id string) error {
	c, err := get[claimcharts.Chart](ctx, src.store, claimcharts.KindChart, id)
	if err == nil && c != nil {
		t.patents[c.Patent] = true
	}
	return err
}

func (t targets) chartDocs(docs []claimcharts.Doc) error {
	for _, d := range docs {
		c, err := decode[claimcharts.Chart](d)
		if err != nil {
			return err
		}
		t.patents[c.Patent] = true
	}
	return nil
}

// pool adds the patents a pool lists and those with charts it reviews.
func (t targets) pool(ctx context.Context, src *source, slug string) error {
	where := map[string]string{"pool": slug}
	err := eachPage(ctx, src.store, claimcharts.Query{Kind: claimcharts.KindEntry, Where: where}, func(docs []claimcharts.Doc) error {
		for _, d := range docs {
			t.patents[entryPatent(d.Key)] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	return eachPage(ctx, src.store, claimcharts.Query{Kind: claimcharts.KindReview, Where: where}, func(docs []claimcharts.Doc) error {
		for _, d := range docs {
			r, err := decode[claimcharts.Review](d)
			if err != nil {
				return err
			}
			if err := t.chart(ctx, src, r.Chart); err != nil {
				return err
			}
		}
		return nil
	})
}

// apply rederives the targets' documents into idx in batches, replacing
// what the index held for them, and saves the checkpoint with the last batch.
func (ix *Index) apply(ctx context.Context, idx bleve.Index, src *source, t targets, checkpoint uint64) error {
	recs := make([]string, 0, len(t.patents)+len(t.standards))
	for k := range t.standards {
		recs = append(recs, recStandard(k))
	}
	for k := range t.patents {
		recs = append(recs, recPatent(k))
	}
	sort.Strings(recs)
	for {
		chunk := recs[:min(len(recs), patentsPerBatch)]
		recs = recs[len(chunk):]
		b, err := ix.rederive(ctx, idx, src, chunk)
		if err != nil {
			return err
		}
		last := len(recs) == 0
		if last {
			b.SetInternal(keyCheckpoint, []byte(strconv.FormatUint(checkpoint, 10)))
		}
		err = idx.Batch(b)
		ix.cache.changed()
		if err != nil || last {
			return err
		}
	}
}

// rederive returns a batch that replaces the documents of the records.
func (ix *Index) rederive(ctx context.Context, idx bleve.Index, src *source, recs []string) (*bleve.Batch, error) {
	b := idx.NewBatch()
	if len(recs) == 0 {
		return b, nil
	}
	stale, err := docsOf(ctx, idx, recs)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		docs, err := derive(ctx, src, rec)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			delete(stale, d.id)
			if err := b.Index(d.id, d.fields()); err != nil {
				return nil, err
			}
		}
	}
	for id := range stale {
		b.Delete(id)
	}
	return b, nil
}

// derive returns the documents a record owns now.
func derive(ctx context.Context, src *source, rec string) ([]*doc, error) {
	kind, key, _ := strings.Cut(rec, "/") // "kind/key"
	if claimcharts.Kind(kind) == claimcharts.KindStandard {
		s, err := src.standard(ctx, key)
		if err != nil || s == nil {
			return nil, err
		}
		return referenceDocs(s), nil
	}
	u, err := src.loadUnit(ctx, key)
	if err != nil || u == nil {
		return nil, err
	}
	return u.docs(), nil
}

// docsOf returns the ids of the documents the records own in idx.
func docsOf(ctx context.Context, idx bleve.Index, recs []string) (map[string]bool, error) {
	qs := make([]query.Query, len(recs))
	for i, r := range recs {
		qs[i] = termQuery(fRec, r)
	}
	out := map[string]bool{}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(qs), 10000, 0, false)
	req.SortBy([]string{"_id"})
	req.Score = "none"
	for {
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			out[h.ID] = true
		}
		if len(res.Hits) < req.Size {
			return out, nil
		}
		req.SearchAfter = []string{res.Hits[len(res.Hits)-1].ID}
	}
}
