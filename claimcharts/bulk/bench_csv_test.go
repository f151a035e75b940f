package bulk_test

import (
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
)

// BenchmarkCSVStream streams a pool list of SEPPORTAL_BENCH_ROWS rows
// (default 1,000,000) through the CSV writer (target: 50 MB/s or more,
// memory flat in the number of rows) and reports the throughput by wall
// time and by CPU time (on a shared machine, wall time counts the waits
// for a core) and the peak Go heap, sampled every 50 ms:
//
//	go test ./claimcharts/bulk -run '^$' -bench CSVStream -benchtime 1x -count 3
func BenchmarkCSVStream(b *testing.B) {
	rows := 1_000_000
	if v := os.Getenv("SEPPORTAL_BENCH_ROWS"); v != "" {
		rows, _ = strconv.Atoi(v)
	}
	row := lists.Row{Cells: map[string]string{"family": "wifi6-000001", "holder": "org-huaxin",
		"exemplary": "EP 2 777 236 B1", "members": "EP 2 777 236 B1\nEP (DE) 2 777 236\nUS 10,285,091 B2\nCN 103931153 B\nJP 6637180 B2",
		"claims": "1, 12", "standards": "80211ax-2021", "references": "IEEE Std. 802.11ax-2021: Secs. 27.3.4, 27.3.10; Figures 27-8",
		"effective": "2023-05-01", "title_en": "Trigger-based uplink OFDMA with random-access resource units", "title_zh": "利用随机接入资源单元的触发式上行OFDMA"}}
	for b.Loop() {
		var out countBytes
		mem := sampleMemory()
		cpu, start := cpuUsed(), time.Now()
		w, err := bulk.NewWriter(&out, bulk.CSV, lists.PoolList, "zh")
		must(b, err)
		for i := 0; i < rows; i++ {
			row.Cells["family"] = "wifi6-" + strconv.Itoa(i)
			must(b, w.Write(row))
		}
		must(b, w.Close())
		wall, used := time.Since(start), cpuUsed()-cpu
		peak := mem.stop()
		b.SetBytes(int64(out))
		b.ReportMetric(float64(out)/(1<<20), "file-MiB")
		b.ReportMetric(float64(out)/1e6/wall.Seconds(), "MB/s-wall")
		b.ReportMetric(float64(out)/1e6/used.Seconds(), "MB/s-cpu")
		b.ReportMetric(peak.heap/(1<<20), "peak-heap-MiB")
	}
}

type countBytes int64

func (c *countBytes) Write(p []byte) (int, error) { *c += countBytes(len(p)); return len(p), nil }

// cpuUsed is the CPU time the process has used.
func cpuUsed() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
