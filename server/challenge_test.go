package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// challengeEnv is a server with EP 2 777 236 admitted to the pool "pub".
func challengeEnv(t *testing.T) *testEnv {
	t.Helper()
	e := newTestEnv(t)
	e.admit("EP 2 777 236 B1", e.seedDraft("EP 2 777 236 B1"))
	return e
}

func challengeBody() map[string]any {
	return map[string]any{"pool": "pub", "patent": "EP 2777236 B1", "statement": "Claim 1 reads on an optional tool.",
		"references": []string{"8.5.3.2"}, "challenger": map[string]string{"name": "Wang", "contact": "wang-secret@example.org"}}
}

// TestChallengeAPI files a challenge anonymously, dismisses it, and checks
// that the challenger shows to the administrator only, that a double submit
// is harmless and that another decision is a conflict naming no next step.
func TestChallengeAPI(t *testing.T) {
	e := challengeEnv(t)
	var ch struct {
		ID, Status string
		Challenger *struct{ Contact string }
	}
	resp := e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/challenges", body: challengeBody()})
	resp.JSON(t, &ch)
	if ch.Status != "filed" || ch.Challenger != nil || resp.Header.Get("Location") != "/api/v1/challenges/"+ch.ID {
		t.Fatalf("filed = %s (Location %q)", resp.Body, resp.Header.Get("Location"))
	}
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/challenges/" + ch.ID})
	if got := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/challenges?status=filed", token: e.admin}); !strings.Contains(string(got.Body), "wang-secret") {
		t.Fatalf("the administrator's queue has no challenger: %s", got.Body)
	}
	decide := req{method: "POST", path: "/api/v1/challenges/" + ch.ID + "/decision", token: e.admin,
		body: map[string]any{"outcome": "dismissed", "reasons": map[string]string{"en": "Mandatory tool.", "zh": "强制性工具。"}}}
	first := e.must(http.StatusOK, decide)
	again := e.must(http.StatusOK, decide)
	if first.Header.Get("ETag") != again.Header.Get("ETag") {
		t.Fatalf("a double submit moved the record: %s then %s", first.Header.Get("ETag"), again.Header.Get("ETag"))
	}
	for _, who := range []string{"", e.licensor, e.reviewer} {
		for _, path := range []string{"/api/v1/challenges/" + ch.ID, "/api/v1/challenges?patent=EP2777236"} {
			got := e.must(http.StatusOK, req{method: "GET", path: path, token: who})
			if strings.Contains(string(got.Body), "wang-secret") || !strings.Contains(string(got.Body), "Mandatory tool.") {
				t.Fatalf("GET %s shows %s", path, got.Body)
			}
		}
	}
	uphold := decide
	uphold.body = map[string]any{"outcome": "upheld"}
	uphold.header = map[string]string{"Accept-Language": "zh"}
	p := e.must(http.StatusConflict, uphold).Problem(t)
	if p.Allowed == nil || len(*p.Allowed) != 0 || !strings.Contains(p.Detail, "允许的下一步：无") {
		t.Fatalf("upholding a dismissed challenge: %+v", p)
	}
}

// TestIllegalMoveNamesNextSteps: a 409 for an entry's illegal status change
// names the statuses it may take, in the caller's language.
func TestIllegalMoveNamesNextSteps(t *testing.T) {
	e := challengeEnv(t)
	for _, l := range []struct{ lang, label, detail string }{{"en", "removed", "allowed next: removed"}, {"zh", "已移出", "允许的下一步：已移出"}} {
		p := e.must(http.StatusConflict, req{method: "POST", path: "/api/v1/pools/pub/entries/EP2777236/status?lang=" + l.lang, token: e.admin,
			body: map[string]any{"status": "applied"}}).Problem(t)
		if p.Allowed == nil || len(*p.Allowed) != 1 || (*p.Allowed)[0] != (NextStep{Step: "removed", Label: l.label}) || !strings.Contains(p.Detail, l.detail) {
			t.Fatalf("%s: %+v", l.lang, p)
		}
	}
}

// TestChallengeRateLimit: a client files FilingBurst challenges, then
// hears 429 with Retry-After, in its language; an administrator is not limited.
func TestChallengeRateLimit(t *testing.T) {
	e := challengeEnv(t)
	for range FilingBurst {
		e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/challenges", body: challengeBody()})
	}
	resp := e.must(http.StatusTooManyRequests, req{method: "POST", path: "/api/v1/challenges?lang=zh", body: challengeBody()})
	if p := resp.Problem(t); p.Code != codeTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(p.Detail, "分钟后再试") {
		t.Fatalf("past the burst: %+v, Retry-After %q", p, resp.Header.Get("Retry-After"))
	}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/challenges", token: e.admin, body: challengeBody()})
	// Time refills the bucket: one more filing after FilingEvery.
	now := e.reg.Now()
	e.reg.Now = func() time.Time { return now.Add(FilingEvery) }
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/challenges", body: challengeBody()})
	e.must(http.StatusTooManyRequests, req{method: "POST", path: "/api/v1/challenges", body: challengeBody()})
}

// TestChallengeRateLimitKeepsItsKey: a client on the internet cannot dodge
// the limit with made-up X-Forwarded-For headers; clients behind a local
// proxy are told apart by the header the proxy sets.
func TestChallengeRateLimitKeepsItsKey(t *testing.T) {
	e := challengeEnv(t)
	post := func(remote, forwarded string) int {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/challenges", strings.NewReader(`{"pool":"pub","patent":"EP2777236","statement":"Optional."}`))
		r.RemoteAddr = remote
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Forwarded-For", forwarded)
		w := httptest.NewRecorder()
		e.srv.ServeHTTP(w, r)
		return w.Code
	}
	for i := range FilingBurst {
		if got := post("203.0.113.9:4000", fmt.Sprintf("198.51.100.%d", i)); got != http.StatusCreated {
			t.Fatalf("filing %d: %d", i, got)
		}
	}
	if got := post("203.0.113.9:4000", "198.51.100.99"); got != http.StatusTooManyRequests {
		t.Fatalf("a sixth filing with a new X-Forwarded-For: %d, want 429", got)
	}
	for i := range FilingBurst + 1 {
		if got := post("127.0.0.1:5000", fmt.Sprintf("198.51.100.%d", i)); got != http.StatusCreated {
			t.Fatalf("client %d behind the local proxy: %d", i, got)
		}
	}
}
