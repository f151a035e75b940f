package search

import (
	"context"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// TestHolderNamesFindPatents searches a holder's names in both languages:
// they find its patents, and after the organization is renamed the new
// name finds them and the old one no longer does.
func TestHolderNamesFindPatents(t *testing.T) {
	ix, reg := demoIndex(t)
	ctx := context.Background()
	holderOnly := func(q string) (*Result, bool) {
		res := search(t, ix, anonymous, Request{Query: q, Filters: map[string]string{"is": TypePatent}, Limit: MaxLimit})
		for _, h := range res.Items {
			if h.Holder != demo.Huaxin {
				return res, false
			}
		}
		return res, true
	}
	for _, q := range []string{"华芯视频", "Huaxin"} {
		res, only := holderOnly(q)
		if res.Total == 0 || !only {
			t.Errorf("%s finds %d patents, of other holders too: %v", q, res.Total, !only)
		}
	}
	org, err := reg.Organization(ctx, claimcharts.Actor{}, demo.Huaxin)
	if err != nil {
		t.Fatal(err)
	}
	org.Name = claimcharts.Text{En: "Demo Qilin Semiconductor (demo)", Zh: "示例麒麟半导体（示例）"}
	if err := reg.UpdateOrganization(ctx, claimcharts.System, demo.Huaxin, org.Rev, org); err != nil {
		t.Fatal(err)
	}
	catchUp(t, ix)
	for _, q := range []string{"麒麟半导体", "Qilin"} {
		if res, only := holderOnly(q); res.Total == 0 || !only {
			t.Errorf("after the rename %s finds %d patents (only the holder's: %v)", q, res.Total, only)
		}
	}
	if res := search(t, ix, anonymous, Request{Query: "Huaxin", Filters: map[string]string{"is": TypePatent}}); res.Total != 0 {
		t.Errorf("after the rename the old name still finds %d patents", res.Total)
	}
}
