package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// signIn signs in to the workspace in lang through its form.
func (b *browser) signIn(lang, token string) {
	b.t.Helper()
	b.open(lang, "/workspace")
	b.run("type the token", chromedp.SetValue(chromedp.CSS(`#ws-token`), token))
	b.follow("sign in", chromedp.Click(chromedp.CSS(`form[action="/workspace/sign-in"] button`)))
	if n := value(b, "signed in", chromedp.Evaluate[int](`document.querySelectorAll('form[action="/workspace/sign-out"]').length`)); n != 1 {
		b.t.Fatalf("not signed in: %s", value(b, "page", chromedp.Evaluate[string](`document.querySelector('main').innerText`)))
	}
}

// signOut signs out with the button every workspace page has.
func (b *browser) signOut() {
	b.t.Helper()
	b.follow("sign out", chromedp.Click(chromedp.CSS(`form[action="/workspace/sign-out"] button`)))
}

// press clicks a button and waits for the page it leads to.
func (b *browser) press(what, sel string) {
	b.t.Helper()
	b.follow(what, chromedp.Click(chromedp.CSS(sel)))
	if p := value(b, "problem", chromedp.Evaluate[string](`(document.getElementById('problem') || {}).innerText || ''`)); p != "" {
		b.t.Fatalf("%s: the page says %s", what, p)
	}
}

// text is the main content's text.
func (b *browser) text() string {
	return value(b, "main text", chromedp.Evaluate[string](`document.querySelector('main').innerText`))
}

// TestWorkspaceBrowser follows the whole path in real Chromium, in both
// languages: a licensor submits its chart and applies → the administrator
// starts the review and assigns two reviewers → both review in the
// workspace → the administrator decides, publishes and admits → the
// public patent page shows the result and the pool's list the entry;
// then a reader files a challenge through the public form, the
// administrator upholds it, the review reopens (the chart waits for
// reviewers again) and the patent page shows the outcome. Every workspace
// page and the challenge form are checked with axe-core and at 375 px.
func TestWorkspaceBrowser(t *testing.T) {
	e := newSearchEnv(t)
	b := newBrowser(t, e.http.URL)
	li := e.token(tokenFor("expert-li"))
	for i, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			b.t = t
			wholePath(e, b, lang, li, "CN 11111111"+string(rune('1'+i))+" B")
		})
		b.t = t
	}
}

