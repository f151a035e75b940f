package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
)

// Queue feeds: /workspace/feeds/queue.atom?key=<feed secret> is the Atom
// feed of what waits for the feed token owner's role, read as that owner's
// API token may read it now. The key opens nothing but the feed; the
// language is ?lang= (else English).

// routeFeedDesk adds the workspace page of the caller's feed tokens.
func (s *Server) routeFeedDesk(g *gin.RouterGroup) {
	g.GET("/feeds", s.wsFeeds)
	g.POST("/feeds", s.wsCreateFeed)
	g.POST("/feeds/:id/revoke", s.wsRevokeFeed)
}

// feedDesk is the feed tokens page: the caller's feed tokens and, once,
// the URL of the one just created.
type feedDesk struct {
	Tokens []*claimcharts.FeedToken
	URL    string
}

// wsFeeds shows the caller's feed tokens; created is the URL of a new one.
func (s *Server) wsFeeds(c *gin.Context) { s.renderFeeds(c, "") }

// renderFeeds answers the feed tokens page, with created shown once.
func (s *Server) renderFeeds(c *gin.Context, created string) {
	a, ok := s.signedIn(c)
	if !ok {
		return
	}
	ts, err := s.registry.FeedTokens(c.Request.Context(), a)
	if err != nil {
		abort(c, err)
		return
	}
	s.wsRender(c, http.StatusOK, "ws_feeds.html", "ws.feeds.title", &wsPage{Data: feedDesk{Tokens: ts, URL: created}})
}

// wsCreateFeed makes a feed token and shows its URL this once (no
// redirect: the secret is not kept).
func (s *Server) wsCreateFeed(c *gin.Context) {
	a, ok := s.signedIn(c)
	if !ok {
		return
	}
	_, secret, err := s.registry.CreateFeedToken(c.Request.Context(), a, claimcharts.NewFeedToken{Label: c.PostForm("label")})
	if err != nil {
		abort(c, err)
		return
	}
	s.renderFeeds(c, feedURL(c, secret)+"&lang="+lang(c))
}

// wsRevokeFeed revokes one of the caller's feed tokens.
func (s *Server) wsRevokeFeed(c *gin.Context) {
	a, ok := s.signedIn(c)
	if !ok {
		return
	}
	if _, err := s.registry.RevokeFeedToken(c.Request.Context(), a, c.Param("id")); err != nil {
		abort(c, err)
		return
	}
	done(c, "/workspace/feeds", "revoked")
}

// routeFeedTokens adds a caller's own feed tokens to the API.
func (s *Server) routeFeedTokens(g *gin.RouterGroup) {
	r := s.registry
	g.GET("/feed-tokens", func(c *gin.Context) {
		ts, err := r.FeedTokens(c.Request.Context(), actor(c))
		if err != nil {
			abort(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"items": ts, "next": nil})
	})
	g.POST("/feed-tokens", withBody(http.StatusCreated, func(ctx context.Context, a actor_, c *gin.Context, _ int64, in claimcharts.NewFeedToken) (*createdFeedToken, error) {
		t, secret, err := r.CreateFeedToken(ctx, a, in)
		if err != nil {
			return nil, err
		}
		c.Header("Cache-Control", "no-store") // the answer holds the secret
		return &createdFeedToken{FeedToken: t, Key: secret, URL: feedURL(c, secret)}, nil
	}))
	g.POST("/feed-tokens/:id/revoke", func(c *gin.Context) {
		t, err := r.RevokeFeedToken(c.Request.Context(), actor(c), c.Param("id"))
		if err != nil {
			abort(c, err)
			return
		}
		writeRecord(c, http.StatusOK, t.StoredRev(), t)
	})
}

// createdFeedToken is a new feed token with its secret (the feed key) and feed URL,
// shown this once.
type createdFeedToken struct {
	*claimcharts.FeedToken
	Key string `json:"key"`
	URL string `json:"url"`
}

// queueFeedPath is where the queue feeds are served.
const queueFeedPath = "/workspace/feeds/queue.atom"

