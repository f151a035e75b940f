package server

import (
	"net/http"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// namedAnswer is the part of a search answer that carries names.
type namedAnswer struct {
	Items []struct {
		Type, Holder, Standard string
		HolderName             *claimcharts.Text `json:"holder_name"`
		StandardName           *claimcharts.Text `json:"standard_name"`
		Pools                  []struct {
			Pool     string
			PoolName *claimcharts.Text `json:"pool_name"`
		}
	}
	Facets map[string][]struct {
		Value string
		Name  *claimcharts.Text
	}
}

// TestAPINamesBesideSlugs: the pool's patent list and the search name the
// holder, standard and pools of each hit, and the values of the holder,
// pool and standard facets, in both languages beside the slugs, as the
// caller may read them: the public never reads the draft pool's name, an
// administrator does. The lists of entries, charts, patents and families
// name their items' holder, pool and standard the same way.
func TestAPINamesBesideSlugs(t *testing.T) {
	e := newSearchEnv(t)
	ctx := t.Context()
	want := func(facet, slug string) claimcharts.Text {
		t.Helper()
		switch facet {
		case "holder":
			o, err := e.reg.Organization(ctx, claimcharts.System, slug)
			if err != nil {
				t.Fatal(err)
			}
			return o.Name
		case "pool":
			p, err := e.reg.Pool(ctx, claimcharts.System, slug)
			if err != nil {
				t.Fatal(err)
			}
			return p.Name
		}
		s, err := e.reg.Standard(ctx, claimcharts.System, slug)
		if err != nil {
			t.Fatal(err)
		}
		return claimcharts.Text{En: standardName(s), Zh: standardName(s)}
	}
	check := func(what, facet, slug string, got *claimcharts.Text) {
		t.Helper()
		if w := want(facet, slug); got == nil || *got != w || got.En == "" || got.Zh == "" {
			t.Errorf("%s: %s %s is named %v, want %v in both languages", what, facet, slug, got, w)
		}
	}
	draft := want("pool", demo.DraftPoolSlug)
	for _, path := range []string{"/api/v1/pools/" + demo.PoolSlug + "/patents?facet_size=1000&limit=100", "/api/v1/search?q=merge&limit=100&facet_size=1000"} {
		for _, token := range []string{"", e.admin} {
			resp := e.must(http.StatusOK, req{method: "GET", path: path, token: token})
			if token == "" && (strings.Contains(string(resp.Body), draft.En) || strings.Contains(string(resp.Body), draft.Zh)) {
				t.Errorf("GET %s names the draft pool to the public", path)
			}
			var res namedAnswer
			resp.JSON(t, &res)
			if len(res.Items) == 0 || len(res.Facets["holder"]) == 0 || len(res.Facets["standard"]) == 0 {
				t.Fatalf("GET %s: nothing to name: %+v", path, res)
			}
			for _, h := range res.Items {
				if h.Holder != "" {
					check(path+" hit", "holder", h.Holder, h.HolderName)
				}
				if h.Standard != "" {
					check(path+" hit", "standard", h.Standard, h.StandardName)
				}
				for _, p := range h.Pools {
					check(path+" listing", "pool", p.Pool, p.PoolName)
				}
			}
			for facet, values := range res.Facets {
				for _, v := range values {
					switch facet {
					case "holder", "pool", "standard":
						check(path+" facet", facet, v.Value, v.Name)
					default:
						if v.Name != nil {
							t.Errorf("%s: the %s facet's value %s has a name", path, facet, v.Value)
						}
					}
				}
			}
		}
	}
	for _, path := range []string{"/api/v1/pools/" + demo.PoolSlug + "/entries?limit=100", "/api/v1/charts?limit=100", "/api/v1/patents?limit=100", "/api/v1/families?limit=100"} {
		var list struct{ Items []map[string]any }
		e.must(http.StatusOK, req{method: "GET", path: path}).JSON(t, &list)
		if len(list.Items) == 0 {
			t.Fatalf("GET %s lists nothing", path)
		}
		for _, it := range list.Items {
			for _, field := range []string{"holder", "pool", "standard"} {
				slug, ok := it[field].(string)
				if !ok {
					continue
				}
				var got *claimcharts.Text
				if raw, ok := it[field+"_name"].(map[string]any); ok {
					en, _ := raw["en"].(string)
					zh, _ := raw["zh"].(string)
					got = &claimcharts.Text{En: en, Zh: zh}
				}
				check(path+" item", field, slug, got)
			}
		}
	}
	var admin namedAnswer
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/search?q=pool:" + demo.DraftPoolSlug, token: e.admin}).JSON(t, &admin)
	if len(admin.Facets["pool"]) == 0 {
		t.Fatal("the administrator's search counts no pool")
	}
	for _, v := range admin.Facets["pool"] {
		check("administrator's search", "pool", v.Value, v.Name)
	}
}