func wholePath(e *searchEnv, b *browser, lang, li, number string) {
	t := b.t
	key, err := claimcharts.PatentKey(number)
	if err != nil {
		t.Fatal(err)
	}
	chart := licensorApplies(e, b, lang, number, key)

	// The administrator starts the review and assigns two reviewers.
	b.signIn(lang, e.admin)
	b.check(lang + "-ws-admin")
	b.press("start the review", `form[action="/workspace/entries/`+demo.PoolSlug+`/`+key+`"] button`)
	assign := `form[action="/workspace/assign"]:has(input[name=chart][value="` + chart + `"])`
	for _, reviewer := range []string{demo.ReviewerWang, "expert-li"} {
		b.run("choose "+reviewer, chromedp.SetValue(chromedp.CSS(assign+` select`), reviewer))
		b.press("assign "+reviewer, assign+` button`)
	}
	b.signOut()

	// Both reviewers review.
	for _, tok := range []string{e.reviewer, li} {
		review(b, lang, tok, chart)
	}

	// The administrator decides, publishes and admits.
	b.signIn(lang, e.admin)
	b.press("decide", `form[action="/workspace/decide"]:has(input[name=chart][value="`+chart+`"]) button`)
	b.press("publish", `form[action="/workspace/determinations/`+claimcharts.DeterminationID(demo.PoolSlug, chart, 1)+`/publish"] button`)
	admit := `form[action="/workspace/entries/` + demo.PoolSlug + `/` + key + `"]:has(input[name=status][value=admitted])`
	b.run("agreement reference", chromedp.SetValue(chromedp.CSS(admit+` input[name=note]`), "PLA-2026-"+lang))
	b.press("admit", admit+` button`)
	b.signOut()

	// The public sees the result and the entry.
	e.sync()
	b.open(lang, "/patents/"+url.PathEscape(key))
	essential := locale(lang).T("result.essential")
	if !strings.Contains(b.text(), essential) {
		t.Errorf("the patent page does not show the result %q", essential)
	}
	b.open(lang, "/pools/"+demo.PoolSlug+"?q="+url.QueryEscape(key))
	if n := value(b, "the list", chromedp.Evaluate[int](`[...document.querySelectorAll('table tbody th[scope=row] a')].filter(a => a.getAttribute('href').includes('`+key+`')).length`)); n == 0 {
		t.Errorf("the pool's list does not show %s", number)
	}

	// A reader files a challenge through the public form; the
	// administrator upholds it: the review reopens.
	fileChallenge(b, lang, key)
	b.signIn(lang, e.admin)
	decide := `form[action^="/workspace/challenges/"]`
	b.run("uphold", chromedp.Click(chromedp.CSS(decide+` input[value=upheld]`)))
	b.run("reasons", chromedp.SetValue(chromedp.CSS(decide+` textarea[name=reasons]`), "The tool is optional in the profile."))
	b.press("decide the challenge", decide+` button`)
	en, err := e.reg.Entry(context.Background(), claimcharts.System, demo.PoolSlug, key)
	if err != nil || en.Status != claimcharts.EntryUnderReview || en.Round != 1 {
		t.Fatalf("after the upheld challenge the entry is %+v (%v)", en, err)
	}
	if n := value(b, "reopened", chromedp.Evaluate[int](`document.querySelectorAll('`+assign+`').length`)); n != 1 {
		t.Errorf("the reopened review does not wait for reviewers")
	}
	b.signOut()
	// The page read before is public for 60 s (Cache-Control): ask anew.
	b.open(lang, "/patents/"+url.PathEscape(key)+"?after=decision")
	if upheld := locale(lang).T("status.upheld"); !strings.Contains(b.text(), upheld) {
		t.Errorf("the patent page does not show the outcome %q", upheld)
	}
}

// fileChallenge files a challenge to patent key through the public form,
// as a reader does: it follows the patent page's link, fills the form,
// takes longer than the form's minimum fill time (FormMinFill) the way a
// person would, leaves the hidden honeypot field empty, and submits.
func fileChallenge(b *browser, lang, key string) {
	b.t.Helper()
	b.open(lang, "/patents/"+url.PathEscape(key))
	b.follow("the challenge link", chromedp.Click(chromedp.CSS(`a[href$="/challenge"]`)))
	b.check(lang + "-challenge")
	b.run("fill the challenge form",
		chromedp.SetValue(chromedp.CSS(`#statement`), "Claim 1 reads on an optional tool only."),
		chromedp.SetValue(chromedp.CSS(`#name`), "A. Reader"),
		chromedp.SetValue(chromedp.CSS(`#contact`), "reader@example.org"),
		chromedp.Sleep(FormMinFill))
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(`form.challenge button[type=submit]`)))
	if err != nil || resp.Status != http.StatusCreated {
		b.t.Fatalf("file the challenge: %v %+v: %s", err, resp, b.text())
	}
	if receipt := value(b, "receipt", chromedp.Evaluate[string](`(document.querySelector('main [role=status]') || {}).innerText || ''`)); receipt == "" {
		b.t.Fatalf("no receipt after filing: %s", b.text())
	}
}

