package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sepportal/claimcharts"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"sepportal/openapi"
)

// specChecker validates every request the test environment sends, and
// every answer, against the OpenAPI document, and records which
// operations were exercised with which statuses.
type specChecker struct {
	t      *testing.T
	doc    *openapi3.T
	router routers.Router
	// breaks is set while the test sends a request that is meant to break
	// the contract: the contract must refuse it as the server does.
	breaks bool
	seen   map[string]map[int]bool // "GET /api/v1/pools/{pool}" → statuses
}

// newSpecChecker loads the contract and hooks the checker into e.
func newSpecChecker(t *testing.T, e *testEnv) *specChecker {
	t.Helper()
	doc, router := loadContract(t)
	// The docs page is HTML; kin-openapi decodes no text/html bodies by itself.
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
	c := &specChecker{t: t, doc: doc, router: router, seen: map[string]map[int]bool{}}
	e.wrap = c.check
	return c
}

// loadContract loads the OpenAPI document and a router that finds the
// operation a request is for.
func loadContract(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	doc, err := openapi.Load()
	if err != nil {
		t.Fatal(err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// check validates one exchange.
func (c *specChecker) check(req *http.Request, _ []byte, resp *http.Response, body []byte) {
	c.t.Helper()
	name := req.Method + " " + req.URL.RequestURI()
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		c.t.Errorf("%s: the contract has no such operation (%v); the server answered %d", name, err, resp.StatusCode)
		return
	}
	key := req.Method + " " + route.Path
	if c.seen[key] == nil {
		c.seen[key] = map[int]bool{}
	}
	c.seen[key][resp.StatusCode] = true
	ctx := context.Background()
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: bearerPresent, MultiError: true}}
	reqErr := errors.Join(openapi3filter.ValidateRequest(ctx, in), undeclaredQuery(route, req))
	switch {
	case c.breaks && reqErr == nil:
		c.t.Errorf("%s: the contract accepts a request the server refuses with %d: %s", name, resp.StatusCode, body)
	case !c.breaks && reqErr != nil:
		c.t.Errorf("%s: the request breaks the contract: %v", name, reqErr)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		c.t.Errorf("%s: answer %d breaks the contract: %v\nbody: %.600s", name, resp.StatusCode, err, body)
	}
}

// bearerPresent stands in for authentication: the contract's bearer scheme
// is satisfied by an Authorization header of the bearer form; whether the
// token is valid is the server's business (401).
func bearerPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	if scheme, secret, ok := strings.Cut(h, " "); !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" {
		return errors.New("no bearer token")
	}
	return nil
}

// undeclaredQuery refuses query parameters the operation does not declare,
// as the server's lists do.
func undeclaredQuery(route *routers.Route, req *http.Request) error {
	declared := map[string]bool{}
	for _, ps := range []openapi3.Parameters{route.PathItem.Parameters, route.Operation.Parameters} {
		for _, p := range ps {
			if p.Value != nil && p.Value.In == "query" {
				declared[p.Value.Name] = true
			}
		}
	}
	for name := range req.URL.Query() {
		if !declared[name] {
			return fmt.Errorf("query parameter %q is not declared", name)
		}
	}
	return nil
}

// ok sends a request that keeps the contract and expects status want.
func (c *specChecker) ok(e *testEnv, want int, r req) response {
	c.t.Helper()
	return e.must(want, r)
}

// broken sends a request that breaks the contract and expects the server
// to refuse it with status want.
func (c *specChecker) broken(e *testEnv, want int, r req) response {
	c.t.Helper()
	c.breaks = true
	defer func() { c.breaks = false }()
	return e.must(want, r)
}

// operations lists the contract's operations as "METHOD /path/{param}".
func (c *specChecker) operations() []string { return contractOperations(c.doc) }

// contractOperations lists doc's operations as "METHOD /path/{param}", sorted.
func contractOperations(doc *openapi3.T) []string {
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+path)
		}
	}
	sort.Strings(ops)
	return ops
}

