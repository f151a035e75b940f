package server

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

var stampField = regexp.MustCompile(`name="stamp" value="([^"]+)"`)

// openForm reads the challenge form of EP 2 777 236 in lang and returns its stamp.
func openForm(e *testEnv, lang string) string {
	e.t.Helper()
	page := e.must(http.StatusOK, req{method: "GET", path: "/patents/EP2777236/challenge?lang=" + lang})
	m := stampField.FindSubmatch(page.Body)
	if m == nil {
		e.t.Fatalf("the form has no stamp: %s", page.Body)
	}
	return string(m[1])
}

// sendForm posts the challenge form.
func sendForm(e *testEnv, want int, form url.Values) response {
	e.t.Helper()
	return e.must(want, req{method: "POST", path: "/patents/EP2777236/challenge?lang=" + form.Get("lang"), body: form.Encode(),
		header: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"}})
}

func goodForm(stamp string) url.Values {
	return url.Values{"stamp": {stamp}, "pool": {"pub"}, "statement": {"Claim 1 reads on an optional tool only."},
		"references": {"8.5.3.2\n\n 8.5.3 "}, "name": {"Wang"}, "contact": {"wang-private@example.org"}}
}

// filedCount is how many challenges wait in the administrator's queue.
func filedCount(e *testEnv) int {
	e.t.Helper()
	var list struct{ Items []struct{ ID string } }
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/challenges?status=filed", token: e.admin}).JSON(e.t, &list)
	return len(list.Items)
}

// TestChallengeFormDefences: each defence of the public form refuses on
// its own, nothing is filed, and the form comes back with what was typed.
func TestChallengeFormDefences(t *testing.T) {
	e := challengeEnv(t)
	start := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	e.reg.Now = func() time.Time { return start }
	stamp := openForm(e, "en")
	later := func(d time.Duration) { e.reg.Now = func() time.Time { return start.Add(d) } }

	cases := []struct {
		name  string
		after time.Duration
		edit  func(url.Values)
		want  string
	}{
		{"sent at once", 0, func(url.Values) {}, "too quickly"},
		{"honeypot filled", 10 * time.Second, func(f url.Values) { f.Set("website", "http://spam.example") }, "not filled in by a person"},
		{"stamp forged", 10 * time.Second, func(f url.Values) { f.Set("stamp", strings.Replace(stamp, ".", "0.", 1)) }, "expired"},
		{"stamp missing", 10 * time.Second, func(f url.Values) { f.Del("stamp") }, "expired"},
		{"stamp too old", FormMaxAge + time.Minute, func(url.Values) {}, "expired"},
		{"no statement", 10 * time.Second, func(f url.Values) { f.Set("statement", " ") }, "statement"},
		{"element without chart", 10 * time.Second, func(f url.Values) { f.Set("element", "1[a]") }, "chart"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			later(tc.after)
			f := goodForm(stamp)
			tc.edit(f)
			page := string(sendForm(e, http.StatusBadRequest, f).Body)
			if !strings.Contains(page, tc.want) || !strings.Contains(page, "wang-private@example.org") {
				t.Fatalf("the refusal does not say %q or lost what was typed: %s", tc.want, page)
			}
			if n := filedCount(e); n != 0 {
				t.Fatalf("%d challenges filed", n)
			}
		})
	}
	big := goodForm(stamp)
	big.Set("evidence", strings.Repeat("x", maxFormBody))
	sendForm(e, http.StatusRequestEntityTooLarge, big)

	later(10 * time.Second)
	page := string(sendForm(e, http.StatusCreated, goodForm(stamp)).Body)
	if !strings.Contains(page, "was filed") || filedCount(e) != 1 {
		t.Fatalf("a good form: %s", page)
	}
}

// TestChallengeFormZh: the form and its refusals read in Chinese.
func TestChallengeFormZh(t *testing.T) {
	e := challengeEnv(t)
	stamp := openForm(e, "zh")
	f := goodForm(stamp)
	f.Set("lang", "zh")
	page := string(sendForm(e, http.StatusBadRequest, f).Body)
	if !strings.Contains(page, "提交过快") || !strings.Contains(page, "异议理由") || strings.Contains(page, "⟦") {
		t.Fatalf("the Chinese form: %s", page)
	}
}

// TestChallengeOutcomePublished: a decided challenge shows on the patent
// page, in the pool's change log and in its feed, with the reasons and
// without the challenger; an upheld one reopens the entry's review.
func TestChallengeOutcomePublished(t *testing.T) {
	e := challengeEnv(t)
	file := func() string {
		var ch struct{ ID string }
		e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/challenges", body: challengeBody()}).JSON(t, &ch)
		return ch.ID
	}
	dismissed, upheld := file(), file()
	for _, p := range []string{"/patents/EP2777236", "/pools/pub/feed.atom"} {
		if body := string(e.must(http.StatusOK, req{method: "GET", path: p}).Body); strings.Contains(body, "optional tool") || strings.Contains(body, "challenge ") {
			t.Fatalf("%s shows an undecided challenge: %s", p, body)
		}
	}
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/challenges/" + dismissed + "/decision", token: e.admin,
		body: map[string]any{"outcome": "dismissed", "reasons": map[string]string{"en": "Plughmandatory tool.", "zh": "强制性工具。"}}})
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/challenges/" + upheld + "/decision", token: e.admin,
		body: map[string]any{"outcome": "upheld", "reasons": map[string]string{"en": "Plughoptional indeed."}}})
	e.withSearch() // the pool's page lists from the index, built now
	want := map[string][]string{
		"/patents/EP2777236":           {"challenge dismissed", "Plughmandatory tool.", "challenge upheld", "under review", "challenge upheld: review reopened"},
		"/pools/pub":                   {"challenge dismissed", "Plughmandatory tool.", "Plughoptional indeed."},
		"/pools/pub/feed.atom":         {"dismissed", "Plughmandatory tool.", "its review is reopened", upheld},
		"/patents/EP2777236?lang=zh":   {"异议驳回", "强制性工具。", "异议成立"},
		"/pools/pub/feed.atom?lang=zh": {"必要性异议被驳回", "重新开启审查"},
	}
	for p, texts := range want {
		body := string(e.must(http.StatusOK, req{method: "GET", path: p}).Body)
		for _, s := range texts {
			if !strings.Contains(body, s) {
				t.Errorf("%s does not show %q", p, s)
			}
		}
		if strings.Contains(body, "wang-secret") || strings.Contains(body, "⟦") {
			t.Errorf("%s shows the challenger or a missing text: %s", p, body)
		}
	}
}
