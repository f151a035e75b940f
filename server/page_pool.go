package server

import (
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
	"sepportal/search"
)

// poolPageData is what a pool's page shows.
type poolPageData struct {
	Slug, Name, Description string
	Demo                    bool
	Admin                   named
	Standards, Licensors    []named
	Policy                  claimcharts.AdmissionPolicy
	Terms                   string
	TermsURL                string
	AsOf                    string
	AsOfRows                []asOfRow
	AsOfNext, AsOfPrev      string
	List                    *hitList
	Rows                    []poolRow
	Form                    poolForm
	Stats                   []statChart
	Downloads               []download
	Changes                 []changeView
	Feed                    string
}

// poolRow is one patent of the list with its place on this pool's list.
type poolRow struct {
	hitView
	Listing search.PoolListing
}

// asOfRow is one patent that was on the list on the as-of date.
type asOfRow struct {
	Key, Number, Title string
	Holder             named
	Effective, Removed claimcharts.Date
}

// poolForm is the filter form of the list, with its choices.
type poolForm struct {
	Q, Status, Holder, Country, Standard, Sort string
	Holders, Countries, Standards              []option
	Sorts                                      []option
}

// option is one choice of a select.
type option struct{ Value, Label string }

// download is a link to a file of the pool.
type download struct{ Href, Label string }

// poolPageChanges is how many changes the pool's page lists.
const poolPageChanges = 50

// asOfPage is how many rows a page of the list as of a date holds: as
// many as a page of the current list.
const asOfPage = search.DefaultLimit

// poolPage answers /pools/{pool}: the pool, its list (now from the index,
// or as of a date from the entries' history), statistics, downloads and
// the change log.
func (s *Server) poolPage(c *gin.Context) {
	ctx, l := c.Request.Context(), lang(c)
	p, err := s.registry.Pool(ctx, claimcharts.Actor{}, c.Param("pool"))
	if err != nil {
		abort(c, err)
		return
	}
	n := s.newNamer(ctx, l, claimcharts.Actor{})
	d := poolPageData{Slug: p.Slug, Name: p.Name.In(l), Description: p.Description.In(l), Demo: p.Demo,
		Admin: n.Org(p.Administrator), Standards: n.Standards(p.Standards), Licensors: n.Orgs(p.Licensors),
		Policy: p.Policy, Terms: p.Terms.Summary.In(l), TermsURL: p.Terms.URL,
		Feed: "/pools/" + url.PathEscape(p.Slug) + "/feed.atom", Downloads: poolDownloads(p.Slug, l, c.Query("as_of"))}
	if c.Request.URL.Query().Has("as_of") {
		err = s.poolAsOf(c, n, &d)
	} else {
		err = s.poolList(c, n, &d)
	}
	var ch []search.Change
	if err == nil {
		ch, err = s.recentChanges(ctx, p.Slug, poolPageChanges)
	}
	if err != nil {
		abort(c, err)
		return
	}
	d.Changes = s.nameChanges(n, ch)
	v := newView(c, d.Name, d)
	v.Feed = d.Feed
	render(c, "pool.html", v)
}

// poolList fills the list from the index, with the reader's filters, sort
// and page, and the statistics from its facet counts.
func (s *Server) poolList(c *gin.Context, n *namer, d *poolPageData) error {
	req, err := searchRequest(c, withoutFilter(listFilters, "pool"))
	if err != nil {
		return err
	}
	status := c.Query("status")
	switch {
	case !c.Request.URL.Query().Has("status"):
		status = claimcharts.EntryAdmitted
		req.Filters["status"] = status
	case status == "any":
		delete(req.Filters, "status")
	}
	req.Filters["pool"], req.Filters["is"] = d.Slug, search.TypePatent
	if req.Sort == "" && req.Query == "" {
		req.Sort = "number"
	}
	list, err := s.runPageSearch(c, n, req)
	if err != nil {
		return err
	}
	d.List = list
	for _, h := range list.Hits {
		row := poolRow{hitView: h}
		for _, pl := range h.Hit.Pools {
			if pl.Pool == d.Slug {
				row.Listing = pl
			}
		}
		d.Rows = append(d.Rows, row)
	}
	d.Form = poolForm{Q: req.Query, Status: status, Holder: req.Filters["holder"], Country: req.Filters["country"],
		Standard: req.Filters["standard"], Sort: req.Sort}
	l := locale(n.lang)
	for _, srt := range search.Sorts {
		d.Form.Sorts = append(d.Form.Sorts, option{Value: srt, Label: l.T("sort." + srt)})
	}
	for _, f := range list.Facets {
		var opts []option
		for _, v := range f.Values {
			opts = append(opts, option{Value: v.Value, Label: v.Label})
		}
		switch f.Name {
		case "holder":
			d.Form.Holders = opts
		case "country":
			d.Form.Countries = opts
		case "standard":
			d.Form.Standards = opts
		}
	}
	d.Stats = statsOf(l, list.Facets)
	return nil
}

