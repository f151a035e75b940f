package bulk_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/mongo"
	"sepportal/claimcharts/mongo/mongotest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

// interloper is a list whose reading ends with another writer creating a
// patent the last row has staged: the batch's write of it then fails, as
// it would when an API client writes during an import.
type interloper struct {
	*bulk.Reader
	reg *claimcharts.Registry
}

func (l interloper) Next() (lists.Row, error) {
	row, err := l.Reader.Next()
	if errors.Is(err, io.EOF) {
		n, _ := claimcharts.ParseNumber("US 9,999,003 B2")
		p := &claimcharts.Patent{Number: n, Holder: "acme", Type: "invention", Title: claimcharts.Text{En: "Written meanwhile"}, LegalStatus: "granted"}
		if cerr := l.reg.CreatePatent(context.Background(), admin, p); cerr != nil {
			return row, cerr
		}
	}
	return row, err
}

// TestBatchFailsPartWay: the embedded store writes a failed batch not at
// all; MongoDB keeps what it wrote before the failure. Either way the
// report says which rows were not written, and importing again completes
// the list.
func TestBatchFailsPartWay(t *testing.T) {
	rows := append(poolList("en")[3:4], []string{"F-1", "acme", "", "US 9,999,001 B2"}, []string{"F-2", "acme", "", "US 9,999,002 B2"},
		[]string{"F-3", "acme", "", "US 9,999,003 B2"})
	path := writeFile(t, "list.csv", csvFile(rows, ',', false))
	for _, onMongo := range []bool{false, true} {
		t.Run(map[bool]string{false: "embedded", true: "mongodb"}[onMongo], func(t *testing.T) {
			batchFailsPartWay(t, path, onMongo)
		})
	}
}

// TestBatchOfOneRow writes row by row, each batch written while the next
// row is staged on top of it.
func TestBatchOfOneRow(t *testing.T) {
	rows := append(poolList("en")[3:4], []string{"F-1", "acme", "", "US 9,999,001 B2"}, []string{"F-1", "acme", "", "US 9,999,002 B2"},
		[]string{"", "New Holder Inc.", "", "XX1"}, []string{"F-3", "New Holder Inc.", "", "US 9,999,003 B2"})
	reg := mustRegistry(t)
	rep, _ := importFile(t, reg, writeFile(t, "list.csv", csvFile(rows, ',', false)), bulk.Options{Kind: lists.PoolList},
		lists.Options{Pool: "wifi6", BatchRows: 1})
	if rep.Rejected != 1 || rep.Rejections[0].Row != 4 || rep.Records[claimcharts.KindFamily].Created != 2 || rep.Records[claimcharts.KindFamily].Unchanged != 1 ||
		rep.Records[claimcharts.KindOrganization].Created != 1 || rep.Records[claimcharts.KindEntry].Created != 3 {
		t.Fatalf("report: %s", reportJSON(rep))
	}
	if p, err := reg.Patent(ctx, claimcharts.Actor{}, "US 9999003"); err != nil || p.Holder != "new-holder-inc" {
		t.Fatalf("last row's patent = %+v, %v", p, err)
	}
}

// batchFailsPartWay imports path, on whose last row another writer
// interferes, and imports it again.
func batchFailsPartWay(t *testing.T, path string, onMongo bool) {
	reg := mustRegistry(t)
	if onMongo {
		reg = mongoRegistry(t)
	}
	r, err := bulk.Open(path, bulk.Options{Kind: lists.PoolList})
	must(t, err)
	defer r.Close()
	rep, err := lists.Import(ctx, reg, admin, interloper{r, reg}, lists.Options{Pool: "wifi6"})
	must(t, err)
	last := rep.Rejections[len(rep.Rejections)-1]
	if onMongo {
		if rep.Rejected != 1 || !rep.Written || last.Row != 4 || !strings.Contains(last.Reason, "written only in part") {
			t.Fatalf("MongoDB: %s", reportJSON(rep))
		}
	} else if rep.Rejected != 3 || rep.Written || !strings.Contains(last.Reason, `not written: the store refused a write of this batch: patent "US9999003" exists already`) {
		t.Fatalf("embedded: %s", reportJSON(rep))
	}
	again, _ := importFile(t, reg, path, bulk.Options{Kind: lists.PoolList}, lists.Options{Pool: "wifi6"})
	if again.Rejected != 0 || again.Records[claimcharts.KindEntry].Created+again.Records[claimcharts.KindEntry].Unchanged != 3 {
		t.Fatalf("second import: %s", reportJSON(again))
	}
}

// mongoRegistry seeds a registry on a database of its own on the test
// MongoDB server (FerretDB unless SEPPORTAL_TEST_MONGO_URI is set).
func mongoRegistry(tb testing.TB) *claimcharts.Registry {
	tb.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	store, err := mongo.Open(c, mongotest.URI(tb), mongo.WithDatabase(mongotest.Database(tb)))
	must(tb, err)
	tb.Cleanup(func() { store.Close() })
	return seed(tb, store)
}
