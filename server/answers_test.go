package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// patentLinks reads the entry links of a patent answer.
func entryLinks(t *testing.T, r response) string {
	t.Helper()
	var p struct {
		Links struct{ Entries []string } `json:"links"`
	}
	r.JSON(t, &p)
	return strings.Join(p.Links.Entries, " ")
}

// TestKeptAnswersNeverCrossCallers: the public's kept answer of a number
// lookup is never served to a caller with a token, and a caller with a
// token never fills it. A patent admitted to the published pool and
// applying to a second one links, for the public, its admitted entry only;
// its holder also sees the application. An unpublished patent is its
// holder's and 404 to the public, whoever read it first.
func TestKeptAnswersNeverCrossCallers(t *testing.T) {
	e := newTestEnv(t)
	e.admit("EP2777236", e.seedDraft("EP2777236"))
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("pub2", "published")})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub2/entries", token: e.licensor, body: map[string]any{"patent": "EP2777236"}})
	public := "/api/v1/pools/pub/entries/EP2777236"
	holder := public + " /api/v1/pools/pub2/entries/EP2777236"

	// The public reads first (and again, from the cache, by other
	// spellings); then the holder and an administrator.
	for _, p := range []string{"EP2777236", "EP%202%20777%20236%20B1", "ep2777236"} {
		if got := entryLinks(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/" + p})); got != public {
			t.Fatalf("anonymous GET %s: entries %q, want %q", p, got, public)
		}
	}
	if got := entryLinks(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/EP2777236", token: e.licensor})); got != holder {
		t.Errorf("the holder, after the public: entries %q, want %q (the public's kept answer was served to it)", got, holder)
	}
	// The holder reads a second patent first; the public then reads it.
	e.admit("EP3190716", e.seedDraft("EP3190716"))
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub2/entries", token: e.licensor, body: map[string]any{"patent": "EP3190716"}})
	if got := entryLinks(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/EP3190716", token: e.licensor})); !strings.Contains(got, "pub2") {
		t.Fatalf("the holder: entries %q, want its application to pub2", got)
	}
	if got := entryLinks(t, e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/EP3190716"})); strings.Contains(got, "pub2") {
		t.Errorf("anonymous after the holder: entries %q name the holder's application (the holder's answer was kept for the public)", got)
	}
	// An unpublished patent: its holder reads it, then the public.
	e.seedDraft("US 10,285,091 B2")
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/US10285091", token: e.licensor})
	if r := e.do(req{method: "GET", path: "/api/v1/patents/US10285091"}); r.Status != http.StatusNotFound {
		t.Errorf("anonymous GET of an unpublished patent after its holder's: %d %s, want 404", r.Status, r.Body)
	}
	// Its 404 has the words of a patent that does not exist: the number
	// as the caller spelled it.
	hidden := e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape("US 10,285,091 B2")}).Problem(t)
	none := e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape("US 10,285,092 B2")}).Problem(t)
	if want := strings.ReplaceAll(none.Detail, "092", "091"); hidden.Detail != want || !strings.Contains(hidden.Detail, "US 10,285,091 B2") {
		t.Errorf("anonymous GET of an unpublished patent: %q, want the words of a missing one, %q", hidden.Detail, want)
	}
}