// assertCoverage checks that every operation of the contract was exercised
// with a success status, that nothing else was, that the main error
// statuses were all seen, and that the contract and the server's routes
// list the same operations.
func (c *specChecker) assertCoverage(e *testEnv) {
	c.t.Helper()
	ops := c.operations()
	statuses := map[int]bool{}
	for _, op := range ops {
		ok := false
		for status := range c.seen[op] {
			statuses[status] = true
			ok = ok || status >= 200 && status < 300
		}
		if !ok {
			c.t.Errorf("%s: never exercised with a success status (seen %v)", op, sortedStatuses(c.seen[op]))
		}
	}
	var exercised []string
	for op := range c.seen {
		exercised = append(exercised, op)
	}
	sort.Strings(exercised)
	if !slices.Equal(exercised, ops) {
		c.t.Errorf("operations exercised ≠ operations in the contract:\nexercised %v\ncontract  %v", exercised, ops)
	}
	for _, status := range []int{400, 401, 403, 404, 409, 412, 413, 415, 428} {
		if !statuses[status] {
			c.t.Errorf("no operation was exercised with status %d", status)
		}
	}
	c.assertRoutesMatch(e, ops)
}

// ginParam turns gin's ":name" and "*name" segments into "{name}".
var ginParam = regexp.MustCompile(`[:*]([A-Za-z_]+)`)

// assertRoutesMatch checks the server's routes against the contract:
// every /api/v1 route is an operation of the contract, and every operation
// of the contract is a route.
func (c *specChecker) assertRoutesMatch(e *testEnv, ops []string) {
	c.t.Helper()
	routes := map[string]bool{}
	for _, r := range e.srv.engine.Routes() {
		op := r.Method + " " + ginParam.ReplaceAllString(r.Path, "{$1}")
		routes[op] = true
		if strings.HasPrefix(r.Path, "/api/v1/") && !slices.Contains(ops, op) {
			c.t.Errorf("route %s %s is not in the contract", r.Method, r.Path)
		}
	}
	for _, op := range ops {
		if !routes[op] {
			c.t.Errorf("the contract's %s is not a route of the server", op)
		}
	}
}

func sortedStatuses(m map[int]bool) []int {
	var out []int
	for s := range m {
		out = append(out, s)
	}
	sort.Ints(out)
	return out
}

// world holds the keys the spec test creates and reads back.
type world struct {
	number, key, enc string // the admitted patent: as submitted, its key, path-escaped
	chart            string // its chart (revision 1 published)
	draftNumber      string // a second patent whose determination stays a draft
	draftDecision    string
	review           string // the published review of chart
}

// TestEveryOperationMatchesSpec drives every operation of the contract
// through the real server, validating each request and answer against the
// contract, including the main error answers; then it checks that the
// operations exercised, the operations in the contract and the server's
// routes are the same set.
func TestEveryOperationMatchesSpec(t *testing.T) {
	e := newTestEnv(t)
	c := newSpecChecker(t, e)
	w := seedWorld(e, c)
	exerciseOps(e, c)
	exerciseReads(e, c, w)
	exerciseRecordWrites(e, c, w)
	exerciseWorkflowWrites(e, c, w)
	exerciseAdmin(e, c, w)
	exerciseClientErrors(e, c, w)
	exerciseChallenges(e, c, w)
	exerciseWebhooks(e, c)
	exerciseFeedTokens(e, c)
	exerciseStateErrors(e, c, w)
	exerciseImports(e, c)
	exerciseSearch(e, c)
	exercisePDF(e, c)
	exerciseUnavailable(e, c)
	c.assertCoverage(e)
}

