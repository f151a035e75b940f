package server

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// DefaultSessionTTL is how long a workspace session lasts after sign-in.
const DefaultSessionTTL = 8 * time.Hour

// Workspace cookies: the session, and the sign-in form's CSRF token (a
// double-submit cookie, since there is no session before sign-in).
const (
	sessionCookie = "sep_session"
	signinCookie  = "sep_signin"
	csrfField     = "csrf"
	keySession    = "ws_session"
)

// session is one signed-in browser. It holds the API token's id, not its
// secret: every request re-reads the token, so revoking it ends the session.
type session struct {
	token   string
	csrf    string
	expires time.Time
}

// sessions keeps the workspace's sessions in memory, by the SHA-256 of
// their ids, so that a copy of the table reveals no cookie. They are per
// instance: behind several instances, route a browser to the same one
// (sticky sessions), or it signs in again. A restart signs everyone out.
type sessions struct {
	mu  sync.Mutex
	by  map[string]session
	ttl time.Duration
	now func() time.Time
}

func newSessions(ttl time.Duration, now func() time.Time) *sessions {
	if ttl <= 0 {
		ttl = DefaultSessionTTL
	}
	return &sessions{by: map[string]session{}, ttl: ttl, now: now}
}

// randomToken returns 32 random bytes, base64url: a session id or a CSRF token.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// start makes a session for the token and returns its id (the cookie's value).
func (s *sessions) start(token string) (string, session) {
	id := randomToken()
	ss := session{token: token, csrf: randomToken(), expires: s.now().Add(s.ttl)}
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.by { // forget the expired ones as new ones come
		if !s.now().Before(v.expires) {
			delete(s.by, k)
		}
	}
	s.by[hashID(id)] = ss
	return id, ss
}

// get returns the live session of id.
func (s *sessions) get(id string) (session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.by[hashID(id)]
	if ok && !s.now().Before(ss.expires) {
		delete(s.by, hashID(id))
		return session{}, false
	}
	return ss, ok
}

// end revokes a session.
func (s *sessions) end(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.by, hashID(id))
}

// secure reports whether the request came over TLS: directly, or through
// a proxy the server trusts to say so in X-Forwarded-Proto.
func (s *Server) secure(c *gin.Context) bool {
	return c.Request.TLS != nil || s.trustProxy && c.GetHeader("X-Forwarded-Proto") == "https"
}

// setCookie sets a workspace cookie: HttpOnly, SameSite=Strict, Secure
// behind TLS, for /workspace only; maxAge < 0 deletes it.
func (s *Server) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: "/workspace", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.secure(c)})
}

// withSession reads the session cookie into the request's actor; a session
// whose token has been revoked since sign-in is ended.
func (s *Server) withSession(c *gin.Context) {
	id, err := c.Cookie(sessionCookie)
	if err != nil || id == "" {
		c.Next()
		return
	}
	ss, ok := s.sessions.get(id)
	if ok {
		a, err := s.registry.TokenActor(c.Request.Context(), ss.token)
		switch {
		case err == nil:
			c.Set(keyActor, a)
			c.Set(keySession, ss)
		case claimcharts.ErrorCode(err) == claimcharts.EUNAUTHORIZED:
			s.sessions.end(id)
			ok = false
		default:
			abort(c, err)
			return
		}
	}
	if !ok {
		s.setCookie(c, sessionCookie, "", -1)
	}
	c.Next()
}

// currentSession returns the request's session, if signed in.
func currentSession(c *gin.Context) (session, bool) {
	v, ok := c.Get(keySession)
	if !ok {
		return session{}, false
	}
	return v.(session), true
}

// checkCSRF refuses a POST whose form does not carry the session's CSRF
// token (or, signed out, the sign-in cookie's), before anything is done.
func checkCSRF(c *gin.Context) {
	if c.Request.Method != http.MethodPost {
		c.Next()
		return
	}
	want := ""
	if ss, ok := currentSession(c); ok {
		want = ss.csrf
	} else if v, err := c.Cookie(signinCookie); err == nil {
		want = v
	}
	got := c.PostForm(csrfField)
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		abort(c, claimcharts.Says(claimcharts.EFORBIDDEN, msg.CSRFBad))
		return
	}
	c.Next()
}
