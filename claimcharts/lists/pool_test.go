package lists_test

import (
	"strings"
	"testing"

	"sepportal/claimcharts/lists"
)

// unreadable returns a members cell of n distinct numbers the parser
// cannot read, and a readable one.
func unreadable(n int) string {
	nums := []string{"US 9,999,001 B2"}
	for i := range n {
		nums = append(nums, "XX"+itoa(i+1))
	}
	return strings.Join(nums, "; ")
}

// A family keeps up to 1,000 unread numbers of a pool list; a row that
// gives more is refused as a family with too many would be.
func TestPoolListUnreadNumbersLimit(t *testing.T) {
	for _, tc := range []struct {
		name    string
		members string
		kept    int
	}{
		{"1,000 numbers", unreadable(1000), 1000},
		{"1,000 numbers, each twice", unreadable(1000) + "; " + unreadable(1000)[len("US 9,999,001 B2; "):], 1000},
		{"1,001 numbers", unreadable(1001), 0},
		{"20,000 numbers", unreadable(20_000), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := mustRegistry(t)
			rep, err := lists.Import(ctx, reg, admin, list(lists.PoolList, poolHeader, []string{"F-1", "acme", "", tc.members}), lists.Options{Pool: "wifi6"})
			if err != nil {
				t.Fatal(err)
			}
			if tc.kept == 0 {
				if rep.Rejected != 1 || !strings.Contains(rep.Rejections[0].Reason, "unread_numbers may hold at most 1000 items") {
					t.Fatalf("rejections %+v", rep.Rejections)
				}
				return
			}
			f, err := reg.Family(ctx, admin, "f-1")
			if err != nil {
				t.Fatalf("%v; rejections %+v", err, rep.Rejections)
			}
			if rep.Rejected != 0 || len(f.Unread) != tc.kept || f.Unread[0] != "XX1" || f.Unread[tc.kept-1] != "XX"+itoa(tc.kept) {
				t.Fatalf("family has %d unread numbers; rejections %+v", len(f.Unread), rep.Rejections)
			}
		})
	}
}

// The rows of one family add their unread numbers up, to 1,000.
func TestPoolListUnreadNumbersAddUp(t *testing.T) {
	reg := mustRegistry(t)
	second := strings.ReplaceAll(strings.Replace(unreadable(600), "US 9,999,001", "US 9,999,002", 1), "XX", "YY")
	rep, err := lists.Import(ctx, reg, admin, list(lists.PoolList, poolHeader,
		[]string{"F-1", "acme", "", unreadable(600)}, []string{"F-1", "acme", "", second}), lists.Options{Pool: "wifi6"})
	if err != nil || rep.Rejected != 1 || rep.Rejections[0].Row != 3 || !strings.Contains(rep.Rejections[0].Reason, "unread_numbers may hold at most 1000 items") {
		t.Fatalf("%v; rejections %+v", err, rep.Rejections)
	}
	f, err := reg.Family(ctx, admin, "f-1")
	if err != nil || len(f.Unread) != 600 {
		t.Fatalf("family %+v, %v; want 600 unread numbers", f, err)
	}
}

// A claims cell of more than 10,000 claim numbers is kept as written with
// a warning that names the limit, in English and Chinese.
func TestPoolListClaimNumbersLimit(t *testing.T) {
	reg := mustRegistry(t)
	claims := strings.Repeat("1-1000, ", 11)
	rep := mustImport(t, reg, admin, list(lists.PoolList, poolHeader, []string{"F-1", "acme", "", "US 9,999,001 B2", claims}), lists.Options{Pool: "wifi6"})
	if rep.Rejected != 0 || len(rep.Warnings) != 1 {
		t.Fatalf("report: %.2000s", reportJSON(rep))
	}
	w := rep.Warnings[0]
	if w.Column != "Claims" || w.Reason != "the cell lists more than 10000 claim numbers; the text is kept as written" ||
		!strings.Contains(rep.In("zh").Warnings[0].Reason, "超过 10000 个") {
		t.Fatalf("warning %+v", w)
	}
	e, err := reg.Entry(ctx, admin, "wifi6", "US 9999001")
	if err != nil || !strings.HasSuffix(e.History[len(e.History)-1].Note, "claims: "+strings.TrimSpace(claims)) {
		t.Fatalf("entry %+v, %v", e, err)
	}
}
