package server

import (
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// feedWorld is the queue feeds' world: acme's US 10,285,091 applied for
// with a chart assigned to expert-wang, a second chart assigned to
// expert-li, EP 2 777 236 admitted with a published finding and
// challenged.
type feedWorld struct {
	wsWorld
	liReview, pubChart, challenge string
}

func plantFeeds(e *testEnv) feedWorld {
	e.t.Helper()
	w := feedWorld{wsWorld: plantWS(e)}
	w.pubChart = e.seedDraft("EP 2 777 236 B1")
	e.admit("EP 2 777 236 B1", w.pubChart)
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub/entries", token: e.licensor, body: map[string]any{"patent": "US10285091"}})
	liChart := e.seedDraft("JP 6637180 B2")
	var rv struct{ ID string }
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/reviews", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": liChart, "revision": 1, "reviewer": "expert-li"}}).JSON(e.t, &rv)
	w.liReview = rv.ID
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/challenges", token: e.admin, body: map[string]any{"pool": "pub", "patent": "EP2777236",
		"statement": "Optional tool only.", "challenger": map[string]string{"name": "Plugh", "contact": "plughcontact@example.org"}}}).JSON(e.t, &rv)
	w.challenge = rv.ID
	return w
}

// newFeedKey creates a feed token for the API token secret and returns its
// id, its key and the id of the API token it belongs to.
func newFeedKey(e *testEnv, token string) (id, key, owner string) {
	e.t.Helper()
	var ft struct{ ID, Key, Token, URL string }
	r := e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/feed-tokens", token: token, body: map[string]any{"label": "reader"}})
	r.JSON(e.t, &ft)
	if r.Header.Get("Cache-Control") != "no-store" || !strings.HasSuffix(ft.URL, queueFeedPath+"?key="+url.QueryEscape(ft.Key)) {
		e.t.Fatalf("the created feed token: %s %+v", r.Header.Get("Cache-Control"), ft)
	}
	return ft.ID, ft.Key, ft.Token
}

// readFeed fetches the queue feed with key and checks that it is Atom:
// entries with distinct ids, RFC 3339 times, newest first.
func readFeed(t *testing.T, e *testEnv, key, lang string) (int, string) {
	t.Helper()
	path := queueFeedPath + "?key=" + url.QueryEscape(key)
	if lang != "" {
		path += "&lang=" + lang
	}
	r := e.do(req{method: "GET", path: path})
	if r.Status != http.StatusOK {
		return r.Status, string(r.Body)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		t.Fatalf("content type %q", ct)
	}
	var f atomFeed
	if err := xml.Unmarshal(r.Body, &f); err != nil || f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.ID == "" || f.Title == "" {
		t.Fatalf("not an Atom feed (%v): %s", err, r.Body)
	}
	seen, last := map[string]bool{}, time.Now().Add(time.Hour)
	for _, en := range f.Entries {
		when, err := time.Parse(time.RFC3339, en.Updated)
		if err != nil || seen[en.ID] || when.After(last) || en.Title == "" || en.Link.Href == "" {
			t.Fatalf("entry %+v (%v): ids distinct, times RFC 3339 and newest first", en, err)
		}
		seen[en.ID], last = true, when
	}
	return r.Status, string(r.Body)
}

// feedCase is what one caller's queue feed must and must never show.
type feedCase struct {
	who, token, lang string
	want, never      []string
}

// readFeeds reads each case's feed with a new key of its token and checks
// what it shows.
func readFeeds(t *testing.T, e *testEnv, cases []feedCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.who, func(t *testing.T) {
			_, key, _ := newFeedKey(e, tc.token)
			st, body := readFeed(t, e, key, tc.lang)
			if st != http.StatusOK {
				t.Fatalf("status %d: %s", st, body)
			}
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("the feed lacks %q: %s", s, body)
				}
			}
			for _, s := range tc.never {
				if strings.Contains(body, s) {
					t.Errorf("the feed shows %q: %s", s, body)
				}
			}
		})
	}
}

