package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/dump"
	"sepportal/claimcharts/lists"
)

// DefaultMaxImportFile is the largest file `sepportal import` reads
// (--max-size); the API's limit is lower.
const DefaultMaxImportFile = 2 << 30

// importFlags are the flags of `sepportal import`.
type importFlags struct {
	cfg     Config
	pool    string
	kind    string
	format  string
	dryRun  bool
	atomic  bool
	all     bool
	jsonOut bool
	maxSize int64
	batch   int
	file    string
}

func parseImport(args []string, stderr io.Writer) (importFlags, error) {
	var f importFlags
	fs := flag.NewFlagSet("sepportal import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sepportal import FILE --pool POOL [--kind pool-list|patents|charts] [--dry-run] [--atomic]\n       sepportal import --all DUMP")
		fs.PrintDefaults()
	}
	f.cfg.flags(fs, false)
	fs.StringVar(&f.pool, "pool", "", "the pool a pool list belongs to")
	fs.StringVar(&f.kind, "kind", "", "what the file holds: pool-list, patents or charts (default: pool-list with --pool, else told from the headers)")
	fs.StringVar(&f.format, "format", "", "csv, xlsx or jsonl (default: told from the file)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "check every row and report what would change, writing nothing")
	fs.BoolVar(&f.atomic, "atomic", false, "write nothing unless every row is good (one transaction on the embedded store)")
	fs.BoolVar(&f.all, "all", false, "restore a full dump (sepportal export --all) into an empty store")
	fs.BoolVar(&f.jsonOut, "json", false, "print the report as JSON")
	fs.Int64Var(&f.maxSize, "max-size", DefaultMaxImportFile, "refuse list files larger than this many bytes")
	fs.IntVar(&f.batch, "batch", lists.DefaultBatchRows, "rows per write batch")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return f, errUsage
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "sepportal import: give exactly one file")
		fs.Usage()
		return f, errUsage
	}
	f.file = files[0]
	return f, nil
}

// parseInterspersed parses flags that may come after the positional
// arguments ("import FILE --pool P"), and returns those arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
}

// runImport imports a list file, or with --all restores a full dump.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parseImport(args, stderr)
	if err != nil {
		return err
	}
	st, err := os.Stat(f.file)
	if err != nil {
		return err
	}
	if !f.all && st.Size() > f.maxSize { // a dump is as large as the store
		return fmt.Errorf("%s is %d bytes; the limit is %d (--max-size)", f.file, st.Size(), f.maxSize)
	}
	store, err := openStore(ctx, f.cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	reg := claimcharts.NewRegistry(store)
	if f.all {
		return restore(ctx, reg, f, stdout, stderr)
	}
	return importList(ctx, reg, f, stdout, stderr)
}

// importList imports one list file and prints the report.
func importList(ctx context.Context, reg *claimcharts.Registry, f importFlags, stdout, stderr io.Writer) error {
	format, err := bulk.ParseFormat(f.format)
	if err != nil {
		return err
	}
	kind := lists.Kind(f.kind)
	if kind == "" && f.pool != "" {
		kind = lists.PoolList
	}
	r, err := bulk.Open(f.file, bulk.Options{Kind: kind, Format: format})
	if err != nil {
		return err
	}
	defer r.Close()
	p := newProgress(stderr)
	rep, err := lists.Import(ctx, reg, claimcharts.System, r, lists.Options{Pool: f.pool, Source: filepath.Base(f.file),
		DryRun: f.dryRun, Atomic: f.atomic, BatchRows: f.batch, Progress: p.report})
	p.done()
	if rep != nil {
		printReport(stdout, rep, r.Info(), f.jsonOut)
	}
	switch {
	case err != nil:
		return withFlags(err, f)
	case rep.Rejected > 0:
		return fmt.Errorf("%d of %d rows were rejected", rep.Rejected, rep.Rows)
	}
	return nil
}

// withFlags adds to an import's error the flag that answers it: the
// domain's messages name options as the API does, not as flags.
func withFlags(err error, f importFlags) error {
	switch {
	case claimcharts.ErrorCode(err) == claimcharts.ETOOLARGE && f.atomic:
		return fmt.Errorf("%w (drop --atomic, or split the file)", err)
	case slices.ContainsFunc(claimcharts.ErrorFields(err), func(fe claimcharts.FieldError) bool { return fe.Path == "pool" }):
		return fmt.Errorf("%w (name the pool with --pool)", err)
	}
	return err
}

