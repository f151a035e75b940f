package claimcharts_test

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
	"sepportal/claimcharts/msg"
)

// english matches three English words in a row: a reason the catalog did
// not translate.
var english = regexp.MustCompile(`[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}`)

// TestRefusalsReadInChinese: each class of refusal the domain words itself
// (a state change out of time, a review of an unsubmitted revision, a
// patent number an office's rule refuses, a builder's reason, an empty or
// malformed date, a record's rules, a webhook URL) reads in Chinese for a
// zh caller, its message and every field reason, and says what was wrong.
func TestRefusalsReadInChinese(t *testing.T) {
	reg := openRegistry(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	list, _, err := reg.Entries(ctx, admin, demo.PoolSlug, claimcharts.ListOptions{Where: map[string]string{"status": claimcharts.EntryApplied}, Limit: 1})
	if err != nil || len(list) == 0 {
		t.Fatalf("no applied demo entry: %v", err)
	}
	applied := list[0]
	number := func(s string) error { _, err := claimcharts.ParseNumber(s); return err }
	var n claimcharts.Number
	for _, tc := range []struct {
		name string
		err  error
		want string // in the Chinese text
	}{
		{"entry out of time", func() error {
			_, err := reg.MoveEntry(ctx, admin, applied.Pool, applied.Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryUnderReview, Date: "1990-01-01"})
			return err
		}(), "早于上一次变更"},
		{"review of an unsubmitted revision", func() error {
			_, err := reg.AssignReview(ctx, admin, claimcharts.Assignment{Pool: demo.PoolSlug, Chart: claimcharts.ChartID("CN105900101", 1, demo.VideoStandard), Revision: 99, Reviewer: "expert-wang"})
			return err
		}(), "没有已提交的第 99 版"},
		{"office hint", number("JP 123456789"), "JP 专利号最多 7 位数字"},
		{"office hint with a suggestion", number("JP 06637180"), "是否应为"},
		{"office builder", number("CN 201310123456.9"), "校验位"},
		{"empty number", number(""), "专利号为空"},
		{"number in JSON", json.Unmarshal([]byte(`"JP 123456789"`), &n), "JP 专利号最多 7 位数字"},
		{"empty date", func() error { _, err := claimcharts.ParseDate("as_of", ""); return err }(), "为空"},
		{"malformed date", func() error { _, err := claimcharts.ParseDate("as_of", "2020-13-01"); return err }(), `"2020-13-01"`},
		{"patent dates out of order", claimcharts.Validate(&claimcharts.Patent{Dates: claimcharts.Dates{Grant: "2014-01-01", Expiry: "2013-01-01"}}), "届满日 2013-01-01 早于授权日 2014-01-01"},
		{"decision short of reviews", func() error {
			_, err := claimcharts.Decide(claimcharts.AdmissionPolicy{ReviewersRequired: 2, Rule: "unanimous"}, nil)
			return err
		}(), "需要 2 份"},
		{"webhook URL", func() error {
			_, err := reg.CreateWebhook(ctx, admin, claimcharts.NewWebhook{URL: "http://10.0.0.1/hook"})
			return err
		}(), "私有"},
		{"a role that may not", reg.CreatePool(ctx, stranger, &claimcharts.Pool{Slug: "new"}), "审查专家令牌无权创建专利池"},
		{"no token", func() error {
			_, err := reg.Audit(ctx, anonymous, claimcharts.KindPool, demo.PoolSlug)
			return err
		}(), "请先用 API 令牌登录，才能查看审计记录"},
		{"an action with its holder", claimcharts.Forbidden(outsider, msg.ActChangeHeldBy, `"acme"`), `许可人令牌无权修改 "acme" 持有的记录`},
		{"a record key", claimcharts.CheckDoc(claimcharts.Doc{Kind: claimcharts.KindPool, Key: "a\x00b"}), `记录的键必须是 1 到 512 字节且不含 NUL，实际为 "a\x00b"`},
		{"an internal error", claimcharts.Internal(errors.New("disk on fire")), "内部错误"},
		{"an error from elsewhere", errors.New("disk on fire"), "内部错误"},
		{"an index", claimcharts.CheckDoc(claimcharts.Doc{Kind: claimcharts.KindPool, Key: "k", Indexes: map[string]string{"f": "\x00"}}), `专利池 "k" 的索引 "f" 含有 NUL 字节`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no error")
			}
			message, fields := claimcharts.ErrorIn(tc.err, "zh")
			all := message
			for _, f := range fields {
				all += "\n" + f.Path + ": " + f.Reason
				if !hasHan(f.Reason) || english.MatchString(f.Reason) {
					t.Errorf("reason of %s reads %q in Chinese", f.Path, f.Reason)
				}
			}
			if !hasHan(message) || english.MatchString(message) {
				t.Errorf("message reads %q in Chinese", message)
			}
			if !strings.Contains(all, tc.want) {
				t.Errorf("in Chinese:\n%s\nwant %q (English: %v)", all, tc.want, tc.err)
			}
			if strings.Contains(all, `""`) {
				t.Errorf("in Chinese it quotes an empty value:\n%s", all)
			}
		})
	}
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff })
}