// feedURL is the absolute URL of the queue feed that secret opens.
func feedURL(c *gin.Context, secret string) string {
	return absoluteBase(c) + queueFeedPath + "?key=" + url.QueryEscape(secret)
}

// feedItem is one entry of a queue feed before it is written.
type feedItem struct {
	ID, Title, Summary, Href string
	Updated                  time.Time
}

// queueFeed answers the queue feed of the key's owner.
func (s *Server) queueFeed(c *gin.Context) {
	ctx, l := c.Request.Context(), lang(c)
	a, err := s.registry.FeedActor(ctx, c.Query("key"))
	if err != nil {
		abort(c, err)
		return
	}
	var items []feedItem
	switch a.Role {
	case claimcharts.RoleReviewer:
		items, err = s.reviewerFeed(ctx, a, l)
	case claimcharts.RoleAdmin:
		items, err = s.adminFeed(ctx, a, l)
	case claimcharts.RoleLicensor:
		items, err = s.licensorFeed(ctx, a, l)
	}
	if err != nil {
		abort(c, err)
		return
	}
	slices.SortStableFunc(items, func(x, y feedItem) int { return y.Updated.Compare(x.Updated) })
	if len(items) > feedSize {
		items = items[:feedSize]
	}
	base, t := absoluteBase(c), locale(l)
	f := atomFeed{Lang: l, ID: "tag:sepportal,2026:feeds/" + url.PathEscape(a.Token), Title: fmt.Sprintf(t.T("feed.queue.title"), t.T("feed.queue."+a.Role)),
		Updated: "1970-01-01T00:00:00Z",
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: base + "/workspace"}}}
	for i, it := range items {
		when := it.Updated.UTC().Format(time.RFC3339)
		if i == 0 {
			f.Updated = when
		}
		f.Entries = append(f.Entries, atomEntry{ID: "tag:sepportal,2026:" + it.ID + "/" + when, Title: it.Title, Updated: when,
			Link: atomLink{Href: base + it.Href}, Summary: it.Summary})
	}
	c.Header("Cache-Control", "private, no-store")
	writeAtom(c, f)
}

// reviewerFeed is the reviewer's assigned reviews; the registry lists a
// reviewer's own reviews only.
func (s *Server) reviewerFeed(ctx context.Context, a claimcharts.Actor, l string) ([]feedItem, error) {
	rvs, _, err := s.registry.Reviews(ctx, a, claimcharts.ListOptions{Limit: claimcharts.MaxLimit})
	t := locale(l)
	var out []feedItem
	for _, rv := range rvs {
		out = append(out, feedItem{ID: "review/" + rv.ID, Updated: rv.UpdatedAt, Href: "/workspace/reviews/" + url.PathEscape(rv.ID),
			Title:   fmt.Sprintf(t.T("feed.queue.review"), rv.Chart, rv.Revision, rv.Pool),
			Summary: t.Enum("rstatus", rv.Status)})
	}
	return out, err
}

// adminFeed is the administrator's queues: applications, charts awaiting
// assignment, reviews awaiting a decision, draft determinations awaiting
// publication, admitted patents that expire within ExpiryNotice days,
// and filed challenges.
func (s *Server) adminFeed(ctx context.Context, a claimcharts.Actor, l string) ([]feedItem, error) {
	q, err := s.registry.AdminQueues(ctx, a)
	if err != nil {
		return nil, err
	}
	chs, _, err := s.registry.Challenges(ctx, a, claimcharts.ListOptions{Where: map[string]string{"status": claimcharts.ChallengeFiled}, Limit: claimcharts.MaxLimit})
	t := locale(l)
	var out []feedItem
	for _, e := range q.Applications {
		out = append(out, feedItem{ID: "application/" + e.Pool + "/" + e.Patent, Updated: e.UpdatedAt, Href: "/workspace",
			Title: fmt.Sprintf(t.T("feed.queue.application"), e.Patent, e.Pool), Summary: e.Holder})
	}
	for _, w := range q.Assign {
		out = append(out, awaitingItem(t, "assign", w))
	}
	for _, w := range q.Decide {
		out = append(out, awaitingItem(t, "decide", w))
	}
	for _, d := range q.Publish {
		out = append(out, feedItem{ID: "publish/" + d.ID, Updated: d.UpdatedAt, Href: "/workspace",
			Title: fmt.Sprintf(t.T("feed.queue.publish"), d.Chart, d.Revision, d.Pool), Summary: t.Enum("result", d.Result)})
	}
	for _, x := range q.ExpiringWithin(s.registry.Now(), claimcharts.ExpiryNotice) {
		out = append(out, expiryItem(t, x))
	}
	for _, ch := range chs {
		out = append(out, feedItem{ID: "challenge/" + ch.ID, Updated: ch.UpdatedAt, Href: "/workspace",
			Title: fmt.Sprintf(t.T("feed.queue.challenge"), ch.Patent, ch.Pool), Summary: ch.ID})
	}
	return out, err
}

