package bulk

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"sepportal/claimcharts/msg"
)

// Memory limits of the XLSX reader. excelize reads a whole cell, a whole
// row and every small part of the zip into memory before the reader can
// look at them, so the sizes are checked before excelize reads the sheet:
// the zip's directory for the parts it keeps in memory, and the sheet's
// and the shared strings' XML, streamed through a reader that refuses an
// over-long run of text, for each cell and row.
const (
	// MaxXLSXCell caps the text of one cell, in bytes: a spreadsheet cell
	// holds at most 32,767 characters (about 96 KiB of UTF-8).
	MaxXLSXCell = 1 << 20
	// MaxXLSXInMemory caps the parts of a workbook excelize holds in
	// memory: every part but the worksheets and shared strings larger
	// than xlsxStreamPart, which it unzips to temporary files.
	MaxXLSXInMemory = 64 << 20
	// MaxXLSXMergedFill caps the text the merged cells of a sheet fill in,
	// in bytes: a merged range's value is used for each row it spans, so a
	// small workbook merging a long cell over many rows would otherwise
	// hand on gigabytes of copies.
	MaxXLSXMergedFill = 64 << 20
	// xlsxStreamPart is the size from which excelize unzips a worksheet
	// or the shared strings to a temporary file instead of memory.
	xlsxStreamPart = 16 << 20
)

// checkParts refuses a workbook whose parts would take more memory than
// MaxXLSXInMemory once excelize opens it, from the sizes its zip declares
// (archive/zip stops at a declared size, so a zip that lies is damaged).
func checkParts(zr *zip.Reader, maxUnzipped int64) error {
	var inMemory, total int64
	for _, f := range zr.File {
		size := int64(f.UncompressedSize64)
		if size < 0 || total+size > maxUnzipped {
			return tooLarge(msg.UnzipsTooLarge, maxUnzipped)
		}
		total += size
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		streamed := size > xlsxStreamPart && (strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml")
		if !streamed {
			inMemory += size
		}
	}
	if inMemory > MaxXLSXInMemory {
		return tooLarge(msg.WorkbookParts, inMemory, MaxXLSXInMemory)
	}
	return nil
}

// errLongRun is the error of a run of XML text longer than a cap.
var errLongRun = errors.New("a run of XML text without a tag is longer than the limit")

// runCap passes an XML stream through, failing it when more than max
// bytes come without a '<': no text, attribute or tag the decoder holds
// whole can grow past max.
type runCap struct {
	r   io.Reader
	max int
	run int
}

func (c *runCap) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '<' {
			c.run = 0
			continue
		}
		if c.run++; c.run > c.max {
			return i, errLongRun
		}
	}
	return n, err
}

// openPart opens a part of the zip by name, behind a runCap of max bytes;
// nil when the zip has no such part.
func openPart(zr *zip.Reader, name string, max int) (*xml.Decoder, io.Closer, error) {
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			rc, err := f.Open()
			if err != nil {
				return nil, nil, err
			}
			return xml.NewDecoder(&runCap{r: rc, max: max}), rc, nil
		}
	}
	return nil, nil, nil
}

// sharedStringSizes reads the length in bytes of each shared string,
// refusing one longer than a cell may be.
func sharedStringSizes(zr *zip.Reader) ([]int32, error) {
	dec, rc, err := openPart(zr, "xl/sharedStrings.xml", MaxXLSXCell+1024)
	if dec == nil || err != nil {
		return nil, err
	}
	defer rc.Close()
	var sizes []int32
	in, size := false, 0
	for {
		tok, err := dec.RawToken()
		switch {
		case errors.Is(err, io.EOF):
			return sizes, nil
		case errors.Is(err, errLongRun):
			return nil, sharedStringTooLarge(len(sizes))
		case err != nil:
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "si" {
				in, size = true, 0
			}
		case xml.CharData:
			if size += len(t); in && size > MaxXLSXCell {
				return nil, sharedStringTooLarge(len(sizes))
			}
		case xml.EndElement:
			if t.Name.Local == "si" {
				sizes, in = append(sizes, int32(size)), false
			}
		}
	}
}

func sharedStringTooLarge(i int) error {
	return tooLarge(msg.SharedStringBig, i, MaxXLSXCell)
}

// sheetSizes sums the size of the cells and the row being scanned.
type sheetSizes struct {
	shared    []int32 // the shared strings' sizes
	maxRow    int
	row, cell int    // bytes so far of the row and of the cell
	rowN, col int    // the row and column (1-based; 0 outside a cell) being read
	isShared  bool   // the cell's value is an index into the shared strings
	inValue   bool   // the decoder is inside the cell's <v>
	value     []byte // a shared string cell's index as read
}

// startCell begins a cell; shared tells whether its value is an index
// into the shared strings.
func (s *sheetSizes) startCell(row, col int, shared bool) {
	s.rowN, s.col, s.cell, s.isShared, s.value = row, col, 0, shared, s.value[:0]
}

// startRow begins a row.
func (s *sheetSizes) startRow(row int) { s.rowN, s.col, s.row = row, 0, 0 }

// text counts the text of the current cell.
func (s *sheetSizes) text(b []byte) error {
	if s.inValue && s.isShared && len(s.value) < 16 {
		s.value = append(s.value, b...)
		return nil
	}
	return s.add(len(b))
}

// endValue counts a shared string's size when its index ends.
func (s *sheetSizes) endValue() error {
	if !s.isShared {
		return nil
	}
	i := 0
	for _, d := range s.value {
		if d < '0' || d > '9' {
			return nil
		}
		i = i*10 + int(d-'0')
	}
	if i < len(s.shared) {
		return s.add(int(s.shared[i]))
	}
	return nil
}

func (s *sheetSizes) add(n int) error {
	s.cell += n
	s.row += n
	switch {
	case s.cell > MaxXLSXCell:
		return s.cellTooLarge()
	case s.row > s.maxRow:
		return tooLarge(msg.RowBytes, s.rowN, s.maxRow)
	}
	return nil
}

// cellTooLarge names the cell being read.
func (s *sheetSizes) cellTooLarge() error {
	if s.col == 0 {
		return tooLarge(msg.RowRun, s.rowN, MaxXLSXCell)
	}
	return tooLarge(msg.CellBytes,
		s.rowN, cellRef(s.col-1, s.rowN), MaxXLSXCell)
}
