package server

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
	"sepportal/search"
)

// listOnlyPool makes a published pool that has only a list, imported by
// the administrator: two families citing 27.3.11.4 and Figure 27-8 of
// IEEE 802.11ax-2021 (the name in two of its variants), one citing
// 26.5.2. It plants an unpublished patent of Huaxin citing 27.3.11.4.
func listOnlyPool(e *searchEnv) {
	e.t.Helper()
	pool := poolBody("listonly", "published")
	pool["standards"] = []string{demo.WiFiStandard}
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: pool})
	list := csvList([]string{"Family", "Holder", "Family members", "Standards", "Illustrative references"},
		[]string{"L-1", "Huawei", "EP (DE) 2 777 236; VN29229", "IEEE P802.11ax-2021", "Secs: 27.3.11.4, 27.3.2; Figure 27-8"},
		[]string{"L-2", "华为技术有限公司", "KR2655025", "", "IEEE Std. 802.11ax-2021: Secs. 27.3.11.4"},
		[]string{"L-3", "Huawei", "TWI640123", "", "IEEE 802.11ax - 2021 Secs 26.5.2"})
	if job := e.runImport(importReq(e.t, e.admin, "list.csv", list, map[string]string{"pool": "listonly"})); job.State != jobDone || job.Report.Rejected != 0 {
		e.t.Fatalf("import: %+v", job)
	}
	n, err := claimcharts.ParseNumber("US 11,111,111 B2")
	if err != nil {
		e.t.Fatal(err)
	}
	hidden := &claimcharts.Patent{Number: n, Holder: demo.Huaxin, Type: "invention", LegalStatus: "granted", Title: claimcharts.Text{En: "Planted draft"},
		Citations: []claimcharts.Citation{{Standard: "IEEE 802.11ax-2021", Slug: demo.WiFiStandard, Kind: "section", Label: "27.3.11.4"}}}
	if err := e.reg.CreatePatent(context.Background(), claimcharts.Actor{ID: "huaxin-bot", Role: claimcharts.RoleLicensor, Organization: demo.Huaxin}, hidden); err != nil {
		e.t.Fatal(err)
	}
	e.sync()
}

// TestSectionPatents: "which listed patents read on 27.3.11.4?" answers
// for a pool that has only a list, through the API and on the section's
// page, with the access rules of every list: the planted draft is its
// holder's only.
func TestSectionPatents(t *testing.T) {
	e := newSearchEnv(t)
	listOnlyPool(e)
	t.Run("API", func(t *testing.T) { sectionPatentsAPI(t, e) })
	t.Run("page", func(t *testing.T) { sectionPatentsPage(t, e) })
}

// sectionPatentsAPI asks GET /standards/{std}/references/{label}/patents.
func sectionPatentsAPI(t *testing.T, e *searchEnv) {
	base := "/api/v1/standards/" + demo.WiFiStandard + "/references/"
	keys := func(res search.Result) []string {
		var out []string
		for _, h := range res.Items {
			if h.Type != search.TypePatent {
				t.Errorf("%s is a %s, not a patent", h.ID, h.Type)
			}
			out = append(out, h.ID)
		}
		return out
	}
	for _, c := range []struct {
		path, token string
		want        string
	}{
		{base + "27.3.11.4/patents?pool=listonly", "", "EP2777236-DE KR102655025 VN10029229"},
		{base + url.PathEscape("Figure 27-8") + "/patents?pool=listonly", "", "EP2777236-DE VN10029229"},
		{base + url.PathEscape("27.3.*") + "/patents?pool=listonly&sort=number", "", "EP2777236-DE KR102655025 VN10029229"},
		{base + "26.5.2/patents?pool=listonly", "", "TWI640123"},
		{base + "27.3.11.4/patents?holder=" + demo.Huaxin + "&q=" + url.QueryEscape("planted"), "", ""},
		{base + "27.3.11.4/patents?holder=" + demo.Huaxin + "&q=" + url.QueryEscape("planted"), e.other, ""},
		{base + "27.3.11.4/patents?holder=" + demo.Huaxin + "&q=" + url.QueryEscape("planted"), e.licensor, "US11111111"},
	} {
		got := keys(e.find(c.path, c.token))
		slices.Sort(got)
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s (token %q): %v, want %q", c.path, c.token, got, c.want)
		}
	}
	// The standard: filter and facet see the list's references too.
	res := e.find(q("standard:"+demo.WiFiStandard+" pool:listonly")+"&facets=true", "")
	if res.Total != 4 {
		t.Errorf("standard:%s pool:listonly finds %d, want the list's 4 patents", demo.WiFiStandard, res.Total)
	}
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/standards/no-such-standard/references/27.3.11.4/patents"})
}

// sectionPatentsPage: a section's page shows, beside its charted claims,
// the patents a pool list cites for it, and never the planted draft; its
// search link lists the same patents.
func sectionPatentsPage(t *testing.T, e *searchEnv) {
	for _, path := range []string{
		"/standards/" + demo.WiFiStandard + "/sections/27.3.11.4",
		"/standards/" + demo.WiFiStandard + "/sections/27.3.11?subtree=true",
		"/search?q=" + url.QueryEscape(`reference:"`+search.ReferenceValue(demo.WiFiStandard, "27.3.11.4")+`"`),
	} {
		for _, lang := range []string{"en", "zh"} {
			body := string(e.must(http.StatusOK, req{method: "GET", path: path, header: map[string]string{"Accept-Language": lang}}).Body)
			for _, want := range []string{"/patents/KR102655025", "/patents/VN10029229"} {
				if !strings.Contains(body, want) {
					t.Errorf("%s (%s) does not link %s", path, lang, want)
				}
			}
			if strings.Contains(body, "US11111111") || strings.Contains(body, "Planted draft") {
				t.Errorf("%s (%s) shows the planted draft", path, lang)
			}
			if strings.Contains(path, "/sections/") && !strings.Contains(body, map[string]string{"en": "cited by a pool list", "zh": "专利池清单列明"}[lang]) {
				t.Errorf("%s (%s) has no list of the patents that read on it", path, lang)
			}
		}
	}
}
