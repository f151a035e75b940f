package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestWritesNeedAToken(t *testing.T) {
	e := newTestEnv(t)
	resp := e.must(http.StatusUnauthorized, req{method: "POST", path: "/api/v1/pools", body: poolBody("x", "draft")})
	if p := resp.Problem(t); p.Code != "unauthorized" || resp.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("anonymous write: problem %+v, WWW-Authenticate %q", p, resp.Header.Get("WWW-Authenticate"))
	}
	e.must(http.StatusUnauthorized, req{method: "POST", path: "/api/v1/pools", token: "sep_not-a-real-token", body: poolBody("x", "draft")})
	e.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/pools", header: map[string]string{"Authorization": "Basic YWRtaW46YWRtaW4="}})
}

func TestRolesAreEnforced(t *testing.T) {
	e := newTestEnv(t)
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/standards", token: e.admin, body: standardBody()})
	for _, tc := range []struct {
		name, token string
	}{{"reviewer", e.reviewer}, {"licensor", e.licensor}} {
		resp := e.must(http.StatusForbidden, req{method: "POST", path: "/api/v1/pools", token: tc.token, body: poolBody("p-"+tc.name, "draft")})
		if p := resp.Problem(t); !strings.Contains(p.Detail, tc.name) {
			t.Errorf("%s writing a pool: detail %q should name the role", tc.name, p.Detail)
		}
	}
	// A licensor writes only its own organization's patents.
	e.must(http.StatusForbidden, req{method: "POST", path: "/api/v1/patents", token: e.other, body: patentBody("US 10,285,091 B2", "acme")})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/patents", token: e.licensor, body: patentBody("US 10,285,091 B2", "acme")})
	// Another licensor cannot chart it, and is not even told it exists.
	resp := e.must(http.StatusBadRequest, req{method: "POST", path: "/api/v1/charts", token: e.other, body: chartBody("US10285091")})
	if !hasField(resp.Problem(t), "patent") {
		t.Fatalf("chart for another's unpublished patent: %s", resp.Body)
	}
	// Tokens are for administrators.
	e.must(http.StatusForbidden, req{method: "GET", path: "/api/v1/tokens", token: e.licensor})
}

func TestTokensCanBeRevoked(t *testing.T) {
	e := newTestEnv(t)
	var created struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
		Hash   string `json:"hash"`
	}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/tokens", token: e.admin,
		body: map[string]any{"role": "reviewer", "subject": "expert-li"}}).JSON(t, &created)
	if !strings.HasPrefix(created.Secret, "sep_") || created.Hash != "" {
		t.Fatalf("created token: %+v, want a secret shown once and no hash", created)
	}
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/reviews", token: created.Secret})
	list := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/tokens", token: e.admin})
	if strings.Contains(string(list.Body), created.Secret) || strings.Contains(string(list.Body), `"hash"`) {
		t.Fatal("the token list shows a secret or a hash")
	}
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/tokens/" + created.ID + "/revoke", token: e.admin})
	e.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/reviews", token: created.Secret})
}

