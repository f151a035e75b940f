package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sepportal/claimcharts"
)

// TestWorkspaceReviewForm takes a review through the form: a draft saved
// by the button, a stale form refused as a conflict that keeps what was
// typed, an incomplete submission refused with its errors in Chinese, a
// confirmed submission, a harmless second submit, and a read-only page.
func TestWorkspaceReviewForm(t *testing.T) {
	e := newTestEnv(t)
	w := plantWS(e)
	page := "/workspace/reviews/" + w.review
	c := newWSClient(e).signIn(e.reviewer)
	c.get(page)
	draft := url.Values{"rev": {"1"}, "conflict_declared": {"yes"}, "conflict": {"none"}, "verdict_0": {"met"}, "note_0": {"reads on 8.5.3.2"}}
	if r := c.post(page, draft); r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location, "done=saved") {
		t.Fatalf("save: %d %s", r.Status, r.Location)
	}
	if r := c.get(page); !strings.Contains(r.Body, "reads on 8.5.3.2") || !strings.Contains(r.Body, `name="rev" value="2"`) {
		t.Fatalf("the saved draft does not show: %s", r.Body)
	}
	stale := url.Values{"rev": {"1"}, "verdict_1": {"unclear"}, "note_1": {"typed before the conflict"}}
	r := c.post(page, stale)
	if r.Status != http.StatusPreconditionFailed || !strings.Contains(r.Body, "Someone else changed this record") ||
		!strings.Contains(r.Body, "typed before the conflict") || !strings.Contains(r.Body, `name="rev" value="2"`) {
		t.Fatalf("a stale form: %d %s", r.Status, r.Body)
	}
	// Submitting an incomplete review names what is missing, in Chinese.
	c.header = map[string]string{"Accept-Language": "zh-CN"}
	c.get(page)
	if r := c.post(page, url.Values{"rev": {"2"}, "action": {"submit"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("save before submit: %d %s", r.Status, r.Body)
	}
	r = c.post(page+"/submit", url.Values{"rev": {"3"}})
	if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "提交审查意见前须作出利益冲突声明") || !strings.Contains(r.Body, "技术特征 &#34;1[a]&#34; 没有判断") {
		t.Fatalf("an incomplete submission: %d %s", r.Status, r.Body)
	}
	complete := url.Values{"rev": {"3"}, "conflict_declared": {"yes"}, "conflict": {"none"}, "verdict_0": {"met"}, "verdict_1": {"not_met"},
		"conclusion": {"not_essential"}, "summary": {"1[b] is not met"}, "action": {"submit"}}
	if r := c.post(page, complete); r.Status != http.StatusSeeOther || r.Location != page+"/submit" {
		t.Fatalf("save and ask to submit: %d %s", r.Status, r.Location)
	}
	if r := c.get(page + "/submit"); r.Status != http.StatusOK || !strings.Contains(r.Body, "确认提交") {
		t.Fatalf("the confirmation page: %d", r.Status)
	}
	for i := range 2 {
		if r := c.post(page+"/submit", url.Values{"rev": {"4"}}); r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location, "done=submitted") {
			t.Fatalf("submit %d: %d %s", i+1, r.Status, r.Body)
		}
	}
	rv, err := e.reg.Review(t.Context(), claimcharts.System, w.review)
	if err != nil || rv.Status != claimcharts.ReviewSubmitted || rv.Rev != 5 || rv.Summary.Zh != "1[b] is not met" {
		t.Fatalf("the submitted review: %+v %v", rv, err)
	}
	r = c.get(page)
	if strings.Contains(r.Body, `id="review-form"`) || !strings.Contains(r.Body, "1[b] is not met") {
		t.Fatalf("the submitted review is not read-only: %s", r.Body)
	}
	if r := c.post(page, url.Values{"rev": {"5"}, "summary": {"changed my mind"}}); r.Status != http.StatusConflict {
		t.Fatalf("a save after submission: %d", r.Status)
	}
}

