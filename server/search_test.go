package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/demo"
	"sepportal/search"
)

// searchEnv is a testEnv whose server has a search index over the demo
// data, with tokens for each role.
type searchEnv struct {
	*testEnv
	ix *search.Index
}

// newSearchEnv starts a server with the demo data and a built index;
// configure, if given, adjusts the server's Config first.
func newSearchEnv(t testing.TB, configure ...func(*Config)) *searchEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := bolt.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	reg := claimcharts.NewRegistry(store)
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ix, err := search.Open(t.TempDir(), store, search.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Registry: reg, Logger: log, Version: "test", Search: ix}
	for _, f := range configure {
		f(&cfg)
	}
	srv := New(cfg)
	t.Cleanup(srv.Close) // before the index closes: cleanups run last first
	env := &testEnv{t: t, srv: srv, reg: reg, http: httptest.NewServer(srv)}
	env.client = env.http.Client()
	t.Cleanup(env.http.Close)
	env.admin = env.token(claimcharts.NewToken{Role: claimcharts.RoleAdmin, Subject: "root"})
	env.licensor = env.token(claimcharts.NewToken{Role: claimcharts.RoleLicensor, Organization: demo.Huaxin, Subject: "huaxin-bot"})
	env.other = env.token(claimcharts.NewToken{Role: claimcharts.RoleLicensor, Organization: demo.CodecLabs, Subject: "codec-bot"})
	env.reviewer = env.token(claimcharts.NewToken{Role: claimcharts.RoleReviewer, Subject: demo.ReviewerWang})
	return &searchEnv{testEnv: env, ix: ix}
}

