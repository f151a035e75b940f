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
// locations of each term in each field (in any order), less some that
// no snippet shows (see marksDiff). The differential test compares the
// snippets cut from them; this compares what a snippet does not show too
// (a word's position, array positions past the first).
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
// they agree: the same hits and items, and bleve's locations less some
// that no snippet shows (see nearFirst). The engine reports no location
// bleve does not, and every one that starts less than snippetLength
// bytes after its term's first in its text.
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
		wl, gl := locationSet(w.Locations), locationSet(g.Locations)
		if l := locationLacking(gl, wl); l != "" {
			return fmt.Sprintf("%s: the engine reports %s, bleve does not: locations\n%v\nengine\n%v", id, l, wl, gl)
		}
		if l := locationLacking(nearFirstLocations(wl), gl); l != "" {
			return fmt.Sprintf("%s: the engine does not report %s: locations\n%v\nengine\n%v", id, l, wl, gl)
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

// locationLacking names a location of have that want lacks, "" when want
// has every one.
func locationLacking(have, want map[string]map[string][]bsearch.Location) string {
	for field, terms := range have {
		for term, ls := range terms {
			for _, l := range ls {
				if !slices.ContainsFunc(want[field][term], func(w bsearch.Location) bool { return reflect.DeepEqual(w, l) }) {
					return fmt.Sprintf("%s %q %v", field, term, l)
				}
			}
		}
	}
	return ""
}

// nearFirstLocations is locs (see locationSet) less the locations that
// start snippetLength bytes or more after the first of their term in
// their text (field and first array position).
func nearFirstLocations(locs map[string]map[string][]bsearch.Location) map[string]map[string][]bsearch.Location {
	entry := func(l bsearch.Location) int64 {
		if len(l.ArrayPositions) == 0 {
			return -1
		}
		return int64(l.ArrayPositions[0])
	}
	out := map[string]map[string][]bsearch.Location{}
	for field, terms := range locs {
		out[field] = map[string][]bsearch.Location{}
		for term, ls := range terms {
			first := map[int64]uint64{}
			for _, l := range ls {
				if f, ok := first[entry(l)]; !ok || l.Start < f {
					first[entry(l)] = l.Start
				}
			}
			for _, l := range ls {
				if l.Start < first[entry(l)]+snippetLength {
					out[field][term] = append(out[field][term], l)
				}
			}
		}
	}
	return out
}