// seedWorld admits one patent through the whole workflow (the fixtures go
// through the checker too) and leaves a second one with a draft
// determination.
func seedWorld(e *testEnv, c *specChecker) world {
	w := world{number: "EP 2 777 236 B1", key: "EP2777236", draftNumber: "CN 103931153 A"}
	w.enc = url.PathEscape(w.number)
	w.chart = e.seedDraft(w.number)
	e.admit(w.number, w.chart)
	var reviews struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	c.ok(e, 200, req{method: "GET", path: "/api/v1/reviews?chart=" + w.chart, token: e.admin}).JSON(e.t, &reviews)
	if len(reviews.Items) != 1 {
		e.t.Fatalf("want one review of %s, got %d", w.chart, len(reviews.Items))
	}
	w.review = reviews.Items[0].ID

	chart2 := e.seedDraft(w.draftNumber)
	var rv, d struct {
		ID string `json:"id"`
	}
	c.ok(e, 201, req{method: "POST", path: "/api/v1/reviews", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": chart2, "revision": 1, "reviewer": "expert-wang"}}).JSON(e.t, &rv)
	c.ok(e, 200, req{method: "PUT", path: "/api/v1/reviews/" + rv.ID, token: e.reviewer, header: map[string]string{"If-Match": `"1"`},
		body: map[string]any{"conflict": map[string]any{"declared": true, "none": true}, "conclusion": "unclear",
			"verdicts": []map[string]any{{"element": "1[a]", "result": "met"}, {"element": "1[b]", "result": "unclear"}}}})
	c.ok(e, 200, req{method: "POST", path: "/api/v1/reviews/" + rv.ID + "/submit", token: e.reviewer, header: map[string]string{"If-Match": `"2"`}})
	c.ok(e, 201, req{method: "POST", path: "/api/v1/determinations", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": chart2, "revision": 1, "decided_on": "2024-02-15"}}).JSON(e.t, &d)
	w.draftDecision = d.ID
	return w
}

// exerciseOps covers the operational endpoints and the contract itself.
func exerciseOps(e *testEnv, c *specChecker) {
	c.ok(e, 200, req{method: "GET", path: "/healthz"})
	c.ok(e, 200, req{method: "GET", path: "/readyz"})
	spec := c.ok(e, 200, req{method: "GET", path: "/openapi.yaml"})
	c.ok(e, 304, req{method: "GET", path: "/openapi.yaml", header: map[string]string{"If-None-Match": spec.Header.Get("ETag")}})
	c.ok(e, 200, req{method: "GET", path: "/api/docs"})
	c.ok(e, 200, req{method: "GET", path: "/api/docs?lang=zh"})
}

// exerciseReads reads every kind of record as the public and as each role,
// with filters and paging.
func exerciseReads(e *testEnv, c *specChecker, w world) {
	var page struct {
		Next *string `json:"next"`
	}
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools?limit=1&status=draft&lang=zh", token: e.admin})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools?limit=1", token: e.admin}).JSON(e.t, &page)
	if page.Next == nil {
		e.t.Fatal("a page of 1 of 2 pools has no next cursor")
	}
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools?limit=1&cursor=" + *page.Next, token: e.admin})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools/pub"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools/pub/entries?status=admitted&holder=acme"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools/pub/entries/" + url.PathEscape("ep2777236b1")})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/organizations?limit=10"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/organizations/acme"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/standards"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/standards/h265-v8"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/standards/h265-v8/references"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/standards/h265-v8/references/" + url.PathEscape("Figure 8-3")})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/patents?holder=acme"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/patents", token: e.licensor})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/patents/" + w.enc})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape(w.draftNumber), token: e.reviewer})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/charts?patent=" + w.key + "&standard=h265-v8"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/charts", token: e.licensor})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/charts/" + w.chart})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/charts/" + w.chart + "/revisions/1"})
	exerciseImplementerReads(e, c, w)
	c.ok(e, 200, req{method: "GET", path: "/api/v1/reviews?pool=pub&status=submitted"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/reviews?reviewer=expert-wang", token: e.reviewer})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/reviews/" + w.review})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/determinations?pool=pub&patent=" + w.key + "&chart=" + w.chart + "&status=published"})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/determinations", token: e.admin})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/determinations/" + w.draftDecision, token: e.admin})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/families"})
}

// etagOf reads a record and returns its ETag.
func etagOf(e *testEnv, c *specChecker, path, token string) string {
	return c.ok(e, 200, req{method: "GET", path: path, token: token}).Header.Get("ETag")
}

