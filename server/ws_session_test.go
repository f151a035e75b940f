package server

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestSignInEndsTheTokensOldestSession signs in with one token once more
// than maxSessionsPerToken times, each in its own browser: the first
// browser is signed out, the newest is signed in, no more than the cap
// stay signed in, and another token's session is untouched.
func TestSignInEndsTheTokensOldestSession(t *testing.T) {
	e := newTestEnv(t)
	signedIn := func(c *wsClient) bool {
		return strings.Contains(c.get("/workspace").Body, `action="/workspace/sign-out"`)
	}
	other := newWSClient(e).signIn(e.licensor)
	browsers := make([]*wsClient, maxSessionsPerToken+1)
	for i := range browsers {
		browsers[i] = newWSClient(e).signIn(e.reviewer)
	}
	if signedIn(browsers[0]) {
		t.Error("the token's oldest session outlived its sign-in number 101")
	}
	if !signedIn(browsers[len(browsers)-1]) {
		t.Error("the newest session is not signed in")
	}
	live := 0
	for _, b := range browsers {
		if signedIn(b) {
			live++
		}
	}
	if live > maxSessionsPerToken {
		t.Errorf("%d sessions of one token are signed in, want at most %d", live, maxSessionsPerToken)
	}
	if !signedIn(other) {
		t.Error("another token's session ended")
	}
}

// TestSessionSweepForgetsExpired checks that expired sessions leave the
// table without anyone presenting them: after sweepEvery, and sooner when
// the table has doubled, so sign-ins that come faster than sessions expire
// never pile up.
func TestSessionSweepForgetsExpired(t *testing.T) {
	t.Run("after sweepEvery", func(t *testing.T) {
		now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		s := newSessions(time.Hour, func() time.Time { return now })
		for i := range 10 {
			s.start(fmt.Sprintf("tok%d", i))
		}
		now = now.Add(2 * time.Hour)
		id, _ := s.start("fresh")
		if len(s.by) != 1 || len(s.ofToken) != 1 {
			t.Fatalf("after a sweep the table holds %d sessions of %d tokens, want only the fresh one", len(s.by), len(s.ofToken))
		}
		if _, ok := s.get(id); !ok {
			t.Fatal("the fresh session is gone")
		}
	})
	t.Run("when the table doubled", func(t *testing.T) {
		now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		s := newSessions(time.Second, func() time.Time { return now })
		const starts, step = 5000, 10 * time.Millisecond // 50 s: within one sweepEvery
		peak := 0
		for i := range starts {
			s.start(fmt.Sprintf("tok%d", i))
			peak = max(peak, len(s.by))
			now = now.Add(step)
		}
		if live := int(time.Second / step); peak > 4*live {
			t.Fatalf("the table held up to %d sessions while at most %d were live", peak, live)
		}
	})
}