// poolAsOf fills the list as it stood on the as_of date: the index's
// list of the pool narrowed to the patents on it that day (search.Request
// AsOf), in number order, paged with the lists' cursors.
func (s *Server) poolAsOf(c *gin.Context, n *namer, d *poolPageData) error {
	for name := range c.Request.URL.Query() {
		if name != "as_of" && name != "cursor" && name != "lang" {
			return unknownParam(name, []string{"as_of", "cursor", "lang"})
		}
	}
	asOf := c.Query("as_of")
	if _, err := time.Parse(time.DateOnly, asOf); err != nil {
		return badParam("as_of", msg.BadDate, asOf)
	}
	req := search.Request{Filters: map[string]string{"pool": d.Slug, "is": search.TypePatent}, AsOf: claimcharts.Date(asOf),
		Sort: "number", Cursor: c.Query("cursor"), Limit: asOfPage, Lang: n.lang, NoFacets: true}
	list, err := s.runPageSearch(c, n, req)
	if err != nil {
		return err
	}
	d.AsOf = asOf
	for _, h := range list.Hits {
		row := asOfRow{Key: h.Hit.Patent, Number: h.Number, Title: h.Title, Holder: h.Holder}
		for _, pl := range h.Hit.Pools {
			if pl.Pool == d.Slug {
				row.Effective, row.Removed = spanOn(pl, claimcharts.Date(asOf))
			}
		}
		d.AsOfRows = append(d.AsOfRows, row)
	}
	if d.Stats, err = s.currentStats(c, n, d.Slug); err != nil {
		return err
	}
	d.AsOfNext, d.AsOfPrev = list.Next, list.First
	return nil
}

// spanOn returns the first and the last day of the stretch of listing l
// that holds day: its admission and its removal (empty while it stays).
func spanOn(l search.PoolListing, day claimcharts.Date) (from, until claimcharts.Date) {
	for _, s := range l.Spans {
		if s.Holds(day) {
			return s.From, s.Until
		}
	}
	return l.Effective, l.Removed
}

// currentStats draws the statistics of the pool's current list of
// admitted patents from the index's facet counts (which the search keeps
// per index version): an as-of page says they are current.
func (s *Server) currentStats(c *gin.Context, n *namer, pool string) ([]statChart, error) {
	req := search.Request{Filters: map[string]string{"pool": pool, "is": search.TypePatent, "status": claimcharts.EntryAdmitted},
		Sort: "number", Limit: 1, Lang: n.lang}
	list, err := s.runPageSearch(c, n, req)
	if err != nil {
		return nil, err
	}
	return statsOf(locale(n.lang), list.Facets), nil
}

// poolDownloads links the pool's files in the reader's language; the
// pool list as of the page's date when it has one.
func poolDownloads(pool, l, asOf string) []download {
	base := "/api/v1/pools/" + url.PathEscape(pool) + "/export?lang=" + l
	list := base + "&kind=pool-list"
	if asOf != "" {
		list += "&as_of=" + url.QueryEscape(asOf)
	}
	t := locale(l)
	return []download{
		{Href: list + "&format=pdf", Label: t.T("download.pdf")},
		{Href: list + "&format=csv", Label: t.T("download.csv")},
		{Href: list + "&format=xlsx", Label: t.T("download.xlsx")},
		{Href: list + "&format=jsonl", Label: t.T("download.jsonl")},
		{Href: base + "&kind=patents&format=xlsx", Label: t.T("download.patents")},
		{Href: base + "&kind=charts&format=xlsx", Label: t.T("download.charts")},
	}
}
