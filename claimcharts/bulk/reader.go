package bulk

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/msg"
)

// Format is the format of a list file.
type Format string

// The formats of list files.
const (
	CSV   Format = "csv"
	XLSX  Format = "xlsx"
	JSONL Format = "jsonl"
)

// Formats are the formats of list files.
var Formats = []Format{CSV, XLSX, JSONL}

// ParseFormat reads a format name ("csv", "xlsx", "jsonl"; "" is "").
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimPrefix(s, "."))); f {
	case "", CSV, XLSX, JSONL:
		return f, nil
	case "ndjson", "json":
		return JSONL, nil
	case "tsv", "txt":
		return CSV, nil
	}
	return "", claimcharts.Says(claimcharts.EINVALID, msg.FormatUse, s, "csv, xlsx, jsonl")
}

// Reading limits.
const (
	// DefaultMaxUnzipped caps what an XLSX file may unzip to (to memory
	// at most MaxXLSXInMemory, the rest to temporary files).
	DefaultMaxUnzipped = 512 << 20
	// DefaultMaxRecord caps one CSV record or JSON Lines line.
	DefaultMaxRecord = 16 << 20
	// DefaultHeaderRows is how many rows are searched for the header.
	DefaultHeaderRows = 50
	// MaxFieldColumns caps the columns a header may give one field of
	// several values (a list with its family members in columns of their
	// own): past it the header is refused.
	MaxFieldColumns = 100
)

// Options control Open.
type Options struct {
	// Kind is what the list holds; "" to tell it from the headers.
	Kind lists.Kind
	// Format is the file's format; "" to tell it from its content and name.
	Format Format
	// MaxUnzipped caps the unzipped size of an XLSX file (zip bombs).
	MaxUnzipped int64
	// MaxText caps the cell text an XLSX workbook hands out, in bytes,
	// merged cells' copies and the sheets searched for a header included;
	// 0 means twice MaxUnzipped (1 GiB by default). A workbook stores a
	// value once, as a shared string, however many cells show it, so a few
	// kilobytes could hand out terabytes of cells. Text a workbook holds
	// once lies within its unzipped parts, and merged copies within
	// MaxXLSXMergedFill, so any honest list that unzips within MaxUnzipped
	// fits, with as much again for the values it repeats (a holder's name
	// on each row); tied to MaxUnzipped, the budget shrinks with it for a
	// smaller upload. CSV and JSON Lines hand out no more text than the
	// file holds.
	MaxText int64
	// MaxRecord caps one CSV record or JSON Lines line, in bytes.
	MaxRecord int
	// HeaderRows is how many rows are searched for the header.
	HeaderRows int
	// TempDir is where large XLSX sheets are unzipped ("" for the default).
	TempDir string
}

// Info describes a list file as it was read.
type Info struct {
	Format    Format `json:"format"`
	Encoding  string `json:"encoding,omitempty"`
	Sheet     string `json:"sheet,omitempty"`
	HeaderRow int    `json:"header_row,omitempty"`
	// Ignored are the headers of columns that are not fields of the list.
	Ignored []string `json:"ignored_columns,omitempty"`
}

// Reader reads a list file row by row; it is a lists.Source.
type Reader struct {
	info Info
	hdr  headerMap
	src  cellSource
}

var _ lists.Source = (*Reader)(nil)

// rawRow is a row of cells as a format reads it, before the header maps it.
type rawRow struct {
	line  int
	cells []string
	// problem, when set, is why the row cannot be read; col is the column
	// it concerns, -1 for none.
	problem string
	col     int
	notes   []cellNote
}

// cellNote is a remark on one cell, such as a merged cell filled in.
type cellNote struct {
	col  int
	text string
}

// cellSource is a format's stream of rows; next returns io.EOF at the end.
type cellSource interface {
	next() (rawRow, error)
	close() error
}

