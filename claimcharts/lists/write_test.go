package lists_test

import (
	"context"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
)

// refusingStore is a store that refuses its refuse-th batch (counting
// from 1), as a concurrent edit would make it.
type refusingStore struct {
	claimcharts.Store
	refuse, batches int
}

func (s *refusingStore) PutMany(ctx context.Context, writes []claimcharts.Write) ([]claimcharts.Doc, error) {
	s.batches++
	if s.batches == s.refuse {
		return nil, &claimcharts.Error{Code: claimcharts.ECONFLICT, Message: "edited meanwhile"}
	}
	return s.Store.PutMany(ctx, writes)
}

// TestImportForgetsHoldersOfUnwrittenBatches: a holder created in a batch
// the store refuses is not taken as registered by a later batch, which
// creates it, even when the batch before the refused one was written
// while it was being staged.
func TestImportForgetsHoldersOfUnwrittenBatches(t *testing.T) {
	reg := mustRegistry(t)
	reg.Store = &refusingStore{Store: reg.Store, refuse: 2}
	rows := list(lists.Patents, []string{"number", "holder", "title"},
		[]string{"CN208911117U", "acme", "一种天线"},     // batch 1: written
		[]string{"CN208911118U", "Beta Ltd", "一种天线"}, // batch 2: creates Beta, refused
		[]string{"CN208911119U", "acme", "一种天线"},     // batch 3: after the refused one
		[]string{"CN208911120U", "Beta Ltd", "一种天线"}, // batch 4: must create Beta again
	)
	rep := mustImport(t, reg, admin, rows, lists.Options{BatchRows: 1})
	if rep.Rejected != 2 || rep.Rejections[0].Row != 3 || rep.Rejections[1].Row != 4 {
		t.Fatalf("want rows 3 and 4 rejected: %s", reportJSON(rep))
	}
	p, err := reg.Patent(ctx, admin, "CN208911120U")
	if err != nil || p.Holder != lists.SlugFromName("org", "Beta Ltd") {
		t.Fatalf("row 5's patent = %+v, %v; report %s", p, err, reportJSON(rep))
	}
	if o, err := reg.Organization(ctx, admin, p.Holder); err != nil || o.Name.En != "Beta Ltd" {
		t.Fatalf("row 5's holder = %+v, %v", o, err)
	}
}
