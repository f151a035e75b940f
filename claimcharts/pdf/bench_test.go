package pdf

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
)

// benchChart is a claim chart of n elements, each mapped to one reference
// with a quote and an explanation in Chinese and English, reviewed twice.
func benchChart(n int) *Chart {
	std := &claimcharts.Standard{Slug: "h265-v8", Body: "ITU-T", Number: "H.265", Version: "V8", Title: claimcharts.Text{Zh: "高效视频编码", En: "High efficiency video coding"}}
	rev := &claimcharts.Revision{No: 1, Status: claimcharts.RevisionSubmitted}
	det := &claimcharts.Determination{ID: "d", Pool: "hevc", Result: claimcharts.Essential, Rule: "unanimous", DecidedOn: "2025-01-01", Note: claimcharts.Text{Zh: "一致同意。", En: "Unanimous."}}
	reviews := []*claimcharts.Review{{Reviewer: claimcharts.ReviewerWithheld, Conclusion: claimcharts.Essential}, {Reviewer: claimcharts.ReviewerWithheld, Conclusion: claimcharts.Essential}}
	for i := 0; i < n; i++ {
		label := fmt.Sprintf("1[%d]", i+1)
		ref := fmt.Sprintf("8.5.3.%d", i+1)
		std.References = append(std.References, claimcharts.Reference{Label: ref, Kind: "section", Title: claimcharts.Text{Zh: "合并候选列表的推导过程", En: "Derivation process for merging candidates"}})
		rev.Elements = append(rev.Elements, claimcharts.Element{Label: label,
			Text: claimcharts.Text{Zh: "根据空间相邻块的运动信息构建合并候选列表，并在列表未满时加入时域候选；", En: "constructing a merge candidate list from the motion information of spatially neighbouring blocks and adding a temporal candidate when the list is not full;"},
			Mappings: []claimcharts.Mapping{{Ref: ref, Quote: "The merging candidate list, mergeCandList, is constructed as follows: spatial candidates A1, B1, B0, A0 and B2 are added when available, then the temporal candidate Col.",
				Explanation: claimcharts.Text{Zh: "标准规定了相同的构建顺序。", En: "The standard specifies the same order of construction."}}}})
		for _, rv := range reviews {
			rv.Verdicts = append(rv.Verdicts, claimcharts.Verdict{Element: label, Result: "met", Note: claimcharts.Text{Zh: "满足。", En: "Met."}})
		}
	}
	return &Chart{
		Patent: &claimcharts.Patent{Number: claimcharts.Number{Country: "CN", Serial: "105900101", Kind: "B"}, Holder: "huaxin", Type: "invention", LegalStatus: "granted",
			Title: claimcharts.Text{Zh: "一种帧间预测方法", En: "Inter prediction method"}, Dates: claimcharts.Dates{Filing: "2015-01-01", Grant: "2018-06-01"}},
		Chart: &claimcharts.Chart{ID: "cn105900101b-c1-h265-v8", Claim: 1}, Revision: rev, Standard: std,
		Pool: &claimcharts.Pool{Slug: "hevc", Name: claimcharts.Text{Zh: "视频编码专利池", En: "Video pool"}}, Determination: det, Reviews: reviews,
	}
}

// BenchmarkChartPDF draws a 50-element claim chart (target: 50 ms or less):
//
//	go test ./claimcharts/pdf -run '^$' -bench ChartPDF -count 3
func BenchmarkChartPDF(b *testing.B) {
	c := benchChart(50)
	m := Meta{Lang: "zh", BaseURL: "https://sep.example.org"}
	cpu := cpuTime()
	for b.Loop() {
		if err := WriteChart(io.Discard, m, c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()*1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time the process has used: on a machine shared with
// other work, wall time per operation counts the waits for a core too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchList is a pool list of n patents: families of one to four members
// from several offices, holders with Chinese and English names.
func benchList(n int) *PoolList {
	l := &PoolList{Pool: &claimcharts.Pool{Slug: "hevc", Name: claimcharts.Text{Zh: "视频编码专利池", En: "Video pool"}}, AsOf: "2025-06-30",
		Holders: map[string]*claimcharts.Organization{}}
	for h := 0; h < 340; h++ {
		name := claimcharts.Text{En: "Holder " + strconv.Itoa(h) + " Technologies Co., Ltd."}
		if h%17 == 0 {
			name.Zh = "华信视频技术有限公司" + strconv.Itoa(h)
		}
		l.Holders["org-"+strconv.Itoa(h)] = &claimcharts.Organization{Name: name}
	}
	v := claimcharts.NewVersionHash()
	for patents, f := 0, 0; patents < n; f++ {
		size := 1 + f%4
		var members []string
		for k := 0; k < size; k++ {
			members = append(members, []string{"CN 1059%05d B", "US 10,5%02d,%03d B2", "EP 2 9%02d %03d B1", "JP 67%05d B2"}[k%4])
			members[k] = fmt.Sprintf(strings.ReplaceAll(members[k], "%02d,%03d", "%07d"), f)
		}
		patents += size
		row := lists.Row{Cells: map[string]string{"family": "fam-" + strconv.Itoa(f), "holder": "org-" + strconv.Itoa(f%340),
			"members": strings.Join(members, "\n"), "standards": "h265-v8", "references": "ITU-T H.265 (V8): Secs. 8.5.3.2, 8.5.3.2.2; Table 8-5",
			"effective": "2024-03-01", "title_zh": "基于合并候选列表的帧间预测方法", "title_en": "Inter prediction with merge candidate lists"}}
		v.Add(row.Cells)
		l.Rows = append(l.Rows, row)
	}
	l.Version = v.String()
	return l
}

// BenchmarkPoolListPDF draws the list of a 20,000-patent pool (target: 10 s
// or less within 300 MB RSS) and reports the pages and the process's peak
// RSS (VmHWM). Run it in a process of its own:
//
//	go test ./claimcharts/pdf -run '^$' -bench PoolListPDF -benchtime 1x -count 3
func BenchmarkPoolListPDF(b *testing.B) {
	l := benchList(20_000)
	m := Meta{Lang: "zh", BaseURL: "https://sep.example.org"}
	var out countingWriter
	cpu := cpuTime()
	for b.Loop() {
		out = 0
		if err := WritePoolList(&out, m, l); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(out)/(1<<20), "MiB/pdf")
	b.ReportMetric(float64(len(l.Rows)), "families")
	b.ReportMetric(peakRSS()/(1<<20), "MiB-peak-RSS")
}

type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}

// peakRSS is the process's peak resident set (VmHWM), in bytes.
func peakRSS() float64 {
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb * 1024
		}
	}
	return 0
}
