package bulk

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/msg"
)

// Writer writes a list export in one of the formats, with a header row
// (CSV, XLSX) in English or Chinese. Import reads what it writes back to
// the same records.
type Writer struct {
	format Format
	kind   lists.Kind
	fields []lists.Column
	out    io.Writer
	csv    *csv.Writer
	book   *book
	header []string
	lang   string
	rows   int
}

// NewWriter starts a list of kind in format on out; lang "zh" writes
// Chinese headers. Close finishes it.
func NewWriter(out io.Writer, format Format, kind lists.Kind, lang string) (*Writer, error) {
	w := &Writer{format: format, kind: kind, out: out, lang: lang}
	for _, f := range lists.Columns(kind) {
		if f.Export {
			w.fields = append(w.fields, f)
		}
	}
	header := make([]string, len(w.fields))
	for i, f := range w.fields {
		header[i] = Header(kind, f.Name, lang)
	}
	switch format {
	case CSV:
		// A BOM tells spreadsheet programs the file is UTF-8.
		if _, err := io.WriteString(out, "\xef\xbb\xbf"); err != nil {
			return nil, err
		}
		w.csv = csv.NewWriter(out)
		return w, w.csv.Write(header)
	case XLSX:
		w.header = header
		var err error
		w.book, err = newBook()
		return w, err
	case JSONL:
		return w, nil
	}
	return nil, claimcharts.Says(claimcharts.EINVALID, msg.FormatUse, format, "csv, xlsx, jsonl")
}

// Write writes one row.
func (w *Writer) Write(row lists.Row) error {
	cells := make([]string, len(w.fields))
	for i, f := range w.fields {
		cells[i] = row.Cells[f.Name]
	}
	switch w.format {
	case CSV:
		for i, c := range cells {
			cells[i] = escapeCell(c)
		}
		return w.csv.Write(cells)
	case XLSX:
		return w.writeXLSX(row, cells)
	}
	return w.writeJSON(cells)
}

// writeXLSX writes a row of text cells; a cell longer than a spreadsheet
// cell holds is refused rather than cut.
func (w *Writer) writeXLSX(row lists.Row, cells []string) error {
	for i, c := range cells {
		if n := len(utf16.Encode([]rune(c))); n > excelize.TotalCellChars {
			return claimcharts.Says(claimcharts.ETOOLARGE, msg.CellChars,
				w.rows+1, Header(w.kind, w.fields[i].Name, "en"), n, excelize.TotalCellChars)
		}
	}
	w.rows++
	return w.book.add(row, cells)
}

// SetTitle sets what an XLSX file's title block says (the pool, the day
// of the list); call it before Close. CSV and JSON Lines have no title block.
func (w *Writer) SetTitle(t Title) {
	if w.book != nil {
		w.book.title = t
	}
}

// writeJSON writes a row as one object: fields of several values as arrays.
func (w *Writer) writeJSON(cells []string) error {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range w.fields {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(f.Name)
		b.Write(key)
		b.WriteByte(':')
		var v any = cells[i]
		if f.Multi {
			v = lines(cells[i])
		}
		val, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(val)
	}
	b.WriteString("}\n")
	_, err := w.out.Write(b.Bytes())
	return err
}

// lines splits a field of several values, one per line.
func lines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Close finishes the file: it flushes CSV, writes the XLSX workbook.
func (w *Writer) Close() error {
	switch w.format {
	case CSV:
		w.csv.Flush()
		return w.csv.Error()
	case XLSX:
		return w.book.write(w.out, w.kind, w.lang, w.fields, w.header)
	}
	return nil
}
