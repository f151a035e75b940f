package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"sepportal/claimcharts/bolt"
)

// runCompact rewrites the embedded store with its pages full (see
// bolt.Compact), with no server running on it.
func runCompact(_ context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("sepportal compact", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs, false)
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if cfg.MongoURI != "" {
		return errors.New("compact rewrites the embedded store's file; MongoDB compacts its own collections (its compact command)")
	}
	start := time.Now()
	c, err := bolt.Compact(cfg.DataDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "compacted %s: %s → %s in %s\n", c.File, megabytes(c.Before), megabytes(c.After), time.Since(start).Round(time.Second))
	return nil
}

// megabytes writes n bytes in MB.
func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
