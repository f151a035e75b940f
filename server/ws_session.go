package server

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"slices"
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

// Bounds of the session table: a token signing in once more than
// maxSessionsPerToken times ends its oldest session, and expired sessions
// are swept out at most once per sweepEvery, or sooner when the table has
// doubled since the last sweep (from at least minSweepSize).
const (
	maxSessionsPerToken = 100
	sweepEvery          = time.Minute
	minSweepSize        = 64
)

// sessions keeps the workspace's sessions in memory, by the SHA-256 of
// their ids, so that a copy of the table reveals no cookie. They are per
// instance: behind several instances, route a browser to the same one
// (sticky sessions), or it signs in again. A restart signs everyone out.
// Every session in by is listed once in ofToken under its token, oldest first.
type sessions struct {
	mu      sync.Mutex
	by      map[string]session
	ofToken map[string][]string
	ttl     time.Duration
	now     func() time.Time
	swept   time.Time // when the last sweep ran
	sweepAt int       // the size of by that calls for a sweep whatever the time
}

func newSessions(ttl time.Duration, now func() time.Time) *sessions {
	if ttl <= 0 {
		ttl = DefaultSessionTTL
	}
	return &sessions{by: map[string]session{}, ofToken: map[string][]string{}, ttl: ttl, now: now, sweepAt: minSweepSize}
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

// start makes a session for the token and returns its id (the cookie's
// value). When the token already has maxSessionsPerToken live sessions,
// its oldest ends.
func (s *sessions) start(token string) (string, session) {
	id := randomToken()
	ss := session{token: token, csrf: randomToken()}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	ss.expires = now.Add(s.ttl)
	s.sweep(now)
	s.keepLive(token, now)
	for len(s.ofToken[token]) >= maxSessionsPerToken {
		s.drop(s.ofToken[token][0])
	}
	h := hashID(id)
	s.by[h] = ss
	s.ofToken[token] = append(s.ofToken[token], h)
	return id, ss
}

// sweep forgets every expired session when a sweep is due: sweepEvery
// after the last one, or when the table has doubled since.
func (s *sessions) sweep(now time.Time) {
	if len(s.by) < s.sweepAt && now.Before(s.swept.Add(sweepEvery)) {
		return
	}
	for token := range s.ofToken {
		s.keepLive(token, now)
	}
	s.swept, s.sweepAt = now, max(2*len(s.by), minSweepSize)
}

// keepLive forgets the token's expired sessions.
func (s *sessions) keepLive(token string, now time.Time) {
	live := s.ofToken[token][:0]
	for _, h := range s.ofToken[token] {
		if now.Before(s.by[h].expires) {
			live = append(live, h)
		} else {
			delete(s.by, h)
		}
	}
	if len(live) == 0 {
		delete(s.ofToken, token)
		return
	}
	s.ofToken[token] = live
}

// drop forgets the session whose hashed id is h.
func (s *sessions) drop(h string) {
	ss, ok := s.by[h]
	if !ok {
		return
	}
	delete(s.by, h)
	list := slices.DeleteFunc(s.ofToken[ss.token], func(x string) bool { return x == h })
	if len(list) == 0 {
		delete(s.ofToken, ss.token)
		return
	}
	s.ofToken[ss.token] = list
}

// get returns the live session of id.
func (s *sessions) get(id string) (session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := hashID(id)
	ss, ok := s.by[h]
	if ok && !s.now().Before(ss.expires) {
		s.drop(h)
		return session{}, false
	}
	return ss, ok
}

// end revokes a session.
func (s *sessions) end(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drop(hashID(id))
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
