package server

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// sameProblem fails unless two problem answers say the same, once the
// names each was asked about are replaced by one placeholder: a record
// the caller may not see is answered as one that never existed.
func sameProblem(t *testing.T, hidden, missing response, hiddenName, missingName string) {
	t.Helper()
	a, b := hidden.Problem(t), missing.Problem(t)
	a.RequestID, b.RequestID, a.Instance, b.Instance = "", "", "", ""
	if hidden.Status != missing.Status {
		t.Errorf("status %d for a hidden record, %d for a missing one", hidden.Status, missing.Status)
	}
	norm := func(s, name string) string { return strings.ReplaceAll(s, name, "<name>") }
	if norm(a.Detail, hiddenName) != norm(b.Detail, missingName) || a.Title != b.Title || a.Code != b.Code || a.Type != b.Type {
		t.Errorf("a hidden record is answered %+v, a missing one %+v", a, b)
	}
	if len(a.Errors) != len(b.Errors) {
		t.Fatalf("field errors %+v for a hidden record, %+v for a missing one", a.Errors, b.Errors)
	}
	for i := range a.Errors {
		if a.Errors[i].Path != b.Errors[i].Path || norm(a.Errors[i].Reason, hiddenName) != norm(b.Errors[i].Reason, missingName) {
			t.Errorf("field error %+v for a hidden record, %+v for a missing one", a.Errors[i], b.Errors[i])
		}
	}
}

// TestPatentNamesOnlyItsHoldersFamily (finding 1): a licensor cannot name
// another organization's unpublished family on its own patent, and is told
// so in the words it would hear for a family that does not exist; and
// publishing a patent never publishes a family its holder does not hold.
func TestPatentNamesOnlyItsHoldersFamily(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/families", token: e.licensor,
		body: map[string]any{"id": "acme-secret-fam", "holder": "acme", "title": map[string]string{"en": "Secret"}}})

	named := func(family string) map[string]any {
		b := patentBody("US 10,285,091 B2", "bolt-corp")
		b["family"] = family
		return b
	}
	hidden := e.must(http.StatusBadRequest, req{method: "POST", path: "/api/v1/patents", token: e.other, body: named("acme-secret-fam")})
	missing := e.must(http.StatusBadRequest, req{method: "POST", path: "/api/v1/patents", token: e.other, body: named("never-fam")})
	sameProblem(t, hidden, missing, "acme-secret-fam", "never-fam")
	zh := func(family string) response {
		return e.must(http.StatusBadRequest, req{method: "POST", path: "/api/v1/patents", token: e.other, body: named(family),
			header: map[string]string{"Accept-Language": "zh"}})
	}
	hiddenZh := zh("acme-secret-fam")
	sameProblem(t, hiddenZh, zh("never-fam"), "acme-secret-fam", "never-fam")
	if p := hiddenZh.Problem(t); len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Reason, "名下没有专利族") {
		t.Errorf("the refusal in Chinese: %+v", p)
	}

	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/patents", token: e.other, body: patentBody("US 10,285,091 B2", "bolt-corp")})
	put := func(family string) response {
		return e.do(req{method: "PUT", path: "/api/v1/patents/US10285091", token: e.other, body: named(family),
			header: map[string]string{"If-Match": `"1"`}})
	}
	sameProblem(t, put("acme-secret-fam"), put("never-fam"), "acme-secret-fam", "never-fam")
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/families/acme-secret-fam"})

	// An administrator gives acme's family to bolt-corp while acme's patent
	// still names it: admitting the patent publishes the patent only.
	body := patentBody("EP 2 777 236 B1", "acme")
	body["family"] = "acme-secret-fam"
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/patents/EP2777236", token: e.licensor, body: body,
		header: map[string]string{"If-Match": `"1"`}})
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/families/acme-secret-fam", token: e.admin,
		body:   map[string]any{"id": "acme-secret-fam", "holder": "bolt-corp", "title": map[string]string{"en": "Secret"}},
		header: map[string]string{"If-Match": `"1"`}})
	var chart struct {
		Items []struct{ ID string } `json:"items"`
	}
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/charts?patent=EP2777236", token: e.licensor}).JSON(t, &chart)
	e.admit("EP 2 777 236 B1", chart.Items[0].ID)
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/EP2777236"})
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/families/acme-secret-fam"})
}

