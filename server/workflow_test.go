package server

import (
	"net/http"
	"net/url"
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
