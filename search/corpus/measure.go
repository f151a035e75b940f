package corpus

import (
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ReportLatency reports the p50 and p95 of a benchmark's latencies, in ms.
func ReportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
}

// ReportMemory reports the process's peak resident memory and, now, its
// anonymous and file-backed parts, in MiB (Linux only). File-backed pages
// are the mapped index and database files, which the kernel can drop.
func ReportMemory(b *testing.B) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(data), "\n") {
		for name, unit := range map[string]string{"VmHWM:": "peak-rss-MiB", "RssAnon:": "anon-rss-MiB", "RssFile:": "file-rss-MiB"} {
			if f := strings.Fields(line); len(f) == 3 && f[0] == name {
				if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
					b.ReportMetric(kb/1024, unit)
				}
			}
		}
	}
}

// CPUTime returns the CPU time the process has used so far, user and
// system (0 where getrusage fails).
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
