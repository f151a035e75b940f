package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"sepportal/search"
)

// The callers of the route test, in the order of a probe's statuses.
const (
	asAnonymous = iota
	asHolder    // licensor of acme, which holds the planted records
	asOther     // licensor of bolt-corp
	asAssigned  // expert-wang, assigned the planted chart's first revision
	asUnassigned
	asAdmin
	callers
)

var callerNames = [callers]string{"anonymous", "licensor A", "licensor B", "reviewer assigned", "reviewer not assigned", "admin"}

// plantedWorld names the records the route test plants: a published
// patent beside acme's unpublished ones.
type plantedWorld struct {
	pubChart, pubReview string // the admitted EP 2 777 236's chart and its published review
	chart, review       string // acme's hidden chart of US 10,285,091 (revision 2 a draft) and wang's review in progress
	chart2, review2     string // acme's hidden chart of JP 6637180, wang's submitted review
	decision            string // the draft determination on chart2
	job                 string // the URL of licensor B's import job
	challenge           string // a filed challenge of EP 2 777 236, its challenger's contact "plughcontact"
	tokens              [callers]string
	// hidden lists, by caller, what it must never read in an answer
	// (unless its request named it).
	hidden [callers][]string
}

// plant seeds the route test's world through the API and indexes it.
func plant(e *testEnv, ix *search.Index) plantedWorld {
	e.t.Helper()
	var w plantedWorld
	w.pubChart = e.seedDraft("EP 2 777 236 B1")
	e.admit("EP 2 777 236 B1", w.pubChart)
	w.pubReview = reviewOf(e, w.pubChart)

	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/families", token: e.licensor,
		body: map[string]any{"id": "acme-secret-fam", "holder": "acme", "title": map[string]string{"en": "Secret family"}}})
	w.chart = e.seedDraft("US 10,285,091 B2")
	p := patentBody("US 10,285,091 B2", "acme")
	p["family"] = "acme-secret-fam"
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/patents/US10285091", token: e.licensor, body: p, header: map[string]string{"If-Match": `"1"`}})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/reviews", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": w.chart, "revision": 1, "reviewer": "expert-wang"}})
	w.review = reviewOf(e, w.chart)
	draft := chartBody("US 10,285,091 B2")["elements"].([]map[string]any)
	draft[0]["text"] = map[string]string{"en": "A method of plughdraft decoding"}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/charts/" + w.chart + "/revisions", token: e.licensor,
		body: map[string]any{"note": "plughdraft", "elements": draft}})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub/entries", token: e.licensor, body: map[string]any{"patent": "US10285091"}})

	w.chart2 = e.seedDraft("JP 6637180 B2")
	e.admitUntilDecision(w.chart2)
	w.review2 = reviewOf(e, w.chart2)
	w.decision = "pub-" + w.chart2 + "-r1"
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/determinations/" + w.decision, token: e.admin})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/secret/entries", token: e.admin, body: map[string]any{"patent": "JP6637180"}})

	// Licensor B imports acme's hidden patent: its job is its own.
	job, header := multipartBody(e.t, "patents.csv", csvList([]string{"Patent number", "Holder", "Title (EN)"},
		[]string{"US 10,285,091 B2", "bolt-corp", "Taken"}), map[string]string{"kind": "patents", "dry_run": "true"})
	w.job = e.must(http.StatusAccepted, req{method: "POST", path: "/api/v1/imports", token: e.other, body: job, header: header}).Header.Get("Location")
	e.srv.jobs.wait()
	var filed struct{ ID string }
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/challenges", token: e.admin, body: map[string]any{"pool": "pub", "patent": "EP2777236",
		"statement": "Optional tool only.", "challenger": map[string]string{"name": "Plugh", "contact": "plughcontact@example.org"}}}).JSON(e.t, &filed)
	w.challenge = filed.ID
	w.tokens = [callers]string{"", e.licensor, e.other, e.reviewer, e.token(tokenFor("expert-kim")), e.admin}
	decision := `"` + w.decision + `"` // a prefix of its reviews' ids
	outsider := []string{"US10285091", "10,285,091", w.chart, w.review, "plughdraft", "acme-secret-fam", `"secret"`,
		"JP6637180", w.chart2, w.review2, decision, "expert-wang", "plughcontact"}
	w.hidden = [callers][]string{
		asAnonymous:  outsider,
		asHolder:     {w.review, w.review2, decision, `"secret"`, "expert-wang", "plughcontact"},
		asOther:      outsider,
		asAssigned:   {"plughdraft", decision, `"secret"`, "plughcontact"},
		asUnassigned: outsider,
	}
	for {
		n, err := ix.SyncOnce(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	return w
}

// reviewOf returns the id of the one review of chart.
func reviewOf(e *testEnv, chart string) string {
	e.t.Helper()
	var list struct {
		Items []struct{ ID string } `json:"items"`
	}
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/reviews?chart=" + chart, token: e.admin}).JSON(e.t, &list)
	if len(list.Items) != 1 {
		e.t.Fatalf("chart %s has %d reviews, want 1", chart, len(list.Items))
	}
	return list.Items[0].ID
}

// probe is one request of the route test, sent by every caller, and the
// status each caller must get (callers' order).
type probe struct {
	r    req
	want [callers]int
	// static marks the contract and its docs, whose examples may spell
	// what the planted records hold.
	static bool
	// named is what the caller told the server before (its upload), which
	// the answer may repeat.
	named string
}

// Statuses shared by many probes.
var (
	allOK     = [callers]int{200, 200, 200, 200, 200, 200}
	adminOnly = func(adminStatus int) [callers]int { return [callers]int{401, 403, 403, 403, 403, adminStatus} }
	// hiddenRead is a read of a record only its holder and administrators see.
	hiddenRead = [callers]int{404, 200, 404, 404, 404, 200}
	// assignedRead adds the reviewer assigned.
	assignedRead = [callers]int{404, 200, 404, 200, 404, 200}
	// adminRead is a read of a record only administrators see.
	adminRead = [callers]int{404, 404, 404, 404, 404, 200}
)

func get(path string, want [callers]int) probe {
	return probe{r: req{method: "GET", path: path}, want: want}
}

// stale is a write with a revision that is never current: a caller who may
// write hears 412 and nothing changes.
func stale(method, path string, body any, want [callers]int) probe {
	return probe{r: req{method: method, path: path, body: body, header: map[string]string{"If-Match": `"99"`}}, want: want}
}

// routeProbes is the route test's table: for every operation of the
// contract, requests aimed at the planted records. A write that would
// succeed is sent in a form that changes nothing (a stale If-Match, a
// duplicate, a dry run).
func routeProbes(t *testing.T, w plantedWorld) map[string][]probe {
	rev := map[string]any{"elements": chartBody("US 10,285,091 B2")["elements"]}
	namesFamily := patentBody("KR 10-2152107", "bolt-corp")
	namesFamily["family"] = "acme-secret-fam"
	importBody, importHeader := multipartBody(t, "patents.csv",
		csvList([]string{"Patent number", "Holder", "Title (EN)"}, []string{"US 10,285,091 B2", "bolt-corp", "Taken"}),
		map[string]string{"kind": "patents", "dry_run": "true"})
	chart, rv, rv2, d := w.chart, w.review, w.review2, w.decision
	return map[string][]probe{
		"GET /healthz":      {get("/healthz", allOK)},
		"GET /readyz":       {get("/readyz", allOK)},
		"GET /openapi.yaml": {{r: req{method: "GET", path: "/openapi.yaml"}, want: allOK, static: true}},
		"GET /api/docs":     {{r: req{method: "GET", path: "/api/docs"}, want: allOK, static: true}},

		"GET /api/v1/pools":        {get("/api/v1/pools", allOK)},
		"POST /api/v1/pools":       {{r: req{method: "POST", path: "/api/v1/pools", body: poolBody("secret", "draft")}, want: adminOnly(409)}},
		"GET /api/v1/pools/{pool}": {get("/api/v1/pools/secret", adminRead), get("/api/v1/pools/pub", allOK)},
		"PUT /api/v1/pools/{pool}": {stale("PUT", "/api/v1/pools/secret", poolBody("secret", "draft"), adminOnly(412))},
		"GET /api/v1/pools/{pool}/entries": {get("/api/v1/pools/secret/entries", adminRead), get("/api/v1/pools/pub/entries", allOK),
			get("/api/v1/pools/pub/entries?holder=acme", allOK), get("/api/v1/pools/pub/entries?status=applied", allOK)},
		"POST /api/v1/pools/{pool}/entries": {
			{r: req{method: "POST", path: "/api/v1/pools/secret/entries", body: map[string]any{"patent": "JP6637180"}}, want: [callers]int{401, 404, 404, 404, 404, 409}},
			{r: req{method: "POST", path: "/api/v1/pools/pub/entries", body: map[string]any{"patent": "US10285091"}}, want: [callers]int{401, 409, 400, 403, 400, 409}},
		},
		"GET /api/v1/pools/{pool}/entries/{number}": {get("/api/v1/pools/pub/entries/US10285091", hiddenRead),
			get("/api/v1/pools/secret/entries/JP6637180", adminRead)},
		"POST /api/v1/pools/{pool}/entries/{number}/status": {stale("POST", "/api/v1/pools/pub/entries/US10285091/status",
			map[string]any{"status": "under_review"}, adminOnly(412))},
		"GET /api/v1/pools/{pool}/export": {get("/api/v1/pools/secret/export", adminRead), get("/api/v1/pools/pub/export", allOK),
			get("/api/v1/pools/pub/export?kind=patents&format=jsonl", allOK), get("/api/v1/pools/pub/export?kind=charts&format=jsonl", allOK)},
		"GET /api/v1/pools/{pool}/patents": {get("/api/v1/pools/secret/patents", adminRead), get("/api/v1/pools/pub/patents", allOK),
			get("/api/v1/pools/pub/patents?status=applied", allOK)},

		"GET /api/v1/organizations":       {get("/api/v1/organizations", allOK)},
		"POST /api/v1/organizations":      {{r: req{method: "POST", path: "/api/v1/organizations", body: map[string]any{"slug": "acme", "name": map[string]string{"en": "Acme"}, "roles": []string{"licensor"}}}, want: adminOnly(409)}},
		"GET /api/v1/organizations/{org}": {get("/api/v1/organizations/acme", allOK)},
		"PUT /api/v1/organizations/{org}": {stale("PUT", "/api/v1/organizations/acme", map[string]any{"slug": "acme", "name": map[string]string{"en": "Acme"}, "roles": []string{"licensor"}}, adminOnly(412))},

		"GET /api/v1/standards":                                 {get("/api/v1/standards", allOK)},
		"POST /api/v1/standards":                                {{r: req{method: "POST", path: "/api/v1/standards", body: standardBody()}, want: adminOnly(409)}},
		"GET /api/v1/standards/{std}":                           {get("/api/v1/standards/h265-v8", allOK)},
		"PUT /api/v1/standards/{std}":                           {stale("PUT", "/api/v1/standards/h265-v8", standardBody(), adminOnly(412))},
		"GET /api/v1/standards/{std}/references":                {get("/api/v1/standards/h265-v8/references", allOK)},
		"POST /api/v1/standards/{std}/references":               {{r: req{method: "POST", path: "/api/v1/standards/h265-v8/references", body: map[string]any{"label": "8.5.3.2", "kind": "section", "title": map[string]string{"en": "x"}}}, want: adminOnly(409)}},
		"GET /api/v1/standards/{std}/references/{label}":        {get("/api/v1/standards/h265-v8/references/8.5.3.2", allOK)},
		"GET /api/v1/standards/{std}/references/{label}/charts": {get("/api/v1/standards/h265-v8/references/8.5.3.2/charts", allOK), get("/api/v1/standards/h265-v8/references/8.5.3.2.2/charts", allOK)},
		"GET /api/v1/standards/{std}/references/{label}/patents": {get("/api/v1/standards/h265-v8/references/8.5.3.2.2/patents", allOK), get("/api/v1/standards/h265-v8/references/8.5.*/patents?pool=hevc-pool", allOK),
			get("/api/v1/standards/no-such-standard/references/1/patents", [callers]int{404, 404, 404, 404, 404, 404})},

		"GET /api/v1/patents": {get("/api/v1/patents", allOK), get("/api/v1/patents?holder=acme", allOK),
			get("/api/v1/patents?family=acme-secret-fam", allOK)},
		"POST /api/v1/patents": {
			{r: req{method: "POST", path: "/api/v1/patents", body: patentBody("US 10,285,091 B2", "acme")}, want: [callers]int{401, 409, 403, 403, 403, 409}},
			{r: req{method: "POST", path: "/api/v1/patents", body: namesFamily}, want: [callers]int{401, 403, 400, 403, 403, 400}},
		},
		"GET /api/v1/patents/{number}": {get("/api/v1/patents/"+url.PathEscape("US 10,285,091 B2"), assignedRead), get("/api/v1/patents/JP6637180", assignedRead)},
		"PUT /api/v1/patents/{number}": {stale("PUT", "/api/v1/patents/US10285091", patentBody("US 10,285,091 B2", "acme"), [callers]int{401, 412, 404, 404, 404, 412})},

		"GET /api/v1/families":          {get("/api/v1/families", allOK), get("/api/v1/families?holder=acme", allOK)},
		"POST /api/v1/families":         {{r: req{method: "POST", path: "/api/v1/families", body: map[string]any{"id": "acme-secret-fam", "holder": "acme", "title": map[string]string{"en": "x"}}}, want: [callers]int{401, 409, 403, 403, 403, 409}}},
		"GET /api/v1/families/{family}": {get("/api/v1/families/acme-secret-fam", hiddenRead)},
		"PUT /api/v1/families/{family}": {stale("PUT", "/api/v1/families/acme-secret-fam", map[string]any{"id": "acme-secret-fam", "holder": "acme", "title": map[string]string{"en": "x"}}, [callers]int{401, 412, 404, 404, 404, 412})},

		"GET /api/v1/charts":                    {get("/api/v1/charts", allOK), get("/api/v1/charts?holder=acme", allOK), get("/api/v1/charts?patent=US10285091", allOK)},
		"POST /api/v1/charts":                   {{r: req{method: "POST", path: "/api/v1/charts", body: chartBody("US 10,285,091 B2")}, want: [callers]int{401, 409, 400, 403, 400, 409}}},
		"GET /api/v1/charts/{chart}":            {get("/api/v1/charts/"+chart, assignedRead), get("/api/v1/charts/"+w.pubChart, allOK)},
		"POST /api/v1/charts/{chart}/revisions": {{r: req{method: "POST", path: "/api/v1/charts/" + chart + "/revisions", body: rev}, want: [callers]int{401, 409, 404, 403, 404, 409}}},
		"GET /api/v1/charts/{chart}/revisions/{no}": {get("/api/v1/charts/"+chart+"/revisions/1", assignedRead),
			get("/api/v1/charts/"+chart+"/revisions/2", hiddenRead)},
		"PUT /api/v1/charts/{chart}/revisions/{no}":         {stale("PUT", "/api/v1/charts/"+chart+"/revisions/2", rev, [callers]int{401, 412, 404, 403, 404, 412})},
		"POST /api/v1/charts/{chart}/revisions/{no}/submit": {stale("POST", "/api/v1/charts/"+chart+"/revisions/2/submit", nil, [callers]int{401, 412, 404, 403, 404, 412})},

		"GET /api/v1/charts/{chart}/pdf": {get("/api/v1/charts/"+chart+"/pdf", assignedRead)},
		"GET /api/v1/charts/{chart}/revisions/{no}/pdf": {get("/api/v1/charts/"+chart+"/revisions/1/pdf", assignedRead),
			get("/api/v1/charts/"+chart+"/revisions/2/pdf", hiddenRead)},
		"GET /api/v1/determinations/{id}/report": {get("/api/v1/determinations/"+d+"/report", adminRead)},
		"GET /api/v1/search/export":              {get("/api/v1/search/export?format=pdf&q=plughdraft", allOK), get("/api/v1/search/export?format=pdf&q=decoding", allOK)},

		"GET /api/v1/reviews":  {get("/api/v1/reviews", allOK), get("/api/v1/reviews?chart="+chart, allOK), get("/api/v1/reviews?reviewer=expert-wang", allOK)},
		"POST /api/v1/reviews": {{r: req{method: "POST", path: "/api/v1/reviews", body: map[string]any{"pool": "pub", "chart": chart, "revision": 1, "reviewer": "expert-wang"}}, want: adminOnly(409)}},
		"GET /api/v1/reviews/{review}": {get("/api/v1/reviews/"+rv, [callers]int{404, 404, 404, 200, 404, 200}),
			get("/api/v1/reviews/"+rv2, [callers]int{404, 404, 404, 200, 404, 200}), get("/api/v1/reviews/"+w.pubReview, allOK)},
		"PUT /api/v1/reviews/{review}":         {stale("PUT", "/api/v1/reviews/"+rv, map[string]any{}, [callers]int{401, 404, 404, 412, 404, 403})},
		"POST /api/v1/reviews/{review}/submit": {stale("POST", "/api/v1/reviews/"+rv+"/submit", nil, [callers]int{401, 404, 404, 412, 404, 403})},

		"GET /api/v1/determinations":               {get("/api/v1/determinations", allOK), get("/api/v1/determinations?chart="+w.chart2, allOK)},
		"POST /api/v1/determinations":              {{r: req{method: "POST", path: "/api/v1/determinations", body: map[string]any{"pool": "pub", "chart": w.chart2, "revision": 1}}, want: adminOnly(409)}},
		"GET /api/v1/determinations/{id}":          {get("/api/v1/determinations/"+d, adminRead)},
		"PUT /api/v1/determinations/{id}":          {stale("PUT", "/api/v1/determinations/"+d, map[string]any{}, adminOnly(412))},
		"POST /api/v1/determinations/{id}/publish": {stale("POST", "/api/v1/determinations/"+d+"/publish", nil, adminOnly(412))},

		"GET /api/v1/challenges": {get("/api/v1/challenges", allOK), get("/api/v1/challenges?status=filed", allOK),
			get("/api/v1/challenges?patent=EP2777236", allOK)},
		"POST /api/v1/challenges": {{r: req{method: "POST", path: "/api/v1/challenges", body: map[string]any{"pool": "pub", "patent": "US10285091", "statement": "x"}},
			want: [callers]int{400, 400, 400, 400, 400, 400}}},
		"GET /api/v1/challenges/{challenge}": {get("/api/v1/challenges/"+w.challenge, adminRead)},
		"POST /api/v1/challenges/{challenge}/decision": {stale("POST", "/api/v1/challenges/"+w.challenge+"/decision",
			map[string]any{"outcome": "dismissed", "reasons": map[string]string{"en": "x"}}, adminOnly(412))},

		"GET /api/v1/webhooks":                      {get("/api/v1/webhooks", adminOnly(200))},
		"POST /api/v1/webhooks":                     {{r: req{method: "POST", path: "/api/v1/webhooks", body: map[string]any{"url": "https://10.0.0.1/x"}}, want: adminOnly(400)}},
		"POST /api/v1/webhooks/{webhook}/disable":   {{r: req{method: "POST", path: "/api/v1/webhooks/wh-nope/disable"}, want: adminOnly(404)}},
		"GET /api/v1/webhooks/{webhook}/deliveries": {get("/api/v1/webhooks/wh-nope/deliveries", adminOnly(404))},

		"GET /api/v1/feed-tokens":              {get("/api/v1/feed-tokens", [callers]int{401, 200, 200, 200, 200, 200})},
		"POST /api/v1/feed-tokens":             {{r: req{method: "POST", path: "/api/v1/feed-tokens", body: map[string]any{"label": "x"}}, want: [callers]int{401, 201, 201, 201, 201, 201}}},
		"POST /api/v1/feed-tokens/{id}/revoke": {{r: req{method: "POST", path: "/api/v1/feed-tokens/feed-nope/revoke"}, want: [callers]int{401, 404, 404, 404, 404, 404}}},

		"GET /api/v1/tokens":                 {get("/api/v1/tokens", adminOnly(200))},
		"POST /api/v1/tokens":                {{r: req{method: "POST", path: "/api/v1/tokens", body: map[string]any{"role": "reviewer", "subject": "expert-new"}}, want: adminOnly(201)}},
		"POST /api/v1/tokens/{token}/revoke": {{r: req{method: "POST", path: "/api/v1/tokens/tok-nope/revoke"}, want: adminOnly(404)}},

		"GET /api/v1/search": {get("/api/v1/search", allOK), get("/api/v1/search?q=plughdraft", allOK), get("/api/v1/search?q=US10285091", allOK),
			get("/api/v1/search?q=JP6637180", allOK), get("/api/v1/search?q=decoding&limit=100", allOK)},
		"GET /api/v1/search/status":   {get("/api/v1/search/status", adminOnly(200))},
		"POST /api/v1/search/reindex": {{r: req{method: "POST", path: "/api/v1/search/reindex"}, want: adminOnly(202)}},

		"POST /api/v1/imports":           {{r: req{method: "POST", path: "/api/v1/imports", body: importBody, header: importHeader}, want: [callers]int{401, 202, 202, 403, 403, 202}}},
		"GET /api/v1/imports/{job}":      {{r: req{method: "GET", path: w.job}, want: [callers]int{404, 404, 200, 404, 404, 200}, named: "US 10,285,091 B2"}},
		"GET /api/v1/audit/{kind}/{key}": {get("/api/v1/audit/patent/US10285091", adminOnly(200)), get("/api/v1/audit/review/"+rv, adminOnly(200))},
	}
}

// TestEveryRouteHidesWhatEachRoleMayNotSee drives every operation of the
// contract against the running server as each kind of caller, with
// unpublished records planted: each caller gets the status its role
// allows, and no answer names a planted record the caller may not see. An
// operation of the contract without a row in the table fails the test.
func TestEveryRouteHidesWhatEachRoleMayNotSee(t *testing.T) {
	e := newTestEnv(t)
	ix, err := search.Open(t.TempDir(), e.reg.Store, search.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.srv.search = ix
	w := plant(e, ix)

	doc, router := loadContract(t)
	var routed string
	e.wrap = func(r *http.Request, _ []byte, _ *http.Response, _ []byte) {
		routed = ""
		if route, _, err := router.FindRoute(r); err == nil {
			routed = r.Method + " " + route.Path
		}
	}

	table := routeProbes(t, w)
	ops := contractOperations(doc)
	for op := range table {
		if !slices.Contains(ops, op) {
			t.Errorf("the table has a row for %s, which the contract does not have", op)
		}
	}
	for _, op := range ops {
		probes := table[op]
		if len(probes) == 0 {
			t.Errorf("%s: no row in the table; say what each role may get from it", op)
			continue
		}
		for _, p := range probes {
			for who := range callers {
				r := p.r
				r.token = w.tokens[who]
				resp := e.do(r)
				e.srv.jobs.wait() // an import the probe started ends before the next
				if routed != op {
					t.Errorf("%s %s is routed to %q, not to %s", r.method, r.path, routed, op)
				}
				name := callerNames[who] + " " + r.method + " " + r.path
				if resp.Status != p.want[who] {
					t.Errorf("%s: status %d, want %d; body %.300s", name, resp.Status, p.want[who], resp.Body)
				}
				if !p.static {
					leaks(t, name, r, p.named, resp, w.hidden[who])
				}
			}
		}
	}
}

// leaks fails when an answer holds one of the hidden strings that the
// request did not name itself.
func leaks(t *testing.T, name string, r req, named string, resp response, hidden []string) {
	t.Helper()
	asked, err := url.PathUnescape(r.path)
	if err != nil {
		asked = r.path
	}
	asked += named
	if b, ok := r.body.([]byte); ok {
		asked += string(b)
	} else if b, err := json.Marshal(r.body); err == nil {
		asked += string(b)
	}
	for _, s := range hidden {
		if strings.Contains(string(resp.Body), s) && !strings.Contains(asked, strings.Trim(s, `"`)) {
			t.Errorf("%s: the answer shows %s: %.400s", name, s, resp.Body)
		}
	}
}
