package bulk

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// maxFormulaCells caps the formula cells without a value a sheet may have
// before it is refused as a whole.
const maxFormulaCells = 10_000

// xlsxSource reads a sheet with excelize's streaming row iterator. A
// first pass over the sheet's XML, as a stream, finds what the iterator
// does not tell: merged cells (filled down from their first row) and
// formula cells without a computed value (rejected).
type xlsxSource struct {
	f     *excelize.File
	rows  *excelize.Rows
	line  int
	sheet prescan
	fills map[int]*fill // by column: a merged cell's value for the rows below
	// width is the header's, once found: cells right of it are no field's.
	width int
	// filled is the text merged cells fill in the sheet, in bytes.
	filled int64
	// name is the sheet's.
	name string
	// text is the text the workbook's cells have handed out, in bytes,
	// the sheets searched for a header before this one included, and
	// maxText its budget (Options.MaxText).
	text, maxText int64
}

// fill is a merged cell's value, used down to row until.
type fill struct {
	value     string
	r1, until int
	ref       string
	noted     bool
}

// prescan is what the first pass finds in a sheet.
type prescan struct {
	merges   map[int][]mergeRange // by first row
	formulas map[[2]int]bool      // row, column (1-based) of formulas without a value
}

type mergeRange struct{ c1, r1, c2, r2 int }

// String is the range as a spreadsheet writes it: "B5:C7".
func (m mergeRange) String() string {
	return cellRef(m.c1-1, m.r1) + ":" + cellRef(m.c2-1, m.r2)
}

// openXLSX opens a workbook within the unzip limits and finds the first
// sheet with a header row.
func openXLSX(file string, opts Options) (cellSource, headerMap, Info, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, headerMap{}, Info{}, xlsxError(err, opts)
	}
	defer zr.Close()
	paths, shared, err := checkWorkbook(&zr.Reader, opts)
	if err != nil {
		return nil, headerMap{}, Info{}, xlsxError(err, opts)
	}
	f, err := excelize.OpenFile(file, excelize.Options{RawCellValue: true, UnzipSizeLimit: opts.MaxUnzipped,
		UnzipXMLSizeLimit: min(xlsxStreamPart, opts.MaxUnzipped), TmpDir: opts.TempDir})
	if err != nil {
		return nil, headerMap{}, Info{}, xlsxError(err, opts)
	}
	var spent int64 // the text of the sheets searched so far
	for _, sheet := range f.GetSheetList() {
		src := &xlsxSource{f: f, fills: map[int]*fill{}, name: sheet, text: spent, maxText: opts.MaxText}
		if src.sheet, err = scanSheet(&zr.Reader, paths[sheet], shared, opts); err != nil {
			break
		}
		if src.rows, err = f.Rows(sheet); err != nil {
			break
		}
		h, line, herr := findHeader(src, opts)
		if herr == nil {
			src.width = len(h.fields)
			return src, h, Info{Format: XLSX, Sheet: sheet, HeaderRow: line}, nil
		}
		src.rows.Close()
		spent = src.text
		if claimcharts.ErrorCode(herr) != claimcharts.EINVALID || !strings.HasPrefix(claimcharts.ErrorMessage(herr), "no header row") {
			err = herr
			break
		}
	}
	f.Close()
	if err != nil {
		return nil, headerMap{}, Info{}, xlsxError(err, opts)
	}
	return nil, headerMap{}, Info{}, noHeader(opts)
}

// checkWorkbook checks the sizes of a workbook's parts and shared strings
// before excelize opens it, and finds its sheets' parts.
func checkWorkbook(zr *zip.Reader, opts Options) (paths map[string]string, shared []int32, err error) {
	if err := checkParts(zr, opts.MaxUnzipped); err != nil {
		return nil, nil, err
	}
	if paths, err = sheetPaths(zr); err != nil {
		return nil, nil, err
	}
	shared, err = sharedStringSizes(zr)
	return paths, shared, err
}

// xlsxError says why a workbook cannot be read.
func xlsxError(err error, opts Options) error {
	var de *claimcharts.Error
	switch {
	case errors.As(err, &de):
		return de
	case strings.Contains(err.Error(), "unzip size"):
		return tooLarge(msg.UnzipsTooLarge, opts.MaxUnzipped)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF):
		return claimcharts.Says(claimcharts.EINVALID, msg.WorkbookDamaged, err.Error())
	}
	return claimcharts.Says(claimcharts.EINVALID, msg.NotXLSX, err.Error())
}

// sheetPaths maps sheet names to their parts in the zip, from
// xl/workbook.xml and its relationships.
func sheetPaths(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(t, "xl/") {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = targets[s.RID]
	}
	return out, nil
}

// decodePart decodes a small XML part of the zip (at most 16 MiB).
func decodePart(zr *zip.Reader, name string, v any) error {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			defer rc.Close()
			return xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v)
		}
	}
	return claimcharts.Says(claimcharts.EINVALID, msg.WorkbookNoPart, name)
}

// scanSheet streams a sheet's XML once, for its merged cells and its
// formula cells without a value, and refuses a cell or a row past the
// limits before excelize reads them whole. The unzipped size was checked
// by checkParts, and archive/zip stops at the size the zip declares.
func scanSheet(zr *zip.Reader, part string, shared []int32, opts Options) (prescan, error) {
	ps := prescan{merges: map[int][]mergeRange{}, formulas: map[[2]int]bool{}}
	dec, rc, err := openPart(zr, part, MaxXLSXCell+1024)
	if dec == nil || err != nil {
		return ps, err
	}
	defer rc.Close()
	return ps, ps.scan(dec, &sheetSizes{shared: shared, maxRow: opts.MaxRecord})
}

