package server

import (
	"fmt"
	"net/http"
	"os"
	"testing"
)

func TestDumpScratch(t *testing.T) {
	e := newTestEnv(t)
	f, _ := os.Create("/tmp/dump.txt")
	defer f.Close()
	e.wrap = func(req *http.Request, body []byte, resp *http.Response, respBody []byte) {
		fmt.Fprintf(f, "=== %s %s\n%s\n--- %d %v\n%s\n\n", req.Method, req.URL.RequestURI(), body, resp.StatusCode, resp.Header, respBody)
	}
	number := "EP 2 777 236 B1"
	chart := e.seedDraft(number)
	e.admit(number, chart)
	for _, p := range []string{"/api/v1/pools", "/api/v1/pools/pub/entries", "/api/v1/organizations", "/api/v1/standards", "/api/v1/patents", "/api/v1/charts", "/api/v1/reviews", "/api/v1/determinations", "/api/v1/audit/entry/pub%2FEP2777236", "/api/v1/charts/" + chart + "/revisions/1", "/api/v1/standards/h265-v8/references/8.5.3.2", "/api/v1/pools/nope", "/healthz"} {
		e.do(req{method: "GET", path: p, token: e.admin})
	}
	e.do(req{method: "GET", path: "/api/v1/tokens", token: e.admin})
	e.do(req{method: "POST", path: "/api/v1/tokens", token: e.admin, body: map[string]any{"role": "reviewer", "subject": "x"}})
	e.do(req{method: "GET", path: "/api/v1/reviews", token: e.reviewer})
	e.do(req{method: "GET", path: "/api/v1/reviews"})
	e.do(req{method: "POST", path: "/api/v1/pools", token: e.admin, body: map[string]any{"slug": "Bad Slug"}})
}
