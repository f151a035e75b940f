package bolt

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"sepportal/claimcharts"
)

// BenchmarkByKeyAtScale measures by-key reads and writes on a store holding
// SEPPORTAL_BENCH_PATENTS patents (default 1,000,000), and reports the
// median and 95th percentile latency of each. The store is filled once and
// kept in SEPPORTAL_BENCH_DIR when that is set, so reruns skip the fill:
//
//	SEPPORTAL_BENCH_DIR=/tmp/sepbench go test ./claimcharts/bolt -run '^$' -bench ByKeyAtScale -benchtime 2000x
func BenchmarkByKeyAtScale(b *testing.B) {
	n := 1_000_000
	if v := os.Getenv("SEPPORTAL_BENCH_PATENTS"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	dir := os.Getenv("SEPPORTAL_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := fill(s, n); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	reads := make([]time.Duration, 0, b.N)
	writes := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		key := benchKey(rng.IntN(n))
		t0 := time.Now()
		doc, err := s.Get(ctx, claimcharts.KindPatent, key)
		reads = append(reads, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		t0 = time.Now()
		_, err = s.Put(ctx, doc, claimcharts.AuditEvent{Action: "update", Actor: "bench", At: t0})
		writes = append(writes, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	report(b, "read", reads)
	report(b, "write", writes)
}

func report(b *testing.B, name string, d []time.Duration) {
	slices.Sort(d)
	ms := func(q float64) float64 { return float64(d[int(q*float64(len(d)-1))]) / 1e6 }
	b.ReportMetric(ms(0.5), name+"-p50-ms")
	b.ReportMetric(ms(0.95), name+"-p95-ms")
}

func benchKey(i int) string { return fmt.Sprintf("US%08d", 10_000_000+i) }

// fill writes n patent-sized records (with their index entries) in large
// transactions, unless the store already holds them.
func fill(s *Store, n int) error {
	have := 0
	_ = s.db.View(func(tx *bolt.Tx) error {
		have = tx.Bucket(recordBucket(claimcharts.KindPatent)).Stats().KeyN
		return nil
	})
	body, _ := json.Marshal(map[string]any{
		"holder": "acme", "type": "invention", "legal_status": "granted",
		"title":  map[string]string{"en": "Method and apparatus for inter prediction using merge candidates", "zh": "使用合并候选进行帧间预测的方法和装置"},
		"claims": []map[string]any{{"number": 1, "text": map[string]string{"en": string(make([]byte, 600))}}},
	})
	const batch = 20_000
	for start := have; start < n; start += batch {
		err := s.db.Update(func(tx *bolt.Tx) error {
			recs, idx := tx.Bucket(recordBucket(claimcharts.KindPatent)), tx.Bucket(indexBucket(claimcharts.KindPatent))
			for i := start; i < min(start+batch, n); i++ {
				doc := claimcharts.Doc{Kind: claimcharts.KindPatent, Key: benchKey(i), Rev: 1, Seq: uint64(i + 1),
					Indexes: map[string]string{"holder": "h" + strconv.Itoa(i%500)}, Data: body}
				if err := putJSON(recs, []byte(doc.Key), doc); err != nil {
					return err
				}
				if err := idx.Put(indexKey("holder", doc.Indexes["holder"], doc.Key), nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
