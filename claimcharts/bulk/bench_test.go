package bulk_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
)

// BenchmarkImportPoolList imports a generated pool list of
// SEPPORTAL_BENCH_FAMILIES family rows (default 100,000) of ten members
// each into a fresh embedded store, once, and reports the wall time, rows
// per second, and memory: the process's peak RSS (VmHWM), its peak
// anonymous RSS (what the program holds, without the store's file pages)
// and the peak Go heap, sampled every 50 ms. Run it once per size, so that
// each process's peaks are its own:
//
//	SEPPORTAL_BENCH_FAMILIES=10000  go test ./claimcharts/bulk -run '^$' -bench ImportPoolList -benchtime 1x
//	SEPPORTAL_BENCH_FAMILIES=100000 go test ./claimcharts/bulk -run '^$' -bench ImportPoolList -benchtime 1x -timeout 30m
//
// With SEPPORTAL_BENCH_DIR set, the list and the store are kept there, for
// `sepportal reindex --data-dir $SEPPORTAL_BENCH_DIR/store0` to index.
func BenchmarkImportPoolList(b *testing.B) {
	families := 100_000
	if v := os.Getenv("SEPPORTAL_BENCH_FAMILIES"); v != "" {
		families, _ = strconv.Atoi(v)
	}
	dir := os.Getenv("SEPPORTAL_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	list := filepath.Join(dir, "list.csv")
	must(b, writePoolList(list, families))
	st, _ := os.Stat(list)
	for i := 0; i < b.N; i++ {
		store, err := bolt.Open(filepath.Join(dir, "store"+strconv.Itoa(i)))
		must(b, err)
		reg := seed(b, store)
		reg.Now = func() time.Time { return time.Now().UTC() }
		mem := sampleMemory()
		b.ResetTimer()
		start := time.Now()
		r, err := bulk.Open(list, bulk.Options{Kind: lists.PoolList})
		must(b, err)
		rep, err := lists.Import(context.Background(), reg, admin, r, lists.Options{Pool: "wifi6", Source: "list.csv", BatchRows: benchBatch(), BatchWrites: benchBatch() * 20})
		must(b, err)
		r.Close()
		elapsed := time.Since(start)
		b.StopTimer()
		peak := mem.stop()
		if rep.Rejected != 0 || rep.Records[claimcharts.KindPatent].Created != families*10 {
			b.Fatalf("report: %s", reportJSON(rep))
		}
		b.ReportMetric(elapsed.Seconds(), "import-s")
		b.ReportMetric(float64(families)/elapsed.Seconds(), "rows/s")
		b.ReportMetric(float64(st.Size())/(1<<20), "file-MiB")
		b.ReportMetric(peak.hwm/(1<<20), "peak-rss-MiB")
		b.ReportMetric(peak.anon/(1<<20), "peak-anon-MiB")
		b.ReportMetric(peak.heap/(1<<20), "peak-heap-MiB")
		if path := os.Getenv("SEPPORTAL_BENCH_HEAPPROFILE"); path != "" {
			writeHeapProfile(b, path) // what is live at the end, the store still open
		}
		store.Close()
	}
}

// writePoolList writes a pool list of n families, ten members each, with
// numbers spelt as lists spell them: "EP 2 012 345 B1", "EP (DE) ...",
// "US 10,012,345 B2", "KR10-2012345", "WO 2015/012345"...
func writePoolList(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	w.Write([]string{"Wi-Fi 6 pool — generated list of " + strconv.Itoa(n) + " families"})
	w.Write([]string{"Family", "Patent Owner", "Exemplary Member", "Family Members", "Claims", "Standard", "Illustrative References"})
	for i := 0; i < n; i++ {
		w.Write(familyRow(i))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// familyRow is family i: ten members in eight offices and spellings.
func familyRow(i int) []string {
	ep := fmt.Sprintf("%07d", 2_000_000+i)
	epSpaced := ep[:1] + " " + ep[1:4] + " " + ep[4:]
	us := strconv.Itoa(10_000_000 + i)
	members := []string{
		"EP (DE) " + epSpaced, "EP " + ep + " (FR)", "EP (GB) " + epSpaced,
		"US " + us[:2] + "," + us[2:5] + "," + us[5:] + " B2",
		fmt.Sprintf("CN %09d B", 100_000_000+i), fmt.Sprintf("CN%09dU", 200_000_000+i),
		fmt.Sprintf("JP%07dB2", 6_000_000+i), fmt.Sprintf("KR10-%07d", 2_000_000+i),
		fmt.Sprintf("WO 20%02d/%06d", 10+i/1_000_000, i%1_000_000),
	}
	holder := fmt.Sprintf("Holder %03d Technologies Co., Ltd.", i%400)
	if i%5 == 0 {
		holder = fmt.Sprintf("示例控股%03d有限公司", i%100)
	}
	return []string{fmt.Sprintf("WIFI6-%06d", i), holder, "EP " + epSpaced + " B1", strings.Join(members, "; "), "1, 12",
		"IEEE 802.11ax-2021", "IEEE Std. 802.11ax-2021: Secs. 27.3.4, 27.3.10; Figures 27-8"}
}

// TestGeneratedListReads checks the benchmark's list: every number parses
// and ten a row are distinct.
func TestGeneratedListReads(t *testing.T) {
	for _, i := range []int{0, 1, 99_999, 999_999} {
		row := familyRow(i)
		nums := append([]string{row[2]}, strings.Split(row[3], "; ")...)
		keys := map[string]bool{}
		for _, s := range nums {
			n, err := claimcharts.ParseNumber(s)
			if err != nil {
				t.Fatal(err)
			}
			keys[n.Key()] = true
		}
		if len(keys) != 10 {
			t.Fatalf("family %d has %d distinct members: %v", i, len(keys), keys)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(familyRow(7))
	w.Flush()
	if b.Len() > 400 {
		t.Errorf("a row is %d bytes", b.Len())
	}
}

// writeHeapProfile writes the live heap to path.
func writeHeapProfile(tb testing.TB, path string) {
	tb.Helper()
	runtime.GC()
	f, err := os.Create(path)
	must(tb, err)
	defer f.Close()
	must(tb, pprof.WriteHeapProfile(f))
}

// memPeak is the highest memory seen while sampling, in bytes.
type memPeak struct{ hwm, anon, heap float64 }

type sampler struct {
	stopc chan struct{}
	wg    sync.WaitGroup
	peak  memPeak
}

// sampleMemory samples the process's memory every 50 ms until stop.
func sampleMemory() *sampler {
	s := &sampler{stopc: make(chan struct{})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			s.sample()
			select {
			case <-s.stopc:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *sampler) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s.peak.heap = max(s.peak.heap, float64(ms.HeapInuse))
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(status), "\n") {
		name, val, _ := strings.Cut(line, ":")
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmHWM":
			s.peak.hwm = max(s.peak.hwm, kb*1024)
		case "RssAnon":
			s.peak.anon = max(s.peak.anon, kb*1024)
		}
	}
}

func (s *sampler) stop() memPeak {
	close(s.stopc)
	s.wg.Wait()
	s.sample()
	return s.peak
}

// benchBatch is $SEPPORTAL_BENCH_BATCH, the rows per batch (0: the default).
func benchBatch() int {
	n, _ := strconv.Atoi(os.Getenv("SEPPORTAL_BENCH_BATCH"))
	return n
}