// TestQueueFeedsShowWhatEachRoleMaySee reads each role's queue feed: what
// must appear is there, what the role may not see is not.
func TestQueueFeedsShowWhatEachRoleMaySee(t *testing.T) {
	e := newTestEnv(t)
	w := plantFeeds(e)
	other := e.other
	cases := []feedCase{
		{"reviewer assigned", e.reviewer, "", []string{"/workspace/reviews/" + w.review, "Review of chart " + w.chart},
			[]string{w.liReview, "Application", "Challenge", "plughcontact"}},
		{"other reviewer", w.li, "", []string{"/workspace/reviews/" + w.liReview},
			[]string{w.review, w.chart, "Application", "Challenge"}},
		{"admin", e.admin, "", []string{"Application: patent US10285091 to pool pub", "Challenge to patent EP2777236 in pool pub"},
			[]string{"plughcontact"}},
		{"admin in Chinese", e.admin, "zh", []string{`xml:lang="zh"`, "入池申请：专利 US10285091，专利池 pub", "对专利 EP2777236（专利池 pub）的异议"},
			[]string{"Application:"}},
		{"licensor", e.licensor, "", []string{"Patent US10285091 in pool pub: applied", "/workspace/charts/" + w.chart,
			"Finding published on chart " + w.pubChart}, []string{w.review, w.liReview, "Challenge", "plughcontact", "expert-wang"}},
		{"other licensor", other, "", nil, []string{"US10285091", "EP2777236", w.chart, w.pubChart, w.review, "Application"}},
	}
	readFeeds(t, e, cases)
}

// TestFeedTokenRefused checks that a feed key opens the feed only while it
// and its API token stand, that it is no API token, and that feed tokens
// are their owner's alone.
func TestFeedTokenRefused(t *testing.T) {
	e := newTestEnv(t)
	plantWS(e)
	id, key, _ := newFeedKey(e, e.reviewer)
	if st, body := readFeed(t, e, key, ""); st != http.StatusOK {
		t.Fatalf("a fresh key: %d %s", st, body)
	}
	for _, bad := range []string{"", "sep_nope", "sepfeed_nope", e.reviewer} {
		if st, _ := readFeed(t, e, bad, ""); st != http.StatusUnauthorized {
			t.Errorf("key %q: status %d, want 401", bad, st)
		}
	}
	if r := e.do(req{method: "GET", path: "/api/v1/reviews", token: key}); r.Status != http.StatusUnauthorized {
		t.Errorf("the feed key as a bearer token: %d, want 401", r.Status)
	}
	// Another caller can neither list nor revoke it.
	var list struct{ Items []struct{ ID string } }
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/feed-tokens", token: e.admin}).JSON(t, &list)
	if len(list.Items) != 0 {
		t.Errorf("the admin lists another's feed tokens: %+v", list.Items)
	}
	e.must(http.StatusNotFound, req{method: "POST", path: "/api/v1/feed-tokens/" + id + "/revoke", token: e.admin})
	if st, _ := readFeed(t, e, key, ""); st != http.StatusOK {
		t.Fatalf("the key after another's revoke: %d", st)
	}
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/feed-tokens", token: e.reviewer}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != id {
		t.Errorf("the owner's list: %+v", list.Items)
	}
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/feed-tokens/" + id + "/revoke", token: e.reviewer})
	if st, _ := readFeed(t, e, key, ""); st != http.StatusUnauthorized {
		t.Errorf("a revoked feed token: %d, want 401", st)
	}
	// Revoking the API token ends every feed of it.
	_, key2, owner := newFeedKey(e, e.reviewer)
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/tokens/" + owner + "/revoke", token: e.admin})
	if st, _ := readFeed(t, e, key2, ""); st != http.StatusUnauthorized {
		t.Errorf("a feed of a revoked API token: %d, want 401", st)
	}
}

var feedURLInput = regexp.MustCompile(`id="feed-url" type="text" readonly value="([^"]+)"`)

