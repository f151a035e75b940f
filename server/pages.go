package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
	"sepportal/static"
)

// Views are the page templates: each is parsed with the layout and the
// partials.
var views = []string{"home.html", "problems.html", "pool.html", "patent.html", "standard.html", "section.html",
	"holder.html", "search.html", "help.html", "error.html", "challenge.html"}

// pageTemplates holds one template per view: the layout, the partials and the view's file.
var pageTemplates = parsePages(views...)

func parsePages(names ...string) map[string]*template.Template {
	partials, err := fs.Glob(static.Templates, "templates/partials/*.html")
	if err != nil {
		panic(err)
	}
	out := make(map[string]*template.Template, len(names))
	for _, v := range names {
		files := append([]string{"templates/layout.html", "templates/" + v}, partials...)
		out[v] = template.Must(template.New(v).Funcs(pageFuncs).ParseFS(static.Templates, files...))
	}
	return out
}

// pageFuncs are the template functions: links to pages, one way each.
var pageFuncs = template.FuncMap{
	"patentHref":   patentHref,
	"poolHref":     poolLink,
	"standardHref": standardHref,
	"sectionHref":  sectionHref,
	"holderHref":   holderHref,
	"anchor":       func(parts ...string) string { return strings.Join(parts, "-") },
	"add":          func(a, b int) int { return a + b },
	"dict":         dict,
}

// language is a link to the page in the other language.
type language struct{ Lang, Name, Href string }

// view is what the layout gets: the page's language, its catalog, its
// title, the assets' URLs, and the view's own data.
type view struct {
	Lang  string
	L     locale
	Title string
	CSS   string
	Icon  string
	Other language
	// Feed is the Atom feed the page offers, if any.
	Feed string
	// Script is the page's own script, if any (only the workspace has one).
	Script string
	Data   any
}

// newView starts the view of a page titled by the catalog key title (or
// by a literal title when given).
func newView(c *gin.Context, title string, data any) view {
	l := lang(c)
	other := language{Lang: "zh", Name: "中文"}
	if l == "zh" {
		other = language{Lang: "en", Name: "English"}
	}
	other.Href = "/lang/" + other.Lang + "?next=" + url.QueryEscape(c.Request.URL.RequestURI())
	return view{Lang: l, L: locale(l), Title: title, CSS: assetURL["site.css"], Icon: assetURL["favicon.svg"], Other: other, Data: data}
}

// render executes a page template and answers it with an ETag, or 304 when
// the caller holds the same page. Pages are public: they are read as the
// anonymous caller, so one cached copy serves everyone who speaks the
// page's language.
func render(c *gin.Context, name string, v view) {
	t, ok := pageTemplates[name]
	if !ok {
		abort(c, claimcharts.Internal(fmt.Errorf("no page template %q", name)))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		abort(c, claimcharts.Internal(fmt.Errorf("render page %s: %w", name, err)))
		return
	}
	c.Header("Content-Language", v.Lang)
	writeCacheable(c, "text/html; charset=utf-8", buf.Bytes())
}

// renderStatus answers a page that is not a 200, such as the error page:
// never cached, so no ETag.
func renderStatus(c *gin.Context, status int, name string, v view) {
	t, ok := pageTemplates[name]
	if !ok {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		logger(c).Error("render page", "page", name, "error", err.Error())
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Header("Content-Language", v.Lang)
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// writeCacheable answers a public GET with an ETag computed from the body,
// Cache-Control for shared caches, and 304 when If-None-Match holds it.
func writeCacheable(c *gin.Context, contentType string, body []byte) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	h := c.Writer.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=60")
	// Add, not Set: the compressing wrapper has already said the answer
	// varies with Accept-Encoding, and a shared cache must keep hearing it.
	h.Add("Vary", "Accept-Language, Cookie")
	if etagMatches(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, contentType, body)
}

// routePages adds the public pages.
func (s *Server) routePages() {
	e := s.engine
	s.routeAssets()
	e.GET("/", s.home)
	e.GET("/problems", s.problems)
	e.GET("/lang/:to", switchLanguage)
	e.GET("/pools/:pool", s.poolPage)
	e.GET("/pools/:pool/feed.atom", s.poolFeed)
	e.GET("/patents/:number", s.patentPage)
	e.GET("/patents/:number/challenge", s.challengePage)
	e.POST("/patents/:number/challenge", s.fileChallengeForm)
	e.GET("/standards/:std", s.standardPage)
	e.GET("/standards/:std/sections/:label", s.sectionPage)
	e.GET("/holders/:org", s.holderPage)
	e.GET("/search", s.searchPage)
	e.GET("/search/help", s.helpPage)
}

// switchLanguage remembers the reader's language in a cookie and sends the
// reader back to the page it came from: the URLs are the same in both
// languages.
func switchLanguage(c *gin.Context) {
	to := c.Param("to")
	if to != "zh" && to != "en" {
		abort(c, claimcharts.Says(claimcharts.EINVALID, msg.UnknownLang).With(claimcharts.Because("to", msg.UseZhOrEn)))
		return
	}
	next := c.Query("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		next = "/"
	}
	next = withoutQueryParam(next, "lang")
	http.SetCookie(c.Writer, &http.Cookie{Name: langCookie, Value: to, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: c.Request.TLS != nil})
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusSeeOther, next)
}

// withoutQueryParam drops a query parameter from a local URL, so that a
// lang=... left in a link does not override the reader's new choice.
func withoutQueryParam(u, name string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "/"
	}
	q := p.Query()
	if !q.Has(name) {
		return u
	}
	q.Del(name)
	p.RawQuery = q.Encode()
	return p.RequestURI()
}

// problemRow is one problem type on the /problems page.
type problemRow struct {
	Code, Title string
	Status      int
}

// problems lists the problem types the API answers with; problem documents
// link here by their type.
func (s *Server) problems(c *gin.Context) {
	var rows []problemRow
	for code, status := range statusOf {
		rows = append(rows, problemRow{Code: code, Status: status, Title: localize(c, titles[code])})
	}
	slices.SortFunc(rows, func(a, b problemRow) int { return a.Status - b.Status })
	render(c, "problems.html", newView(c, locale(lang(c)).T("problems.title"), rows))
}

// dict builds a map from key, value pairs, to hand a partial several values.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key, value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