// licensorApplies plants the licensor's patent with a draft chart, then
// in the workspace submits the chart and applies to the pool. It returns
// the chart's id.
func licensorApplies(e *searchEnv, b *browser, lang, number, key string) string {
	t := b.t
	p := patentBody(number, demo.Huaxin)
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/patents", token: e.licensor, body: p})
	var ch struct{ ID string }
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/charts", token: e.licensor, body: map[string]any{
		"patent": number, "claim": 1, "standard": demo.VideoStandard,
		"elements": []map[string]any{
			{"label": "1[a]", "text": map[string]string{"en": "A method of decoding video", "zh": "一种视频解码方法"},
				"mappings": []map[string]any{{"ref": "7.3.2.2", "quote": "seq_parameter_set_rbsp( )", "explanation": map[string]string{"en": "The decoder parses it.", "zh": "解码器解析该语法。"}}}},
			{"label": "1[b]", "text": map[string]string{"en": "deriving a merge candidate list", "zh": "推导合并候选列表"},
				"mappings": []map[string]any{{"ref": "7.3.2.2"}}},
		}}}).JSON(t, &ch)
	b.signIn(lang, e.licensor)
	b.check(lang + "-ws-licensor")
	b.follow("open the chart", chromedp.Click(chromedp.CSS(`a[href="/workspace/charts/`+ch.ID+`"]`)))
	b.check(lang + "-ws-chart")
	reviseWithoutScript(b, lang)
	b.press("submit the chart", `form[action="/workspace/charts/`+ch.ID+`/revisions/1/submit"] button`)
	b.open(lang, "/workspace")
	b.run("choose the pool", chromedp.SetValue(chromedp.CSS(`#apply-pool`), demo.PoolSlug))
	b.run("choose the patent", chromedp.SetValue(chromedp.CSS(`#apply-patent`), key))
	b.press("apply", `form[action="/workspace/apply"] button`)
	b.signOut()
	return ch.ID
}

// reviseWithoutScript adds an element row to the draft's form, checks the
// page with it (axe-core, 375 px), fills it, marks it for removal and
// saves: the draft keeps its two elements.
func reviseWithoutScript(b *browser, lang string) {
	t := b.t
	b.press("add an element", `button[name=action][value=add]`)
	if n := value(b, "rows", chromedp.Evaluate[int](`document.querySelectorAll('input[name$="_label"]').length`)); n != 3 {
		t.Fatalf("after adding an element the form has %d rows", n)
	}
	b.check(lang + "-ws-chart-added")
	b.run("fill the new row", chromedp.SetValue(chromedp.CSS(`#e2_label`), "1[c]"), chromedp.SetValue(chromedp.CSS(`#e2_refs`), "7.3.2.2"),
		chromedp.Click(chromedp.CSS(`#e2_remove`)))
	b.press("save the draft", `button[name=action][value=save]`)
	if n := value(b, "rows", chromedp.Evaluate[int](`document.querySelectorAll('input[name$="_label"]').length`)); n != 2 {
		t.Fatalf("the saved draft has %d elements, want the 2 it had", n)
	}
}

// review signs in as a reviewer, opens the chart from its queue, fills in
// the review (saving a draft first) and submits it with confirmation.
func review(b *browser, lang, token, chart string) {
	t := b.t
	b.signIn(lang, token)
	b.follow("open the review", chromedp.Click(chromedp.CSS(`a[href^="/workspace/reviews/`+demo.PoolSlug+`-`+chart+`"]`)))
	b.check(lang + "-ws-review")
	b.run("declare", chromedp.Click(chromedp.CSS(`#conflict_declared`)), chromedp.Click(chromedp.CSS(`#conflict-none`)),
		chromedp.Click(chromedp.CSS(`#verdict-0-met`)), chromedp.SetValue(chromedp.CSS(`#note-0`), "7.3.2.2 is mandatory syntax."))
	b.press("save the draft", `button[value=save]`)
	if got := value(b, "kept note", chromedp.Evaluate[string](`document.getElementById('note-0').value`)); got != "7.3.2.2 is mandatory syntax." {
		t.Fatalf("the saved draft's note reads %q", got)
	}
	b.run("finish", chromedp.Click(chromedp.CSS(`#verdict-1-met`)), chromedp.Click(chromedp.CSS(`#conclusion-essential`)),
		chromedp.SetValue(chromedp.CSS(`#summary`), "Every element reads on the standard."))
	b.press("ask to submit", `button[value=submit]`)
	b.check(lang + "-ws-confirm")
	b.press("confirm", `form[action$="/submit"] button`)
	if n := value(b, "read-only", chromedp.Evaluate[int](`document.querySelectorAll('#review-form').length`)); n != 0 {
		t.Fatal("the submitted review is still a form")
	}
	b.signOut()
}
