package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"sepportal/search/corpus"
)

// defaultClaims is where the sample of real US claims lives, relative to
// the repository root.
const defaultClaims = "../shared/data/us_claims_sample.tsv"

// runGenCorpus writes a generated corpus into the store, for benchmarks.
func runGenCorpus(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("sepportal gen-corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs, false)
	patents := fs.Int("patents", 0, "number of patents to generate (each with a pool entry, a chart element and a determination)")
	seed := fs.Uint64("seed", 1, "seed of the generated text")
	claims := fs.String("claims", defaultClaims, "TSV of real claims (number<TAB>text) to mix in; skipped when absent")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if *patents <= 0 {
		return errors.New("give --patents N with N > 0")
	}
	opts := corpus.Options{Patents: *patents, Seed: *seed}
	real, err := corpus.ReadClaims(*claims)
	switch {
	case errors.Is(err, os.ErrNotExist):
		fmt.Fprintf(stderr, "real claims not found at %s: generating without them\n", *claims)
	case err != nil:
		return err
	default:
		opts.Claims = real
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
