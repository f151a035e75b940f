package corpus

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"sepportal/claimcharts"
)

// Pool is the published pool every generated patent is admitted to.
const Pool = "bench-pool"

// Options say what to generate.
type Options struct {
	// Patents is how many patents to write; each comes with an entry, a
	// chart of one element and a determination, and every third starts a
	// family.
	Patents int
	// Seed makes the text reproducible.
	Seed uint64
	// Claims are real English claims mixed into every fifth patent
	// (ReadClaims reads ../shared/data/us_claims_sample.tsv).
	Claims []string
	// Vocabulary is Dense (the default) or Zipf, which draws the terms
	// from the words of Claims.
	Vocabulary string
	// BatchSize is the number of records per PutMany; 0 means 1000.
	BatchSize int
	// Progress, if set, is called after each batch with the patents done.
	Progress func(done int)
	// Text, if set, is called with the searchable text of every patent
	// (title, abstract, claims) and of every chart element (element text,
	// quote, explanation), English and Chinese apart: what a peer search
	// engine loads to be compared with the index on the same documents.
	Text func(id, en, zh string) error
}

// Summary counts what was written.
type Summary struct {
	Patents, Families, Charts, Entries, Determinations, Records int
	RealClaims                                                  int
}

// ReadClaims reads a tab-separated file of "number<TAB>claim text".
func ReadClaims(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if _, text, ok := strings.Cut(sc.Text(), "\t"); ok && strings.TrimSpace(text) != "" {
			out = append(out, strings.TrimSpace(text))
		}
	}
	return out, sc.Err()
}

// Holders is how many licensor organizations the corpus has.
const Holders = 40

// Generate writes the corpus into store. Records are written as the
// registry writes them (revision 1, indexes, audit event), in batches.
func Generate(ctx context.Context, store claimcharts.Store, opts Options) (Summary, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 1000
	}
	g := &generator{store: store, opts: opts, now: time.Now().UTC(), stds: standards()}
	switch opts.Vocabulary {
	case "", Dense:
	case Zipf:
		vocab := zipfTerms(opts.Claims)
		if len(vocab) < 2 {
			return g.sum, errors.New("a Zipf vocabulary is drawn from real claims: give some")
		}
		g.zipf = &zipfDraw{vocab: vocab}
	default:
		return g.sum, fmt.Errorf("unknown vocabulary %q (use %s)", opts.Vocabulary, strings.Join(Vocabularies, " or "))
	}
	if err := g.fixed(ctx); err != nil {
		return g.sum, err
	}
	for i := 0; i < opts.Patents; i++ {
		if err := g.patent(ctx, i); err != nil {
			return g.sum, err
		}
	}
	return g.sum, g.flush(ctx)
}

type generator struct {
	store   claimcharts.Store
	opts    Options
	now     time.Time
	stds    []*claimcharts.Standard
	pending []claimcharts.Write
	sum     Summary
	zipf    *zipfDraw // nil for the dense vocabulary
}

// words draws the topic terms of one patent from the corpus's vocabulary.
func (g *generator) words(r *rand.Rand, wifi bool) []term {
	if g.zipf != nil {
		return g.zipf.words(r)
	}
	return words(r, wifi)
}

// put queues a record for the next batch.
func (g *generator) put(ctx context.Context, rec claimcharts.Record) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	idx := claimcharts.DocIndexes(rec)
	sum := sha256.Sum256(data)
	ev := claimcharts.AuditEvent{Kind: rec.Kind(), Key: rec.Key(), Rev: 1, Action: "create", Actor: "admin:gen-corpus",
		At: g.now, HashAfter: hex.EncodeToString(sum[:])}
	g.pending = append(g.pending, claimcharts.Write{Doc: claimcharts.Doc{Kind: rec.Kind(), Key: rec.Key(), Indexes: idx,
		Data: data, Updated: g.now}, Event: ev})
	g.sum.Records++
	if len(g.pending) >= g.opts.BatchSize {
		return g.flush(ctx)
	}
	return nil
}

func (g *generator) flush(ctx context.Context) error {
	if len(g.pending) == 0 {
		return nil
	}
	if _, err := g.store.PutMany(ctx, g.pending); err != nil {
		return fmt.Errorf("write batch: %w", err)
	}
	g.pending = g.pending[:0]
	if g.opts.Progress != nil {
		g.opts.Progress(g.sum.Patents)
	}
	return nil
}

func (g *generator) meta() claimcharts.Meta {
	return claimcharts.Meta{Rev: 1, CreatedAt: g.now, UpdatedAt: g.now}
}

// fixed writes the organizations, the standards and the pool.
func (g *generator) fixed(ctx context.Context) error {
	countries := []string{"CN", "US", "DE", "JP", "KR"}
	var slugs []string
	for h := range Holders {
		o := &claimcharts.Organization{Slug: HolderSlug(h), Roles: []string{"licensor"}, Country: countries[h%len(countries)], Meta: g.meta(),
			Name: claimcharts.Text{En: fmt.Sprintf("Benchmark Licensor %02d", h), Zh: fmt.Sprintf("基准许可方%02d", h)}}
		slugs = append(slugs, o.Slug)
		if err := g.put(ctx, o); err != nil {
			return err
		}
	}
	for _, s := range g.stds {
		s.Meta = g.meta()
		if err := g.put(ctx, s); err != nil {
			return err
		}
	}
	pool := &claimcharts.Pool{Slug: Pool, Name: claimcharts.Text{En: "Benchmark pool", Zh: "基准专利池"}, Status: claimcharts.StatusPublished,
		Standards: []string{VideoStandard, WiFiStandard}, Licensors: slugs, Meta: g.meta(),
		Policy: claimcharts.AdmissionPolicy{ReviewersRequired: 1, Rule: "unanimous"}}
	return g.put(ctx, pool)
}

// HolderSlug is the slug of the h-th licensor organization.
func HolderSlug(h int) string { return fmt.Sprintf("bench-licensor-%02d", h) }

// rng is the random source of patent i: the same text for the same seed.
func (g *generator) rng(i int) *rand.Rand { return rand.New(rand.NewPCG(g.opts.Seed, uint64(i))) }
