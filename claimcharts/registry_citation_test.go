package claimcharts_test

import (
	"context"
	"testing"

	"sepportal/claimcharts"
)

// TestLinkAtReadTime: a citation stored before its standard exists links
// once the standard is added, at read time.
func TestLinkAtReadTime(t *testing.T) {
	reg := openRegistry(t)
	admin := claimcharts.Actor{ID: "root", Role: claimcharts.RoleAdmin}
	cits, _ := claimcharts.ParseCitations("IEEE Std. 802.11ac-2013: Sec. 22.3.4", "")
	got, err := reg.LinkCitations(context.Background(), cits)
	if err != nil || got[0].Slug != "" {
		t.Fatalf("before the standard: %+v, %v", got, err)
	}
	std := &claimcharts.Standard{Slug: "80211ac-2013", Body: "IEEE", Number: "802.11ac", Version: "2013", Title: claimcharts.Text{En: "VHT"}}
	if err := reg.CreateStandard(context.Background(), admin, std); err != nil {
		t.Fatal(err)
	}
	if got, _ = reg.LinkCitations(context.Background(), cits); got[0].Slug != "80211ac-2013" || cits[0].Slug != "" {
		t.Fatalf("after: %+v (input %+v)", got, cits)
	}
}
