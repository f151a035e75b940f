package server

import (
	"net/http"
	"net/url"
	"testing"

	"sepportal/search"
)

// TestHitLinksLead: every hit says where the API has it and which page
// shows it, and each link answers 200: no link leads to a 404. One search finds each kind of document.
func TestHitLinksLead(t *testing.T) {
	e := newSearchEnv(t)
	var res struct {
		Items []struct {
			Type string `json:"type"`
			URL  string `json:"url"`
			Page string `json:"page"`
		} `json:"items"`
	}
	kinds := map[string]bool{}
	for _, q := range []string{"帧间预测", "merge candidate", "CN 105900101 B"} {
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/search?limit=50&q=" + url.QueryEscape(q)}).JSON(t, &res)
		for _, h := range res.Items {
			kinds[h.Type] = true
			if h.URL == "" || h.Page == "" {
				t.Errorf("a %s hit of %q has no url or no page: %+v", h.Type, q, h)
				continue
			}
			for _, link := range []string{h.URL, h.Page} {
				if link == "" {
					continue
				}
				if resp := e.do(req{method: "GET", path: link}); resp.Status != http.StatusOK {
					t.Errorf("a %s hit of %q links to %s, which answers %d", h.Type, q, link, resp.Status)
				}
			}
		}
	}
	for _, k := range []string{search.TypePatent, search.TypeElement, search.TypeReference} {
		if !kinds[k] {
			t.Errorf("no %s hit was checked", k)
		}
	}
}
