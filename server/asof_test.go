package server

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sepportal/claimcharts"
)

// The patents of the dated list: A and B admitted on 2024-01-10, B
// removed on 2024-03-01, C admitted that day, D admitted on 2024-02-15,
// reopened by an upheld challenge on 2024-04-01 and admitted again on
// 2024-05-20; a challenge to A dismissed on 2024-02-01. Planted: a
// challenge to C not yet decided, A on the draft pool's list from
// 2024-01-05, and G's pending application dated 2024-01-20; none may show.
var datedPatents = map[string]string{"A": "EP 2777236 B1", "B": "EP 2777237 B1", "C": "EP 2777238 B1", "D": "EP 2777239 B1"}

// datedKey is the store key of a dated patent.
func datedKey(t testing.TB, name string) string {
	t.Helper()
	k, err := claimcharts.PatentKey(datedPatents[name])
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// datedList builds the dated list, then the index over it.
func datedList(t *testing.T) *testEnv {
	e := newTestEnv(t)
	for _, name := range []string{"A", "B", "C", "D"} {
		e.admit(datedPatents[name], e.seedDraft(datedPatents[name]))
	}
	for _, name := range []string{"A", "B"} {
		e.rewriteEntry("pub", datedKey(t, name), func(en *claimcharts.Entry) { readmit(en, "2024-01-10") })
	}
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/pools/pub/entries/" + datedKey(t, "B") + "/status", token: e.admin,
		body: map[string]any{"status": "removed", "date": "2024-03-01", "reason": "expired"}})
	e.rewriteEntry("pub", datedKey(t, "D"), func(en *claimcharts.Entry) { readmit(en, "2024-02-15") })
	e.decideChallenge(datedPatents["D"], "upheld", "2024-04-01")
	e.decideChallenge(datedPatents["A"], "dismissed", "2024-02-01")
	e.rewriteEntry("pub", datedKey(t, "D"), func(en *claimcharts.Entry) { readmit(en, "2024-05-20") })
	// Planted: a challenge to C not decided, A on the draft pool's list,
	// G's dated application.
	body := challengeBody()
	body["patent"] = datedPatents["C"]
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/challenges", body: body})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/secret/entries", token: e.admin, body: map[string]any{"patent": datedPatents["A"]}})
	e.rewriteEntry("secret", datedKey(t, "A"), func(en *claimcharts.Entry) { readmit(en, "2024-01-05") })
	e.seedDraft("EP 2777240 B1")
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub/entries", token: e.licensor, body: map[string]any{"patent": "EP 2777240 B1"}})
	e.dateApplication("pub", "EP2777240", "2024-01-20")
	e.withSearch()
	return e
}

// readmit admits an entry (again) on day, as the workspace would.
func readmit(en *claimcharts.Entry, day string) {
	en.Status, en.Effective = claimcharts.EntryAdmitted, claimcharts.Date(day)
	en.History = append(en.History, claimcharts.EntryEvent{Status: claimcharts.EntryAdmitted, Date: claimcharts.Date(day)})
}

// decideChallenge files a challenge to the patent numbered number and
// decides it on day.
func (e *testEnv) decideChallenge(number, outcome, day string) {
	e.t.Helper()
	var ch struct{ ID string }
	body := challengeBody()
	body["patent"] = number
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/challenges", body: body}).JSON(e.t, &ch)
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/challenges/" + ch.ID + "/decision", token: e.admin,
		body: map[string]any{"outcome": outcome, "decided_on": day, "reasons": map[string]string{"en": "Reasons of " + number, "zh": number + " 的理由"}}})
}

// rewriteEntry changes an entry in the store directly, as an imported
// history may have it.
func (e *testEnv) rewriteEntry(pool, patent string, change func(*claimcharts.Entry)) {
	e.t.Helper()
	ctx := context.Background()
	doc, err := e.reg.Store.Get(ctx, claimcharts.KindEntry, claimcharts.EntryKey(pool, patent))
	if err != nil {
		e.t.Fatal(err)
	}
	var entry claimcharts.Entry
	if err := json.Unmarshal(doc.Data, &entry); err != nil {
		e.t.Fatal(err)
	}
	change(&entry)
	if doc.Data, err = json.Marshal(&entry); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.reg.Store.Put(ctx, doc, claimcharts.AuditEvent{Kind: doc.Kind, Key: doc.Key, Action: "test", Actor: "test"}); err != nil {
		e.t.Fatal(err)
	}
}

