package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
)

// testEnv is a server on a real embedded store with one token per role.
type testEnv struct {
	t        testing.TB
	srv      *Server
	http     *httptest.Server
	reg      *claimcharts.Registry
	admin    string // admin token secret
	licensor string // licensor token of organization "acme"
	other    string // licensor token of organization "bolt-corp"
	reviewer string // reviewer token of "expert-wang"
	client   *http.Client
	// wrap, when set, sees every request and response (the spec test
	// validates them against the OpenAPI document).
	wrap func(req *http.Request, body []byte, resp *http.Response, respBody []byte)
}

// newTestEnv starts a server over a fresh embedded store with two licensor
// organizations and tokens for each role; configure, if given, adjusts the
// server's Config first.
func newTestEnv(t testing.TB, configure ...func(*Config)) *testEnv {
	t.Helper()
	store, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	reg := claimcharts.NewRegistry(store)
	cfg := Config{Registry: reg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"}
	for _, f := range configure {
		f(&cfg)
	}
	srv := New(cfg)
	env := &testEnv{t: t, srv: srv, reg: reg, http: httptest.NewServer(srv)}
	env.client = env.http.Client()
	t.Cleanup(env.http.Close)
	t.Cleanup(srv.Close) // before the store closes: cleanups run last first
	ctx := context.Background()
	for _, o := range []string{"acme", "bolt-corp"} {
		org := &claimcharts.Organization{Slug: o, Name: claimcharts.Text{En: o, Zh: o + "公司"}, Roles: []string{"licensor"}}
		if err := reg.CreateOrganization(ctx, claimcharts.System, org); err != nil {
			t.Fatal(err)
		}
	}
	env.admin = env.token(claimcharts.NewToken{Role: claimcharts.RoleAdmin, Subject: "root"})
	env.licensor = env.token(claimcharts.NewToken{Role: claimcharts.RoleLicensor, Organization: "acme", Subject: "acme-bot"})
	env.other = env.token(claimcharts.NewToken{Role: claimcharts.RoleLicensor, Organization: "bolt-corp", Subject: "bolt-bot"})
	env.reviewer = env.token(claimcharts.NewToken{Role: claimcharts.RoleReviewer, Subject: "expert-wang"})
	return env
}

func (e *testEnv) token(in claimcharts.NewToken) string {
	e.t.Helper()
	_, secret, err := e.reg.CreateToken(context.Background(), claimcharts.System, in)
	if err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// response is an answer read whole.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v.
func (r response) JSON(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Problem decodes a problem answer.
func (r response) Problem(tb testing.TB) Problem {
	tb.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		tb.Fatalf("content type %q, want application/problem+json (status %d, body %s)", ct, r.Status, r.Body)
	}
	var p Problem
	r.JSON(tb, &p)
	return p
}

// req is one request: method, path, token, body (a string is sent as is,
// anything else as JSON) and extra headers.
type req struct {
	method, path, token string
	body                any
	header              map[string]string
}

// do sends a request and reads the whole answer.
func (e *testEnv) do(r req) response {
	e.t.Helper()
	var raw []byte
	switch b := r.body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			e.t.Fatal(err)
		}
	}
	hr, err := http.NewRequest(r.method, e.http.URL+r.path, bytes.NewReader(raw))
	if err != nil {
		e.t.Fatal(err)
	}
	if raw != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	resp, err := e.client.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	if e.wrap != nil {
		hr.Body = io.NopCloser(bytes.NewReader(raw))
		e.wrap(hr, raw, resp, body)
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: body}
}

// must sends a request and fails the test unless the status is want.
func (e *testEnv) must(want int, r req) response {
	e.t.Helper()
	resp := e.do(r)
	if resp.Status != want {
		e.t.Fatalf("%s %s: status %d, want %d; body %s", r.method, r.path, resp.Status, want, resp.Body)
	}
	return resp
}