// exerciseRecordWrites creates and replaces the plain records.
func exerciseRecordWrites(e *testEnv, c *specChecker, w world) {
	org := map[string]any{"slug": "pool-admin", "name": map[string]string{"en": "Pool Admin Ltd", "zh": "专利池管理公司"},
		"roles": []string{"administrator"}, "country": "CN", "url": "https://admin.example.com"}
	c.ok(e, 201, req{method: "POST", path: "/api/v1/organizations", token: e.admin, body: org})
	org["name"] = map[string]string{"en": "Pool Administration Ltd"}
	c.ok(e, 200, req{method: "PUT", path: "/api/v1/organizations/pool-admin", token: e.admin, body: org,
		header: map[string]string{"If-Match": etagOf(e, c, "/api/v1/organizations/pool-admin", "")}})

	pool := poolBody("pub", "published")
	pool["administrator"], pool["licensors"] = "pool-admin", []string{"acme"}
	pool["terms"] = map[string]any{"summary": map[string]string{"en": "Per-unit royalty."}, "url": "https://example.org/terms"}
	c.ok(e, 200, req{method: "PUT", path: "/api/v1/pools/pub", token: e.admin, body: pool,
		header: map[string]string{"If-Match": etagOf(e, c, "/api/v1/pools/pub", "")}})

	std := standardBody()
	std["title"] = map[string]string{"en": "High efficiency video coding (V8)"}
	c.ok(e, 200, req{method: "PUT", path: "/api/v1/standards/h265-v8", token: e.admin, body: std,
		header: map[string]string{"If-Match": etagOf(e, c, "/api/v1/standards/h265-v8", "")}})
	c.ok(e, 201, req{method: "POST", path: "/api/v1/standards/h265-v8/references", token: e.admin,
		body: map[string]any{"label": "Table 8-11", "kind": "table", "parent": "8.5.3.2", "title": map[string]string{"en": "Merge candidate order"}}})

	fam := map[string]any{"id": "acme-fam-001", "holder": "acme", "title": map[string]string{"en": "Merge candidates"}}
	c.ok(e, 201, req{method: "POST", path: "/api/v1/families", token: e.licensor, body: fam})
	fam["title"] = map[string]string{"en": "Merge candidate derivation", "zh": "合并候选推导"}
	fam["unread_numbers"] = []string{"JP 06637180"} // a typo a pool list gave, kept to be corrected
	c.ok(e, 200, req{method: "PUT", path: "/api/v1/families/acme-fam-001", token: e.licensor, body: fam,
		header: map[string]string{"If-Match": etagOf(e, c, "/api/v1/families/acme-fam-001", e.licensor)}})

	patent := patentBody(w.number, "acme")
	patent["family"], patent["standards"] = "acme-fam-001", []string{"h265-v8"}
	c.ok(e, 200, req{method: "PUT", path: "/api/v1/patents/" + url.PathEscape(w.key), token: e.licensor, body: patent,
		header: map[string]string{"If-Match": etagOf(e, c, "/api/v1/patents/"+w.enc, e.licensor)}})
}

// exerciseWorkflowWrites revises a chart and changes a draft determination.
func exerciseWorkflowWrites(e *testEnv, c *specChecker, w world) {
	rev := map[string]any{"note": "Cites the merge candidate table.", "elements": chartBody(w.number)["elements"]}
	added := c.ok(e, 201, req{method: "POST", path: "/api/v1/charts/" + w.chart + "/revisions", token: e.licensor, body: rev})
	rev["note"] = "Second thoughts."
	edited := c.ok(e, 200, req{method: "PUT", path: "/api/v1/charts/" + w.chart + "/revisions/2", token: e.licensor, body: rev,
		header: map[string]string{"If-Match": added.Header.Get("ETag")}})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/charts/" + w.chart + "/revisions/2", token: e.licensor})
	c.ok(e, 200, req{method: "POST", path: "/api/v1/charts/" + w.chart + "/revisions/2/submit", token: e.licensor,
		header: map[string]string{"If-Match": edited.Header.Get("ETag")}})

	c.ok(e, 200, req{method: "PUT", path: "/api/v1/determinations/" + w.draftDecision, token: e.admin,
		body:   map[string]any{"note": map[string]string{"en": "Decided at the February panel."}, "decided_on": "2024-02-16"},
		header: map[string]string{"If-Match": etagOf(e, c, "/api/v1/determinations/"+w.draftDecision, e.admin)}})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/families/acme-fam-001", token: e.licensor})
}

