package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// The workspace (/workspace) is where reviewers, licensors and
// administrators work in the browser: signed in with an API token, then a
// session cookie; every form carries a CSRF token and the revision of the
// record it was loaded from. Its handlers call the same Registry methods
// as the API, so every rule stays in the domain.

// wsViews are the workspace's page templates.
var wsViews = []string{"ws_signin.html", "ws_reviewer.html", "ws_review.html", "ws_confirm.html",
	"ws_admin.html", "ws_licensor.html", "ws_chart.html", "ws_feeds.html"}

func init() {
	for k, v := range parsePages(wsViews...) {
		pageTemplates[k] = v
	}
}

// wsCSP is the site's policy plus the workspace's own script (autosave),
// which posts to the same origin.
var wsCSP = contentSecurityPolicy() + "; script-src 'self'; connect-src 'self'"

// wsHeaders marks workspace answers private and allows its script.
func wsHeaders(c *gin.Context) {
	c.Header("Content-Security-Policy", wsCSP)
	c.Header("Cache-Control", "no-store")
	c.Next()
}

// routeWorkspace adds the workspace.
func (s *Server) routeWorkspace() {
	g := s.engine.Group("/workspace", wsHeaders, s.limitBody, s.withSession, checkCSRF)
	g.GET("", s.wsHome)
	g.POST("/sign-in", s.wsSignIn)
	g.POST("/sign-out", s.wsSignOut)
	s.routeReviewer(g)
	s.routeAdmin(g)
	s.routeLicensor(g)
	s.routeFeedDesk(g)
	// The queue feed is opened by its key alone, outside the session.
	s.engine.GET(queueFeedPath, s.queueFeed)
}

// wsPage is what every workspace view gets beside its own data.
type wsPage struct {
	Actor claimcharts.Actor
	CSRF  string
	// Script is the autosave script's URL, on pages that use it.
	Script string
	// Notice is a catalog key of a message to show (saved, done...).
	Notice string
	// Problem is what went wrong with the form sent, in the reader's language.
	Problem *formProblem
	// Failed names the form that failed; Typed is what was typed into it.
	Failed string
	Typed  url.Values
	Data   any
	// names names records for the reader (Org, Pool, Std).
	names *namer
}

// Org is an organization's name in the reader's language, or its slug
// where the reader may not read it.
func (p *wsPage) Org(slug string) string { return p.names.Org(slug).Name }

// Pool is a pool's name in the reader's language, or its slug.
func (p *wsPage) Pool(slug string) string { return p.names.Pool(slug).Name }

// Std is a standard's name ("ITU-T H.265 V8"), or its slug.
func (p *wsPage) Std(slug string) string { return p.names.Standard(slug).Name }

// Num is a patent's key written as its number ("CN 104000202"), as pages
// write numbers; a key that is not a number stays as it is.
func (p *wsPage) Num(key string) string {
	if n, err := claimcharts.ParseNumber(key); err == nil {
		return n.String()
	}
	return key
}

// Keep returns what the reader typed into field of form when that form
// failed, else def: a re-rendered form keeps the reader's input.
func (p *wsPage) Keep(form, field, def string) string {
	if p.Failed == form && p.Typed != nil {
		return p.Typed.Get(field)
	}
	return def
}

// formProblem is a refused form's message and field errors, in the reader's language.
type formProblem struct {
	Title    string
	Detail   string
	Conflict bool
	Fields   []claimcharts.FieldError
}

// problemIn is err as a form shows it.
func problemIn(c *gin.Context, err error) *formProblem {
	p := problemOf(c, err)
	return &formProblem{Title: p.Title, Detail: p.Detail, Fields: p.Errors, Conflict: p.Code == claimcharts.EPRECONDITION}
}

