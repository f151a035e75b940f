package bulk_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
)

// TestXLSXPublished opens an exported pool list with excelize as a
// spreadsheet program would: the title block, the frozen header row, the
// filter over the list, the column widths, the wrapped multi-line cells
// and the document properties.
func TestXLSXPublished(t *testing.T) {
	rows := []lists.Row{
		{Cells: map[string]string{"family": "fam-1", "holder": "org-1", "members": "CN 105900101 B\nUS 10,500,101 B2", "effective": "2024-03-01", "title_zh": "帧间预测方法"}},
		{Cells: map[string]string{"family": "fam-2", "holder": "org-2", "members": "EP 2 777 236 B1", "effective": "2024-05-01"}},
	}
	gen := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	w, err := bulk.NewWriter(&b, bulk.XLSX, lists.PoolList, "zh")
	must(t, err)
	w.SetTitle(bulk.Title{Pool: "示例专利池", AsOf: "2025-06-30", Generated: gen})
	for _, r := range rows {
		must(t, w.Write(r))
	}
	must(t, w.Close())
	version := claimcharts.NewVersionHash()
	for _, r := range rows {
		version.Add(r.Cells)
	}

	f, err := excelize.OpenReader(&b)
	must(t, err)
	defer f.Close()
	cell := func(ref string) string {
		v, err := f.GetCellValue("Sheet1", ref)
		must(t, err)
		return v
	}
	for ref, want := range map[string]string{"A2": "专利池", "B2": "示例专利池", "A3": "截至", "B3": "2025-06-30",
		"A4": "生成时间", "B4": "2026-12-02T08:00:00Z", "A5": "数据版本", "B5": version.String(), "A7": "族编号", "A8": "fam-1", "A9": "fam-2"} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	if !strings.Contains(cell("A1"), "示例专利池") {
		t.Errorf("title %q", cell("A1"))
	}
	panes, err := f.GetPanes("Sheet1")
	must(t, err)
	if !panes.Freeze || panes.YSplit != 7 || panes.TopLeftCell != "A8" {
		t.Errorf("panes %+v, want the header row (7) frozen", panes)
	}
	tables, err := f.GetTables("Sheet1")
	must(t, err)
	if len(tables) != 1 || !strings.HasPrefix(tables[0].Range, "A7:") || !strings.HasSuffix(tables[0].Range, "9") {
		t.Errorf("tables %+v, want one with a filter over A7 to row 9", tables)
	}
	if w, _ := f.GetColWidth("Sheet1", "D"); w < 20 {
		t.Errorf("members column width %v", w)
	}
	style, err := f.GetCellStyle("Sheet1", "D8")
	must(t, err)
	st, err := f.GetStyle(style)
	must(t, err)
	if st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("the two-line members cell does not wrap: %+v", st.Alignment)
	}
	props, err := f.GetDocProps()
	must(t, err)
	if props.Creator != "SEP Portal" || props.Created != "2026-12-02T08:00:00Z" || props.Language != "zh-CN" || !strings.Contains(props.Title, "示例专利池") {
		t.Errorf("document properties %+v", props)
	}
}
