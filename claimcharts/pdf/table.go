package pdf

// column is a table column: its header and its share of the text width.
type column struct {
	head  string
	share float64
}

// table draws rows of wrapped cells. Its header repeats at the top of
// every page it spans; a row that does not fit the rest of a page starts
// the next one, and a row taller than a page is split between lines, never
// through one.
type table struct {
	d      *doc
	cols   []column
	widths []float64
	size   float64
}

// startTable draws a table's header and makes it repeat on new pages
// until endTable.
func (d *doc) startTable(size float64, cols ...column) *table {
	var total float64
	for _, c := range cols {
		total += c.share
	}
	t := &table{d: d, cols: cols, size: size}
	for _, c := range cols {
		t.widths = append(t.widths, d.width*c.share/total)
	}
	d.room(lineH(size)*2 + 2*cellPad*2)
	d.table = t
	t.drawHeader()
	return t
}

// endTable stops repeating the table's header.
func (d *doc) endTable() {
	d.table = nil
	d.f.SetY(d.f.GetY() + lineH(bodySize)*0.6)
}

// drawHeader draws the header row, shaded.
func (t *table) drawHeader() {
	heads := make([]string, len(t.cols))
	for i, c := range t.cols {
		heads[i] = c.head
	}
	t.d.f.SetFillColor(225, 230, 238)
	t.drawRow(heads, true, "")
}

// row draws one row of cells; link, when set, is where the first cell points.
func (t *table) row(cells []string, link string) {
	t.drawRow(cells, false, link)
}

func (t *table) drawRow(cells []string, head bool, link string) {
	d, h := t.d, lineH(t.size)
	wrapped := make([][]line, len(t.cols))
	n := 1
	for i := range t.cols {
		if i < len(cells) {
			wrapped[i] = wrap(cells[i], t.widths[i]-2*cellPad, t.size, head)
		}
		n = max(n, len(wrapped[i]))
	}
	for from := 0; from < n; {
		// Lines that fit the rest of this page; a row that fits a fresh
		// page whole is not split.
		fit := int((d.bottom - d.f.GetY() - 2*cellPad) / h)
		if fit < n-from && (fit < 1 || n-from <= t.pageLines()) {
			d.newPage()
			if head {
				return // the new page drew the header
			}
			continue
		}
		to := min(n, from+fit)
		t.drawSlice(wrapped, from, to, head, link)
		from = to
		if from < n {
			d.newPage()
		}
	}
}

// pageLines is how many lines of a row fit on a fresh page below the header.
func (t *table) pageLines() int {
	top := margin + headerH + lineH(t.size)*2 + 4*cellPad
	return int((t.d.bottom - top - 2*cellPad) / lineH(t.size))
}

// drawSlice draws lines from..to of a row's cells, with cell borders.
func (t *table) drawSlice(wrapped [][]line, from, to int, head bool, link string) {
	d, h := t.d, lineH(t.size)
	y := d.f.GetY()
	rh := float64(to-from)*h + 2*cellPad
	x := margin
	d.f.SetDrawColor(180, 180, 180)
	for i, w := range t.widths {
		style := "D"
		if head {
			style = "FD"
		}
		d.f.Rect(x, y, w, rh, style)
		for j := from; j < to && j < len(wrapped[i]); j++ {
			l := ""
			if i == 0 && !head {
				l = link
			}
			d.drawLine(x+cellPad, y+cellPad+float64(j-from)*h, t.size, wrapped[i][j], l)
		}
		x += w
	}
	d.f.SetY(y + rh)
}
