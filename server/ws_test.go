package server

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"sepportal/claimcharts"
)

// wsClient is a browser without JavaScript: a cookie jar that follows no
// redirects, and the CSRF token of the last page it read.
type wsClient struct {
	t      testing.TB
	e      *testEnv
	client *http.Client
	csrf   string
	header map[string]string
}

// wsPageResp is one answer of the workspace.
type wsPageResp struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func newWSClient(e *testEnv) *wsClient {
	jar, _ := cookiejar.New(nil)
	return &wsClient{t: e.t, e: e, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (w *wsClient) send(method, path string, form url.Values) wsPageResp {
	w.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r, err := http.NewRequest(method, w.e.http.URL+path, body)
	if err != nil {
		w.t.Fatal(err)
	}
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	r.Header.Set("Accept", "text/html")
	for k, v := range w.header {
		r.Header.Set(k, v)
	}
	resp, err := w.client.Do(r)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := csrfInput.FindSubmatch(b); m != nil {
		w.csrf = string(m[1])
	}
	return wsPageResp{Status: resp.StatusCode, Body: string(b), Location: resp.Header.Get("Location"), Header: resp.Header}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func (w *wsClient) get(path string) wsPageResp {
	w.t.Helper()
	return w.send(http.MethodGet, path, nil)
}

// post sends a form with the CSRF token of the last page read.
func (w *wsClient) post(path string, form url.Values) wsPageResp {
	w.t.Helper()
	form = cloneValues(form)
	if !form.Has("csrf") {
		form.Set("csrf", w.csrf)
	}
	return w.send(http.MethodPost, path, form)
}

// signIn signs in with an API token through the sign-in form.
func (w *wsClient) signIn(token string) *wsClient {
	w.t.Helper()
	w.get("/workspace")
	if r := w.post("/workspace/sign-in", url.Values{"token": {token}}); r.Status != http.StatusSeeOther {
		w.t.Fatalf("sign in: %d %s", r.Status, r.Body)
	}
	w.get("/workspace")
	return w
}

// wsWorld is acme's unpublished chart assigned to expert-wang, with a
// second reviewer (expert-li) who is not assigned.
type wsWorld struct {
	chart, review string
	li            string // expert-li's token
}

func plantWS(e *testEnv) wsWorld {
	e.t.Helper()
	w := wsWorld{chart: e.seedDraft("US 10,285,091 B2")}
	var rv struct {
		ID string `json:"id"`
	}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/reviews", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": w.chart, "revision": 1, "reviewer": "expert-wang"}}).JSON(e.t, &rv)
	w.review = rv.ID
	w.li = e.token(tokenFor("expert-li"))
	return w
}

