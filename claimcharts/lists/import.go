package lists

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// Import: a list file (a pool's patent list, patents, claim charts) read
// row by row and turned into records. The rules are the registry's own:
// each record is validated and checked as the API would, written with an
// audit event whose action is "import", in batches through Store.PutMany.
// A record whose content would not change is not written and counts as
// unchanged, so importing a file twice changes nothing the second time.

// Kind names what a list file holds.
type Kind string

// The kinds of list.
const (
	// PoolList is a pool's patent list as administrators publish it, one
	// row per family (or per patent, with a family column).
	PoolList Kind = "pool-list"
	// Patents is patents with their bibliographic data and claims.
	Patents Kind = "patents"
	// Charts is claim charts, one row per element mapping.
	Charts Kind = "charts"
)

// Kinds are the kinds of list, in the order a pool's files import.
var Kinds = []Kind{Patents, PoolList, Charts}

// Valid reports whether k is a kind of list.
func (k Kind) Valid() bool { return k == PoolList || k == Patents || k == Charts }

// KindError is the error of k, which is not a kind of list: it names the
// kinds there are.
func KindError(k Kind) error {
	return claimcharts.Says(claimcharts.EINVALID, msg.UnknownListKind).With(
		claimcharts.Because("kind", msg.OneOf, strings.Join([]string{string(PoolList), string(Patents), string(Charts)}, ", "), string(k)))
}

// Row is one data row of a list: its row number as the user sees it in
// the file (1-based, counting title and header rows) and its cells by
// field name (see Columns).
type Row struct {
	Line  int
	Cells map[string]string
	// Reject, when set, is why the reader could not read the row (bad
	// bytes, a formula without a value...); the row is rejected with it.
	Reject *RowIssue
	// Notes are the reader's remarks on the row (a merged cell filled in),
	// reported as warnings.
	Notes []RowIssue
}

// Source is a stream of rows; claimcharts/bulk reads files into one.
type Source interface {
	// Kind is what the list holds.
	Kind() Kind
	// Columns maps each field the file has to its header as written.
	Columns() map[string]string
	// Next returns the next row, io.EOF after the last, or an error when the
	// file cannot be read any further.
	Next() (Row, error)
}

// Options control an import.
type Options struct {
	// Pool is the pool a pool list belongs to.
	Pool string
	// Source names the file, for history notes and the report.
	Source string
	// DryRun checks every row and reports what would change, writing nothing.
	DryRun bool
	// Atomic writes nothing unless every row is good. The embedded store
	// then commits the whole file in one transaction; MongoDB, which has no
	// multi-document transactions, writes it in order after every row has
	// been checked, and a store failure during those writes cannot be
	// rolled back (the report says which rows were written).
	Atomic bool
	// BatchRows is how many rows go into one write batch at most (default
	// 1,000), and BatchWrites how many record writes (default 2,000): a
	// batch is one transaction of the embedded store, whose memory and cost
	// grow with its size.
	BatchRows   int
	BatchWrites int
	// MaxAtomicWrites caps the records an atomic import may hold in memory
	// (default 200,000); a bigger file is refused.
	MaxAtomicWrites int
	// Progress, when set, is called with the report so far after each batch.
	Progress func(Report)
}

// Import defaults.
const (
	DefaultBatchRows       = 1000
	DefaultBatchWrites     = 2000
	DefaultMaxAtomicWrites = 200_000
	// MaxReportIssues caps the rejections and warnings a report lists; the
	// rest are counted.
	MaxReportIssues = 1000
)