func (ps *prescan) scan(dec *xml.Decoder, sizes *sheetSizes) error {
	row, col := 0, 0
	var inCell, hasF, hasV bool
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if errors.Is(err, errLongRun) {
			return sizes.cellTooLarge()
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row, col = attrInt(t, "r", row+1), 0
				sizes.startRow(row)
			case "c":
				col, inCell, hasF, hasV = cellCol(t, col+1), true, false, false
				sizes.startCell(row, col, attr(t, "t") == "s")
			case "f":
				hasF = hasF || inCell
			case "v", "is":
				hasV = hasV || inCell
				sizes.inValue = inCell && t.Name.Local == "v"
			case "mergeCell":
				if m, ok := parseRange(attr(t, "ref")); ok && m.r2 > m.r1 {
					ps.merges[m.r1] = append(ps.merges[m.r1], m)
				}
			}
		case xml.CharData:
			if inCell {
				if err := sizes.text(t); err != nil {
					return err
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				if inCell {
					if err := sizes.endValue(); err != nil {
						return err
					}
				}
				sizes.inValue = false
			case "c":
				if hasF && !hasV {
					if len(ps.formulas) >= maxFormulaCells {
						return claimcharts.Says(claimcharts.EINVALID, msg.FormulaCells, maxFormulaCells)
					}
					ps.formulas[[2]int{row, col}] = true
				}
				inCell, sizes.col = false, 0
			}
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func attrInt(t xml.StartElement, name string, def int) int {
	if n, err := strconv.Atoi(attr(t, name)); err == nil {
		return n
	}
	return def
}

// cellCol is a cell's column from its r attribute ("C7" is 3), def without one.
func cellCol(t xml.StartElement, def int) int {
	if c, _, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
		return c
	}
	return def
}

// parseRange reads "B5:C7".
func parseRange(ref string) (mergeRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return mergeRange{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	return mergeRange{c1, r1, c2, r2}, err1 == nil && err2 == nil
}

// next reads the next row: merged cells filled down, formulas without a
// value rejected, its text charged to the workbook's budget. Past the
// budget the sheet is read no further.
func (s *xlsxSource) next() (rawRow, error) {
	if s.text > s.maxText {
		return rawRow{}, s.textTooLarge()
	}
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return rawRow{}, claimcharts.Says(claimcharts.EINVALID, msg.ReadAfterRow, msg.Noun("sheet"), s.line, err.Error())
		}
		return rawRow{}, io.EOF
	}
	s.line++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return rawRow{}, claimcharts.Says(claimcharts.EINVALID, msg.SheetRowBad, s.line, err.Error())
	}
	raw := rawRow{line: s.line, cells: cells, col: -1}
	if err := s.fillMerged(&raw); err != nil {
		return rawRow{}, err
	}
	if err := s.charge(raw.cells); err != nil {
		return rawRow{}, err
	}
	for c := range raw.cells {
		if s.sheet.formulas[[2]int{s.line, c + 1}] {
			raw.problem, raw.col = "cell "+cellRef(c, s.line)+" holds a formula without a computed value: open the file in a spreadsheet program and save it, or paste values", c
			break
		}
	}
	return raw, nil
}

// fillMerged fills the cells of merged ranges below their first row with
// its value, noting each range once. Cells right of the header are left
// as they are: they are no field's.
func (s *xlsxSource) fillMerged(raw *rawRow) error {
	for _, m := range s.sheet.merges[s.line] {
		if err := s.startFill(m, raw.cells); err != nil {
			return err
		}
	}
	for col, f := range s.fills {
		if s.line > f.until || s.beyondHeader(col) {
			delete(s.fills, col)
			continue
		}
		if s.line == f.r1 {
			continue
		}
		for len(raw.cells) < col {
			raw.cells = append(raw.cells, "")
		}
		if raw.cells[col-1] == "" {
			raw.cells[col-1] = f.value
			if !f.noted {
				f.noted = true
				raw.notes = append(raw.notes, cellNote{col: col - 1, text: "merged with " + f.ref + " down to row " + itoa(f.until) + ": its value is used for each of these rows"})
			}
		}
	}
	return nil
}

// startFill begins to fill a merged range from its first row's cells. The
// copies of its value are charged to the sheet at once: past
// MaxXLSXMergedFill bytes the sheet is refused before a copy is made.
func (s *xlsxSource) startFill(m mergeRange, cells []string) error {
	delete(s.fills, m.c1)
	v := ""
	if m.c1-1 < len(cells) {
		v = cells[m.c1-1]
	}
	if v == "" || s.beyondHeader(m.c1) {
		return nil
	}
	rows := m.r2 - m.r1
	if s.filled += int64(len(v)) * int64(rows); s.filled > MaxXLSXMergedFill {
		return tooLarge(msg.MergeFill, m.String(), len(v), rows, MaxXLSXMergedFill)
	}
	s.fills[m.c1] = &fill{value: v, r1: m.r1, until: m.r2, ref: cellRef(m.c1-1, m.r1)}
	return nil
}

// charge adds a row's cells to the text the workbook has handed out,
// refusing the row that takes it past maxText.
func (s *xlsxSource) charge(cells []string) error {
	for _, c := range cells {
		s.text += int64(len(c))
	}
	if s.text > s.maxText {
		return s.textTooLarge()
	}
	return nil
}

// textTooLarge names the row that took the workbook's text past maxText.
func (s *xlsxSource) textTooLarge() error {
	return tooLarge(msg.WorkbookText, s.line, s.name, s.maxText)
}

// beyondHeader reports whether a column (1-based) is right of the header.
func (s *xlsxSource) beyondHeader(col int) bool { return s.width > 0 && col > s.width }

func cellRef(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row)
	return name
}

func (s *xlsxSource) close() error {
	if s.rows != nil {
		s.rows.Close()
	}
	return s.f.Close()
}