// statusOfErr is the HTTP status of err.
func statusOfErr(err error) int {
	if st, ok := statusOf[claimcharts.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// wsRender answers a workspace page; titleKey is a catalog key.
func (s *Server) wsRender(c *gin.Context, status int, name, titleKey string, p *wsPage) {
	p.Actor = actor(c)
	p.names = s.newNamer(c.Request.Context(), lang(c), p.Actor)
	if ss, ok := currentSession(c); ok {
		p.CSRF = ss.csrf
	}
	if p.Notice == "" {
		if n := c.Query("done"); wsNotices[n] {
			p.Notice = "ws.done." + n
		}
	}
	v := newView(c, locale(lang(c)).T(titleKey), p)
	v.Script = p.Script
	renderStatus(c, status, name, v)
}

// wsNotices are the notices a redirect may ask for (?done=...).
var wsNotices = map[string]bool{"saved": true, "submitted": true, "assigned": true, "decided": true,
	"published": true, "moved": true, "applied": true, "revised": true, "challenged": true, "revoked": true}

// done answers a successful form with a redirect (Post/Redirect/Get), so
// that reloading the page sends nothing twice.
func done(c *gin.Context, to, notice string) {
	sep := "?"
	if strings.Contains(to, "?") {
		sep = "&"
	}
	c.Redirect(http.StatusSeeOther, to+sep+"done="+notice)
}

// signedIn returns the caller, or answers the sign-in page and false.
func (s *Server) signedIn(c *gin.Context) (claimcharts.Actor, bool) {
	a := actor(c)
	if a.Anonymous() {
		s.signInPage(c, http.StatusUnauthorized, nil)
		return a, false
	}
	return a, true
}

// signedInTo returns the caller and what the page is about: load's
// record named by the path parameter param. It answers the sign-in page,
// or load's refusal (404 for what the caller may not see), and false
// otherwise.
func signedInTo[T any](s *Server, c *gin.Context, load func(*gin.Context, claimcharts.Actor, string) (T, error), param string) (claimcharts.Actor, T, bool) {
	var v T
	a, ok := s.signedIn(c)
	if !ok {
		return a, v, false
	}
	v, err := load(c, a, c.Param(param))
	if err != nil {
		abort(c, err)
		return a, v, false
	}
	return a, v, true
}

// wsHome is each role's start page: its queues.
func (s *Server) wsHome(c *gin.Context) {
	a := actor(c)
	switch a.Role {
	case claimcharts.RoleReviewer:
		s.reviewerHome(c, a)
	case claimcharts.RoleAdmin:
		s.adminHome(c, http.StatusOK, &wsPage{})
	case claimcharts.RoleLicensor:
		s.licensorHome(c, http.StatusOK, &wsPage{})
	default:
		s.signInPage(c, http.StatusOK, nil)
	}
}

// signInPage answers the sign-in form with a fresh CSRF cookie for it.
func (s *Server) signInPage(c *gin.Context, status int, err error) {
	token := randomToken()
	s.setCookie(c, signinCookie, token, 3600)
	next := c.Request.URL.Path
	if c.Request.Method != http.MethodGet {
		next = c.PostForm("next")
	}
	p := &wsPage{CSRF: token, Data: localNext(next)}
	if err != nil {
		p.Problem = problemIn(c, err)
	}
	v := newView(c, locale(lang(c)).T("ws.signin.title"), p)
	renderStatus(c, status, "ws_signin.html", v)
}

// localNext is a workspace path to go to after sign-in, /workspace when
// next is anything else.
func localNext(next string) string {
	if next == "/workspace" || strings.HasPrefix(next, "/workspace/") && !strings.HasPrefix(next, "/workspace/sign-") {
		return next
	}
	return "/workspace"
}

// wsSignIn trades an API token for a session.
func (s *Server) wsSignIn(c *gin.Context) {
	a, err := s.registry.Authenticate(c.Request.Context(), c.PostForm("token"))
	if err != nil {
		s.signInPage(c, statusOfErr(err), err)
		return
	}
	if old, err := c.Cookie(sessionCookie); err == nil {
		s.sessions.end(old)
	}
	id, _ := s.sessions.start(a.Token)
	s.setCookie(c, sessionCookie, id, int(s.sessions.ttl.Seconds()))
	s.setCookie(c, signinCookie, "", -1)
	c.Redirect(http.StatusSeeOther, localNext(c.PostForm("next")))
}

// wsSignOut ends the session.
func (s *Server) wsSignOut(c *gin.Context) {
	if id, err := c.Cookie(sessionCookie); err == nil {
		s.sessions.end(id)
	}
	s.setCookie(c, sessionCookie, "", -1)
	c.Redirect(http.StatusSeeOther, "/workspace")
}

// formRev reads the revision a form was loaded at: forms always carry it,
// so that a change someone else made since is a conflict, not an overwrite.
func formRev(c *gin.Context) (int64, error) {
	v := c.PostForm("rev")
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, claimcharts.Says(claimcharts.EINVALID, msg.FormNoRev).With(claimcharts.Because("rev", msg.NotANumber, v))
	}
	return n, nil
}

// inLang sets the reader's language of t to s, keeping the other language.
func inLang(c *gin.Context, t claimcharts.Text, s string) claimcharts.Text {
	s = strings.TrimSpace(s)
	if lang(c) == "zh" {
		t.Zh = s
	} else {
		t.En = s
	}
	return t
}