// Report says what an import read, wrote and refused.
type Report struct {
	Kind   Kind   `json:"kind"`
	Pool   string `json:"pool,omitempty"`
	Source string `json:"source,omitempty"`
	DryRun bool   `json:"dry_run"`
	Atomic bool   `json:"atomic"`
	// Rows counts the data rows read (blank rows are skipped).
	Rows int `json:"rows"`
	// Created, Updated and Unchanged count records; Records breaks them
	// down by kind. In a dry run they are what would happen.
	Created   int                                `json:"created"`
	Updated   int                                `json:"updated"`
	Unchanged int                                `json:"unchanged"`
	Records   map[claimcharts.Kind]*RecordCounts `json:"records"`
	// Rejected counts rows not imported; Rejections says why, row by row.
	Rejected   int        `json:"rejected"`
	Rejections []RowIssue `json:"rejections"`
	Warnings   []RowIssue `json:"warnings"`
	// Omitted counts rejections and warnings beyond MaxReportIssues.
	Omitted int `json:"omitted,omitempty"`
	// Written reports whether anything was written.
	Written bool `json:"written"`
	// Error is why the import stopped early, if it did; err is that
	// error, which In words in the reader's language.
	Error string `json:"error,omitempty"`
	err   error
	// Elapsed is the import's duration in seconds.
	Elapsed float64 `json:"elapsed_seconds"`
}

// RecordCounts count the records of one kind an import created, updated
// and left unchanged.
type RecordCounts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// Refused reports whether the import took none of the file: every row was
// rejected, or an atomic import had a rejected row and so wrote nothing. A
// dry run is never refused. An import with some rows rejected and the
// others imported, or already in place and unchanged, is not refused: the
// rows in place are what the file asked for, and the rejections say what
// is missing. So a re-import that changes nothing is not a failure.
func (r *Report) Refused() bool {
	return r.Rejected > 0 && !r.DryRun && (r.Atomic || r.Rejected == r.Rows)
}

// RowIssue is a rejection or warning: the row as the user sees it in the
// file, the column by its header, and the reason.
type RowIssue struct {
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	Reason string `json:"reason"`
	Value  string `json:"value,omitempty"`
	// Key and Args name Reason in the message catalog, when it is there,
	// so that it can be shown in the caller's language.
	Key  msg.Key `json:"-"`
	Args []any   `json:"-"`
}

// Import reads a list into the registry r. Pool lists need an administrator:
// their entries are admitted (the list is what the pool has admitted),
// which is the one way onto a list without a published determination.
// Patents and charts may also be imported by a licensor, for its own
// organization's patents. A bad row is rejected and the others go on,
// unless opts.Atomic. Import returns an error, with the report so far,
// when it cannot start or the file cannot be read to its end.
func Import(ctx context.Context, r *claimcharts.Registry, actor claimcharts.Actor, src Source, opts Options) (*Report, error) {
	start := time.Now()
	im, err := newImporter(ctx, r, actor, src, opts)
	if err != nil {
		return im.rep, err
	}
	err = im.run(ctx)
	im.rep.Elapsed = time.Since(start).Seconds()
	if err != nil {
		im.rep.Error, im.rep.err = claimcharts.ErrorMessage(err), err
	}
	return im.rep, err
}

// In returns a copy of the report whose rejections, warnings and error read in
// lang ("zh" or "en"): the catalog's text for a reason it holds.
func (r *Report) In(lang string) *Report {
	if r == nil {
		return nil
	}
	out := *r
	out.Rejections, out.Warnings = issuesIn(r.Rejections, lang), issuesIn(r.Warnings, lang)
	if r.err != nil {
		out.Error, _ = claimcharts.ErrorIn(r.err, lang)
	}
	return &out
}

func issuesIn(issues []RowIssue, lang string) []RowIssue {
	if issues == nil {
		return nil
	}
	out := make([]RowIssue, len(issues))
	for i, is := range issues {
		is.Reason = claimcharts.FieldError{Reason: is.Reason, Key: is.Key, Args: is.Args}.In(lang)
		out[i] = is
	}
	return out
}

// checkImporter says whether actor may import a list of kind.
func checkImporter(actor claimcharts.Actor, kind Kind) error {
	switch {
	case !kind.Valid():
		return KindError(kind)
	case kind == PoolList:
		return claimcharts.RequireAdmin(actor, msg.ActImportPoolLists)
	case !actor.IsAdmin() && actor.Role != claimcharts.RoleLicensor:
		return claimcharts.Forbidden(actor, msg.ActImport, msg.Noun(kind))
	}
	return nil
}