// TestBadInput sends each class of bad input and checks the problem names
// the field and the reason, and that nothing was written.
func TestBadInput(t *testing.T) {
	e := newTestEnv(t)
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/standards", token: e.admin, body: standardBody()})
	cases := []struct {
		name   string
		r      req
		status int
		path   string // a field path the problem must name ("" for none)
		detail string // a substring of the detail
	}{
		{"malformed JSON", req{method: "POST", path: "/api/v1/pools", body: `{"slug": "x",`}, 400, "", "ends too early"},
		{"syntax error", req{method: "POST", path: "/api/v1/pools", body: `{"slug" "x"}`}, 400, "", "line 1, column"},
		{"wrong type", req{method: "POST", path: "/api/v1/pools", body: `{"slug": 12}`}, 400, "slug", ""},
		{"nested wrong type", req{method: "POST", path: "/api/v1/pools", body: `{"slug":"x","policy":{"reviewers_required":"two"}}`}, 400, "policy.reviewers_required", ""},
		{"unknown field", req{method: "POST", path: "/api/v1/pools", body: `{"slug":"x","colour":"red"}`}, 400, "colour", ""},
		{"two values", req{method: "POST", path: "/api/v1/pools", body: `{"slug":"x"} {"slug":"y"}`}, 400, "", "more than one"},
		{"empty body", req{method: "POST", path: "/api/v1/pools", body: ``, header: map[string]string{"Content-Type": "application/json"}}, 400, "", "empty"},
		{"validation", req{method: "POST", path: "/api/v1/pools", body: map[string]any{"slug": "Bad Slug", "status": "open", "policy": map[string]any{"reviewers_required": 0, "rule": "unanimous"}}}, 400, "slug", ""},
		{"unparseable number", req{method: "POST", path: "/api/v1/patents", body: patentBody("XX 12", "acme")}, 400, "number", "XX"},
		{"missing reference", req{method: "POST", path: "/api/v1/pools", body: map[string]any{"slug": "p", "name": map[string]string{"en": "P"}, "status": "draft", "standards": []string{"nope"}, "policy": map[string]any{"reviewers_required": 1, "rule": "majority"}}}, 400, "standards[0]", ""},
		{"dates out of order", req{method: "POST", path: "/api/v1/patents", body: func() map[string]any {
			b := patentBody("US 9,999,999 B2", "acme")
			b["dates"] = map[string]string{"filing": "2015-01-01", "grant": "2014-01-01"}
			return b
		}()}, 400, "dates.grant", "before"},
		{"dependent claim", req{method: "POST", path: "/api/v1/patents", body: func() map[string]any {
			b := patentBody("US 9,999,998 B2", "acme")
			b["claims"] = []map[string]any{{"number": 1, "depends_on": 2, "text": map[string]string{"en": "x"}}, {"number": 2, "text": map[string]string{"en": "y"}}}
			return b
		}()}, 400, "claims[0].depends_on", "earlier claim"},
		{"wrong content type", req{method: "POST", path: "/api/v1/pools", body: `slug=x`, header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, 415, "", "application/json"},
		{"oversized body", req{method: "POST", path: "/api/v1/pools", body: `{"slug":"` + strings.Repeat("a", DefaultMaxBody) + `"}`}, 413, "", "limit"},
		{"unknown filter", req{method: "GET", path: "/api/v1/patents?colour=red"}, 400, "colour", ""},
		{"bad limit", req{method: "GET", path: "/api/v1/patents?limit=0"}, 400, "limit", ""},
		{"bad cursor", req{method: "GET", path: "/api/v1/patents?cursor=!!!"}, 400, "cursor", ""},
		{"bad number in path", req{method: "GET", path: "/api/v1/patents/hello"}, 400, "", "hello"},
		{"bad revision number", req{method: "GET", path: "/api/v1/charts/x/revisions/zero"}, 400, "no", ""},
		{"bad If-Match", req{method: "PUT", path: "/api/v1/standards/h265-v8", body: standardBody(), header: map[string]string{"If-Match": "yesterday"}}, 400, "If-Match", ""},
		{"no route", req{method: "GET", path: "/api/v1/nothing-here"}, 404, "", "nothing"},
		{"wrong method", req{method: "DELETE", path: "/api/v1/pools"}, 405, "", "DELETE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.r.token == "" && tc.r.method != "GET" {
				tc.r.token = e.admin
			}
			resp := e.do(tc.r)
			if resp.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.Status, tc.status, resp.Body)
			}
			p := resp.Problem(t)
			if p.Status != tc.status || p.Type == "" || p.Title == "" || p.RequestID == "" {
				t.Fatalf("problem %+v lacks status, type, title or request id", p)
			}
			if tc.detail != "" && !strings.Contains(p.Detail, tc.detail) && !strings.Contains(string(resp.Body), tc.detail) {
				t.Errorf("problem %s does not mention %q", resp.Body, tc.detail)
			}
			if tc.path != "" && !hasField(p, tc.path) {
				t.Errorf("problem %s does not name field %q", resp.Body, tc.path)
			}
		})
	}
	var pools struct{ Items []any }
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools", token: e.admin}).JSON(t, &pools)
	if len(pools.Items) != 0 {
		t.Fatalf("bad input wrote %d pools", len(pools.Items))
	}
}

