package server

import (
	"net/http"
	"net/url"

	"sepportal/claimcharts"
)

// Fixture bodies shared by the API tests.

func standardBody() map[string]any {
	return map[string]any{
		"slug": "h265-v8", "body": "ITU-T", "number": "H.265", "version": "V8", "date": "2021-08-22",
		"title": map[string]string{"en": "High efficiency video coding", "zh": "高效视频编码"},
		"references": []map[string]any{
			{"label": "8.5.3.2", "kind": "section", "title": map[string]string{"en": "Motion vector prediction", "zh": "运动矢量预测"}},
			{"label": "8.5.3.2.2", "kind": "section", "parent": "8.5.3.2", "title": map[string]string{"en": "Merge candidates", "zh": "合并候选"}, "text": "The merge candidate list is constructed..."},
			{"label": "Figure 8-3", "kind": "figure", "parent": "8.5.3.2", "title": map[string]string{"en": "Spatial neighbours"}},
		},
	}
}

func poolBody(slug, status string) map[string]any {
	return map[string]any{
		"slug": slug, "name": map[string]string{"en": "Test pool " + slug, "zh": "测试专利池 " + slug},
		"standards": []string{"h265-v8"}, "status": status,
		"policy": map[string]any{"reviewers_required": 1, "rule": "unanimous"},
	}
}

func patentBody(number, holder string) map[string]any {
	return map[string]any{
		"number": number, "holder": holder, "type": "invention", "legal_status": "granted",
		"title": map[string]string{"en": "Inter prediction with merge candidates", "zh": "基于合并候选的帧间预测"},
		"claims": []map[string]any{
			{"number": 1, "text": map[string]string{"en": "A method of decoding video comprising deriving a merge candidate list", "zh": "一种视频解码方法，包括推导合并候选列表"}},
			{"number": 2, "depends_on": 1, "text": map[string]string{"en": "The method of claim 1, wherein the list holds five candidates."}},
		},
		"dates": map[string]string{"filing": "2013-01-10", "grant": "2016-05-04", "expiry": "2033-01-10"},
	}
}

func chartBody(patent string) map[string]any {
	return map[string]any{
		"patent": patent, "claim": 1, "standard": "h265-v8",
		"elements": []map[string]any{
			{"label": "1[a]", "text": map[string]string{"en": "A method of decoding video"}, "mappings": []map[string]any{{"ref": "8.5.3.2", "quote": "decoding process", "explanation": map[string]string{"en": "The decoder performs it."}}}},
			{"label": "1[b]", "text": map[string]string{"en": "deriving a merge candidate list"}, "mappings": []map[string]any{{"ref": "8.5.3.2.2", "quote": "The merge candidate list is constructed"}}},
		},
	}
}

// seedDraft creates, as admin and licensor, a standard, a published pool
// "pub", a draft pool "secret", and one unpublished patent of acme with a
// submitted chart. It returns the chart id.
func (e *testEnv) seedDraft(number string) string {
	e.t.Helper()
	if e.do(req{method: http.MethodGet, path: "/api/v1/standards/h265-v8"}).Status == http.StatusNotFound {
		e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/standards", token: e.admin, body: standardBody()})
		e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("pub", "published")})
		e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("secret", "draft")})
	}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/patents", token: e.licensor, body: patentBody(number, "acme")})
	var chart struct {
		ID string `json:"id"`
	}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/charts", token: e.licensor, body: chartBody(number)}).JSON(e.t, &chart)
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/charts/" + chart.ID + "/revisions/1/submit", token: e.licensor})
	return chart.ID
}

// admit takes a seeded patent through review, determination and admission
// to the published pool "pub", as a user of the API would.
func (e *testEnv) admit(number, chart string) {
	e.t.Helper()
	e.findEssential(chart)
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools/pub/entries", token: e.licensor, body: map[string]any{"patent": number, "date": "2023-12-01"}})
	p := "/api/v1/pools/pub/entries/" + url.PathEscape(number) + "/status"
	e.must(http.StatusOK, req{method: "POST", path: p, token: e.admin, body: map[string]any{"status": "under_review", "date": "2024-01-02"}})
	e.must(http.StatusOK, req{method: "POST", path: p, token: e.admin, body: map[string]any{"status": "admitted", "date": "2024-03-01"}})
}

// findEssential reviews revision 1 of chart on pool pub in the entry's
// current round and publishes the determination that finds it essential.
func (e *testEnv) findEssential(chart string) {
	e.t.Helper()
	var rv struct {
		ID string `json:"id"`
	}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/reviews", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": chart, "revision": 1, "reviewer": "expert-wang"}}).JSON(e.t, &rv)
	e.must(http.StatusOK, req{method: "PUT", path: "/api/v1/reviews/" + rv.ID, token: e.reviewer, header: map[string]string{"If-Match": `"1"`},
		body: map[string]any{"conflict": map[string]any{"declared": true, "none": true}, "conclusion": "essential",
			"verdicts": []map[string]any{{"element": "1[a]", "result": "met"}, {"element": "1[b]", "result": "met"}}}})
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/reviews/" + rv.ID + "/submit", token: e.reviewer})
	var d struct {
		ID string `json:"id"`
	}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/determinations", token: e.admin,
		body: map[string]any{"pool": "pub", "chart": chart, "revision": 1}}).JSON(e.t, &d)
	e.must(http.StatusOK, req{method: "POST", path: "/api/v1/determinations/" + d.ID + "/publish", token: e.admin})
}

// tokenFor is the token request of a reviewer.
func tokenFor(reviewer string) claimcharts.NewToken {
	return claimcharts.NewToken{Role: claimcharts.RoleReviewer, Subject: reviewer}
}
