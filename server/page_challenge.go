package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// The public challenge form's defences against spam, none of which needs a
// third-party service or JavaScript: a form stamp signed by the server
// that must be at least FormMinFill and at most FormMaxAge old when the
// form comes back, a honeypot field people leave empty ("website", hidden
// from them), the per-client token bucket of the API, and a body limit.
const (
	FormMinFill  = 3 * time.Second
	FormMaxAge   = 24 * time.Hour
	maxFormBody  = 64 << 10
	honeypotName = "website"
)

// challengeHref is the public challenge form of a patent.
func challengeHref(key string) string { return patentHref(key) + "/challenge" }

// challengeForm is what the challenge form shows: the patent, the pools
// whose list holds it, its published charts, what the reader wrote and
// what was wrong with it.
type challengeForm struct {
	Number, Key, Action, Back string
	Pools                     []named
	Charts                    []string
	Stamp                     string
	In                        claimcharts.Filing
	References                string
	Problem                   string
	Errors                    []claimcharts.FieldError
	Filed                     string
}

// newFormKey returns the random key that signs form stamps; a restart
// makes the forms open at the time expire, which costs a reader one resend.
func newFormKey() []byte {
	k := make([]byte, 32)
	_, _ = rand.Read(k)
	return k
}

// stamp signs the time a form for key was opened.
func (s *Server) stamp(key string, at time.Time) string {
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, s.formKey)
	mac.Write([]byte("challenge|" + key + "|" + ts))
	return ts + "." + hex.EncodeToString(mac.Sum(nil))
}

// checkStamp returns the catalog key of what is wrong with a form's stamp
// for key at now, "" when it is good.
func (s *Server) checkStamp(stamp, key string, now time.Time) string {
	ts, _, _ := strings.Cut(stamp, ".")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || !hmac.Equal([]byte(stamp), []byte(s.stamp(key, time.Unix(sec, 0)))) {
		return "challenge.stale"
	}
	switch age := now.Sub(time.Unix(sec, 0)); {
	case age < FormMinFill:
		return "challenge.tooquick"
	case age > FormMaxAge:
		return "challenge.stale"
	}
	return ""
}

// challengePage answers GET /patents/{number}/challenge: the form.
func (s *Server) challengePage(c *gin.Context) {
	f, err := s.newChallengeForm(c)
	if err != nil {
		abort(c, err)
		return
	}
	s.renderChallenge(c, http.StatusOK, f)
}

// newChallengeForm reads the patent the form is for, the pools that list
// it and its published charts, as the public sees them.
func (s *Server) newChallengeForm(c *gin.Context) (*challengeForm, error) {
	ctx := c.Request.Context()
	p, err := s.registry.Patent(ctx, claimcharts.Actor{}, c.Param("number"))
	if err != nil {
		return nil, err
	}
	entries, err := s.registry.EntriesOfPatent(ctx, claimcharts.Actor{}, p.Key())
	if err != nil {
		return nil, err
	}
	n := s.newNamer(ctx, lang(c), claimcharts.Actor{})
	f := &challengeForm{Number: p.Number.String(), Key: p.Key(), Action: challengeHref(p.Key()), Back: patentHref(p.Key()),
		Stamp: s.stamp(p.Key(), s.registry.Now())}
	for _, e := range entries {
		if e.Status == claimcharts.EntryAdmitted {
			f.Pools = append(f.Pools, n.Pool(e.Pool))
		}
	}
	charts, _, err := s.registry.Charts(ctx, claimcharts.Actor{}, claimcharts.ListOptions{Where: map[string]string{"patent": p.Key()}, Limit: claimcharts.MaxLimit})
	if err != nil {
		return nil, err
	}
	for _, ch := range charts {
		f.Charts = append(f.Charts, ch.ID)
	}
	return f, nil
}

// fileChallengeForm answers POST /patents/{number}/challenge: it files
// the challenge, or shows the form again with what the reader wrote and
// what was wrong (400), or refuses a client past its rate (429).
func (s *Server) fileChallengeForm(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxFormBody)
	if err := c.Request.ParseForm(); err != nil {
		abort(c, claimcharts.Says(claimcharts.ETOOLARGE, msg.FormTooLarge, maxFormBody))
		return
	}
	f, err := s.newChallengeForm(c)
	if err != nil {
		abort(c, err)
		return
	}
	form := c.Request.PostForm
	f.In = claimcharts.Filing{Pool: form.Get("pool"), Patent: f.Key, Chart: form.Get("chart"), Element: strings.TrimSpace(form.Get("element")),
		Statement: form.Get("statement"), Evidence: form.Get("evidence"),
		Challenger: claimcharts.Challenger{Name: strings.TrimSpace(form.Get("name")), Contact: strings.TrimSpace(form.Get("contact"))}}
	f.References = form.Get("references")
	for _, line := range strings.Split(f.References, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			f.In.References = append(f.In.References, line)
		}
	}
	refusal := s.checkStamp(form.Get("stamp"), f.Key, s.registry.Now())
	if form.Get(honeypotName) != "" {
		refusal = "challenge.spam"
	}
	if refusal != "" {
		// A refused form gets a fresh stamp and keeps what the reader wrote.
		f.Problem = locale(lang(c)).T(refusal)
		s.renderChallenge(c, http.StatusBadRequest, f)
		return
	}
	if s.limitFilings(c); c.IsAborted() {
		return
	}
	ch, err := s.registry.FileChallenge(c.Request.Context(), claimcharts.Actor{}, f.In)
	if err != nil {
		if claimcharts.ErrorCode(err) != claimcharts.EINVALID {
			abort(c, err)
			return
		}
		f.Problem, f.Errors = claimcharts.ErrorIn(err, lang(c))
		s.renderChallenge(c, http.StatusBadRequest, f)
		return
	}
	f.Filed = ch.ID
	s.renderChallenge(c, http.StatusCreated, f)
}

// renderChallenge answers the form (or the receipt) with status.
func (s *Server) renderChallenge(c *gin.Context, status int, f *challengeForm) {
	l := locale(lang(c))
	v := newView(c, fmt.Sprintf(l.T("challenge.title"), f.Number), f)
	v.Other.Href = "/lang/" + v.Other.Lang + "?next=" + url.QueryEscape(f.Action)
	renderStatus(c, status, "challenge.html", v)
}
