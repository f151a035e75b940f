package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestNothingUnpublishedLeaks plants unpublished records (a draft pool, a
// patent on no public list with a submitted chart and a pending review, a
// draft determination) beside a published patent, then reads every public
// list and record anonymously and with a reviewer's and another licensor's
// token, and checks that no answer names the planted records or the
// private reviewer.
func TestNothingUnpublishedLeaks(t *testing.T) {
	e := newTestEnv(t)
	pl := e.plantUnpublished()
	public, hidden, rv, planted := pl.public, pl.hiddenChart, pl.review, pl.strings
	paths := []string{
		"/api/v1/pools", "/api/v1/pools/pub", "/api/v1/pools/pub/entries", "/api/v1/patents", "/api/v1/families",
		"/api/v1/charts", "/api/v1/charts/" + public, "/api/v1/reviews", "/api/v1/determinations",
		"/api/v1/organizations", "/api/v1/standards",
	}
	for _, who := range []struct{ name, token string }{{"anonymous", ""}, {"other licensor", e.other}} {
		for _, p := range paths {
			resp := e.must(http.StatusOK, req{method: "GET", path: p, token: who.token})
			for _, s := range planted {
				if strings.Contains(string(resp.Body), s) {
					t.Errorf("%s GET %s shows unpublished %q: %s", who.name, p, s, resp.Body)
				}
			}
		}
		for _, p := range []string{"/api/v1/patents/US10285091", "/api/v1/charts/" + hidden, "/api/v1/reviews/" + rv,
			"/api/v1/pools/secret", "/api/v1/pools/pub/entries/US10285091", "/api/v1/patents/JP6637180"} {
			e.must(http.StatusNotFound, req{method: "GET", path: p, token: who.token})
		}
	}
	// Writes reveal no more than reads: another licensor changing an
	// unpublished patent, or applying to a draft pool, hears "not found".
	e.must(http.StatusNotFound, req{method: "PUT", path: "/api/v1/patents/US10285091", token: e.other,
		header: map[string]string{"If-Match": `"9"`}, body: patentBody("US 10,285,091 B2", "bolt-corp")})
	e.must(http.StatusNotFound, req{method: "POST", path: "/api/v1/pools/secret/entries", token: e.licensor, body: map[string]any{"patent": "US10285091"}})
	e.must(http.StatusForbidden, req{method: "PUT", path: "/api/v1/patents/EP2777236", token: e.other,
		header: map[string]string{"If-Match": `"9"`}, body: patentBody("EP 2777236", "bolt-corp")})

	// The published chart shows only its published revision's content, and
	// the public sees that it exists.
	if resp := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/EP2777236"}); !strings.Contains(string(resp.Body), "EP2777236") {
		t.Fatalf("the admitted patent is not public: %s", resp.Body)
	}
}

// admitUntilDecision reviews a seeded chart and leaves the determination as
// an unpublished draft.
func (e *testEnv) admitUntilDecision(chart string) {
	e.t.Helper()
	var rv struct{ ID string }
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/reviews", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": chart, "revision": 1, "reviewer": "expert-wang"}}).JSON(e.t, &rv)
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/reviews/" + rv.ID, token: e.reviewer, header: map[string]string{"If-Match": `"1"`},
		body: map[string]any{"conflict": map[string]any{"declared": true, "none": true}, "conclusion": "not_essential",
			"verdicts": []map[string]any{{"element": "1[a]", "result": "met"}, {"element": "1[b]", "result": "not_met"}}}})
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/reviews/" + rv.ID + "/submit", token: e.reviewer})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/determinations", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": chart, "revision": 1}})
}

// planted are the unpublished records plantUnpublished leaves beside a
// published patent, and strings that only they would put in an answer.
type planted struct {
	public      string // the published chart
	hiddenChart string // a submitted chart of an unpublished patent
	review      string // a review in progress on it
	strings     []string
}

// plantUnpublished plants unpublished records (a draft pool, a patent on no
// public list with a submitted chart and a pending review, an application
// to the published pool, a draft determination) beside an admitted patent
// whose reviewer the pool does not name.
func (e *testEnv) plantUnpublished() planted {
	e.t.Helper()
	public := e.seedDraft("EP 2 777 236 B1")
	e.admit("EP 2 777 236 B1", public)

	hidden := e.seedDraft("US 10,285,091 B2")
	var rv struct{ ID string }
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/reviews", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": hidden, "revision": 1, "reviewer": "expert-hidden"}}).JSON(e.t, &rv)
	second := e.seedDraft("JP 6637180 B2")
	e.admitUntilDecision(second)
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub/entries", token: e.licensor, body: map[string]any{"patent": "US10285091"}})
	return planted{public: public, hiddenChart: hidden, review: rv.ID,
		strings: []string{"US10285091", "10,285,091", hidden, rv.ID, "expert-hidden", "expert-wang", `"secret"`, "JP6637180", second}}
}

// TestPatentLinksOnlyVisibleEntries: a patent admitted to the published
// pool, listed on a draft pool and applying to a second published pool
// links, for the public, its admitted entry only, in the API and on its
// page; its holder also sees its application, an administrator all three.
func TestPatentLinksOnlyVisibleEntries(t *testing.T) {
	e := newTestEnv(t)
	e.admit("EP2777236", e.seedDraft("EP2777236"))
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/secret/entries", token: e.admin, body: map[string]any{"patent": "EP2777236"}})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("pub2", "published")})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub2/entries", token: e.licensor, body: map[string]any{"patent": "EP2777236"}})
	for _, tc := range []struct {
		who, token string
		want       []string
	}{
		{"anonymous", "", []string{"/api/v1/pools/pub/entries/EP2777236"}},
		{"other licensor", e.other, []string{"/api/v1/pools/pub/entries/EP2777236"}},
		{"holder", e.licensor, []string{"/api/v1/pools/pub/entries/EP2777236", "/api/v1/pools/pub2/entries/EP2777236"}},
		{"admin", e.admin, []string{"/api/v1/pools/pub/entries/EP2777236", "/api/v1/pools/pub2/entries/EP2777236",
			"/api/v1/pools/secret/entries/EP2777236"}},
	} {
		var p struct {
			Links struct{ Entries []string } `json:"links"`
		}
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/EP2777236", token: tc.token}).JSON(t, &p)
		if strings.Join(p.Links.Entries, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: entries %q, want %q", tc.who, p.Links.Entries, tc.want)
		}
	}
	if page := e.must(http.StatusOK, req{method: "GET", path: "/patents/EP2777236"}); strings.Contains(string(page.Body), "pub2") || strings.Contains(string(page.Body), "secret") {
		t.Errorf("the patent's page names a pool where it is not public: %s", page.Body)
	}
}