// TestWorkspaceAccess checks who may open which workspace page and send
// which form: a reviewer never sees another's review or an unassigned
// chart, a licensor never another organization's records, anonymous
// callers get the sign-in page.
func TestWorkspaceAccess(t *testing.T) {
	e := newTestEnv(t)
	w := plantWS(e)
	who := map[string]string{"holder": e.licensor, "other": e.other, "assigned": e.reviewer, "unassigned": w.li, "admin": e.admin}
	clients := map[string]*wsClient{"anonymous": newWSClient(e)}
	for name, tok := range who {
		clients[name] = newWSClient(e).signIn(tok)
	}
	review, chart := "/workspace/reviews/"+w.review, "/workspace/charts/"+w.chart
	cases := []struct {
		path string
		want map[string]int
	}{
		{review, map[string]int{"anonymous": 401, "holder": 404, "other": 404, "assigned": 200, "unassigned": 404, "admin": 200}},
		{review + "/submit", map[string]int{"anonymous": 401, "holder": 404, "other": 404, "assigned": 200, "unassigned": 404, "admin": 303}},
		{chart, map[string]int{"anonymous": 401, "holder": 200, "other": 404, "assigned": 200, "unassigned": 404, "admin": 200}},
	}
	for _, tc := range cases {
		for name, want := range tc.want {
			t.Run(name+" GET "+tc.path, func(t *testing.T) {
				c := clients[name]
				c.t = t
				r := c.get(tc.path)
				if r.Status != want {
					t.Fatalf("status %d, want %d", r.Status, want)
				}
				if name == "anonymous" && !strings.Contains(r.Body, `action="/workspace/sign-in"`) {
					t.Errorf("anonymous did not get the sign-in form")
				}
			})
		}
	}
	posts := []struct {
		path string
		form url.Values
		want map[string]int
	}{
		{review, url.Values{"rev": {"1"}, "summary": {"mine"}}, map[string]int{"holder": 404, "other": 404, "unassigned": 404, "admin": 403}},
		{review + "/submit", url.Values{"rev": {"1"}}, map[string]int{"holder": 404, "other": 404, "unassigned": 404, "admin": 403}},
		{"/workspace/assign", url.Values{"pool": {"pub"}, "chart": {w.chart}, "revision": {"1"}, "reviewer": {"expert-li"}}, map[string]int{"holder": 403, "other": 403, "assigned": 403, "unassigned": 403}},
		{"/workspace/apply", url.Values{"pool": {"pub"}, "patent": {"US10285091"}}, map[string]int{"other": 400, "assigned": 403, "unassigned": 403, "admin": 403}},
		{chart, url.Values{"rev": {"2"}, "note": {"taken over"}}, map[string]int{"other": 404, "assigned": 403, "unassigned": 404}},
		{"/workspace/entries/pub/US10285091", url.Values{"rev": {"1"}, "status": {"removed"}, "reason": {"withdrawn"}}, map[string]int{"holder": 403, "other": 403, "assigned": 403}},
	}
	for _, tc := range posts {
		for name, want := range tc.want {
			t.Run(name+" POST "+tc.path, func(t *testing.T) {
				c := clients[name]
				c.t = t
				c.get("/workspace")
				if r := c.post(tc.path, tc.form); r.Status != want {
					t.Fatalf("status %d, want %d: %s", r.Status, want, r.Body[strings.Index(r.Body, "<main"):])
				}
			})
		}
	}
	// The home pages list only what the caller may see.
	homes := []struct {
		name        string
		shows, hide []string
	}{
		{"assigned", []string{w.review}, nil},
		{"unassigned", nil, []string{w.review, w.chart}},
		{"holder", []string{w.chart}, []string{w.review}},
		{"other", nil, []string{w.chart, "US10285091", w.review}},
	}
	for _, h := range homes {
		t.Run(h.name+" home", func(t *testing.T) {
			c := clients[h.name]
			c.t = t
			body := c.get("/workspace").Body
			for _, s := range h.shows {
				if !strings.Contains(body, s) {
					t.Errorf("the home page lacks %s", s)
				}
			}
			for _, s := range h.hide {
				if strings.Contains(body, s) {
					t.Errorf("the home page shows %s", s)
				}
			}
		})
	}
}

