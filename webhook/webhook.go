// Package webhook delivers the registry's publication events to the
// webhooks administrators registered: it sends the pending deliveries the
// Registry queued, signed with each webhook's secret, retries a failing
// receiver with exponential backoff up to a bound, and writes every
// attempt to the delivery log. It runs beside the HTTP server, so no
// request waits for a receiver.
//
// # Verifying a delivery
//
// Each POST carries the headers
//
//	X-SEP-Event:     the event type (determination.published, entry.admitted, entry.removed, challenge.decided)
//	X-SEP-Delivery:  the delivery's id (the same on every retry)
//	X-SEP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>
//
// where v1 is HMAC-SHA256 under the webhook's secret of the bytes
// "<t>.<body>". A receiver recomputes it over the raw body, compares in
// constant time, and refuses a t far from its clock (Verify does all three).
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"sepportal/claimcharts"
)

// Defaults of a Deliverer.
const (
	DefaultMaxAttempts = 6
	DefaultBackoff     = 30 * time.Second
	MaxBackoff         = time.Hour
	batch              = 100
)

// Deliverer sends due deliveries.
type Deliverer struct {
	Registry *claimcharts.Registry
	// Client sends the requests; nil means a client with a 10 s timeout.
	// It never follows redirects: a receiver answers where it was registered.
	Client *http.Client
	// MaxAttempts bounds the attempts of one delivery; 0 means DefaultMaxAttempts.
	MaxAttempts int
	// Backoff is the wait after the first failure, doubled after each
	// further one, at most MaxBackoff; 0 means DefaultBackoff.
	Backoff time.Duration
	Logger  *slog.Logger
}

// Signature returns the X-SEP-Signature of body sent at t under secret.
func Signature(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + sign(secret, ts, body)
}

func sign(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a delivery's X-SEP-Signature header against its body and
// secret, and that it was signed within tolerance of now.
func Verify(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts, v1 string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			v1 = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || v1 == "" {
		return errors.New("webhook: malformed signature header")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return errors.New("webhook: signature too old or from the future")
	}
	if !hmac.Equal([]byte(v1), []byte(sign(secret, ts, body))) {
		return errors.New("webhook: signature does not match")
	}
	return nil
}

// RunOnce sends every delivery due now, once each, and returns how many it
// attempted.
func (d *Deliverer) RunOnce(ctx context.Context) (int, error) {
	now := d.Registry.Now()
	due, hooks, err := d.Registry.DueDeliveries(ctx, now, batch)
	if err != nil {
		return 0, err
	}
	for _, del := range due {
		a, ok := d.attempt(ctx, hooks[del.Webhook], del, now)
		var next *time.Time
		if !ok && len(del.Attempts)+1 < d.maxAttempts() {
			t := now.Add(d.wait(len(del.Attempts) + 1))
			next = &t
		}
		if err := d.Registry.RecordAttempt(ctx, del, a, ok, next); err != nil {
			return 0, err
		}
	}
	return len(due), nil
}

// Run sends due deliveries every interval until ctx ends.
func (d *Deliverer) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := d.RunOnce(ctx); err != nil && ctx.Err() == nil && d.Logger != nil {
			d.Logger.Warn("webhook deliveries", slog.String("error", err.Error()))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// attempt posts one delivery; a 2xx answer delivers it.
func (d *Deliverer) attempt(ctx context.Context, w *claimcharts.Webhook, del *claimcharts.Delivery, now time.Time) (claimcharts.Attempt, bool) {
	a := claimcharts.Attempt{At: now}
	if w == nil || w.DisabledAt != nil {
		a.Error = "the webhook is disabled"
		return a, false
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(del.Body))
	if err != nil {
		a.Error = err.Error()
		return a, false
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "sepportal-webhook/1")
	req.Header.Set("X-SEP-Event", del.Event)
	req.Header.Set("X-SEP-Delivery", del.ID)
	req.Header.Set("X-SEP-Signature", Signature(w.Secret, now, del.Body))
	resp, err := d.client().Do(req)
	if err != nil {
		a.Error = err.Error()
		return a, false
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	a.Status = resp.StatusCode
	if resp.StatusCode/100 != 2 {
		a.Error = fmt.Sprintf("the receiver answered %d", resp.StatusCode)
		return a, false
	}
	return a, true
}

// wait is the backoff after the n-th failed attempt.
func (d *Deliverer) wait(n int) time.Duration {
	b := d.Backoff
	if b <= 0 {
		b = DefaultBackoff
	}
	for i := 1; i < n && b < MaxBackoff; i++ {
		b *= 2
	}
	return min(b, MaxBackoff)
}

func (d *Deliverer) maxAttempts() int {
	if d.MaxAttempts <= 0 {
		return DefaultMaxAttempts
	}
	return d.MaxAttempts
}

func (d *Deliverer) client() *http.Client {
	if d.Client != nil {
		return d.Client
	}
	return &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