// exerciseAdmin covers tokens and the audit trail.
func exerciseAdmin(e *testEnv, c *specChecker, w world) {
	var tok struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	}
	c.ok(e, 201, req{method: "POST", path: "/api/v1/tokens", token: e.admin,
		body: map[string]any{"role": "licensor", "organization": "bolt-corp", "subject": "bolt-ci", "label": "CI"}}).JSON(e.t, &tok)
	c.ok(e, 200, req{method: "GET", path: "/api/v1/patents", token: tok.Secret})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/tokens?limit=2", token: e.admin})
	c.ok(e, 200, req{method: "POST", path: "/api/v1/tokens/" + tok.ID + "/revoke", token: e.admin})
	c.ok(e, 401, req{method: "GET", path: "/api/v1/patents", token: tok.Secret})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/audit/pool/pub", token: e.admin})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/audit/entry/" + url.PathEscape("pub/"+w.key), token: e.admin})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/audit/patent/" + w.enc, token: e.admin})
}

// exerciseClientErrors sends requests the server refuses before it looks
// at the records: 400, 401, 403, 413, 415, 428.
func exerciseClientErrors(e *testEnv, c *specChecker, w world) {
	c.broken(e, 401, req{method: "POST", path: "/api/v1/pools", body: poolBody("anon", "draft")})
	c.ok(e, 401, req{method: "GET", path: "/api/v1/pools", token: "sep_not-a-token"})
	c.ok(e, 403, req{method: "POST", path: "/api/v1/pools", token: e.licensor, body: poolBody("mine", "draft")})
	c.ok(e, 403, req{method: "GET", path: "/api/v1/tokens", token: e.reviewer})
	c.ok(e, 403, req{method: "GET", path: "/api/v1/audit/pool/pub", token: e.licensor})
	c.ok(e, 403, req{method: "PUT", path: "/api/v1/reviews/" + w.review, token: e.licensor, body: map[string]any{},
		header: map[string]string{"If-Match": `"1"`}})

	p := c.broken(e, 400, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: map[string]any{"slug": "Bad Slug"}}).Problem(e.t)
	if len(p.Errors) == 0 || p.Errors[0].Path != "slug" {
		e.t.Errorf("400 for a bad slug names fields %+v, want slug first", p.Errors)
	}
	c.broken(e, 400, req{method: "POST", path: "/api/v1/organizations", token: e.admin,
		body: map[string]any{"slug": "x", "name": map[string]string{"en": "X"}, "roles": []string{"licensee"}, "colour": "red"}})
	c.broken(e, 400, req{method: "GET", path: "/api/v1/pools?colour=red"})
	c.broken(e, 400, req{method: "GET", path: "/api/v1/patents?limit=0"})
	c.broken(e, 400, req{method: "GET", path: "/api/v1/charts/" + w.chart + "/revisions/first"})
	c.ok(e, 400, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape("XX 12")})
	bad := chartBody(w.draftNumber)
	bad["claim"] = 2
	bad["elements"].([]map[string]any)[0]["mappings"] = []map[string]any{{"ref": "99.9"}}
	if p := c.ok(e, 400, req{method: "POST", path: "/api/v1/charts", token: e.licensor, body: bad}).Problem(e.t); len(p.Errors) == 0 {
		e.t.Error("a chart citing a missing section answers 400 without field errors")
	}

	c.broken(e, 415, req{method: "POST", path: "/api/v1/organizations", token: e.admin, body: `{"slug": "y"}`,
		header: map[string]string{"Content-Type": "text/plain"}})
	c.broken(e, 428, req{method: "PUT", path: "/api/v1/pools/pub", token: e.admin, body: poolBody("pub", "published")})
	e.srv.maxBody = 1024
	big := standardBody()
	big["slug"], big["references"] = "big", []map[string]any{{"label": "1", "kind": "section", "text": strings.Repeat("x", 2048)}}
	c.ok(e, 413, req{method: "POST", path: "/api/v1/standards", token: e.admin, body: big})
	e.srv.maxBody = DefaultMaxBody
}