// Open opens a list file, finds its header and maps its columns. The
// errors are claimcharts errors (EINVALID for a file that cannot be read
// as a list, ETOOLARGE for one past a limit) whose message says why.
func Open(path string, opts Options) (*Reader, error) {
	opts = withDefaults(opts)
	format, err := detectFormat(path, opts.Format)
	if err != nil {
		return nil, err
	}
	r := &Reader{info: Info{Format: format}}
	switch format {
	case XLSX:
		r.src, r.hdr, r.info, err = openXLSX(path, opts)
	case JSONL:
		var src *jsonlSource
		if src, r.hdr, err = openJSONL(path, opts); err == nil {
			r.src, r.info.Encoding = src, "UTF-8"
		}
	default:
		var src *csvSource
		if src, err = openCSV(path, opts); err == nil {
			r.src, r.info.Encoding = src, src.encoding
			r.hdr, r.info.HeaderRow, err = findHeader(src, opts)
			src.width = len(r.hdr.fields)
		}
	}
	if err == nil {
		err = checkFieldColumns(r.hdr)
	}
	if err != nil {
		if r.src != nil {
			r.src.close()
		}
		return nil, err
	}
	r.info.Format, r.info.Ignored = format, r.hdr.ignored
	return r, nil
}

// checkFieldColumns refuses a header that gives a field more than
// MaxFieldColumns columns, naming the first such field by its header.
func checkFieldColumns(h headerMap) error {
	n := map[string]int{}
	for _, f := range h.fields {
		n[f]++
	}
	for _, f := range h.fields {
		if f != "" && n[f] > MaxFieldColumns {
			return tooLarge(msg.FieldColumns, n[f], h.columns[f], MaxFieldColumns)
		}
	}
	return nil
}

func withDefaults(o Options) Options {
	if o.MaxUnzipped <= 0 {
		o.MaxUnzipped = DefaultMaxUnzipped
	}
	if o.MaxText <= 0 {
		o.MaxText = 2 * o.MaxUnzipped
	}
	if o.MaxRecord <= 0 {
		o.MaxRecord = DefaultMaxRecord
	}
	if o.HeaderRows <= 0 {
		o.HeaderRows = DefaultHeaderRows
	}
	return o
}

// detectFormat tells the format from the file's first bytes, then its
// name: a zip is XLSX, a '{' starts JSON Lines, the rest is CSV.
func detectFormat(path string, given Format) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", claimcharts.Says(claimcharts.EINVALID, msg.CannotOpen, filepath.Base(path), errors.Unwrap(err))
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return "", claimcharts.Says(claimcharts.EINVALID, msg.OldExcel, filepath.Base(path))
	case bytes.HasPrefix(head, []byte("PK")):
		return XLSX, nil
	case given != "":
		return given, nil
	case bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"), []byte("{")):
		return JSONL, nil
	}
	return ParseFormat(filepath.Ext(path))
}

// findHeader reads rows until one is a header (the rows before are a
// title block) and returns its mapping and row number.
func findHeader(src cellSource, opts Options) (headerMap, int, error) {
	for i := 0; i < opts.HeaderRows; i++ {
		row, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return headerMap{}, 0, err
		}
		if h, ok := matchHeader(row.cells, opts.Kind); ok {
			return h, row.line, nil
		}
	}
	return headerMap{}, 0, noHeader(opts)
}

func noHeader(opts Options) error {
	want := msg.HeaderAny
	switch opts.Kind {
	case lists.PoolList:
		want = msg.HeaderPoolList
	case lists.Patents:
		want = msg.HeaderPatents
	case lists.Charts:
		want = msg.HeaderCharts
	}
	return claimcharts.Says(claimcharts.EINVALID, msg.NoHeader, opts.HeaderRows, msg.Says(want))
}

// Kind implements lists.Source.
func (r *Reader) Kind() lists.Kind { return r.hdr.kind }

// Columns implements lists.Source.
func (r *Reader) Columns() map[string]string { return r.hdr.columns }