// TestWritesOnHiddenChartsAnswerNotFound (finding 3): another licensor, or
// a reviewer not assigned, writing on an unpublished chart hears what it
// would hear for a chart that was never created, not whose the chart is.
func TestWritesOnHiddenChartsAnswerNotFound(t *testing.T) {
	e := newTestEnv(t)
	chart := e.seedDraft("EP 2 777 236 B1")
	const never = "us10285091-c1-h265-v8"
	rev := map[string]any{"elements": chartBody("EP 2 777 236 B1")["elements"]}
	for _, who := range []struct{ name, token string }{{"another licensor", e.other}, {"a reviewer not assigned", e.reviewer}} {
		for _, w := range []struct {
			method, path string
			body         any
		}{
			{"PUT", "/api/v1/charts/%s/revisions/1", rev},
			{"POST", "/api/v1/charts/%s/revisions", rev},
			{"POST", "/api/v1/charts/%s/revisions/1/submit", nil},
		} {
			at := func(id string) req {
				return req{method: w.method, path: strings.Replace(w.path, "%s", id, 1), token: who.token, body: w.body,
					header: map[string]string{"If-Match": `"2"`}}
			}
			hidden := e.must(http.StatusNotFound, at(chart))
			missing := e.must(http.StatusNotFound, at(never))
			sameProblem(t, hidden, missing, chart, never)
			if strings.Contains(string(hidden.Body), "acme") {
				t.Errorf("%s %s %s: the answer names the holder: %s", who.name, w.method, w.path, hidden.Body)
			}
		}
	}
}

// TestReviewerReadsOnlyWhatItWasAssigned (finding 5): a reviewer reads the
// chart revision assigned to it, not the drafts and revisions the licensor
// makes afterwards; a reviewer not assigned reads nothing of the chart.
func TestReviewerReadsOnlyWhatItWasAssigned(t *testing.T) {
	e := newTestEnv(t)
	number := "EP 2 777 236 B1"
	chart := e.seedDraft(number)
	kim := e.token(tokenFor("expert-kim"))
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/reviews", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": chart, "revision": 1, "reviewer": "expert-wang"}})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/charts/" + chart + "/revisions", token: e.licensor,
		body: map[string]any{"note": "plughdraft", "elements": chartBody(number)["elements"]}})

	check := func(stage string) {
		t.Helper()
		var c struct {
			Revisions []struct{ No int } `json:"revisions"`
		}
		resp := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/charts/" + chart, token: e.reviewer})
		resp.JSON(t, &c)
		if len(c.Revisions) != 1 || c.Revisions[0].No != 1 || strings.Contains(string(resp.Body), "plugh") {
			t.Errorf("%s: the assigned reviewer reads %s", stage, resp.Body)
		}
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/charts/" + chart + "/revisions/1", token: e.reviewer})
		e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/charts/" + chart + "/revisions/2", token: e.reviewer})
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape(number), token: e.reviewer})
		e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/charts/" + chart, token: kim})
		e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape(number), token: kim})
	}
	check("revision 2 a draft")
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/charts/" + chart + "/revisions/2/submit", token: e.licensor})
	check("revision 2 submitted, not assigned")
}

// TestImportsRevealNoHiddenPatent: a licensor importing charts of another
// organization's unpublished patent hears what it would hear for a patent
// the registry does not hold, and importing the patent itself does not
// name its holder.
func TestImportsRevealNoHiddenPatent(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	charts := func(number string) req {
		return importReq(t, e.other, "charts.csv", csvList([]string{"Patent", "Claim", "Standard", "Element", "Element text", "Standard reference"},
			[]string{number, "1", "h265-v8", "1[a]", "A method", "8.5.3.2"}), map[string]string{"kind": "charts", "dry_run": "true"})
	}
	rejections := func(r req, serial string) string {
		loc := e.must(http.StatusAccepted, r).Header.Get("Location")
		e.srv.jobs.wait()
		job := e.must(http.StatusOK, req{method: "GET", path: loc, token: r.token})
		reasons := regexp.MustCompile(`"reason":"[^"]*"`).FindAllString(string(job.Body), -1)
		return strings.NewReplacer(serial, "N", strings.ReplaceAll(serial, " ", ""), "N").Replace(strings.Join(reasons, "\n"))
	}
	hidden, missing := rejections(charts("EP 2 777 236 B1"), "2 777 236"), rejections(charts("EP 2 999 999 B1"), "2 999 999")
	if hidden != missing || !strings.Contains(hidden, "holds no patent") {
		t.Errorf("a chart of a hidden patent is rejected %s, of a missing one %s", hidden, missing)
	}
	loc := e.must(http.StatusAccepted, importReq(t, e.other, "patents.csv", csvList([]string{"Patent number", "Title (EN)"}, []string{"EP 2 777 236 B1", "Taken"}),
		map[string]string{"dry_run": "true"})).Header.Get("Location")
	e.srv.jobs.wait()
	resp := e.must(http.StatusOK, req{method: "GET", path: loc, token: e.other})
	if strings.Contains(string(resp.Body), "acme") {
		t.Errorf("importing another organization's hidden patent names its holder: %s", resp.Body)
	}
}