// TestKeptAnswerFollowsWrites: a write is visible to the next read of the
// public, whether it changes the patent (its title, its revision and so
// its ETag) or only what its answer links (a new admission elsewhere); the
// ETag of a kept answer is the revision its body shows, good for If-Match.
func TestKeptAnswerFollowsWrites(t *testing.T) {
	e := newTestEnv(t)
	e.admit("EP2777236", e.seedDraft("EP2777236"))
	path := "/api/v1/patents/EP2777236"
	first := e.must(http.StatusOK, req{method: "GET", path: path})
	again := e.must(http.StatusOK, req{method: "GET", path: path})
	if !bytes.Equal(first.Body, again.Body) || first.Header.Get("ETag") != again.Header.Get("ETag") {
		t.Fatalf("a kept answer differs from the computed one:\n%s %s\n%s %s", first.Header.Get("ETag"), first.Body, again.Header.Get("ETag"), again.Body)
	}
	var p struct{ Rev int64 }
	again.JSON(t, &p)
	if want := etag(p.Rev); again.Header.Get("ETag") != want {
		t.Fatalf("kept answer: ETag %s, want %s (its body's revision)", again.Header.Get("ETag"), want)
	}

	body := patentBody("EP2777236", "acme")
	body["title"] = map[string]string{"en": "Renamed after the first read", "zh": "首次读取后改名"}
	e.must(http.StatusOK, req{method: "PUT", path: path, token: e.licensor, body: body, header: map[string]string{"If-Match": again.Header.Get("ETag")}})
	after := e.must(http.StatusOK, req{method: "GET", path: path})
	if !strings.Contains(string(after.Body), "Renamed after the first read") {
		t.Errorf("the read after a write answers the old patent: %s", after.Body)
	}
	if want := etag(p.Rev + 1); after.Header.Get("ETag") != want {
		t.Errorf("the read after a write: ETag %s, want %s", after.Header.Get("ETag"), want)
	}

	// Writes to other records that change what the answer links: an
	// entry under review becomes public when it has an admission date,
	// written to the store directly (as an import or a restore writes).
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("pub2", "published")})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub2/entries", token: e.licensor, body: map[string]any{"patent": "EP2777236", "date": "2024-04-01"}})
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/pools/pub2/entries/EP2777236/status", token: e.admin, body: map[string]any{"status": "under_review", "date": "2024-05-01"}})
	if got := entryLinks(t, e.must(http.StatusOK, req{method: "GET", path: path})); strings.Contains(got, "pub2") {
		t.Fatalf("an entry under review with no admission date is public: %q", got)
	}
	e.dateApplication("pub2", "EP2777236", "2024-05-02") // under review with an admission date: public
	if got := entryLinks(t, e.must(http.StatusOK, req{method: "GET", path: path})); !strings.Contains(got, "pub2") {
		t.Errorf("the read after pub2's entry became public: entries %q, want it", got)
	}
}

// TestKeptAnswerEncodings: a kept answer is sent as it is the first time
// (it may never be read again), then compressed as the caller accepts
// (gzip, zstd) or as it is, with Vary: Accept-Encoding every time, and
// every form holds the same JSON as a caller with a token is given.
func TestKeptAnswerEncodings(t *testing.T) {
	e := newTestEnv(t)
	chart := e.seedDraft("EP2777236")
	body := patentBody("EP2777236", "acme")
	body["abstract"] = map[string]string{"en": strings.Repeat("A merge candidate list is derived from spatial and temporal neighbours. ", 30)}
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/patents/EP2777236", token: e.licensor, body: body, header: map[string]string{"If-Match": `"1"`}})
	e.admit("EP2777236", chart)
	path := "/api/v1/patents/EP2777236"
	want := e.must(http.StatusOK, req{method: "GET", path: path, token: e.admin, header: map[string]string{"Accept-Encoding": "identity"}}).Body
	first := e.must(http.StatusOK, req{method: "GET", path: path, header: map[string]string{"Accept-Encoding": "gzip"}})
	if got := first.Header.Get("Content-Encoding"); got != "" || !bytes.Equal(first.Body, want) {
		t.Errorf("first public answer: Content-Encoding %q, body\n%s\nwant as it is:\n%s", got, first.Body, want)
	}
	if v := strings.Join(first.Header.Values("Vary"), ", "); !strings.Contains(v, "Accept-Encoding") {
		t.Errorf("first public answer: Vary %q, want Accept-Encoding", v)
	}
	for _, tc := range []struct{ accept, coding string }{
		{"identity", ""},
		{"gzip", "gzip"},
		{"gzip, deflate, br, zstd", "zstd"},
		{"zstd;q=0.5, gzip", "gzip"},
		{"gzip;q=0", ""},
	} {
		for _, round := range []string{"first in this coding", "again"} {
			r := e.must(http.StatusOK, req{method: "GET", path: path, header: map[string]string{"Accept-Encoding": tc.accept}})
			if got := r.Header.Get("Content-Encoding"); got != tc.coding {
				t.Errorf("Accept-Encoding %q (%s): Content-Encoding %q, want %q", tc.accept, round, got, tc.coding)
			}
			if v := strings.Join(r.Header.Values("Vary"), ", "); !strings.Contains(v, "Accept-Encoding") {
				t.Errorf("Accept-Encoding %q (%s): Vary %q, want Accept-Encoding", tc.accept, round, v)
			}
			if got := decoded(t, r.Header.Get("Content-Encoding"), r.Body); !bytes.Equal(got, want) {
				t.Errorf("Accept-Encoding %q (%s): body\n%s\nwant\n%s", tc.accept, round, got, want)
			}
		}
	}
}

// decoded is body decoded from the content coding.
func decoded(t *testing.T, coding string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch coding {
	case "":
		return body
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "zstd":
		zr, err := zstd.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		r = zr
	default:
		t.Fatalf("unknown coding %q", coding)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