// Info describes the file as read.
func (r *Reader) Info() Info { return r.info }

// Close releases the file.
func (r *Reader) Close() error { return r.src.close() }

// Next implements lists.Source: the next row that is not blank.
func (r *Reader) Next() (lists.Row, error) {
	for {
		raw, err := r.src.next()
		if err != nil {
			return lists.Row{}, err
		}
		if row, ok := r.row(raw); ok {
			return row, nil
		}
	}
}

// row maps a raw row's cells to fields; it reports false for a blank row.
func (r *Reader) row(raw rawRow) (lists.Row, bool) {
	row := lists.Row{Line: raw.line, Cells: map[string]string{}}
	values := fieldValues{cells: row.Cells}
	blank := true
	for i, v := range raw.cells {
		if i >= len(r.hdr.fields) || r.hdr.fields[i] == "" {
			continue
		}
		f := r.hdr.fields[i]
		escaped := false
		if r.info.Format == CSV {
			v, escaped = unescapeCell(v)
		}
		if strings.TrimSpace(v) != "" {
			blank = false
		}
		if r.info.Format == CSV && !escaped && isFormula(v) && row.Reject == nil {
			row.Reject = r.issue(raw.line, i, "holds a spreadsheet formula, not a value: save the sheet's values (or import the XLSX itself)", v)
		}
		if !utf8.ValidString(v) && row.Reject == nil {
			row.Reject = r.issue(raw.line, i, "holds bytes that are not "+r.encodingName()+": save the file as UTF-8", "")
		}
		values.add(f, v)
	}
	values.join()
	if raw.problem != "" {
		row.Reject, blank = r.issue(raw.line, raw.col, raw.problem, ""), false
	}
	for _, n := range raw.notes {
		row.Notes = append(row.Notes, *r.issue(raw.line, n.col, n.text, ""))
	}
	return row, !blank
}

// fieldValues gathers a row's cells by field. A field of several columns
// gets the values that are not empty, one per line, joined once when the
// row is read: joining column by column copied the text read so far for
// each column, in time and memory quadratic in the row.
type fieldValues struct {
	cells map[string]string
	// more holds a field's values once a second column gives it one.
	more map[string][]string
}

// add records a column's value v of field f.
func (fv *fieldValues) add(f, v string) {
	old, seen := fv.cells[f]
	switch {
	case v == "":
		if !seen {
			fv.cells[f] = ""
		}
	case old == "":
		fv.cells[f] = v
	default:
		if fv.more == nil {
			fv.more = map[string][]string{}
		}
		if fv.more[f] == nil {
			fv.more[f] = []string{old}
		}
		fv.more[f] = append(fv.more[f], v)
	}
}

// join sets each field of several values to its values, one per line.
func (fv *fieldValues) join() {
	for f, vs := range fv.more {
		fv.cells[f] = strings.Join(vs, "\n")
	}
}

func (r *Reader) encodingName() string {
	if r.info.Encoding == "" {
		return "UTF-8"
	}
	return r.info.Encoding
}

// issue is a problem with a row, naming the column by its header.
func (r *Reader) issue(line, col int, reason, value string) *lists.RowIssue {
	is := &lists.RowIssue{Row: line, Reason: reason, Value: value}
	if col >= 0 && col < len(r.hdr.fields) && r.hdr.fields[col] != "" {
		is.Column = r.hdr.columns[r.hdr.fields[col]]
	} else if col >= 0 {
		is.Column = columnName(col)
	}
	return is
}

// columnName is a spreadsheet column name: 0 is A, 26 is AA.
func columnName(col int) string {
	name := ""
	for col++; col > 0; col = (col - 1) / 26 {
		name = string(rune('A'+(col-1)%26)) + name
	}
	return name
}

// tooLarge is the error of a file past a limit: the catalog's message
// key with args.
func tooLarge(key msg.Key, args ...any) error {
	return claimcharts.Says(claimcharts.ETOOLARGE, key, args...)
}
