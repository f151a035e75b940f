package server

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// browserAccept is what a browser sends when it navigates to a page.
const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

// TestBrowserGetsAnErrorPage: a browser asking for a page that does not
// exist reads an HTML page in its language, curl reads problem+json, and
// both carry the same status, detail and request id.
func TestBrowserGetsAnErrorPage(t *testing.T) {
	e := newTestEnv(t)
	for _, path := range []string{"/pools/x", "/favicon.ico", "/api/v1/pools/none"} {
		t.Run(path, func(t *testing.T) {
			page := e.must(http.StatusNotFound, req{method: "GET", path: path, header: map[string]string{
				"Accept": browserAccept, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8", "X-Request-Id": "req-page-1"}})
			if ct := page.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Fatalf("a browser gets %q, want text/html: %s", ct, page.Body)
			}
			curl := e.must(http.StatusNotFound, req{method: "GET", path: path, header: map[string]string{
				"Accept": "*/*", "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8", "X-Request-Id": "req-page-1"}})
			p := curl.Problem(t)
			body := html.UnescapeString(string(page.Body))
			for _, want := range []string{`<html lang="zh-CN">`, p.Title, "未找到", p.Detail, "req-page-1", `href="/?lang=zh"`, "返回首页", "404"} {
				if !strings.Contains(body, want) {
					t.Errorf("the page lacks %q:\n%s", want, body)
				}
			}
			if p.RequestID != "req-page-1" || p.Status != http.StatusNotFound {
				t.Errorf("the problem is %+v", p)
			}
			if strings.Contains(body, `"status"`) {
				t.Errorf("the page shows raw JSON:\n%s", body)
			}
		})
	}
}

// TestErrorPageNamesFields: the HTML page lists the fields a problem
// names, as the problem does.
func TestErrorPageNamesFields(t *testing.T) {
	e := newTestEnv(t)
	page := e.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/pools?limit=0", header: map[string]string{"Accept": browserAccept}})
	body := html.UnescapeString(string(page.Body))
	if !strings.Contains(body, "<code>limit</code>") || !strings.Contains(body, "must be a whole number from 1 to") {
		t.Errorf("the page does not name the field limit:\n%s", body)
	}
	if !strings.Contains(body, `<html lang="en">`) {
		t.Errorf("a browser without Accept-Language reads English:\n%s", body)
	}
}

// TestPrefersHTML: only a caller that ranks HTML above JSON gets the page.
func TestPrefersHTML(t *testing.T) {
	for _, tc := range []struct {
		accept string
		want   bool
	}{
		{"", false},
		{"*/*", false},
		{"application/json", false},
		{"application/problem+json", false},
		{browserAccept, true},
		{"text/html", true},
		{"text/*", true},
		{"text/html;q=0.5, application/json", false},
		{"application/json;q=0.5, text/html", true},
		{"text/html;q=0, */*", false},
		{"image/avif,image/webp,*/*;q=0.8", false},
		{"text/html;q=nonsense", true},
		{"???", false},
	} {
		if got := prefersHTML(tc.accept); got != tc.want {
			t.Errorf("prefersHTML(%q) = %v, want %v", tc.accept, got, tc.want)
		}
	}
}

// TestSearchPastItsDeadline: a search that runs out of time is the
// server's trouble, not the caller's: 503 with Retry-After, not 400. The
// request's deadline has passed before it is served, so the search cannot
// finish in time however fast the machine is.
func TestSearchPastItsDeadline(t *testing.T) {
	e := newSearchEnv(t)
	ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()
	r := httptest.NewRequestWithContext(ctx, "GET", "/api/v1/search?q=prediction", nil)
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, r)
	resp := response{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
	if resp.Status != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503: %s", resp.Status, resp.Body)
	}
	if resp.Header.Get("Retry-After") == "" {
		t.Error("a 503 without Retry-After")
	}
	if p := resp.Problem(t); p.Code != "unavailable" || !strings.Contains(p.Detail, "too long") {
		t.Errorf("the problem is %+v", p)
	}
}