// exerciseStateErrors asks for records that are missing or hidden, for
// illegal state changes and with stale revisions: 404, 409, 412.
func exerciseStateErrors(e *testEnv, c *specChecker, w world) {
	c.ok(e, 404, req{method: "GET", path: "/api/v1/pools/nope"})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/pools/secret"})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape(w.draftNumber)})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/determinations/" + w.draftDecision})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/standards/h265-v8/references/99.9"})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/charts/" + w.chart + "/revisions/9", token: e.licensor})
	c.ok(e, 404, req{method: "POST", path: "/api/v1/tokens/tok-nope/revoke", token: e.admin})

	status := "/api/v1/pools/pub/entries/" + w.enc + "/status"
	c.ok(e, 409, req{method: "POST", path: status, token: e.admin, body: map[string]any{"status": "applied"}})
	c.ok(e, 409, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("pub", "published")})
	c.ok(e, 409, req{method: "POST", path: "/api/v1/charts/" + w.chart + "/revisions/1/submit", token: e.licensor})
	c.ok(e, 409, req{method: "PUT", path: "/api/v1/pools/pub", token: e.admin, body: poolBody("pub", "draft"),
		header: map[string]string{"If-Match": etagOf(e, c, "/api/v1/pools/pub", e.admin)}})

	c.ok(e, 412, req{method: "PUT", path: "/api/v1/pools/pub", token: e.admin, body: poolBody("pub", "published"),
		header: map[string]string{"If-Match": `"1"`}})
	c.ok(e, 412, req{method: "POST", path: status, token: e.admin, header: map[string]string{"If-Match": `"1"`},
		body: map[string]any{"status": "removed", "reason": "expired"}})
	c.ok(e, 200, req{method: "POST", path: "/api/v1/determinations/" + w.draftDecision + "/publish", token: e.admin})
	c.ok(e, 409, req{method: "PUT", path: "/api/v1/determinations/" + w.draftDecision, token: e.admin, body: map[string]any{},
		header: map[string]string{"If-Match": etagOf(e, c, "/api/v1/determinations/"+w.draftDecision, "")}})
	c.ok(e, 200, req{method: "POST", path: status, token: e.admin, body: map[string]any{"status": "removed", "reason": "expired", "date": "2033-01-10"}})
}

// exerciseChallenges files a challenge anonymously, reads it as the
// administrator and the public, dismisses it and tries to uphold it.
func exerciseChallenges(e *testEnv, c *specChecker, w world) {
	body := map[string]any{"pool": "pub", "patent": w.number, "chart": w.chart, "element": "1[a]", "statement": "Optional tool only.",
		"evidence": "Table 7-1.", "references": []string{"8.5.3.2"}, "challenger": map[string]string{"name": "Wang", "contact": "wang@example.org"}}
	var ch struct{ ID string }
	c.ok(e, 201, req{method: "POST", path: "/api/v1/challenges", body: body}).JSON(e.t, &ch)
	c.ok(e, 400, req{method: "POST", path: "/api/v1/challenges", body: map[string]any{"pool": "pub", "patent": w.draftNumber, "statement": "x"}})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/challenges?status=filed&pool=pub&patent=" + w.key, token: e.admin})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/challenges/" + ch.ID, token: e.admin})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/challenges/" + ch.ID})
	decision := "/api/v1/challenges/" + ch.ID + "/decision"
	c.ok(e, 400, req{method: "POST", path: decision, token: e.admin, body: map[string]any{"outcome": "dismissed"}})
	c.ok(e, 200, req{method: "POST", path: decision, token: e.admin, body: map[string]any{"outcome": "dismissed", "reasons": map[string]string{"en": "Mandatory."}}})
	c.ok(e, 409, req{method: "POST", path: decision, token: e.admin, body: map[string]any{"outcome": "upheld"}})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/challenges/" + ch.ID})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/challenges"})
}

