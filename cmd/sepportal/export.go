package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/dump"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/pdf"
)

// exportFlags are the flags of `sepportal export`.
type exportFlags struct {
	cfg    Config
	pool   string
	holder string
	kind   string
	format string
	lang   string
	out    string
	all    bool
	public bool
	asOf   string
	base   string
}

func parseExport(args []string, stderr io.Writer) (exportFlags, error) {
	var f exportFlags
	fs := flag.NewFlagSet("sepportal export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sepportal export --pool POOL [--kind pool-list|patents|charts] [--format csv|xlsx|jsonl|pdf] [--as-of YYYY-MM-DD] [-o FILE]\n       sepportal export --all [-o FILE]")
		fs.PrintDefaults()
	}
	f.cfg.flags(fs, false)
	fs.StringVar(&f.pool, "pool", "", "export this pool's list (its patents, its charts with --kind)")
	fs.StringVar(&f.holder, "holder", "", "export one organization's patents or charts")
	fs.StringVar(&f.kind, "kind", "", "pool-list, patents or charts (default: pool-list with --pool, else patents)")
	fs.StringVar(&f.format, "format", "", "csv, xlsx, jsonl or pdf (default: from the -o file's extension, else csv); pdf is the pool list only")
	fs.StringVar(&f.asOf, "as-of", "", "the pool list as it was on this day, YYYY-MM-DD (default: as it is now)")
	fs.StringVar(&f.base, "base-url", "http://localhost:8080", "the portal's address, for the links in a PDF")
	fs.StringVar(&f.lang, "lang", "en", "language of the header row: en or zh")
	fs.StringVar(&f.out, "o", "-", "output file; - for standard output")
	fs.BoolVar(&f.all, "all", false, "write a full dump of the store as JSON Lines (restore it with import --all)")
	fs.BoolVar(&f.public, "public", false, "export only what anonymous readers see (default: everything, as an administrator)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return f, errUsage
	}
	return f, nil
}

// runExport writes a list export or, with --all, a full dump.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parseExport(args, stderr)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, f.cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	reg := claimcharts.NewRegistry(store)
	// A dump holds unpublished records and token hashes: only its owner reads it.
	mode := os.FileMode(0o644)
	if f.all {
		mode = 0o600
	}
	return writeOutput(f.out, mode, stdout, func(w io.Writer) error {
		if f.all {
			return writeDump(ctx, reg, w, stderr)
		}
		return exportList(ctx, reg, f, w)
	})
}

// writeOutput writes to stdout, or to a file that appears, with mode, only
// once it is complete.
func writeOutput(path string, mode os.FileMode, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func exportList(ctx context.Context, reg *claimcharts.Registry, f exportFlags, w io.Writer) error {
	var asOf claimcharts.Date
	if f.asOf != "" {
		var err error
		if asOf, err = claimcharts.ParseDate("--as-of", f.asOf); err != nil {
			return err
		}
	}
	actor := claimcharts.System
	if f.public {
		actor = claimcharts.Actor{}
	}
	if f.format == "pdf" || f.format == "" && filepath.Ext(f.out) == ".pdf" {
		return exportPDF(ctx, reg, actor, f, asOf, w)
	}
	kind := lists.Kind(f.kind)
	switch {
	case kind == "" && f.pool != "":
		kind = lists.PoolList
	case kind == "":
		kind = lists.Patents
	}
	format, err := bulk.ParseFormat(f.format)
	if err != nil {
		return err
	}
	if format == "" {
		if format, _ = bulk.ParseFormat(filepath.Ext(f.out)); format == "" {
			format = bulk.CSV
		}
	}
	lw, err := bulk.NewWriter(w, format, kind, f.lang)
	if err != nil {
		return err
	}
	if f.pool != "" {
		p, err := reg.Pool(ctx, actor, f.pool)
		if err != nil {
			return err
		}
		lw.SetTitle(bulk.Title{Pool: p.Name.In(f.lang), AsOf: asOf})
	}
	if err := lists.Export(ctx, reg, actor, kind, lists.Scope{Pool: f.pool, Holder: f.holder, AsOf: asOf}, lw.Write); err != nil {
		return err
	}
	return lw.Close()
}

// exportPDF writes a pool's list as of a day as PDF.
func exportPDF(ctx context.Context, reg *claimcharts.Registry, actor claimcharts.Actor, f exportFlags, asOf claimcharts.Date, w io.Writer) error {
	if f.pool == "" || f.kind != "" && f.kind != string(lists.PoolList) {
		return claimcharts.Errorf(claimcharts.EINVALID, "a PDF export is a pool list: give --pool and no other --kind")
	}
	l, err := pdf.LoadPoolList(ctx, reg, actor, f.pool, asOf)
	if err != nil {
		return err
	}
	return pdf.WritePoolList(w, pdf.Meta{Lang: f.lang, BaseURL: f.base}, l)
}

// writeDump writes every record of the store.
func writeDump(ctx context.Context, reg *claimcharts.Registry, w io.Writer, stderr io.Writer) error {
	dw := bulk.NewDumpWriter(w)
	counts, err := dump.Export(ctx, reg, claimcharts.System, dw.Write)
	if err != nil {
		return err
	}
	if err := dw.Flush(); err != nil {
		return err
	}
	printCounts(stderr, "dumped", counts)
	return nil
}