func hasField(p Problem, path string) bool {
	for _, f := range p.Errors {
		if f.Path == path && f.Reason != "" {
			return true
		}
	}
	return false
}

func TestOptimisticConcurrency(t *testing.T) {
	e := newTestEnv(t)
	created := e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/standards", token: e.admin, body: standardBody()})
	if created.Header.Get("ETag") != `"1"` {
		t.Fatalf("ETag of a new record = %q, want \"1\"", created.Header.Get("ETag"))
	}
	body := standardBody()
	body["version"] = "V9"
	e.must(http.StatusPreconditionRequired, req{method: "PUT", path: "/api/v1/standards/h265-v8", token: e.admin, body: body})
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/standards/h265-v8", token: e.admin, body: body, header: map[string]string{"If-Match": `"1"`}})
	body["version"] = "V10"
	resp := e.must(http.StatusPreconditionFailed, req{method: "PUT", path: "/api/v1/standards/h265-v8", token: e.admin, body: body, header: map[string]string{"If-Match": `"1"`}})
	if p := resp.Problem(t); !strings.Contains(p.Detail, "revision 2") {
		t.Fatalf("stale write: %q should say the record is at revision 2", p.Detail)
	}
	var got struct{ Version string }
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/standards/h265-v8"}).JSON(t, &got)
	if got.Version != "V9" {
		t.Fatalf("version = %q after a refused stale write, want V9", got.Version)
	}
}

func TestIllegalStateChanges(t *testing.T) {
	e := newTestEnv(t)
	chart := e.seedDraft("CN 103931153 B")
	// A submitted revision never changes.
	e.must(http.StatusConflict, req{method: "PUT", path: "/api/v1/charts/" + chart + "/revisions/1", token: e.licensor,
		header: map[string]string{"If-Match": `"2"`}, body: map[string]any{"elements": chartBody("x")["elements"]}})
	// No admission without a published essential determination.
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub/entries", token: e.licensor, body: map[string]any{"patent": "CN103931153"}})
	e.must(http.StatusConflict, req{method: "POST", path: "/api/v1/pools/pub/entries/CN103931153/status", token: e.admin, body: map[string]any{"status": "admitted"}})
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/pools/pub/entries/CN103931153/status", token: e.admin, body: map[string]any{"status": "under_review"}})
	resp := e.must(http.StatusConflict, req{method: "POST", path: "/api/v1/pools/pub/entries/CN103931153/status", token: e.admin, body: map[string]any{"status": "admitted"}})
	if p := resp.Problem(t); !strings.Contains(p.Detail, "determination") {
		t.Fatalf("admission without determination: %q", p.Detail)
	}
	// A removal needs a reason.
	resp = e.must(http.StatusBadRequest, req{method: "POST", path: "/api/v1/pools/pub/entries/CN103931153/status", token: e.admin, body: map[string]any{"status": "removed"}})
	if !hasField(resp.Problem(t), "reason") {
		t.Fatalf("removal without reason: %s", resp.Body)
	}
	// A reviewer writes only reviews assigned to it; another reviewer's
	// unpublished assignment is not even visible.
	var rv struct{ ID string }
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/reviews", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": chart, "revision": 1, "reviewer": "expert-li"}}).JSON(t, &rv)
	e.must(http.StatusNotFound, req{method: "PUT", path: "/api/v1/reviews/" + rv.ID, token: e.reviewer, header: map[string]string{"If-Match": `"1"`},
		body: map[string]any{"conclusion": "essential"}})
	// An incomplete review cannot be submitted.
	li := e.token(tokenFor("expert-li"))
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/reviews/" + rv.ID, token: li, header: map[string]string{"If-Match": `"1"`},
		body: map[string]any{"conclusion": "essential", "verdicts": []map[string]any{{"element": "1[a]", "result": "met"}}}})
	resp = e.must(http.StatusBadRequest, req{method: "POST", path: "/api/v1/reviews/" + rv.ID + "/submit", token: li})
	if p := resp.Problem(t); !hasField(p, "conflict.declared") || !strings.Contains(string(resp.Body), "1[b]") {
		t.Fatalf("incomplete review submitted: %s", resp.Body)
	}
}

