package claimcharts_test

import (
	"context"
	"strings"
	"testing"

	"sepportal/claimcharts"
)

// TestUpdateStandardKeepsReferences: an update may correct and add
// references but not drop one, and the refusal names the dropped label.
func TestUpdateStandardKeepsReferences(t *testing.T) {
	ctx := context.Background()
	reg := openRegistry(t)
	admin := claimcharts.Actor{ID: "root", Role: claimcharts.RoleAdmin}
	standard := func(refs ...claimcharts.Reference) *claimcharts.Standard {
		return &claimcharts.Standard{Slug: "h265", Body: "ITU-T", Number: "H.265", Version: "V8",
			Title: claimcharts.Text{En: "HEVC"}, References: refs}
	}
	sec, sub := claimcharts.Reference{Label: "8.5", Kind: "section"}, claimcharts.Reference{Label: "8.5.3", Kind: "section", Parent: "8.5"}
	if err := reg.CreateStandard(ctx, admin, standard(sec, sub)); err != nil {
		t.Fatal(err)
	}
	err := reg.UpdateStandard(ctx, admin, "h265", 0, standard(sec))
	if claimcharts.ErrorCode(err) != claimcharts.EINVALID || !strings.Contains(err.Error(), `reference "8.5.3" is missing`) {
		t.Fatalf("dropping 8.5.3: %v, want a refusal naming it", err)
	}
	sub.Title = claimcharts.Text{En: "Corrected"}
	if err := reg.UpdateStandard(ctx, admin, "h265", 0, standard(sec, sub, claimcharts.Reference{Label: "9", Kind: "annex"})); err != nil {
		t.Fatalf("correcting and adding references: %v", err)
	}
}
