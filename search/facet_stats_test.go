package search

import (
	"regexp"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// TestSectionAndExpiryFacetsMatchTheirFilters: the pool's statistics by
// standard section and by expiry year come from these facets, so each
// value must count what its filter finds (expires:2031 the patents
// expiring in 2031, section:8.5.3.2 the patents charted or cited against
// it), and the expiry facet counts each dated patent once, under a year.
func TestSectionAndExpiryFacetsMatchTheirFilters(t *testing.T) {
	ix, _ := demoIndex(t)
	anonymous := claimcharts.Actor{}
	list := map[string]string{"pool": demo.PoolSlug, "is": TypePatent, "status": claimcharts.EntryAdmitted}
	res := search(t, ix, anonymous, Request{Filters: list, Limit: MaxLimit, FacetSize: MaxFacetSize})
	dated := 0
	for _, h := range res.Items {
		if h.Dates != nil && h.Dates.Expiry != "" {
			dated++
		}
	}
	if dated == 0 || sum(res.Facets["expires"]) != dated {
		t.Errorf("expiry facet %v counts %d patents, want the %d with an expiry date", res.Facets["expires"], sum(res.Facets["expires"]), dated)
	}
	year := regexp.MustCompile(`^[0-9]{4}$`)
	for _, name := range []string{"expires", "section"} {
		if len(res.Facets[name]) == 0 {
			t.Fatalf("no %s facet on the demo pool's list: %v", name, res.Facets)
		}
		for _, fc := range res.Facets[name] {
			if name == "expires" && !year.MatchString(fc.Value) {
				t.Errorf("expiry facet value %q is not a year", fc.Value)
			}
			filters := map[string]string{name: fc.Value}
			for k, v := range list {
				filters[k] = v
			}
			if got := search(t, ix, anonymous, Request{Filters: filters, NoFacets: true}).Total; got != uint64(fc.Count) {
				t.Errorf("%s facet counts %d under %q, its filter finds %d", name, fc.Count, fc.Value, got)
			}
		}
	}
}