func TestPanicsAnswerAProblem(t *testing.T) {
	e := newTestEnv(t)
	e.srv.engine.GET("/test-panic", func(c *gin.Context) { panic("boom") })
	resp := e.must(http.StatusInternalServerError, req{method: "GET", path: "/test-panic"})
	if p := resp.Problem(t); strings.Contains(string(resp.Body), "boom") || p.Code != "internal" {
		t.Fatalf("panic answer leaks detail or lacks code: %s", resp.Body)
	}
	e.must(http.StatusOK, req{method: "GET", path: "/healthz"})
}

func TestProblemsSpeakChinese(t *testing.T) {
	e := newTestEnv(t)
	resp := e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/pools/none", header: map[string]string{"Accept-Language": "zh-CN,zh;q=0.9"}})
	if p := resp.Problem(t); p.Title != "未找到" {
		t.Fatalf("title for zh-CN = %q", p.Title)
	}
}

func TestOpsEndpoints(t *testing.T) {
	e := newTestEnv(t)
	e.must(http.StatusOK, req{method: "GET", path: "/healthz"})
	e.must(http.StatusOK, req{method: "GET", path: "/readyz"})
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools"})
	if m := scrape(t, e.srv.metrics); !strings.Contains(m, `sepportal_http_requests_total{method="GET",route="/api/v1/pools",status="200"} 1`) {
		t.Fatalf("metrics do not count the pools request:\n%s", m)
	}
	// The public listener does not serve the metrics: they have their own
	// (issue 9, finding 7).
	e.must(http.StatusNotFound, req{method: "GET", path: "/metrics"})
	resp := e.do(req{method: "GET", path: "/healthz", header: map[string]string{"X-Request-Id": "trace-123"}})
	if resp.Header.Get("X-Request-Id") != "trace-123" {
		t.Fatalf("request id not echoed: %q", resp.Header.Get("X-Request-Id"))
	}
}

func TestHomePageListsPublishedPoolsInBothLanguages(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	for _, tc := range []struct{ lang, heading string }{{"en", "Standard-essential patent pools"}, {"zh", "标准必要专利池"}} {
		resp := e.must(http.StatusOK, req{method: "GET", path: "/?lang=" + tc.lang})
		body := string(resp.Body)
		if !strings.Contains(body, tc.heading) || !strings.Contains(body, `href="/pools/pub"`) {
			t.Fatalf("home page (%s) lacks the heading or the published pool:\n%s", tc.lang, body)
		}
		if strings.Contains(body, "secret") {
			t.Fatalf("home page (%s) shows the draft pool", tc.lang)
		}
	}
}

func TestProblemTypesArePublished(t *testing.T) {
	e := newTestEnv(t)
	p := e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/pools/none"}).Problem(t)
	page := e.must(http.StatusOK, req{method: "GET", path: strings.Split(p.Type, "#")[0] + "?lang=zh"})
	if !strings.Contains(string(page.Body), `id="not_found"`) || !strings.Contains(string(page.Body), "未找到") {
		t.Fatalf("the problem type %s is not described on its page:\n%s", p.Type, page.Body)
	}
}
