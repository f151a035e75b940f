package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAdmissionPublishes follows one patent from submission to the public
// list: before admission the public sees nothing of it, afterwards the
// patent, its entry, the published chart revision and the masked review.
func TestAdmissionPublishes(t *testing.T) {
	e := newTestEnv(t)
	number := "EP 2 777 236 B1"
	chart := e.seedDraft(number)
	enc := url.PathEscape(number)

	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/patents/" + enc})
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/charts/" + chart})
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/" + enc, token: e.licensor})
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/patents/" + enc, token: e.other})

	e.admit(number, chart)

	for _, spelling := range []string{number, "EP2777236", "EP 2777236 B1", "ep2777236b1"} {
		var p struct {
			Number struct {
				Key string `json:"key"`
			} `json:"number"`
		}
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape(spelling)}).JSON(t, &p)
		if p.Number.Key != "EP2777236" {
			t.Fatalf("GET patents/%s gives key %q, want EP2777236", spelling, p.Number.Key)
		}
	}
	var list struct {
		Items []struct {
			Status string `json:"status"`
			Patent string `json:"patent"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/entries"}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Status != "admitted" {
		t.Fatalf("public pool list = %+v, want the admitted patent", list.Items)
	}
	var reviews struct {
		Items []struct {
			Reviewer string `json:"reviewer"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/reviews?chart=" + chart}).JSON(t, &reviews)
	if len(reviews.Items) != 1 || reviews.Items[0].Reviewer != "withheld" {
		t.Fatalf("public reviews = %+v, want one review with the reviewer withheld", reviews.Items)
	}
}

// TestChinesePatentFoundByApplicationNumber: Chinese patents are cited by
// their application number (专利号 ZL...), so that spelling finds the record too.
func TestChinesePatentFoundByApplicationNumber(t *testing.T) {
	e := newTestEnv(t)
	body := patentBody("CN 103931153 B", "acme")
	body["application"] = "ZL 2013 1 0123456.2"
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/patents", token: e.licensor, body: body})
	for _, spelling := range []string{"ZL201310123456.2", "CN 2013 1 0123456.2", "ZL 201310123456", "CN103931153A"} {
		var p struct {
			Number struct{ Key string } `json:"number"`
		}
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape(spelling), token: e.licensor}).JSON(t, &p)
		if p.Number.Key != "CN103931153" {
			t.Fatalf("%s found %q, want CN103931153", spelling, p.Number.Key)
		}
	}
	resp := e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/patents/" + url.PathEscape("ZL201310123457.7"), token: e.licensor})
	if p := resp.Problem(t); !strings.Contains(p.Detail, "ZL201310123457.7") {
		t.Fatalf("not-found detail %q should quote the number asked for", p.Detail)
	}
}
