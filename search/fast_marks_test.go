package search

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"sepportal/claimcharts"
)

// TestEngineLocatesAsBleve: for the first page of every request of
// diffRequests with words that the bitmap engine answers, for callers of
// several kinds, the engine finds the same hits' words where bleve's
// locate finds them: the same hits, the same stored items, and the same
// locations of each term in each field (in any order). The differential
// test compares the snippets cut from them; this compares what a snippet
// does not show too (a word's position, array positions past the first).
func TestEngineLocatesAsBleve(t *testing.T) {
	ix := diffIndex(t)
	ctx := context.Background()
	located := 0
	for name, actor := range map[string]claimcharts.Actor{"public": anonymous, "admin": admin, "licensor": huaxin, "reviewer": reviewerKim} {
		for _, req := range diffRequests() {
			p, vis, sreq, ok := compiledRequest(t, ix, actor, req)
			if !ok {
				continue
			}
			res, got, _, err := ix.bitmapAnswer(ctx, p, vis, sreq, false)
			if errors.Is(err, errUnhandled) || err == nil && (res == nil || len(res.Hits) == 0) {
				continue
			}
			if err != nil {
				t.Fatalf("%s %+v: %v", name, req, err)
			}
			if got == nil {
				t.Fatalf("%s %+v: the engine answered the page and located no words", name, req)
			}
			want, err := ix.locate(ctx, p, res)
			if err != nil {
				t.Fatal(err)
			}
			if msg := marksDiff(want, got); msg != "" {
				t.Fatalf("%s %+v: %s", name, req, msg)
			}
			located++
		}
	}
	t.Logf("the engine located the words of %d pages as bleve does", located)
	if located < 100 {
		t.Fatalf("the engine located the words of %d pages, want most of the requests with words", located)
	}
}

// compiledRequest compiles req for actor as Index.search does, and says
// whether it is a search of words that the bitmap engine may answer (not
// a patent number's lookup).
func compiledRequest(t *testing.T, ix *Index, actor claimcharts.Actor, req Request) (*plan, access, *bleve.SearchRequest, bool) {
	t.Helper()
	root, err := parse(req.Query)
	if err == nil {
		root, err = withFilters(root, req.Filters)
	}
	var p *plan
	if err == nil {
		c := &compiler{m: ix.mapping}
		p, err = c.compileTop(root)
	}
	if err == nil {
		err = withAsOf(p, root, req.AsOf)
	}
	if err != nil {
		t.Fatalf("%+v: %v", req, err)
	}
	vis := actorAccess(actor)
	sreq, err := newRequest(p, vis, req)
	if err != nil {
		t.Fatalf("%+v: %v", req, err)
	}
	_, byNumber := numberLookup(root)
	return p, vis, sreq, !byNumber && len(p.must) > 0
}

// marksDiff says how the engine's marks differ from bleve's, "" when
// they agree.
func marksDiff(want, got map[string]*bsearch.DocumentMatch) string {
	if len(want) != len(got) {
		return fmt.Sprintf("bleve located %d hits, the engine %d", len(want), len(got))
	}
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			return fmt.Sprintf("the engine did not locate %s", id)
		}
		if !reflect.DeepEqual(w.Fields[fItems], g.Fields[fItems]) {
			return fmt.Sprintf("%s: items %v, engine %v", id, w.Fields[fItems], g.Fields[fItems])
		}
		if wl, gl := locationSet(w.Locations), locationSet(g.Locations); !reflect.DeepEqual(wl, gl) {
			return fmt.Sprintf("%s: locations\n%v\nengine\n%v", id, wl, gl)
		}
	}
	return ""
}

// locationSet is locs as values, each term's sorted, no array positions
// written nil.
func locationSet(locs bsearch.FieldTermLocationMap) map[string]map[string][]bsearch.Location {
	out := map[string]map[string][]bsearch.Location{}
	for field, terms := range locs {
		out[field] = map[string][]bsearch.Location{}
		for term, ls := range terms {
			var vs []bsearch.Location
			for _, l := range ls {
				v := *l
				if len(v.ArrayPositions) == 0 {
					v.ArrayPositions = nil
				}
				vs = append(vs, v)
			}
			slices.SortFunc(vs, func(a, b bsearch.Location) int {
				if c := a.ArrayPositions.Compare(b.ArrayPositions); c != 0 {
					return c
				}
				return int(a.Pos) - int(b.Pos)
			})
			out[field][term] = vs
		}
	}
	return out
}