// TestWorkspaceFeedKeys makes a feed key in the workspace, in Chinese:
// the home page links to it, its URL is shown once and opens the feed in
// that language, another user cannot revoke it, its owner can.
func TestWorkspaceFeedKeys(t *testing.T) {
	e := newTestEnv(t)
	w := plantWS(e)
	c := newWSClient(e).signIn(e.reviewer)
	c.header = map[string]string{"Accept-Language": "zh-CN"}
	if r := c.get("/workspace"); !strings.Contains(r.Body, `href="/workspace/feeds"`) {
		t.Fatalf("the workspace home does not link to the feeds: %s", r.Body)
	}
	c.get("/workspace/feeds")
	r := c.post("/workspace/feeds", url.Values{"label": {"读者"}})
	m := feedURLInput.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil || !strings.Contains(r.Body, "只显示这一次") {
		t.Fatalf("the created key: %d %s", r.Status, r.Body)
	}
	u, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil || u.Path != queueFeedPath || u.Query().Get("lang") != "zh" {
		t.Fatalf("the feed URL %q: %v", m[1], err)
	}
	key := u.Query().Get("key")
	if st, body := readFeed(t, e, key, u.Query().Get("lang")); st != http.StatusOK || !strings.Contains(body, "我的审查队列") || !strings.Contains(body, w.review) {
		t.Fatalf("the feed of the key: %d %s", st, body)
	}
	if r := c.get("/workspace/feeds"); strings.Contains(r.Body, key) || !strings.Contains(r.Body, "读者") {
		t.Fatalf("the list shows the key again, or lacks it: %s", r.Body)
	}
	var list struct{ Items []struct{ ID string } }
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/feed-tokens", token: e.reviewer}).JSON(t, &list)
	revoke := "/workspace/feeds/" + list.Items[0].ID + "/revoke"
	li := newWSClient(e).signIn(w.li)
	li.get("/workspace/feeds")
	if r := li.post(revoke, url.Values{}); r.Status != http.StatusNotFound {
		t.Fatalf("another reviewer revokes the key: %d", r.Status)
	}
	if r := c.post(revoke, url.Values{}); r.Status != http.StatusSeeOther {
		t.Fatalf("the owner revokes the key: %d %s", r.Status, r.Body)
	}
	if st, _ := readFeed(t, e, key, ""); st != http.StatusUnauthorized {
		t.Fatalf("the revoked key: %d", st)
	}
}

// seedExpiring creates, as the licensor, a patent of acme that expires on
// expiry with a submitted chart, and returns the chart's id.
func (e *testEnv) seedExpiring(number, expiry string) string {
	e.t.Helper()
	body := patentBody(number, "acme")
	body["dates"] = map[string]string{"filing": "2013-01-10", "grant": "2016-05-04", "expiry": expiry}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/patents", token: e.licensor, body: body})
	var chart struct{ ID string }
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/charts", token: e.licensor, body: chartBody(number)}).JSON(e.t, &chart)
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/charts/" + chart.ID + "/revisions/1/submit", token: e.licensor})
	return chart.ID
}

// TestQueueFeedExpiriesAndDrafts: the administrator's feed announces an
// admitted patent that expires within ExpiryNotice days (not one that
// expires later) and a draft determination awaiting publication, in both
// languages; no reviewer's or licensor's feed shows either.
func TestQueueFeedExpiriesAndDrafts(t *testing.T) {
	e := newTestEnv(t)
	plantFeeds(e)
	today := e.reg.Now()
	soon, later := today.AddDate(0, 0, 60).Format(time.DateOnly), today.AddDate(0, 0, 120).Format(time.DateOnly)
	e.admit("KR 10-2152107 B1", e.seedExpiring("KR 10-2152107 B1", soon))
	e.admit("TW I123456 B", e.seedExpiring("TW I123456 B", later))
	draft := e.seedDraft("CN 103931153 A")
	e.admitUntilDecision(draft)
	cases := []feedCase{
		{"admin", e.admin, "", []string{"Patent KR102152107 in pool pub expires on " + soon,
			"Determination on chart " + draft + " revision 1 awaits publication (pool pub)"}, []string{"TWI123456", later}},
		{"admin in Chinese", e.admin, "zh", []string{"专利 KR102152107（专利池 pub）将于 " + soon + " 届满",
			"对照表 " + draft + " 第 1 版的审查结论待公布（专利池 pub）"}, []string{"TWI123456", "awaits publication", "expires on"}},
		{"reviewer", e.reviewer, "", nil, []string{"expires on", "awaits publication", "KR102152107"}},
		{"licensor", e.licensor, "", nil, []string{"expires on", "awaits publication", soon, "Finding published on chart " + draft}},
		{"other licensor", e.other, "", nil, []string{"expires on", "awaits publication", "KR102152107", draft}},
	}
	readFeeds(t, e, cases)
}
