package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sepportal/search/corpus"
)

// defaultClaims is where the sample of real US claims lives, relative to
// the repository root.
const defaultClaims = "../shared/data/us_claims_sample.tsv"

// runGenCorpus writes a generated corpus into the store, for benchmarks.
func runGenCorpus(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	var cfg Config
	fs := flag.NewFlagSet("sepportal gen-corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs, false)
	patents := fs.Int("patents", 0, "number of patents to generate (each with a pool entry, a chart element and a determination)")
	seed := fs.Uint64("seed", 1, "seed of the generated text")
	claims := fs.String("claims", defaultClaims, "TSV of real claims (number<TAB>text) to mix in; skipped when absent")
	vocabulary := fs.String("vocabulary", corpus.Dense, "the text's vocabulary: dense (some 70 terms, every query matches much) or zipf (the real claims' words, Zipf-distributed)")
	peer := fs.String("peer-dir", "", "also write the documents' text and the benchmark queries here, for scripts/pgpeer.sh")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if *patents <= 0 {
		return errors.New("give --patents N with N > 0")
	}
	opts := corpus.Options{Patents: *patents, Seed: *seed, Vocabulary: *vocabulary}
	real, err := corpus.ReadClaims(*claims)
	switch {
	case errors.Is(err, os.ErrNotExist):
		fmt.Fprintf(stderr, "real claims not found at %s: generating without them\n", *claims)
	case err != nil:
		return err
	default:
		opts.Claims = real
	}
	if *peer != "" {
		done, err := writePeerData(*peer, &opts)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := done(); err == nil {
				err = cerr
			}
		}()
	}
	store, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	start, last := time.Now(), time.Now()
	opts.Progress = func(done int) {
		if time.Since(last) > 10*time.Second {
			last = time.Now()
			fmt.Fprintf(stderr, "%d patents written (%s)\n", done, time.Since(start).Round(time.Second))
		}
	}
	sum, err := corpus.Generate(ctx, store, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d patents, %d families, %d charts, %d entries, %d determinations (%d records, %d real claims) in %s\n",
		sum.Patents, sum.Families, sum.Charts, sum.Entries, sum.Determinations, sum.Records, sum.RealClaims, time.Since(start).Round(time.Second))
	return nil
}

// writePeerData opens dir/docs.tsv for opts.Text to fill with the
// documents' text, and writes the benchmark's two-word queries to
// dir/queries-en.tsv and dir/queries-zh.tsv, all in PostgreSQL's COPY text
// format. The returned function closes the documents' file.
func writePeerData(dir string, opts *corpus.Options) (func() error, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var en, zh strings.Builder
	for i, q := range corpus.Queries(opts.Vocabulary, opts.Claims, 5, 1000) {
		b := &en
		if i%3 == 1 { // the queries are Chinese at every third place from 1
			b = &zh
		}
		fmt.Fprintf(b, "%s\n", copyField(q))
	}
	for name, b := range map[string]*strings.Builder{"queries-en.tsv": &en, "queries-zh.tsv": &zh} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			return nil, err
		}
	}
	f, err := os.Create(filepath.Join(dir, "docs.tsv"))
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	opts.Text = func(id, en, zh string) error {
		_, err := fmt.Fprintf(w, "%s\t%s\t%s\n", copyField(id), copyField(en), copyField(zh))
		return err
	}
	return func() error {
		if err := w.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}, nil
}

// copyField escapes s for PostgreSQL's COPY text format.
var copyField = strings.NewReplacer("\\", "\\\\", "\t", "\\t", "\n", "\\n", "\r", "\\r").Replace