// awaitingItem is a chart revision on the assign or decide queue.
func awaitingItem(t locale, queue string, w claimcharts.Awaiting) feedItem {
	return feedItem{ID: queue + "/" + w.Pool.Slug + "/" + w.Chart.ID + "/" + fmt.Sprint(w.Revision), Updated: w.Chart.UpdatedAt, Href: "/workspace",
		Title: fmt.Sprintf(t.T("feed.queue."+queue), w.Chart.ID, w.Revision, w.Pool.Slug), Summary: w.Entry.Patent}
}

// expiryItem is an admitted entry whose patent expires soon, dated the day
// it came within the notice.
func expiryItem(t locale, x claimcharts.Expiring) feedItem {
	when, _ := time.Parse(time.DateOnly, string(x.Expiry))
	return feedItem{ID: "expiry/" + x.Entry.Pool + "/" + x.Entry.Patent + "/" + string(x.Expiry), Updated: when.AddDate(0, 0, -claimcharts.ExpiryNotice),
		Href: "/workspace", Title: fmt.Sprintf(t.T("feed.queue.expiry"), x.Entry.Patent, x.Entry.Pool, x.Expiry), Summary: x.Entry.Holder}
}

// licensorFeed is the state of the licensor's applications and chart
// revisions, and the published findings on its charts.
func (s *Server) licensorFeed(ctx context.Context, a claimcharts.Actor, l string) ([]feedItem, error) {
	d, err := s.licensorDeskOf(ctx, a)
	if err != nil {
		return nil, err
	}
	t := locale(l)
	var out []feedItem
	mine := map[string]bool{}
	for _, e := range d.Entries {
		out = append(out, feedItem{ID: "entry/" + e.Pool + "/" + e.Patent + "/" + e.Status, Updated: e.UpdatedAt, Href: "/workspace",
			Title: fmt.Sprintf(t.T("feed.queue.entry"), e.Patent, e.Pool, t.Enum("status", e.Status))})
	}
	for _, ch := range d.Charts {
		mine[ch.ID] = true
		last := ch.Revisions[len(ch.Revisions)-1]
		out = append(out, feedItem{ID: fmt.Sprintf("chart/%s/%d/%s", ch.ID, last.No, last.Status), Updated: ch.UpdatedAt,
			Href:  "/workspace/charts/" + url.PathEscape(ch.ID),
			Title: fmt.Sprintf(t.T("feed.queue.chart"), ch.ID, last.No, t.Enum("rstatus", last.Status))})
	}
	ds, _, err := s.registry.Determinations(ctx, a, claimcharts.ListOptions{Limit: claimcharts.MaxLimit})
	for _, det := range ds {
		if det.Status != claimcharts.StatusPublished || !mine[det.Chart] {
			continue
		}
		out = append(out, feedItem{ID: "finding/" + det.ID, Updated: det.UpdatedAt, Href: patentHref(det.Patent),
			Title: fmt.Sprintf(t.T("feed.queue.finding"), det.Chart, det.Revision, det.Pool), Summary: t.Enum("result", det.Result)})
	}
	return out, err
}
