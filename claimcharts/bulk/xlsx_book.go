package bulk

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
)

// Title is what the title block above a spreadsheet's header row says.
type Title struct {
	// Pool is the pool's name, empty for a list of no one pool.
	Pool string
	// AsOf is the day the list shows, empty for today.
	AsOf claimcharts.Date
	// Generated is when the file is made; zero means now.
	Generated time.Time
}

// titleLabels are the title block's labels, in English and Chinese.
var titleLabels = map[string][2]string{
	"pool": {"Pool", "专利池"}, "as_of": {"As of", "截至"}, "generated": {"Generated", "生成时间"},
	"version": {"Data version", "数据版本"}, "list": {"Patent list", "专利清单"},
	"pool-list": {"Pool list", "专利清单"}, "patents": {"Patents", "专利"}, "charts": {"Claim charts", "权利要求对照表"},
}

func titleLabel(lang, key string) string {
	if lang == "zh" {
		return titleLabels[key][1]
	}
	return titleLabels[key][0]
}

// titleRows is how many rows the title block takes, the blank one below
// it included: the header row follows.
const titleRows = 6

// wideFields are the columns that hold long or several values.
var wideFields = map[string]float64{"members": 28, "references": 40, "title_en": 40, "title_zh": 30,
	"abstract_en": 50, "abstract_zh": 40, "claims_en": 60, "claims_zh": 50, "element_text_en": 40, "element_text_zh": 32,
	"quote": 50, "explanation_en": 40, "explanation_zh": 32, "note": 30, "standards": 18}

// book spools an XLSX export's rows to a temporary file while hashing
// them, because the title block above them shows their data version;
// Close then streams the workbook from the spool. Neither holds the list
// in memory.
type book struct {
	spool   *os.File
	buf     *bufio.Writer
	version *claimcharts.VersionHash
	title   Title
}

func newBook() (*book, error) {
	f, err := os.CreateTemp("", "sepportal-xlsx-*.jsonl")
	if err != nil {
		return nil, err
	}
	// Unlinked at once: the spool goes with the file, however the export ends.
	os.Remove(f.Name())
	return &book{spool: f, buf: bufio.NewWriterSize(f, 1<<16), version: claimcharts.NewVersionHash()}, nil
}

// add spools a row's cells; row is what the data version hashes.
func (b *book) add(row lists.Row, cells []string) error {
	b.version.Add(row.Cells)
	enc, err := json.Marshal(cells)
	if err != nil {
		return err
	}
	b.buf.Write(enc)
	return b.buf.WriteByte('\n')
}

// discard closes the spool, which is already unlinked.
func (b *book) discard() { b.spool.Close() }

// write streams the workbook to out: document properties, the title
// block, the header row (frozen, with a filter), column widths, and the
// spooled rows, wrapped where a cell holds several lines.
func (b *book) write(out io.Writer, kind lists.Kind, lang string, fields []lists.Column, header []string) error {
	defer b.discard()
	if err := b.buf.Flush(); err != nil {
		return err
	}
	if _, err := b.spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	xf := excelize.NewFile()
	defer xf.Close()
	gen := b.title.Generated
	if gen.IsZero() {
		gen = time.Now()
	}
	gen = gen.UTC()
	asOf := string(b.title.AsOf)
	if asOf == "" {
		asOf = gen.Format("2006-01-02")
	}
	name := strings.TrimSpace(b.title.Pool + " " + titleLabel(lang, string(kind)))
	if err := b.properties(xf, name, lang, asOf, gen); err != nil {
		return err
	}
	sw, err := xf.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	bold, _ := xf.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	wrapStyle, _ := xf.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	for i, f := range fields {
		w, ok := wideFields[f.Name]
		if !ok {
			w = 16
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	top := "A" + itoa(titleRows+2)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: titleRows + 1, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	titles := [][2]string{{name, ""}, {titleLabel(lang, "pool"), b.title.Pool}, {titleLabel(lang, "as_of"), asOf},
		{titleLabel(lang, "generated"), gen.Format(time.RFC3339)}, {titleLabel(lang, "version"), b.version.String()}}
	for i, t := range titles {
		if err := sw.SetRow("A"+itoa(i+1), []any{excelize.Cell{StyleID: bold, Value: t[0]}, t[1]}); err != nil {
			return err
		}
	}
	row := titleRows + 1
	heads := make([]any, len(header))
	for i, h := range header {
		heads[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A"+itoa(row), heads); err != nil {
		return err
	}
	dec := json.NewDecoder(b.spool)
	for {
		var cells []string
		if err := dec.Decode(&cells); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return err
		}
		row++
		vals := make([]any, len(cells))
		for i, c := range cells {
			if strings.Contains(c, "\n") {
				vals[i] = excelize.Cell{StyleID: wrapStyle, Value: c}
			} else {
				vals[i] = c
			}
		}
		if err := sw.SetRow("A"+itoa(row), vals); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(header), max(row, titleRows+2))
	if err := sw.AddTable(&excelize.Table{Range: "A" + itoa(titleRows+1) + ":" + last, Name: "List", StyleName: "TableStyleLight1"}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return xf.Write(out)
}

// properties sets the workbook's document properties (instead of
// excelize's author "xuri" and its 2006 dates).
func (b *book) properties(xf *excelize.File, name, lang, asOf string, gen time.Time) error {
	language := map[string]string{"zh": "zh-CN"}[lang]
	if language == "" {
		language = "en"
	}
	stamp := gen.Format(time.RFC3339)
	if err := xf.SetDocProps(&excelize.DocProperties{
		Title: name, Subject: titleLabel(lang, "as_of") + " " + asOf, Creator: "SEP Portal", LastModifiedBy: "SEP Portal",
		Created: stamp, Modified: stamp, Language: language, Keywords: b.version.String(),
		Description: titleLabel(lang, "version") + " " + b.version.String(), Category: titleLabel(lang, "list"),
	}); err != nil {
		return err
	}
	return xf.SetAppProps(&excelize.AppProperties{Application: "SEP Portal"})
}
