package server

import (
	"context"
	"errors"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

var formRevInput = regexp.MustCompile(`name="rev" value="(\d+)"`)

// revisionForm is the revision form of the chart page as a browser without
// script sends it: note, two rows (1[a] and 1[b]) and rev.
func revisionForm(page string) url.Values {
	v := url.Values{"note": {"typed note"}, "rows": {"2"},
		"e0_from": {"0"}, "e0_label": {"1[a]"}, "e0_text": {"typed text of 1[a]"}, "e0_m0_quote": {"decoding process"}, "e0_m0_expl": {"typed explanation"},
		"e1_from": {"1"}, "e1_label": {"1[b]"}, "e1_text": {"deriving a merge candidate list"}, "e1_m0_quote": {"The merge candidate list is constructed"}}
	if m := formRevInput.FindStringSubmatch(page); m != nil {
		v.Set("rev", m[1])
	}
	return v
}

// TestRevisionFormAddsAndRemovesElements edits a chart's next revision
// without script: "add an element" answers the form with one blank row
// more and what was typed kept; a saved form drops the rows marked for
// removal (the others keep their own references) and maps the added row
// to the references typed; a form with
// unreadable or unknown references, no element left or a stale revision
// is refused in the reader's language with what was typed kept.
func TestRevisionFormAddsAndRemovesElements(t *testing.T) {
	e := newTestEnv(t)
	chart := e.seedDraft("US 10,285,091 B2")
	c := newWSClient(e).signIn(e.licensor)
	path := "/workspace/charts/" + chart
	page := c.get(path)
	if !strings.Contains(page.Body, `name="rows" value="2"`) || !strings.Contains(page.Body, `name="e1_remove"`) {
		t.Fatalf("the form has no rows to edit: %s", page.Body)
	}
	form := revisionForm(page.Body)

	add := cloneValues(form)
	add.Set("action", "add")
	r := c.post(path, add)
	for _, want := range []string{`name="rows" value="3"`, `id="e2_label" name="e2_label" type="text" maxlength="40" value=""`, "typed note", "typed text of 1[a]", "typed explanation"} {
		if r.Status != http.StatusOK || !strings.Contains(r.Body, want) {
			t.Fatalf("after \"add an element\" (%d) the form lacks %q: %s", r.Status, want, r.Body)
		}
	}
	third := cloneValues(form)
	third.Set("rows", "3")
	third.Set("e2_from", "-1")
	third.Set("e2_label", "1[c]")
	third.Set("e2_text", "a third step")
	third.Set("e2_refs", "8.5.3.2.2; Fig. 8-3")

	refused := []struct {
		name   string
		status int
		lang   string
		change func(url.Values)
		want   []string
	}{
		{"unreadable references", 400, "en", func(v url.Values) { v.Set("e2_refs", "zzz") }, []string{"the references typed cannot be read", "elements[2].mappings", `value="zzz"`}},
		{"unreadable references in Chinese", 400, "zh-CN", func(v url.Values) { v.Set("e2_refs", "zzz") }, []string{"无法识别所填写的标准章节", `value="zzz"`}},
		{"unknown reference", 400, "en", func(v url.Values) { v.Set("e2_refs", "9.9.9") }, []string{`no reference &#34;9.9.9&#34;`, `value="9.9.9"`}},
		{"no element left", 400, "zh-CN", func(v url.Values) { v.Set("e0_remove", "1"); v.Set("e1_remove", "1"); v.Set("e2_remove", "1") },
			[]string{"至少需要 1 项", `id="e2_remove" name="e2_remove" value="1" checked`}},
		{"stale revision", 412, "en", func(v url.Values) { v.Set("rev", "1") }, []string{"1[c]", "a third step", "typed note"}},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			c.header = map[string]string{"Accept-Language": tc.lang}
			defer func() { c.header = nil }()
			v := cloneValues(third)
			tc.change(v)
			r := c.post(path, v)
			body := html.UnescapeString(r.Body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, body)
			}
			for _, want := range tc.want {
				if !strings.Contains(r.Body, want) && !strings.Contains(body, want) {
					t.Errorf("the refused form lacks %q: %s", want, body)
				}
			}
		})
	}

	save := cloneValues(third)
	save.Set("e0_remove", "1")
	save.Set("action", "save")
	if r := c.post(path, save); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.Status, r.Body)
	}
	ch, err := e.reg.Chart(context.Background(), claimcharts.System, chart)
	if err != nil {
		t.Fatal(err)
	}
	got := ch.Latest()
	var labels, refs []string
	for _, el := range got.Elements {
		labels = append(labels, el.Label)
		for _, m := range el.Mappings {
			refs = append(refs, el.Label+"→"+m.Ref)
		}
	}
	if got.No != 2 || strings.Join(labels, " ") != "1[b] 1[c]" || got.Elements[1].Text.En != "a third step" ||
		strings.Join(refs, " ") != "1[b]→8.5.3.2.2 1[c]→8.5.3.2.2 1[c]→Figure 8-3" {
		t.Fatalf("the new revision %d: elements %v, mappings %v", got.No, labels, refs)
	}
}

