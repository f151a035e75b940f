package bulk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// A JSON Lines list has one object per line whose keys are headers (the
// field names, or any header a CSV could have). The first object's keys
// are the list's columns; a later object's missing keys are empty cells,
// and keys the first object lacks are ignored with a warning. Values are
// strings, numbers, booleans, null, or arrays of those (a field of several
// values); the line number is the row number.

// jsonlSource reads the lines of a JSON Lines file.
type jsonlSource struct {
	f      *os.File
	br     *bufio.Reader
	max    int
	line   int
	keys   []string       // the columns, in the first object's order
	index  map[string]int // key → column
	first  *rawRow        // the first row, read to find the columns
	ignore map[string]bool
}

func openJSONL(path string, opts Options) (*jsonlSource, headerMap, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, headerMap{}, err
	}
	s := &jsonlSource{f: f, br: bufio.NewReaderSize(f, 64<<10), max: opts.MaxRecord, index: map[string]int{}, ignore: map[string]bool{}}
	h, err := s.header(opts)
	if err != nil {
		f.Close()
		return nil, headerMap{}, err
	}
	return s, h, nil
}

// header reads lines up to the first object and maps its keys.
func (s *jsonlSource) header(opts Options) (headerMap, error) {
	for i := 0; i < opts.HeaderRows; i++ {
		line, err := s.readLine()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return headerMap{}, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		keys, err := objectKeys(line)
		if err != nil {
			return headerMap{}, claimcharts.Says(claimcharts.EINVALID, msg.LineNotObject, s.line, jsonReason(err))
		}
		s.keys = keys
		for i, k := range keys {
			s.index[k] = i
		}
		h, ok := matchHeader(keys, opts.Kind)
		if !ok {
			return headerMap{}, noHeader(opts)
		}
		row := s.cells(line)
		s.first = &row
		return h, nil
	}
	return headerMap{}, claimcharts.Says(claimcharts.EINVALID, msg.NoJSONObject)
}

// readLine reads one line, at most max bytes long.
func (s *jsonlSource) readLine() ([]byte, error) {
	var line []byte
	for {
		chunk, err := s.br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > s.max {
			return nil, tooLarge(msg.LineTooLong, s.line+1, s.max)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) && len(line) > 0 {
			err = nil
		}
		if err != nil {
			return nil, err
		}
		s.line++
		if s.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		return line, nil
	}
}

// objectKeys returns the keys of a JSON object in their order.
func objectKeys(line []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		if err == nil {
			err = errors.New("it does not start with {")
		}
		return nil, err
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

func (s *jsonlSource) next() (rawRow, error) {
	if s.first != nil {
		row := *s.first
		s.first = nil
		return row, nil
	}
	for {
		line, err := s.readLine()
		if err != nil {
			return rawRow{}, err
		}
		if len(bytes.TrimSpace(line)) > 0 {
			return s.cells(line), nil
		}
	}
}

// cells reads one object into cells by the columns.
func (s *jsonlSource) cells(line []byte) rawRow {
	row := rawRow{line: s.line, cells: make([]string, len(s.keys)), col: -1}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		row.problem = "is not a JSON object: " + jsonReason(err)
		if !bytes.HasSuffix(line, []byte("\n")) {
			row.problem += " (the file ends inside it: it seems truncated)"
		}
		return row
	}
	for k, v := range obj {
		i, ok := s.index[k]
		if !ok {
			if !s.ignore[k] {
				s.ignore[k] = true
				row.notes = append(row.notes, cellNote{col: -1, text: "the key " + strconv.Quote(k) + " is not in the first line's object; it is ignored"})
			}
			continue
		}
		text, err := jsonCell(v)
		if err != nil && row.problem == "" {
			row.problem, row.col = "the value of "+strconv.Quote(k)+" "+err.Error(), i
		}
		row.cells[i] = text
	}
	return row
}

// jsonCell turns a value into cell text: arrays become one value per line.
func jsonCell(v json.RawMessage) (string, error) {
	var x any
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(&x); err != nil {
		return "", err
	}
	switch t := x.(type) {
	case nil:
		return "", nil
	case string:
		return t, nil
	case json.Number:
		return t.String(), nil
	case bool:
		return strconv.FormatBool(t), nil
	case []any:
		parts := make([]string, 0, len(t))
		for _, e := range t {
			switch e := e.(type) {
			case string:
				parts = append(parts, e)
			case json.Number:
				parts = append(parts, e.String())
			default:
				return "", errors.New("is an array holding something other than text and numbers")
			}
		}
		return strings.Join(parts, "\n"), nil
	}
	return "", errors.New("is an object: give text, a number or an array of them")
}

func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error() + " at byte " + strconv.FormatInt(se.Offset, 10)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "it ends too early"
	}
	return err.Error()
}

func (s *jsonlSource) close() error { return s.f.Close() }