// sync indexes every change the store holds.
func (e *searchEnv) sync() {
	e.t.Helper()
	for {
		n, err := e.ix.SyncOnce(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// find runs a search as token and decodes the answer.
func (e *searchEnv) find(path, token string) search.Result {
	e.t.Helper()
	var res search.Result
	e.must(http.StatusOK, req{method: "GET", path: path, token: token}).JSON(e.t, &res)
	return res
}

func q(query string) string { return "/api/v1/search?q=" + url.QueryEscape(query) }

// TestSearchAPI checks the done-when queries through the API.
func TestSearchAPI(t *testing.T) {
	e := newSearchEnv(t)
	t.Run("Chinese", func(t *testing.T) {
		res := e.find(q("帧间预测"), "")
		if len(res.Items) == 0 || res.Items[0].Type != search.TypeReference || !strings.Contains(res.Items[0].Snippets["title"][0], "<mark>帧间预测</mark>") {
			t.Fatalf("first result %+v", res.Items)
		}
	})
	t.Run("number three ways", func(t *testing.T) {
		for _, n := range []string{"CN 105900101 B", "CN105900101B", "cn 105 900 101"} {
			res := e.find(q(n), "")
			if len(res.Items) == 0 || res.Items[0].ID != "CN105900101" {
				t.Errorf("%q: first result %v", n, res.Items)
			}
		}
	})
	t.Run("section and holder", func(t *testing.T) {
		res := e.find(q("section:27.3.11.* holder:"+demo.Huaxin), "")
		if res.Total == 0 {
			t.Fatal("nothing found")
		}
		for _, h := range res.Items {
			if h.Holder != demo.Huaxin {
				t.Errorf("%s is held by %s", h.ID, h.Holder)
			}
		}
	})
	t.Run("pages cover every hit once, in order", func(t *testing.T) {
		// Elements of one patent share its number, and many patents a
		// grant date: pages must neither repeat nor skip them.
		for _, c := range []struct{ query, sort string }{
			{"motion", ""}, {"motion", "number"}, {"is:element", "number"}, {"is:element", "-number"},
			{"is:element", "date"}, {"is:patent", "-date"},
		} {
			base := q(c.query) + "&limit=7&sort=" + c.sort
			seen, path, inOrder := map[string]bool{}, base, []search.Hit{}
			for {
				res := e.find(path, "")
				for _, h := range res.Items {
					if seen[h.Type+h.ID] {
						t.Fatalf("%s sorted by %q: %s on two pages", c.query, c.sort, h.ID)
					}
					seen[h.Type+h.ID] = true
					inOrder = append(inOrder, h)
				}
				if res.Next == nil {
					if uint64(len(seen)) != res.Total || res.Total < 10 {
						t.Errorf("%s sorted by %q: the pages hold %d hits, the total says %d", c.query, c.sort, len(seen), res.Total)
					}
					break
				}
				path = base + "&cursor=" + *res.Next
			}
			checkOrder(t, c.sort, inOrder)
		}
	})
}

// checkOrder fails unless hits are in the order sort names: by grant
// (else filing) date, or by office and then numerically by number.
func checkOrder(t *testing.T, sort string, hits []search.Hit) {
	t.Helper()
	date := func(h search.Hit) string {
		if h.Dates == nil {
			return ""
		}
		for _, d := range []claimcharts.Date{h.Dates.Grant, h.Dates.Filing, h.Dates.Priority} {
			if d != "" {
				return string(d)
			}
		}
		return ""
	}
	number := func(h search.Hit) string {
		if h.Type == search.TypeReference {
			return "~" // after every number
		}
		n, err := claimcharts.ParseNumber(h.Number)
		if err != nil {
			t.Fatalf("%s: number %q: %v", h.ID, h.Number, err)
		}
		return fmt.Sprintf("%s%024s", n.Country, n.Serial)
	}
	key, desc := map[string]func(search.Hit) string{"": number, "number": number, "date": date}[strings.TrimPrefix(sort, "-")], strings.HasPrefix(sort, "-")
	if sort == "" || key == nil {
		return // relevance
	}
	for i := 1; i < len(hits); i++ {
		a, b := key(hits[i-1]), key(hits[i])
		if a == "" || b == "" {
			t.Fatalf("sorted by %s, %s or %s has no sort value", sort, hits[i-1].ID, hits[i].ID)
		}
		if !desc && a > b || desc && a < b {
			t.Errorf("sorted by %s, %s (%s) comes before %s (%s)", sort, hits[i-1].ID, a, hits[i].ID, b)
		}
	}
}

// TestSearchRefusesBadQueries: a bad query is a 400 naming what is wrong,
// never a 500 or a hang; in Chinese for a Chinese caller where the
// catalog has the reason.
func TestSearchRefusesBadQueries(t *testing.T) {
	e := newSearchEnv(t)
	for _, tc := range []struct {
		name, path, field, reason string
		zh                        string // the reason a Chinese caller reads, when checked
	}{
		{"unbalanced quote", q(`"merge candidate`), "q", "unbalanced quote", ""},
		{"100 KB", q(strings.Repeat("帧", 100<<10/3)), "q", "characters long", ""},
		{"unknown field", q("colour:red"), "q", "unknown filter", ""},
		{"lone wildcard", q("*"), "q", "lone *", ""},
		{"deep nesting", q(strings.Repeat("(", 50) + "a" + strings.Repeat(")", 50)), "q", "nested", ""},
		{"pathological prefix", q("a*"), "q", "at least 3", ""},
		{"unknown parameter", "/api/v1/search?q=a&colour=red", "colour", "not a parameter", ""},
		{"bad limit", "/api/v1/search?q=a&limit=1000", "limit", "from 1 to", "必须是 1 到 100 之间的整数"},
		{"bad facet size", "/api/v1/search?q=a&facet_size=1001", "facet_size", "from 1 to 1000", "必须是 1 到 1000 之间的整数"},
		{"bad sort", "/api/v1/search?q=a&sort=colour", "sort", "one of", ""},
		{"bad cursor", "/api/v1/search?q=a&cursor=nonsense", "cursor", "next value", ""},
		{"bad list filter", "/api/v1/pools/" + demo.PoolSlug + "/patents?status=pending", "status", "not a value", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := e.must(http.StatusBadRequest, req{method: "GET", path: tc.path}).Problem(t)
			if len(p.Errors) == 0 || p.Errors[0].Path != tc.field || !strings.Contains(p.Errors[0].Reason, tc.reason) {
				t.Errorf("problem %+v, want a reason on %s containing %q", p, tc.field, tc.reason)
			}
			if tc.zh == "" {
				return
			}
			p = e.must(http.StatusBadRequest, req{method: "GET", path: tc.path, header: map[string]string{"Accept-Language": "zh"}}).Problem(t)
			if len(p.Errors) == 0 || p.Errors[0].Path != tc.field || p.Errors[0].Reason != tc.zh {
				t.Errorf("zh: problem %+v, want %q on %s", p, tc.zh, tc.field)
			}
		})
	}
}

// TestPoolPatentList: the pool's list with filters, sort and counts comes
// from the index; a draft pool is not there for the public.
func TestPoolPatentList(t *testing.T) {
	e := newSearchEnv(t)
	base := "/api/v1/pools/" + demo.PoolSlug + "/patents"
	res := e.find(base+"?status=admitted&holder="+demo.Huaxin+"&sort=number&limit=100", "")
	if res.Total == 0 {
		t.Fatal("the pool lists nothing")
	}
	prev := ""
	for _, h := range res.Items {
		if h.Type != search.TypePatent || h.Holder != demo.Huaxin || !listed(h, demo.PoolSlug, claimcharts.EntryAdmitted) {
			t.Errorf("%s (%s, %s, %v) is not an admitted patent of %s", h.ID, h.Type, h.Holder, h.Pools, demo.Huaxin)
		}
		if prev != "" && h.Number[:2] == prev[:2] && len(h.ID) == len(prev) && h.ID < prev {
			t.Errorf("%s comes after %s", h.ID, prev)
		}
		prev = h.ID
	}
	if counts := res.Facets["status"]; len(counts) != 1 || counts[0].Value != claimcharts.EntryAdmitted || uint64(counts[0].Count) != res.Total {
		t.Errorf("status counts %v, want all %d admitted", counts, res.Total)
	}
	all := e.find(base, "")
	for _, c := range all.Facets["status"] {
		if c.Value != claimcharts.EntryAdmitted && c.Value != claimcharts.EntryRemoved {
			t.Errorf("the public list counts %d %s entries", c.Count, c.Value)
		}
	}
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/pools/" + demo.DraftPoolSlug + "/patents"})
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/" + demo.DraftPoolSlug + "/patents", token: e.admin})
}

func listed(h search.Hit, pool, status string) bool {
	for _, l := range h.Pools {
		if l.Pool == pool && l.Status == status {
			return true
		}
	}
	return false
}

// TestSectionCharts: which claims are charted against 27.3.11.4, and
// against everything under 27.3.11.
func TestSectionCharts(t *testing.T) {
	e := newSearchEnv(t)
	base := "/api/v1/standards/" + demo.WiFiStandard + "/references/"
	exact := e.find(base+"27.3.11.4/charts", "")
	if exact.Total == 0 {
		t.Fatal("no claims charted against 27.3.11.4")
	}
	for _, h := range exact.Items {
		if h.Type != search.TypeElement || !mapsTo(h, "27.3.11.4") {
			t.Errorf("%s (%s) is not mapped to 27.3.11.4: %v", h.ID, h.Type, h.References)
		}
	}
	if sub := e.find(base+url.PathEscape("27.3.11.*")+"/charts", ""); sub.Total < exact.Total {
		t.Errorf("27.3.11.* finds %d, fewer than 27.3.11.4 (%d)", sub.Total, exact.Total)
	}
	e.must(http.StatusNotFound, req{method: "GET", path: base + "99.9/charts"})
}

func mapsTo(h search.Hit, label string) bool {
	for _, r := range h.References {
		if r.Label == label {
			return true
		}
	}
	return false
}

// TestSearchFindsWrites: a write through the API is found once indexed,
// and an unpublished one only by those who may read it.
func TestSearchFindsWrites(t *testing.T) {
	e := newSearchEnv(t)
	std := standardBody()
	std["slug"] = "quokka-std"
	std["references"] = []map[string]any{{"label": "1", "kind": "section", "title": map[string]string{"en": "Quokkaframe signalling"}}}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/standards", token: e.admin, body: std})
	p := patentBody("CN 109999998 B", demo.Huaxin)
	p["title"] = map[string]string{"en": "Wombatcoding of blocks"}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/patents", token: e.licensor, body: p})
	e.sync()
	if res := e.find(q("quokkaframe"), ""); res.Total != 1 {
		t.Errorf("the new reference is found %d times", res.Total)
	}
	for _, who := range []struct {
		name, token string
		want        uint64
	}{{"anonymous", "", 0}, {"another licensor", e.other, 0}, {"the holder", e.licensor, 1}, {"an administrator", e.admin, 1}} {
		if res := e.find(q("wombatcoding"), who.token); res.Total != who.want {
			t.Errorf("%s finds the unpublished patent %d times, want %d", who.name, res.Total, who.want)
		}
	}
}

// TestSearchAdministration: status and rebuild are for administrators;
// searches go on during a rebuild; no index means 503.
func TestSearchAdministration(t *testing.T) {
	e := newSearchEnv(t)
	e.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/search/status"})
	e.must(http.StatusForbidden, req{method: "POST", path: "/api/v1/search/reindex", token: e.licensor})
	var before search.Status
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/search/status", token: e.admin}).JSON(t, &before)
	e.must(http.StatusAccepted, req{method: "POST", path: "/api/v1/search/reindex", token: e.admin})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if res := e.find(q("帧间预测"), ""); res.Total == 0 {
			t.Fatal("a search during the rebuild found nothing")
		}
		var st search.Status
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/search/status", token: e.admin}).JSON(t, &st)
		if !st.Rebuilding && st.Generation != before.Generation {
			if st.Documents != before.Documents {
				t.Errorf("the rebuilt index has %d documents, the old one %d", st.Documents, before.Documents)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the rebuild did not finish: %+v", st)
		}
		time.Sleep(20 * time.Millisecond)
	}
	plain := newTestEnv(t)
	plain.must(http.StatusServiceUnavailable, req{method: "GET", path: q("anything")})
}