// TestWorkspaceAutosave saves a draft as the script does and reads the
// new revision from its answer.
func TestWorkspaceAutosave(t *testing.T) {
	e := newTestEnv(t)
	w := plantWS(e)
	page := "/workspace/reviews/" + w.review
	c := newWSClient(e).signIn(e.reviewer)
	if r := c.get(page); !strings.Contains(r.Body, `<script src="/assets/workspace.`) {
		t.Fatal("the review form has no autosave script")
	}
	c.header = map[string]string{"X-Autosave": "1", "Accept": "application/json"}
	r := c.post(page, url.Values{"rev": {"1"}, "summary": {"autosaved"}})
	if r.Status != http.StatusOK || strings.TrimSpace(r.Body) != `{"rev":2}` {
		t.Fatalf("autosave: %d %s", r.Status, r.Body)
	}
	if r := c.post(page, url.Values{"rev": {"1"}, "summary": {"stale"}}); r.Status != http.StatusPreconditionFailed {
		t.Fatalf("a stale autosave: %d %s", r.Status, r.Body)
	}
}

// TestWorkspaceAdmin proposes reviewers (never the holder's own, never one
// who declared a conflict), assigns one, decides and publishes; a second
// publish is harmless, and a bad date comes back named.
func TestWorkspaceAdmin(t *testing.T) {
	e := newTestEnv(t)
	chart := e.seedDraft("US 10,285,091 B2")
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub/entries", token: e.licensor, body: map[string]any{"patent": "US10285091"}})
	e.token(claimcharts.NewToken{Role: claimcharts.RoleReviewer, Subject: "acme-insider", Organization: "acme"})
	e.token(tokenFor("expert-li"))
	c := newWSClient(e).signIn(e.admin)
	home := c.get("/workspace")
	if !strings.Contains(home.Body, "US10285091") || strings.Contains(home.Body, `<option value="expert-wang">`) {
		t.Fatalf("the application is not on the queue: %s", home.Body)
	}
	if r := c.post("/workspace/entries/pub/US10285091", url.Values{"rev": {"1"}, "status": {"under_review"}, "date": {"2024-13-01"}, "form": {"move-pub-US10285091-under_review"}}); r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "YYYY-MM-DD") || !strings.Contains(r.Body, `value="2024-13-01"`) {
		t.Fatalf("a bad date: %d %s", r.Status, r.Body)
	}
	if r := c.post("/workspace/entries/pub/US10285091", url.Values{"rev": {"1"}, "status": {"under_review"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("start the review: %d %s", r.Status, r.Body)
	}
	home = c.get("/workspace")
	for _, want := range []string{`<option value="expert-wang">`, `<option value="expert-li">`} {
		if !strings.Contains(home.Body, want) {
			t.Errorf("the proposal lacks %s", want)
		}
	}
	if strings.Contains(home.Body, `<option value="acme-insider">`) {
		t.Error("a reviewer of the holder's organization is proposed")
	}
	if r := c.post("/workspace/assign", url.Values{"pool": {"pub"}, "chart": {chart}, "revision": {"1"}, "reviewer": {"expert-wang"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("assign: %d %s", r.Status, r.Body)
	}
	rv := reviewOf(e, chart)
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/reviews/" + rv, token: e.reviewer, header: map[string]string{"If-Match": `"1"`},
		body: map[string]any{"conflict": map[string]any{"declared": true, "none": true}, "conclusion": "essential",
			"verdicts": []map[string]any{{"element": "1[a]", "result": "met"}, {"element": "1[b]", "result": "met"}}}})
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/reviews/" + rv + "/submit", token: e.reviewer})
	c.get("/workspace")
	if r := c.post("/workspace/decide", url.Values{"pool": {"pub"}, "chart": {chart}, "revision": {"1"}, "decided_on": {"2024-05-01"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("decide: %d %s", r.Status, r.Body)
	}
	id := claimcharts.DeterminationID("pub", chart, 1)
	home = c.get("/workspace")
	if !strings.Contains(home.Body, "/workspace/determinations/"+id+"/publish") {
		t.Fatal("the draft determination is not on the publish queue")
	}
	for i := range 2 {
		if r := c.post("/workspace/determinations/"+id+"/publish", url.Values{"rev": {"1"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("publish %d: %d %s", i+1, r.Status, r.Body)
		}
	}
	if r := c.post("/workspace/entries/pub/US10285091", url.Values{"rev": {"2"}, "status": {"admitted"}, "note": {"PLA-2024-17"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("admit: %d %s", r.Status, r.Body)
	}
	en, err := e.reg.Entry(t.Context(), claimcharts.System, "pub", "US10285091")
	if err != nil || en.Status != claimcharts.EntryAdmitted || en.History[len(en.History)-1].Note != "PLA-2024-17" {
		t.Fatalf("the entry: %+v %v", en, err)
	}
}
