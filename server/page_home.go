package server

import (
	"context"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/search"
)

// poolCard is a pool as the home page shows it.
type poolCard struct {
	Slug, Name, Description string
	Standards               []named
	Admitted                uint64
	Counted                 bool
	Demo                    bool
}

// changeView is a change named for the reader.
type changeView struct {
	search.Change
	PoolName named
	Holder   named
	Number   string
}

// homeData is what the front page shows.
type homeData struct {
	Pools   []poolCard
	Changes []changeView
}

// latestChanges is how many changes the front page lists.
const latestChanges = 10

// home is the front page: the published pools with their standards and
// counts, a search box, and the latest changes across the pools.
func (s *Server) home(c *gin.Context) {
	ctx, l := c.Request.Context(), lang(c)
	pools, _, err := s.registry.Pools(ctx, claimcharts.Actor{}, claimcharts.ListOptions{Limit: claimcharts.MaxLimit})
	if err != nil {
		abort(c, err)
		return
	}
	n := s.newNamer(ctx, l, claimcharts.Actor{})
	var data homeData
	for _, p := range pools {
		card := poolCard{Slug: p.Slug, Name: p.Name.In(l), Description: p.Description.In(l), Standards: n.Standards(p.Standards), Demo: p.Demo}
		card.Admitted, card.Counted = s.countAdmitted(ctx, p.Slug)
		data.Pools = append(data.Pools, card)
	}
	recent, err := s.recentChanges(ctx, "", latestChanges)
	if err != nil {
		abort(c, err)
		return
	}
	data.Changes = s.nameChanges(n, recent)
	render(c, "home.html", newView(c, locale(l).T("home.title"), data))
}

// countAdmitted counts a pool's admitted patents from the index; ok is
// false when there is no index to ask.
func (s *Server) countAdmitted(ctx context.Context, pool string) (uint64, bool) {
	if s.search == nil {
		return 0, false
	}
	res, err := s.search.Search(ctx, claimcharts.Actor{}, search.Request{Limit: 1, NoFacets: true,
		Filters: map[string]string{"pool": pool, "status": claimcharts.EntryAdmitted, "is": search.TypePatent}})
	if err != nil {
		return 0, false
	}
	return res.Total, true
}

// nameChanges names the pools and holders of changes; the patent's
// number in display form comes with the change (no record is read).
func (s *Server) nameChanges(n *namer, changes []search.Change) []changeView {
	out := make([]changeView, 0, len(changes))
	for _, ch := range changes {
		out = append(out, changeView{Change: ch, PoolName: n.Pool(ch.Pool), Holder: n.Org(ch.Holder), Number: ch.Number})
	}
	return out
}