// run reads every row, writing batch by batch, and the last batch.
func (im *importer) run(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return im.stop(ctx, &claimcharts.Error{Code: claimcharts.EUNAVAILABLE, Message: "the import was cancelled", Err: err})
		}
		row, err := im.src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return im.stop(ctx, err)
		}
		im.rep.Rows++
		im.lastLine = row.Line
		if err := im.handle(ctx, row); err != nil {
			return im.stop(ctx, err)
		}
		if err := im.maybeFlush(ctx); err != nil {
			return im.stop(ctx, err)
		}
	}
	if err := im.handler.finish(ctx); err != nil {
		return im.stop(ctx, err)
	}
	return im.finish(ctx)
}

// handle passes a row to the kind's handler, unless the reader rejected it
// or it repeats an earlier row.
func (im *importer) handle(ctx context.Context, row Row) error {
	for _, n := range row.Notes {
		im.warn(n)
	}
	if row.Reject != nil {
		im.rejectIssue(*row.Reject)
		return nil
	}
	if first, dup := im.dups.row(row); dup {
		im.warn(RowIssue{Row: row.Line}.says(msg.RowRepeats, first))
		return nil
	}
	return im.handler.row(ctx, row)
}

// maybeFlush writes the staged batch once it holds enough rows; an atomic
// import writes only at the end, within its cap.
func (im *importer) maybeFlush(ctx context.Context) error {
	if im.opts.Atomic {
		if n := im.stage.writes(); n > im.opts.MaxAtomicWrites {
			return claimcharts.Says(claimcharts.ETOOLARGE, msg.AtomicTooLarge, im.opts.MaxAtomicWrites)
		}
		return nil
	}
	if im.stage.rows < im.opts.BatchRows && im.stage.writes() < im.opts.BatchWrites {
		return nil
	}
	return im.flush(ctx)
}

// finish writes the last batch; an atomic import writes it only if no row
// was rejected.
func (im *importer) finish(ctx context.Context) error {
	if im.opts.Atomic && im.rep.Rejected > 0 {
		im.stage.discard()
		im.warn(RowIssue{}.says(msg.AtomicNothing))
		return nil
	}
	if err := im.flush(ctx); err != nil {
		return err
	}
	return im.wait()
}

// stop ends an import that cannot go on. A non-atomic import whose file
// cannot be read further writes the rows staged before; a store failure or
// an atomic import writes nothing more. The report says what was written.
func (im *importer) stop(ctx context.Context, err error) error {
	if im.opts.Atomic || fatal(err) {
		im.stage.discard()
	} else if ferr := im.flush(ctx); ferr != nil {
		im.stage.discard()
	}
	if werr := im.wait(); werr != nil && !fatal(err) {
		err = werr
	}
	key := msg.StoppedNothing
	if im.rep.Written {
		key = msg.StoppedWritten
	}
	im.addIssue(RowIssue{}.says(key, im.lastLine, reasonOf(err)))
	return err
}

// count adds a written unit's record counts to the report.
func (im *importer) count(c kindCounts) {
	for kind, n := range c {
		rc := im.rep.Records[kind]
		if rc == nil {
			rc = &RecordCounts{}
			im.rep.Records[kind] = rc
		}
		rc.Created += n.Created
		rc.Updated += n.Updated
		rc.Unchanged += n.Unchanged
		im.rep.Created += n.Created
		im.rep.Updated += n.Updated
		im.rep.Unchanged += n.Unchanged
	}
}

// warn adds a warning to the report.
func (im *importer) warn(w RowIssue) {
	if len(im.rep.Warnings) >= MaxReportIssues {
		im.rep.Omitted++
		return
	}
	im.rep.Warnings = append(im.rep.Warnings, w)
}

// rejectIssue counts a rejected row and lists why.
func (im *importer) rejectIssue(is RowIssue) {
	if is.Row > 0 && im.rejectedLines[is.Row] {
		im.addIssue(is)
		return
	}
	if is.Row > 0 {
		im.rejectedLines[is.Row] = true
		im.rep.Rejected++
	}
	im.addIssue(is)
}

func (im *importer) addIssue(is RowIssue) {
	if len(im.rep.Rejections) >= MaxReportIssues {
		im.rep.Omitted++
		return
	}
	im.rep.Rejections = append(im.rep.Rejections, is)
}
