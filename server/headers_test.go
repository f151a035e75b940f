package server

import (
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

// TestSecurityHeaders checks that every kind of answer (page, API record,
// problem, contract, docs) carries the security headers, and that the
// pages' CSP allows their own style blocks and nothing inline else: no
// script, no style attributes, no framing.
func TestSecurityHeaders(t *testing.T) {
	e := newTestEnv(t)
	cases := []struct {
		name   string
		r      req
		status int
		html   bool
	}{
		{"home page", req{method: "GET", path: "/"}, 200, true},
		{"home page in Chinese", req{method: "GET", path: "/?lang=zh"}, 200, true},
		{"problems page", req{method: "GET", path: "/problems"}, 200, true},
		{"API docs", req{method: "GET", path: "/api/docs"}, 200, true},
		{"API docs in Chinese", req{method: "GET", path: "/api/docs?lang=zh"}, 200, true},
		{"API list", req{method: "GET", path: "/api/v1/pools"}, 200, false},
		{"API problem", req{method: "GET", path: "/api/v1/pools/nope"}, 404, false},
		{"refused write", req{method: "POST", path: "/api/v1/pools", body: map[string]string{}}, 401, false},
		{"no route", req{method: "GET", path: "/nothing-here"}, 404, false},
		{"HTML error page", req{method: "GET", path: "/nothing-here", header: map[string]string{"Accept": "text/html"}}, 404, true},
		{"contract", req{method: "GET", path: "/openapi.yaml"}, 200, false},
		{"health", req{method: "GET", path: "/healthz"}, 200, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := e.must(tc.status, tc.r)
			for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
				"Referrer-Policy": "strict-origin-when-cross-origin"} {
				if got := resp.Header.Get(name); got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
			csp := policy(resp.Header.Get("Content-Security-Policy"))
			for directive, want := range map[string]string{"default-src": "'none'", "frame-ancestors": "'none'", "base-uri": "'none'"} {
				if csp[directive] != want {
					t.Errorf("CSP %s is %q, want %q", directive, csp[directive], want)
				}
			}
			if _, ok := csp["script-src"]; ok || strings.Contains(resp.Header.Get("Content-Security-Policy"), "unsafe-") {
				t.Errorf("CSP allows script or unsafe sources: %s", resp.Header.Get("Content-Security-Policy"))
			}
			if tc.html {
				checkPageFitsPolicy(t, string(resp.Body), csp["style-src"])
			}
		})
	}
}

// checkPageFitsPolicy fails when a page has no style the policy lets in,
// a style block whose hash the policy does not list (the browser would
// drop it), a stylesheet from elsewhere than /assets with 'self' allowed,
// a style attribute or a script (the policy blocks both).
func checkPageFitsPolicy(t *testing.T, page, styleSrc string) {
	t.Helper()
	blocks := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindAllStringSubmatch(page, -1)
	sheets := regexp.MustCompile(`<link rel="stylesheet" href="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(blocks) == 0 && len(sheets) == 0 {
		t.Fatal("the page has no style block and no stylesheet; the test expects one")
	}
	for _, sh := range sheets {
		if !strings.HasPrefix(sh[1], "/assets/") || !strings.Contains(styleSrc, "'self'") {
			t.Errorf("the page's stylesheet %s is not allowed by style-src %q: the page would render unstyled", sh[1], styleSrc)
		}
	}
	for _, b := range blocks {
		sum := sha256.Sum256([]byte(b[1]))
		if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(styleSrc, h) {
			t.Errorf("the page's style block (hash %s) is not allowed by style-src %q: the page would render unstyled", h, styleSrc)
		}
	}
	if regexp.MustCompile(`(?i)\sstyle=|<script|\son[a-z]+=`).MatchString(page) {
		t.Error("the page has a style attribute, a script or an event handler, which the policy blocks")
	}
}

// policy splits a Content-Security-Policy into its directives.
func policy(header string) map[string]string {
	out := map[string]string{}
	for _, d := range strings.Split(header, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		if name != "" {
			out[name] = value
		}
	}
	return out
}
