package server

import (
	"encoding/xml"
	"fmt"
	"net/url"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
)

// atomFeed is an Atom 1.0 feed (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

// feedSize is how many changes a feed carries.
const feedSize = 100

// poolFeed answers /pools/{pool}/feed.atom: the admissions and removals of
// the pool's public list, newest first, with dates and reasons.
func (s *Server) poolFeed(c *gin.Context) {
	ctx, l := c.Request.Context(), lang(c)
	p, err := s.registry.Pool(ctx, claimcharts.Actor{}, c.Param("pool"))
	if err != nil {
		abort(c, err)
		return
	}
	changes, err := s.recentChanges(ctx, p.Slug, feedSize)
	if err != nil {
		abort(c, err)
		return
	}
	n, t := s.newNamer(ctx, l, claimcharts.Actor{}), locale(l)
	base := absoluteBase(c)
	f := atomFeed{Lang: l, ID: base + poolLink(p.Slug), Title: fmt.Sprintf(t.T("feed.title"), p.Name.In(l)),
		Updated: "1970-01-01T00:00:00Z",
		Links:   []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + c.Request.URL.Path}, {Rel: "alternate", Type: "text/html", Href: base + poolLink(p.Slug)}}}
	for i, ch := range s.nameChanges(n, changes) {
		when := string(ch.Date) + "T00:00:00Z"
		if i == 0 {
			f.Updated = when
		}
		id := "tag:sepportal," + string(ch.Date) + ":" + url.PathEscape(p.Slug) + "/" + url.PathEscape(ch.Patent) + "/" + ch.Status
		title, summary := fmt.Sprintf(t.T("feed.admitted"), ch.Number), ch.Holder.Name+" · "+string(ch.Date)
		switch ch.Status {
		case claimcharts.EntryRemoved:
			title = fmt.Sprintf(t.T("feed.removed"), ch.Number, t.Enum("reason", ch.Reason))
		case claimcharts.ChallengeUpheld, claimcharts.ChallengeDismissed:
			id += "/" + url.PathEscape(ch.Challenge)
			title = fmt.Sprintf(t.T("feed.challenge_"+ch.Status), ch.Number)
			summary += " · " + t.In(ch.Reasons)
		}
		f.Entries = append(f.Entries, atomEntry{ID: id, Title: title, Updated: when,
			Link: atomLink{Href: base + patentHref(ch.Patent)}, Summary: summary})
	}
	writeAtom(c, f)
}

// writeAtom answers feed f, the one place a feed is written.
func writeAtom(c *gin.Context, f atomFeed) {
	out, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		abort(c, claimcharts.Internal(err))
		return
	}
	writeCacheable(c, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), out...))
}

// absoluteBase is the scheme and host the request came to, for the
// absolute links a feed needs.
func absoluteBase(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}