// TestWorkspaceCSRF checks that every POST needs the form's CSRF token,
// signed in or not.
func TestWorkspaceCSRF(t *testing.T) {
	e := newTestEnv(t)
	w := plantWS(e)
	anon := newWSClient(e)
	anon.get("/workspace")
	for name, csrf := range map[string]string{"missing": "", "wrong": "x" + anon.csrf} {
		if r := anon.post("/workspace/sign-in", url.Values{"token": {e.reviewer}, "csrf": {csrf}}); r.Status != http.StatusForbidden {
			t.Errorf("sign-in with the CSRF token %s: %d", name, r.Status)
		}
	}
	c := newWSClient(e).signIn(e.reviewer)
	form := func(csrf string) url.Values {
		return url.Values{"rev": {"1"}, "summary": {"changed"}, "csrf": {csrf}}
	}
	for name, csrf := range map[string]string{"missing": "", "wrong": anon.csrf, "of the sign-in form": anon.csrf} {
		if r := c.post("/workspace/reviews/"+w.review, form(csrf)); r.Status != http.StatusForbidden || !strings.Contains(r.Body, "CSRF") && !strings.Contains(r.Body, "security token") {
			t.Errorf("save with the CSRF token %s: %d", name, r.Status)
		}
		if r := c.post("/workspace/sign-out", url.Values{"csrf": {csrf}}); r.Status != http.StatusForbidden {
			t.Errorf("sign-out with the CSRF token %s: %d", name, r.Status)
		}
	}
	rv, err := e.reg.Review(t.Context(), claimcharts.System, w.review)
	if err != nil || rv.Rev != 1 {
		t.Fatalf("a refused form changed the review: rev %d, %v", rv.Rev, err)
	}
	c.get("/workspace/reviews/" + w.review)
	if r := c.post("/workspace/reviews/"+w.review, url.Values{"rev": {"1"}, "summary": {"changed"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("save with the right CSRF token: %d %s", r.Status, r.Body)
	}
}

// TestWorkspaceSession checks the session's life: its cookie's flags, its
// expiry, sign-out, and the revocation of its token.
func TestWorkspaceSession(t *testing.T) {
	var now time.Time
	e := newTestEnv(t, func(c *Config) { c.SessionTTL = time.Hour; c.TrustProxy = true })
	now = time.Now().UTC()
	e.reg.Now = func() time.Time { return now }
	signedIn := func(c *wsClient) bool {
		return strings.Contains(c.get("/workspace").Body, `action="/workspace/sign-out"`)
	}

	t.Run("cookie", func(t *testing.T) {
		c := newWSClient(e)
		c.get("/workspace")
		for _, proto := range []string{"", "https"} {
			c.header = map[string]string{"X-Forwarded-Proto": proto}
			r := c.post("/workspace/sign-in", url.Values{"token": {e.reviewer}})
			cookie := r.Header.Get("Set-Cookie")
			for _, want := range []string{"sep_session=", "HttpOnly", "SameSite=Strict", "Path=/workspace"} {
				if !strings.Contains(cookie, want) {
					t.Errorf("proto %q: Set-Cookie %q lacks %s", proto, cookie, want)
				}
			}
			if secure := strings.Contains(cookie, "Secure"); secure != (proto == "https") {
				t.Errorf("proto %q: Set-Cookie %q: Secure %v", proto, cookie, secure)
			}
			c.get("/workspace")
		}
	})
	t.Run("expiry", func(t *testing.T) {
		c := newWSClient(e).signIn(e.reviewer)
		now = now.Add(59 * time.Minute)
		if !signedIn(c) {
			t.Fatal("the session ended before its time")
		}
		now = now.Add(2 * time.Minute)
		if signedIn(c) {
			t.Fatal("the session outlived its expiry")
		}
	})
	t.Run("sign-out", func(t *testing.T) {
		c := newWSClient(e).signIn(e.reviewer)
		u, _ := url.Parse(e.http.URL + "/workspace")
		stolen := c.client.Jar.Cookies(u)
		if r := c.post("/workspace/sign-out", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("sign-out: %d", r.Status)
		}
		if signedIn(c) {
			t.Fatal("still signed in after signing out")
		}
		replay := newWSClient(e)
		replay.client.Jar.SetCookies(u, stolen)
		if signedIn(replay) {
			t.Fatal("the session's cookie works after sign-out")
		}
	})
	t.Run("revoked token", func(t *testing.T) {
		tok, secret, err := e.reg.CreateToken(t.Context(), claimcharts.System, tokenFor("expert-zhao"))
		if err != nil {
			t.Fatal(err)
		}
		c := newWSClient(e).signIn(secret)
		if !signedIn(c) {
			t.Fatal("not signed in")
		}
		if _, err := e.reg.RevokeToken(t.Context(), claimcharts.System, tok.ID, 0); err != nil {
			t.Fatal(err)
		}
		if signedIn(c) {
			t.Fatal("the session outlived its token")
		}
	})
	t.Run("bad token", func(t *testing.T) {
		c := newWSClient(e)
		c.get("/workspace")
		r := c.post("/workspace/sign-in", url.Values{"token": {"sep_nope"}})
		if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, "unknown or revoked") {
			t.Fatalf("a wrong token: %d %.300s", r.Status, r.Body)
		}
	})
}

// TestWorkspaceNamesNotSlugs: the workspace writes organizations,
// standards and pools by their names in the reader's language and patents
// by their numbers, as the public pages do, not by slugs and keys.
func TestWorkspaceNamesNotSlugs(t *testing.T) {
	e := newTestEnv(t)
	w := plantWS(e)
	holder := newWSClient(e).signIn(e.licensor)
	page := holder.get("/workspace/charts/" + w.chart + "?lang=zh").Body
	for _, want := range []string{"<dd>acme公司</dd>", "· acme公司 ·", "<dd>ITU-T H.265 V8", "<dd>US 10,285,091, "} {
		if !strings.Contains(page, want) {
			t.Errorf("the chart page lacks %q:\n%s", want, page)
		}
	}
	for _, slug := range []string{"<dd>acme</dd>", "<dd>h265-v8</dd>", "<dd>US10285091,"} {
		if strings.Contains(page, slug) {
			t.Errorf("the chart page writes %q", slug)
		}
	}
	if r := holder.post("/workspace/apply", url.Values{"pool": {"pub"}, "patent": {"US10285091"}, "date": {"2024-01-01"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("apply: %d %s", r.Status, r.Body)
	}
	admin := newWSClient(e).signIn(e.admin).get("/workspace?lang=zh").Body
	if !strings.Contains(admin, "<strong>US 10,285,091</strong>") || strings.Contains(admin, "· pub ·") || !strings.Contains(admin, "· acme公司 <span") {
		t.Errorf("the administrator's desk writes keys or slugs:\n%s", admin)
	}
}
