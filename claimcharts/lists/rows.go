package lists

import (
	"context"
	"crypto/sha256"
	"errors"
	"hash/fnv"
	"sort"
	"strings"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// importer is one run of Import.
type importer struct {
	r       *claimcharts.Registry // the registry, over the store
	sr      *claimcharts.Registry // the same registry over the stage
	stage   *stage
	actor   claimcharts.Actor
	opts    Options
	src     Source
	cols    map[string]string
	rep     *Report
	handler rowHandler
	dups    dupIndex
	holders holderIndex
	// standards are the registry's standards, for linking references.
	standards []*claimcharts.Standard
	// onCommit runs when the unit in the making is staged whole.
	onCommit []func()
	// writing delivers the outcome of the batch in flight; nil when none.
	writing chan written
	// lastFailed reports that the last batch was not (wholly) written.
	lastFailed    bool
	lastLine      int
	rejectedLines map[int]bool
}

// rowHandler turns rows of one kind of list into records. row returns an
// error only when the import cannot go on; a bad row is rejected through
// importer.unit.
type rowHandler interface {
	row(ctx context.Context, row Row) error
	finish(ctx context.Context) error
}

// newImporter checks that actor may import src and loads what every row
// needs: the pool, the organizations and the standards.
func newImporter(ctx context.Context, r *claimcharts.Registry, actor claimcharts.Actor, src Source, opts Options) (*importer, error) {
	kind := src.Kind()
	rep := &Report{Kind: kind, Source: opts.Source, DryRun: opts.DryRun, Atomic: opts.Atomic,
		Records: map[claimcharts.Kind]*RecordCounts{}, Rejections: []RowIssue{}, Warnings: []RowIssue{}}
	im := &importer{r: r, actor: actor, opts: opts, src: src, cols: src.Columns(), rep: rep, rejectedLines: map[int]bool{}}
	if err := checkImporter(actor, kind); err != nil {
		return im, err
	}
	if im.opts.BatchRows <= 0 {
		im.opts.BatchRows = DefaultBatchRows
	}
	if im.opts.BatchWrites <= 0 {
		im.opts.BatchWrites = DefaultBatchWrites
	}
	if im.opts.MaxAtomicWrites <= 0 {
		im.opts.MaxAtomicWrites = DefaultMaxAtomicWrites
	}
	im.stage = newStage(r.Store, func(k claimcharts.Kind) bool {
		return k == claimcharts.KindOrganization || k == claimcharts.KindPool || k == claimcharts.KindFamily
	})
	// The stage is a Store, so a Registry over it runs the registry's
	// exported checks and Save on the batch in the making.
	im.sr = claimcharts.NewRegistry(im.stage)
	im.sr.Now = r.Now
	im.dups = newDupIndex()
	var err error
	switch kind {
	case PoolList:
		im.handler, err = im.newPoolHandler(ctx)
	case Patents:
		im.handler = &patentHandler{im: im}
	case Charts:
		im.handler = &chartHandler{im: im}
	}
	if err != nil {
		return im, err
	}
	if im.standards, err = claimcharts.All[claimcharts.Standard](ctx, r.Store, claimcharts.KindStandard); err != nil {
		return im, err
	}
	return im, im.holders.load(ctx, r.Store)
}

// unit stages one row, or the rows of one chart, with fn. When fn fails,
// whatever it staged is dropped and the rows are rejected with the reason;
// errors of the store itself stop the import.
func (im *importer) unit(lines []int, fn func() error) error {
	m := im.stage.mark()
	im.onCommit = im.onCommit[:0]
	err := fn()
	if err == nil {
		im.stage.commit(lines)
		for _, f := range im.onCommit {
			f()
		}
		return nil
	}
	im.stage.rollback(m)
	if fatal(err) {
		return err
	}
	for _, is := range im.issues(lines[0], err) {
		im.rejectIssue(is)
	}
	for _, l := range lines[1:] {
		im.rejectIssue(RowIssue{Row: l}.says(msg.RejectedWithChart, lines[0]))
	}
	return nil
}

// forget drops what the importer remembers of records staged in a batch
// that was not written.
func (im *importer) forget() { im.holders.forgetCreated() }

// fatal reports whether err stops an import: a failure of the store or a
// bug, rather than a problem with the row.
func fatal(err error) bool {
	var re *rowError
	if errors.As(err, &re) {
		return false
	}
	code := claimcharts.ErrorCode(err)
	return code == claimcharts.EINTERNAL || code == claimcharts.EUNAVAILABLE
}

// rowError is a problem with one cell of a row; key and args name the
// reason in the message catalog when it is there.
type rowError struct {
	field, value, reason string
	key                  msg.Key
	args                 []any
}

func (e *rowError) Error() string { return e.field + ": " + e.reason }

// badCell returns a rowError for field.
func badCell(field, value, reason string) error {
	return &rowError{field: field, value: value, reason: reason}
}

// reasonOf is the reason err gives: its catalog message when it has one,
// else its English text.
func reasonOf(err error) any {
	var e *claimcharts.Error
	if errors.As(err, &e) && e.Key != "" {
		return msg.Says(e.Key, e.Args...)
	}
	return claimcharts.ErrorMessage(err)
}

// cellErr returns a rowError for field with the reason err gives, in the
// caller's language when err's message is in the catalog.
func cellErr(field, value string, err error) error {
	if m, ok := reasonOf(err).(msg.Msg); ok {
		return cellSays(field, value, m.Key, m.Args...)
	}
	return badCell(field, value, claimcharts.ErrorMessage(err))
}

// cellSays returns a rowError for field whose reason is the catalog's key
// with args, so that a caller reads it in its language.
func cellSays(field, value string, key msg.Key, args ...any) error {
	return &rowError{field: field, value: value, reason: msg.Text("en", key, args...), key: key, args: args}
}

// emptyCell returns a rowError for field, whose cell is empty: the
// catalog's reason key with args.
func emptyCell(field string, key msg.Key, args ...any) error {
	return cellSays(field, "", key, args...)
}

// says returns the issue with its reason the catalog's key with args.
func (is RowIssue) says(key msg.Key, args ...any) RowIssue {
	is.Reason, is.Key, is.Args = msg.Text("en", key, args...), key, args
	return is
}

// issues turns the error of a unit into rejections, naming the column of
// the file each concerns.
func (im *importer) issues(line int, err error) []RowIssue {
	var re *rowError
	if errors.As(err, &re) {
		return []RowIssue{{Row: line, Column: im.header(re.field), Reason: re.reason, Value: shortValue(re.value), Key: re.key, Args: re.args}}
	}
	fields := claimcharts.ErrorFields(err)
	if len(fields) == 0 {
		if m, ok := reasonOf(err).(msg.Msg); ok {
			return []RowIssue{RowIssue{Row: line}.says(m.Key, m.Args...)}
		}
		return []RowIssue{{Row: line, Reason: claimcharts.ErrorMessage(err)}}
	}
	out := make([]RowIssue, 0, len(fields))
	for _, f := range fields {
		var reason any = f.Reason
		if f.Key != "" {
			reason = msg.Says(f.Key, f.Args...)
		}
		is := RowIssue{Row: line, Column: im.header(im.fieldOf(f.Path))}
		out = append(out, is.says(msg.FieldReason, reasonOf(err), f.Path, reason))
	}
	return out
}

// fieldOf names the list field a record field path comes from, "" if none.
func (im *importer) fieldOf(path string) string { return columnOfPath(im.src.Kind(), path) }

// header is a field's column header as the file writes it.
func (im *importer) header(field string) string {
	if h, ok := im.cols[field]; ok {
		return h
	}
	return field
}

// cell returns a row's cell of field, trimmed.
func cell(row Row, field string) string { return strings.TrimSpace(row.Cells[field]) }

// has reports whether the file has a column for field.
func (im *importer) has(field string) bool {
	_, ok := im.cols[field]
	return ok
}

func shortValue(v string) string {
	if r := []rune(v); len(r) > 200 {
		return string(r[:197]) + "..."
	}
	return v
}

// dupIndex finds rows and patent numbers that a file repeats. It keeps a
// hash per row and per number, not the rows, so memory grows by a few
// bytes per number.
type dupIndex struct {
	rows    map[[16]byte]int
	numbers map[uint64]int32
}

func newDupIndex() dupIndex {
	return dupIndex{rows: map[[16]byte]int{}, numbers: map[uint64]int32{}}
}

// row reports whether row repeats an earlier row cell for cell, and which.
func (d dupIndex) row(row Row) (int, bool) {
	fields := make([]string, 0, len(row.Cells))
	for f, v := range row.Cells {
		if strings.TrimSpace(v) != "" {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return 0, false
	}
	sort.Strings(fields)
	h := sha256.New()
	for _, f := range fields {
		h.Write([]byte(f + "\x00" + strings.TrimSpace(row.Cells[f]) + "\x00"))
	}
	var sum [16]byte
	copy(sum[:], h.Sum(nil))
	if first, ok := d.rows[sum]; ok {
		return first, true
	}
	d.rows[sum] = row.Line
	return 0, false
}

// number returns the row that listed a patent key before, if one did.
func (d dupIndex) number(key string) (int, bool) {
	first, ok := d.numbers[numberHash(key)]
	return int(first), ok
}

// addNumber remembers that row line lists key.
func (d dupIndex) addNumber(key string, line int) { d.numbers[numberHash(key)] = int32(line) }

func numberHash(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64()
}
