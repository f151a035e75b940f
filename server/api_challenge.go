package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// routeChallenges adds challenges: anyone files one (rate-limited per
// client), administrators work the queue and decide; the public reads
// the decisions, never who filed them.
func (s *Server) routeChallenges(g *gin.RouterGroup) {
	r := s.registry
	g.GET("/challenges", listOf(r.Challenges, "pool", "patent", "status"))
	g.POST("/challenges", s.limitFilings, withBody(http.StatusCreated, func(ctx context.Context, a actor_, c *gin.Context, _ int64, in claimcharts.Filing) (*claimcharts.Challenge, error) {
		ch, err := r.FileChallenge(ctx, a, in)
		if err != nil {
			return nil, err
		}
		c.Header("Location", "/api/v1/challenges/"+url.PathEscape(ch.ID))
		view, _ := claimcharts.ChallengeFor(a, ch)
		if view == nil {
			// The filer reads its receipt: the challenge without its challenger.
			receipt := *ch
			receipt.Challenger = nil
			view = &receipt
		}
		return view, nil
	}))
	g.GET("/challenges/:challenge", getOne(r.Challenge, "challenge"))
	g.POST("/challenges/:challenge/decision", withBody(http.StatusOK, func(ctx context.Context, a actor_, c *gin.Context, rev int64, in claimcharts.ChallengeDecision) (*claimcharts.Challenge, error) {
		return r.DecideChallenge(ctx, a, c.Param("challenge"), rev, in)
	}))
}

// Filing limits: a client (by address) files at most FilingBurst
// challenges at once and one more every FilingEvery after.
const (
	FilingBurst = 5
	FilingEvery = 10 * time.Minute
)

// trustedProxies are the networks whose X-Forwarded-For the server believes.
var trustedProxies = []string{"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"}

// codeTooManyRequests is the code of a request a rate limit refused.
const codeTooManyRequests = "too_many_requests"

// filingLimiter is a token bucket per client address: spam costs the
// spammer time, not the administrator's queue. Buckets that are full
// again are forgotten, so the map stays as small as the recent filers.
type filingLimiter struct {
	mu      sync.Mutex
	buckets map[string]bucket
}

// bucket is one client's tokens at a time.
type bucket struct {
	tokens float64
	at     time.Time
}

// allow takes a token of client's bucket at now, and says how long to
// wait when there is none.
func (l *filingLimiter) allow(client string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]bucket{}
	}
	b, ok := l.buckets[client]
	if !ok {
		b = bucket{tokens: FilingBurst, at: now}
	}
	b.tokens = min(FilingBurst, b.tokens+float64(now.Sub(b.at))/float64(FilingEvery))
	b.at = now
	if b.tokens < 1 {
		l.buckets[client] = b
		return false, time.Duration((1 - b.tokens) * float64(FilingEvery))
	}
	b.tokens--
	l.buckets[client] = b
	for k, o := range l.buckets {
		if o.tokens+float64(now.Sub(o.at))/float64(FilingEvery) >= FilingBurst {
			delete(l.buckets, k)
		}
	}
	return true, 0
}

// limitFilings refuses a filing past the client's rate with 429 and
// Retry-After. Administrators are not limited.
func (s *Server) limitFilings(c *gin.Context) {
	if actor(c).IsAdmin() {
		return
	}
	ok, wait := s.filings.allow(c.ClientIP(), s.registry.Now())
	if !ok {
		c.Header("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		abort(c, claimcharts.Says(codeTooManyRequests, msg.TooManyFilings, int(wait.Minutes())+1))
	}
}