// TestPageRefusalsReadInChinese: the refusals pages word themselves (a
// form without its record revision, an unreadable form field, an unknown
// language, a form too large) read in Chinese for a zh-CN reader.
func TestPageRefusalsReadInChinese(t *testing.T) {
	e := newTestEnv(t)
	chart := e.seedDraft("US 10,285,091 B2")
	zh := map[string]string{"Accept-Language": "zh-CN"}
	licensor := newWSClient(e).signIn(e.licensor)
	licensor.header = zh
	admin := newWSClient(e).signIn(e.admin)
	admin.header = zh
	anon := newWSClient(e)
	anon.header = zh
	big := strings.Repeat("x", 128<<10)
	for _, tc := range []struct {
		name   string
		send   func() wsPageResp
		status int
		want   []string
	}{
		{"no record revision", func() wsPageResp {
			v := revisionForm(licensor.get("/workspace/charts/" + chart).Body)
			v.Del("rev")
			return licensor.post("/workspace/charts/"+chart, v)
		}, 400, []string{"表单缺少记录的版本号", "必须是整数"}},
		{"unreadable form field", func() wsPageResp {
			admin.get("/workspace")
			return admin.post("/workspace/decide", url.Values{"pool": {"pub"}, "chart": {chart}, "revision": {"x"}})
		}, 400, []string{"表单中有字段无法识别"}},
		{"unknown language", func() wsPageResp { return anon.get("/lang/fr?next=/") }, 400, []string{"未知的语言", "请使用 zh 或 en"}},
		{"form too large", func() wsPageResp {
			return anon.send(http.MethodPost, "/patents/US10285091/challenge", url.Values{"statement": {big}})
		}, 413, []string{"表单超过"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.send()
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			for _, want := range tc.want {
				if !strings.Contains(r.Body, want) {
					t.Errorf("the page lacks %q: %s", want, r.Body)
				}
			}
		})
	}
}

// TestRevisionFormListsAFewUnreadableReferences: a form of 201 rows, each
// with 300 unreadable references, is refused with the first
// maxFormProblems of them, each naming its element, and one line that
// counts the others: every one of the 60,300 is named or counted, in
// 101 lines.
func TestRevisionFormListsAFewUnreadableReferences(t *testing.T) {
	rows := make([]revisionRow, maxFormRows)
	for i := range rows {
		rows[i] = revisionRow{From: -1, Element: claimcharts.Element{Label: "1[" + strconv.Itoa(i) + "]"},
			Refs: strings.Repeat("8.5.3.2.2, zzz, ", 300)}
	}
	_, err := revisionInput("", "IEEE 802.11ax", rows)
	var e *claimcharts.Error
	if !errors.As(err, &e) || e.Key != msg.RefsUnreadable {
		t.Fatalf("error %v, want the references refused", err)
	}
	if len(e.Fields) != maxFormProblems+1 {
		t.Fatalf("%d problems listed, want %d and one counting the rest", len(e.Fields), maxFormProblems+1)
	}
	if e.Fields[0].Path != "elements[0].mappings" || e.Fields[maxFormProblems-1].Path != "elements[4].mappings" {
		t.Errorf("problems at %s ... %s, want elements[0] ... elements[4]", e.Fields[0].Path, e.Fields[maxFormProblems-1].Path)
	}
	last := e.Fields[maxFormProblems]
	if last.Key != msg.RefsMore || last.Path != "elements" || !strings.Contains(last.In("zh"), strconv.Itoa(countedRefs(last))) {
		t.Fatalf("the last problem is %q / %q, want one counting the others", last.In("en"), last.In("zh"))
	}
	accounted := 0
	for _, f := range e.Fields {
		accounted += max(1, countedRefs(f))
	}
	if accounted != maxFormRows*300 {
		t.Fatalf("the problems name or count %d unreadable references, want %d", accounted, maxFormRows*300)
	}
}