// TestListAsOfAgrees reads the dated list as of its boundary days on the
// pool's page (every page, by its cursors), from the API's pool list and
// from the pool-list export: all three hold the patents on the list that
// day (admitted on the day counts, removed on the day does not), and
// nothing planted.
func TestListAsOfAgrees(t *testing.T) {
	e := datedList(t)
	for _, tc := range []struct {
		day  string
		want []string
	}{
		{"2024-01-09", nil},
		{"2024-01-10", []string{"A", "B"}},
		{"2024-02-14", []string{"A", "B"}},
		{"2024-02-15", []string{"A", "B", "D"}},
		{"2024-02-29", []string{"A", "B", "D"}},
		{"2024-03-01", []string{"A", "C", "D"}},
		{"2024-03-31", []string{"A", "C", "D"}},
		{"2024-04-01", []string{"A", "C"}},
		{"2024-05-19", []string{"A", "C"}},
		{"2024-05-20", []string{"A", "C", "D"}},
		{"2030-01-01", []string{"A", "C", "D"}},
	} {
		want := make([]string, 0, len(tc.want))
		for _, name := range tc.want {
			want = append(want, datedKey(t, name))
		}
		for _, lang := range []string{"en", "zh"} {
			if got := e.asOfPage(tc.day, lang); !slices.Equal(got, want) {
				t.Errorf("the page (%s) as of %s lists %v, want %v", lang, tc.day, got, want)
			}
		}
		for _, limit := range []int{1, 100} {
			if got := e.asOfAPI(tc.day, limit); !slices.Equal(got, want) {
				t.Errorf("the API as of %s, %d a page, lists %v, want %v", tc.day, limit, got, want)
			}
		}
		export := string(e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?format=jsonl&as_of=" + tc.day}).Body)
		for name, number := range datedPatents {
			serial := strings.Fields(number)[1]
			if strings.Contains(export, serial) != slices.Contains(tc.want, name) {
				t.Errorf("the export as of %s: %s listed %v, want %v", tc.day, name, !slices.Contains(tc.want, name), slices.Contains(tc.want, name))
			}
		}
		if strings.Contains(export, "2777240") {
			t.Errorf("the export as of %s lists the pending application", tc.day)
		}
	}
	e.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/pools/pub/patents?as_of=2024-13-01"})
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/pools/secret/patents?as_of=2024-01-05"})
}

// TestListAsOfTwoSpells: a patent admitted, put back under review by an
// upheld challenge, admitted again in the new round and removed, all
// through the API, is on the list as of every day of each of its spells
// and on no day before, between or after them, on the page, in the API
// (counted, a patent a page and all on one) and in the export; the page
// and the API give the dates of the spell that holds the day, and the
// change log has both admissions.
func TestListAsOfTwoSpells(t *testing.T) {
	e := newTestEnv(t)
	twice, once := "EP 2777241 B1", "EP 2777242 B1"
	chart := e.seedDraft(twice)
	e.admit(twice, chart)
	e.admit(once, e.seedDraft(once))
	e.decideChallenge(twice, "upheld", "2024-04-01")
	e.findEssential(chart)
	status := "/api/v1/pools/pub/entries/" + url.PathEscape(twice) + "/status"
	e.must(http.StatusOK, req{method: "POST", path: status, token: e.admin, body: map[string]any{"status": "admitted", "date": "2024-06-15"}})
	e.must(http.StatusOK, req{method: "POST", path: status, token: e.admin, body: map[string]any{"status": "removed", "date": "2025-01-01", "reason": "expired"}})
	e.withSearch()
	key := func(number string) string {
		k, err := claimcharts.PatentKey(number)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	both, onlyOnce := []string{key(twice), key(once)}, []string{key(once)}
	for _, tc := range []struct {
		day  string
		want []string
		span string // the dates the page shows for twice
	}{
		{"2024-02-29", []string{}, ""},
		{"2024-03-01", both, "<td>2024-03-01</td><td>2024-04-01</td>"},
		{"2024-03-31", both, "<td>2024-03-01</td><td>2024-04-01</td>"},
		{"2024-04-01", onlyOnce, ""},
		{"2024-06-14", onlyOnce, ""},
		{"2024-06-15", both, "<td>2024-06-15</td><td>2025-01-01</td>"},
		{"2024-12-31", both, "<td>2024-06-15</td><td>2025-01-01</td>"},
		{"2025-01-01", onlyOnce, ""},
		{"2030-01-01", onlyOnce, ""},
	} {
		for _, limit := range []int{1, 100} {
			if got := e.asOfAPI(tc.day, limit); !slices.Equal(got, tc.want) {
				t.Errorf("the API as of %s, %d a page, lists %v, want %v", tc.day, limit, got, tc.want)
			}
		}
		if got := e.asOfPage(tc.day, "en"); !slices.Equal(got, tc.want) {
			t.Errorf("the page as of %s lists %v, want %v", tc.day, got, tc.want)
		}
		page := string(e.must(http.StatusOK, req{method: "GET", path: "/pools/pub?as_of=" + tc.day + "&lang=zh"}).Body)
		if tc.span != "" && !regexp.MustCompile(strings.ReplaceAll(tc.span, "<td>", `<td[^>]*>`)).MatchString(page) {
			t.Errorf("the page as of %s does not give the spell %s", tc.day, tc.span)
		}
		export := string(e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?format=jsonl&as_of=" + tc.day}).Body)
		if strings.Contains(export, "2777241") != (len(tc.want) == 2) {
			t.Errorf("the export as of %s: the patent listed twice is there: %v", tc.day, len(tc.want) != 2)
		}
		for _, row := range strings.Split(export, "\n") {
			from, _, _ := strings.Cut(strings.TrimPrefix(tc.span, "<td>"), "<")
			if strings.Contains(row, "2777241") && !strings.Contains(row, `"effective":"`+from+`"`) {
				t.Errorf("the export as of %s does not date the patent listed twice from its spell's %s: %s", tc.day, from, row)
			}
		}
	}
	var res struct {
		Items []struct {
			Patent string
			Pools  []struct {
				Effective string
				Spans     []struct{ From, Until string }
			}
		}
	}
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/patents?facets=false&as_of=2024-03-15"}).JSON(t, &res)
	if len(res.Items) != 2 || len(res.Items[0].Pools) != 1 || fmt.Sprint(res.Items[0].Pools[0].Spans) != "[{2024-03-01 2024-04-01} {2024-06-15 2025-01-01}]" {
		t.Errorf("the API's listing of the patent listed twice: %+v", res.Items)
	}
	changes, err := e.srv.search.Changes(context.Background(), "pub", 10)
	if err != nil {
		t.Fatal(err)
	}
	var admitted []string
	for _, ch := range changes {
		if ch.Patent == key(twice) && ch.Status == claimcharts.EntryAdmitted {
			admitted = append(admitted, string(ch.Date))
		}
	}
	if !slices.Equal(admitted, []string{"2024-06-15", "2024-03-01"}) {
		t.Errorf("the change log admits the patent listed twice on %v", admitted)
	}
}

// asOfPage follows the pool page's list as of day, in lang, from its
// first page through its next links, and returns the patents in order.
func (e *testEnv) asOfPage(day, lang string) []string {
	e.t.Helper()
	row := regexp.MustCompile(`<th scope="row"><a href="/patents/([^"]+)"`)
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
	var out []string
	for path := "/pools/pub?as_of=" + day; path != ""; {
		body := string(e.must(http.StatusOK, req{method: "GET", path: path, header: map[string]string{"Accept-Language": lang}}).Body)
		for _, m := range row.FindAllStringSubmatch(body, -1) {
			k, _ := url.PathUnescape(m[1])
			out = append(out, k)
		}
		path = ""
		if m := next.FindStringSubmatch(body); m != nil {
			path = html.UnescapeString(m[1])
		}
	}
	return out
}

// asOfAPI reads the API's pool list as of day, limit patents a page,
// following its cursors, and returns the patents in order; every page's
// total must count them.
func (e *testEnv) asOfAPI(day string, limit int) []string {
	e.t.Helper()
	var out []string
	var totals []int
	base := "/api/v1/pools/pub/patents?facets=false&limit=" + strconv.Itoa(limit) + "&as_of=" + day
	for path := base; path != ""; {
		var res struct {
			Items []struct{ Patent string }
			Next  *string
			Total int
		}
		e.must(http.StatusOK, req{method: "GET", path: path}).JSON(e.t, &res)
		for _, it := range res.Items {
			out = append(out, it.Patent)
		}
		totals = append(totals, res.Total)
		path = ""
		if res.Next != nil {
			path = base + "&cursor=" + url.QueryEscape(*res.Next)
		}
	}
	for _, n := range totals {
		if n != len(out) {
			e.t.Errorf("the API as of %s, %d a page, counts %v for the %d patents it lists", day, limit, totals, len(out))
			break
		}
	}
	return out
}

// TestChangeLogNewestFirst reads the dated list's change log in the pool's
// Atom feed and on its page, in both languages: newest first (then by
// patent), each admission, removal and challenge outcome once, nothing
// of the draft pool or the pending application; then a removal indexed
// since leads it.
func TestChangeLogNewestFirst(t *testing.T) {
	e := datedList(t)
	want := []string{"2024-05-20 D admitted", "2024-04-01 D upheld", "2024-03-01 B removed", "2024-03-01 C admitted",
		"2024-02-15 D admitted", "2024-02-01 A dismissed", "2024-01-10 A admitted", "2024-01-10 B admitted"}
	e.checkChangeLog(want)
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/pools/pub/entries/" + datedKey(t, "A") + "/status", token: e.admin,
		body: map[string]any{"status": "removed", "date": "2024-06-30", "reason": "withdrawn"}})
	syncAll(t, e.srv.search)
	e.checkChangeLog(append([]string{"2024-06-30 A removed"}, want...))
	if got := e.asOfAPI("2024-06-30", 100); !slices.Equal(got, []string{datedKey(t, "C"), datedKey(t, "D")}) {
		t.Errorf("as of the day A was removed the API lists %v", got)
	}
}

// checkChangeLog reads the feed and the pages of the change log, and
// the index's change log at every length (of the pool and of all pools).
func (e *testEnv) checkChangeLog(want []string) {
	e.t.Helper()
	names := map[string]string{}
	for name := range datedPatents {
		names[datedKey(e.t, name)] = name
	}
	for n := 1; n <= len(want); n++ {
		for _, pool := range []string{"pub", ""} {
			changes, err := e.srv.search.Changes(context.Background(), pool, n)
			if err != nil {
				e.t.Fatal(err)
			}
			var got []string
			for _, ch := range changes {
				got = append(got, string(ch.Date)+" "+names[ch.Patent]+" "+ch.Status)
			}
			if !slices.Equal(got, want[:n]) {
				e.t.Errorf("the newest %d changes of %q are %v, want %v", n, pool, got, want[:n])
			}
		}
	}
	id := regexp.MustCompile(`^tag:sepportal,([0-9-]+):pub/([^/]+)/([a-z_]+)`)
	planted := []string{"2024-01-05", "2024-01-20", "2777240", "wang-secret", "Wang"}
	for _, lang := range []string{"en", "zh"} {
		resp := e.must(http.StatusOK, req{method: "GET", path: "/pools/pub/feed.atom", header: map[string]string{"Accept-Language": lang}})
		var f atomFeed
		if err := xml.Unmarshal(resp.Body, &f); err != nil {
			e.t.Fatal(err)
		}
		var got []string
		for _, en := range f.Entries {
			m := id.FindStringSubmatch(en.ID)
			if m == nil {
				e.t.Fatalf("feed entry id %q", en.ID)
			}
			got = append(got, m[1]+" "+names[m[2]]+" "+m[3])
		}
		if !slices.Equal(got, want) {
			e.t.Errorf("the feed (%s) lists\n%v\nwant\n%v", lang, got, want)
		}
		if (lang == "zh") != strings.Contains(f.Title, "清单变动") {
			e.t.Errorf("the feed in %s is titled %q", lang, f.Title)
		}
		for _, path := range []string{"/", "/pools/pub", "/pools/pub/feed.atom", "/pools/pub?as_of=2024-01-25", "/api/v1/pools/pub/patents?as_of=2024-01-25"} {
			body := string(e.must(http.StatusOK, req{method: "GET", path: path, header: map[string]string{"Accept-Language": lang}}).Body)
			for _, s := range planted {
				if strings.Contains(body, s) {
					e.t.Errorf("GET %s (%s) shows planted %q", path, lang, s)
				}
			}
		}
		// The page's change log lists the same changes in the same order.
		page := string(e.must(http.StatusOK, req{method: "GET", path: "/pools/pub", header: map[string]string{"Accept-Language": lang}}).Body)
		log := page[strings.LastIndex(page, `href="/pools/pub/feed.atom"`):]
		last := -1
		for _, w := range want {
			day := strings.Fields(w)[0]
			i := strings.Index(log[max(last, 0):], day)
			if i < 0 {
				e.t.Errorf("the page's change log (%s) lacks %s after position %d", lang, w, last)
				continue
			}
			last = max(last, 0) + i
		}
	}
}

// TestPublicNamesFollowTheStore: the public's names are kept between
// answers, and a holder renamed shows under its new name on the pool's
// page and in the API's answers once the index has read the change.
func TestPublicNamesFollowTheStore(t *testing.T) {
	e := datedList(t)
	page := func() string {
		return string(e.must(http.StatusOK, req{method: "GET", path: "/pools/pub?lang=en"}).Body)
	}
	api := func() string {
		return string(e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/patents?lang=en"}).Body)
	}
	if !strings.Contains(page(), ">acme<") || !strings.Contains(api(), `"holder_name":{"zh":"acme公司","en":"acme"}`) {
		t.Fatalf("the holder is not named before the rename:\n%s", api())
	}
	org := map[string]any{"slug": "acme", "name": map[string]string{"en": "Acme Renamed", "zh": "新名公司"}, "roles": []string{"licensor"}}
	etag := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/organizations/acme"}).Header.Get("ETag")
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/organizations/acme", token: e.admin, body: org, header: map[string]string{"If-Match": etag}})
	syncAll(t, e.srv.search)
	if p, a := page(), api(); !strings.Contains(p, ">Acme Renamed<") || strings.Contains(p, ">acme<") || !strings.Contains(a, "Acme Renamed") {
		t.Errorf("after the rename the page or the API keeps the old name:\n%s", a)
	}
}
