package bulk

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// sniffSize is how much of a CSV file is read to tell its encoding and
// its delimiter.
const sniffSize = 64 << 10

// csvSource reads CSV records, numbering them as a spreadsheet shows them
// (blank lines count, line breaks inside a quoted cell do not).
type csvSource struct {
	f        *os.File
	r        *csv.Reader
	in       *recordLimit
	encoding string
	row      int // row of the last record
	endLine  int // line the last record ended on
	width    int // header width, to spot a truncated last row
}

func openCSV(path string, opts Options) (*csvSource, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, sniffSize)
	head, _ := br.Peek(sniffSize)
	text, enc, sample, err := decodeText(br, head, len(head) < sniffSize)
	if err != nil {
		f.Close()
		return nil, err
	}
	in := &recordLimit{r: text, max: int64(opts.MaxRecord)}
	r := csv.NewReader(in)
	r.Comma, r.FieldsPerRecord = sniffDelimiter(sample), -1
	in.offset = r.InputOffset
	return &csvSource{f: f, r: r, in: in, encoding: enc}, nil
}

// decodeText tells the encoding from the first bytes and returns the text
// as UTF-8, the encoding's name and the decoded sample. full reports that
// head is the whole file.
func decodeText(br *bufio.Reader, head []byte, full bool) (io.Reader, string, string, error) {
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
		return br, "UTF-8 (BOM)", string(head[3:]), nil
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		utf16 := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM) // the BOM sets the byte order
		sample, _, _ := transform.Bytes(utf16.NewDecoder(), head[:len(head)&^1])
		return transform.NewReader(br, utf16.NewDecoder()), "UTF-16", string(sample), nil
	case bytes.IndexByte(head, 0) >= 0:
		return nil, "", "", claimcharts.Says(claimcharts.EINVALID, msg.FileNotText)
	case validUTF8Head(head, full):
		return br, "UTF-8", string(head), nil
	}
	sample, _, _ := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), head[:max(0, len(head)-4)])
	if bytes.ContainsRune(sample, utf8.RuneError) {
		return nil, "", "", claimcharts.Says(claimcharts.EINVALID, msg.FileEncoding)
	}
	return transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), "GB18030", string(sample), nil
}

// validUTF8Head reports whether b is UTF-8, allowing a character cut by
// the end of the sample.
func validUTF8Head(b []byte, full bool) bool {
	if utf8.Valid(b) {
		return true
	}
	for k := 1; !full && k <= 3 && k < len(b); k++ {
		if utf8.Valid(b[:len(b)-k]) && !utf8.FullRune(b[len(b)-k:]) {
			return true
		}
	}
	return false
}

// sniffDelimiter picks the delimiter whose records of one width (two or
// more cells, in two or more records when the sample has them) hold the
// most cells, the wider on a tie: ',', ';' (Excel in many locales), tab or
// '|'. Counting cells rather than records keeps a list whose cells
// separate numbers with ';' on several lines (each line a short record
// when split at ';') read at its commas.
func sniffDelimiter(sample string) rune {
	widths := map[rune]map[int]int{}
	for _, d := range delimiters {
		r := csv.NewReader(strings.NewReader(sample))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = d, -1, true
		widths[d] = map[int]int{}
		for i := 0; i < 50; i++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if len(rec) > 1 {
				widths[d][len(rec)]++
			}
		}
	}
	for _, minRecords := range []int{2, 1} {
		best, bestCells, bestW := ',', 0, 0
		for _, d := range delimiters {
			for w, n := range widths[d] {
				if n >= minRecords && (n*w > bestCells || n*w == bestCells && w > bestW) {
					best, bestCells, bestW = d, n*w, w
				}
			}
		}
		if bestCells > 0 {
			return best
		}
	}
	return ','
}

// delimiters are the cell separators sniffDelimiter tells apart.
var delimiters = []rune{',', ';', '\t', '|'}

// next reads a record. A malformed one is a row with a problem; the
// reader goes on with the next line.
func (s *csvSource) next() (rawRow, error) {
	rec, err := s.r.Read()
	var pe *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
		return rawRow{}, io.EOF
	case errors.As(err, &pe) && pe.Err != csv.ErrFieldCount:
		row := s.rowAt(pe.StartLine)
		s.endLine = pe.Line
		return rawRow{line: row, cells: rec, col: -1, problem: quoteProblem(pe, s.in.eof)}, nil
	case errors.Is(err, errRecordTooLong):
		return rawRow{}, tooLarge(msg.RowTooLong, s.row+1, s.in.max)
	case err != nil:
		return rawRow{}, claimcharts.Says(claimcharts.EINVALID, msg.ReadAfterRow, msg.Noun("file"), s.row, err.Error())
	}
	start, _ := s.r.FieldPos(0)
	row := s.rowAt(start)
	last, _ := s.r.FieldPos(len(rec) - 1)
	s.endLine = last + strings.Count(rec[len(rec)-1], "\n")
	raw := rawRow{line: row, cells: rec, col: -1}
	if s.width > 0 && len(rec) < s.width && s.in.final(s.r.InputOffset()) {
		raw.problem = "the last row ends early (" + itoa(len(rec)) + " of " + itoa(s.width) + " cells) without a final line break: the file seems truncated"
	}
	return raw, nil
}

// rowAt numbers a record that starts on line start.
func (s *csvSource) rowAt(start int) int {
	s.row += 1 + max(0, start-s.endLine-1)
	return s.row
}

func quoteProblem(pe *csv.ParseError, eof bool) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return "a quote (\") inside a cell that is not quoted: put the cell in quotes and double the quote (\"\")"
	case eof:
		return "a quoted cell is never closed before the end of the file: the file seems truncated"
	}
	return "a quoted cell has text after its closing quote, or is never closed (line " + itoa(pe.Line) + ")"
}

func (s *csvSource) close() error { return s.f.Close() }

var errRecordTooLong = errors.New("record too long")

// recordLimit caps how far the CSV reader may read past the end of the
// last record, so that a quote that never closes cannot pull the whole
// file into memory.
type recordLimit struct {
	r      io.Reader
	max    int64
	n      int64
	eof    bool
	last   byte
	offset func() int64
}

func (l *recordLimit) Read(p []byte) (int, error) {
	// The CSV reader reads ahead by up to its buffer (4 KiB): allow for it.
	if l.offset != nil && l.n-l.offset() > l.max+8<<10 {
		return 0, errRecordTooLong
	}
	n, err := l.r.Read(p)
	if n > 0 {
		l.n += int64(n)
		l.last = p[n-1]
	}
	if errors.Is(err, io.EOF) {
		l.eof = true
	}
	return n, err
}

// final reports whether a record ending at offset is the file's last and
// has no line break after it.
func (l *recordLimit) final(offset int64) bool {
	return l.eof && offset == l.n && l.last != '\n' && l.last != '\r'
}

func itoa(n int) string { return strconv.Itoa(n) }