// printReport prints an import report for people, or as JSON.
func printReport(w io.Writer, rep *lists.Report, info bulk.Info, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			*lists.Report
			File bulk.Info `json:"file"`
		}{rep, info})
		return
	}
	mode := ""
	switch {
	case rep.DryRun:
		mode = " (dry run: nothing written)"
	case rep.Atomic:
		mode = " (atomic)"
	}
	fmt.Fprintf(w, "%s %s%s: %s", rep.Kind, rep.Source, mode, info.Format)
	if info.Sheet != "" {
		fmt.Fprintf(w, ", sheet %q", info.Sheet)
	}
	if info.Encoding != "" {
		fmt.Fprintf(w, ", %s", info.Encoding)
	}
	if info.HeaderRow > 0 {
		fmt.Fprintf(w, ", header on row %d", info.HeaderRow)
	}
	fmt.Fprintf(w, "\nrows read %d, rejected %d; records created %d, updated %d, unchanged %d in %.1fs\n",
		rep.Rows, rep.Rejected, rep.Created, rep.Updated, rep.Unchanged, rep.Elapsed)
	kinds := make([]string, 0, len(rep.Records))
	for k := range rep.Records {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		c := rep.Records[claimcharts.Kind(k)]
		fmt.Fprintf(w, "  %-13s created %d, updated %d, unchanged %d\n", k, c.Created, c.Updated, c.Unchanged)
	}
	printIssues(w, "rejected", rep.Rejections)
	printIssues(w, "warnings", rep.Warnings)
	if rep.Omitted > 0 {
		fmt.Fprintf(w, "(%d more rejections and warnings are not listed)\n", rep.Omitted)
	}
}

func printIssues(w io.Writer, title string, issues []lists.RowIssue) {
	if len(issues) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	for _, is := range issues {
		at := "  "
		if is.Row > 0 {
			at += fmt.Sprintf("row %d", is.Row)
		}
		if is.Column != "" {
			at += ", " + is.Column
		}
		fmt.Fprintf(w, "%s: %s\n", at, is.Reason)
	}
}

// restore reads a full dump twice: once to check every record, then to
// write them into the empty store.
func restore(ctx context.Context, reg *claimcharts.Registry, f importFlags, stdout, stderr io.Writer) error {
	p := newProgress(stderr)
	for _, dry := range []bool{true, false} {
		if !dry && f.dryRun {
			break
		}
		file, err := os.Open(f.file)
		if err != nil {
			return err
		}
		counts, err := dump.Restore(ctx, reg, claimcharts.System, bulk.DumpReader(file, 0),
			dump.Options{DryRun: dry, BatchSize: f.batch, Progress: p.records(dry)})
		file.Close()
		p.done()
		if err != nil {
			return err
		}
		if !dry || f.dryRun {
			printCounts(stdout, map[bool]string{true: "checked (dry run: nothing written)", false: "restored"}[dry], counts)
		}
	}
	return nil
}

func printCounts(w io.Writer, what string, counts map[claimcharts.Kind]int) {
	total := 0
	for _, n := range counts {
		total += n
	}
	fmt.Fprintf(w, "%s %d records:", what, total)
	for _, k := range claimcharts.Kinds {
		if counts[k] > 0 {
			fmt.Fprintf(w, " %s %d", k, counts[k])
		}
	}
	fmt.Fprintln(w)
}

// progress shows a long import's progress on stderr: a line rewritten in
// place on a terminal, a line every few seconds otherwise.
type progress struct {
	w       io.Writer
	tty     bool
	start   time.Time
	last    time.Time
	printed bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// due reports whether it is time for another progress line.
func (p *progress) due() bool {
	every := 5 * time.Second
	if p.tty {
		every = 500 * time.Millisecond
	}
	if time.Since(p.last) < every || time.Since(p.start) < 2*time.Second {
		return false
	}
	p.last = time.Now()
	return true
}

func (p *progress) line(s string) {
	p.printed = true
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", s)
		return
	}
	fmt.Fprintln(p.w, s)
}

// report is ImportOptions.Progress.
func (p *progress) report(rep lists.Report) {
	if !p.due() {
		return
	}
	secs := time.Since(p.start).Seconds()
	p.line(fmt.Sprintf("%d rows (%.0f/s): created %d, updated %d, unchanged %d, rejected %d rows",
		rep.Rows, float64(rep.Rows)/secs, rep.Created, rep.Updated, rep.Unchanged, rep.Rejected))
}

// records is dump.Options.Progress.
func (p *progress) records(dry bool) func(int) {
	verb := map[bool]string{true: "checked", false: "restored"}[dry]
	return func(n int) {
		if p.due() {
			p.line(fmt.Sprintf("%d records %s (%.0f/s)", n, verb, float64(n)/time.Since(p.start).Seconds()))
		}
	}
}

// done ends the progress line.
func (p *progress) done() {
	if p.printed && p.tty {
		fmt.Fprintln(p.w)
	}
	p.printed = false
}