// exerciseWebhooks registers a webhook, reads it and its (empty) log and
// disables it.
func exerciseWebhooks(e *testEnv, c *specChecker) {
	var w struct{ ID, Secret string }
	c.ok(e, 201, req{method: "POST", path: "/api/v1/webhooks", token: e.admin, body: map[string]any{"url": "http://127.0.0.1:9/hook", "events": []string{"challenge.decided"}}}).JSON(e.t, &w)
	if w.Secret == "" {
		e.t.Fatal("the new webhook's answer has no secret")
	}
	c.ok(e, 400, req{method: "POST", path: "/api/v1/webhooks", token: e.admin, body: map[string]any{"url": "http://hooks.example.com/"}})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/webhooks", token: e.admin})
	c.ok(e, 200, req{method: "GET", path: "/api/v1/webhooks/" + w.ID + "/deliveries?status=failed", token: e.admin})
	c.ok(e, 200, req{method: "POST", path: "/api/v1/webhooks/" + w.ID + "/disable", token: e.admin})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/webhooks/wh-nope/deliveries", token: e.admin})
}

// exerciseFeedTokens makes a reviewer's feed token, lists and revokes it,
// and has another's revoke refused.
func exerciseFeedTokens(e *testEnv, c *specChecker) {
	var ft struct{ ID, Key string }
	c.ok(e, 201, req{method: "POST", path: "/api/v1/feed-tokens", token: e.reviewer, body: map[string]any{"label": "reader"}}).JSON(e.t, &ft)
	if ft.Key == "" {
		e.t.Fatal("the new feed token's answer has no key")
	}
	c.ok(e, 200, req{method: "GET", path: "/api/v1/feed-tokens", token: e.reviewer})
	c.ok(e, 404, req{method: "POST", path: "/api/v1/feed-tokens/" + ft.ID + "/revoke", token: e.admin})
	c.ok(e, 200, req{method: "POST", path: "/api/v1/feed-tokens/" + ft.ID + "/revoke", token: e.reviewer})
}

// exerciseUnavailable closes the store under the server: /readyz answers
// 503 as the contract says.
func exerciseUnavailable(e *testEnv, c *specChecker) {
	if err := e.reg.Store.Close(); err != nil {
		e.t.Fatal(err)
	}
	c.ok(e, 503, req{method: "GET", path: "/readyz?lang=zh"})
}

// exerciseImplementerReads reads a patent with its links and a chart
// revision with its references resolved, in one call each.
func exerciseImplementerReads(e *testEnv, c *specChecker, w world) {
	var p struct {
		Links struct {
			Page, Charts, Determinations string
			Entries                      []string
		} `json:"links"`
	}
	c.ok(e, 200, req{method: "GET", path: "/api/v1/patents/" + w.enc}).JSON(e.t, &p)
	if p.Links.Charts != "/api/v1/charts?patent="+w.key || p.Links.Determinations != "/api/v1/determinations?patent="+w.key ||
		p.Links.Page != "/patents/"+w.key || len(p.Links.Entries) != 1 || p.Links.Entries[0] != "/api/v1/pools/pub/entries/"+w.key {
		e.t.Errorf("patent links %+v", p.Links)
	}
	var rev struct {
		Standard string `json:"standard"`
		Elements []struct {
			Mappings []struct {
				Ref       string `json:"ref"`
				Reference *struct {
					Title claimcharts.Text `json:"title"`
					Text  string           `json:"text"`
				} `json:"reference"`
			} `json:"mappings"`
		} `json:"elements"`
	}
	c.ok(e, 200, req{method: "GET", path: "/api/v1/charts/" + w.chart + "/revisions/1?expand=references"}).JSON(e.t, &rev)
	if rev.Standard != "h265-v8" || len(rev.Elements) != 2 || len(rev.Elements[1].Mappings) != 1 {
		e.t.Fatalf("expanded revision %+v", rev)
	}
	if ref := rev.Elements[1].Mappings[0].Reference; ref == nil || ref.Title.En != "Merge candidates" || ref.Text != "The merge candidate list is constructed..." {
		e.t.Errorf("the reference of %s is not resolved: %+v", rev.Elements[1].Mappings[0].Ref, ref)
	}
	c.broken(e, 400, req{method: "GET", path: "/api/v1/charts/" + w.chart + "/revisions/1?expand=everything"})
}
