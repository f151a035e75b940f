package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bolt"
	"sepportal/claimcharts/demo"
	"sepportal/webhook"
)

var admin = claimcharts.System

// receiver is a real HTTP receiver that fails its first failures
// requests, verifies every signature and keeps what it received.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	secret   string
	failures int
	bodies   []string
	ids      []string
	bad      []string
}

func newReceiver(t *testing.T, failures int) *receiver {
	r := &receiver{failures: failures}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		// As the documentation says, without the package's help: the
		// HMAC-SHA256 under the secret of "<t>.<body>".
		sig := req.Header.Get("X-SEP-Signature")
		ts, _, _ := strings.Cut(strings.TrimPrefix(sig, "t="), ",")
		mac := hmac.New(sha256.New, []byte(r.secret))
		mac.Write([]byte(ts + "." + string(body)))
		if sig != "t="+ts+",v1="+hex.EncodeToString(mac.Sum(nil)) {
			r.bad = append(r.bad, "signature "+sig)
		}
		// The registry's clock is fixed in 2030; Verify takes the signing time.
		sec, _ := strconv.ParseInt(ts, 10, 64)
		if err := webhook.Verify(r.secret, sig, body, time.Unix(sec, 0), time.Minute); err != nil {
			r.bad = append(r.bad, err.Error())
		}
		if err := webhook.Verify("another secret", sig, body, time.Unix(sec, 0), time.Minute); err == nil {
			r.bad = append(r.bad, "Verify accepts another secret")
		}
		if err := webhook.Verify(r.secret, sig, body, time.Unix(sec, 0).Add(time.Hour), time.Minute); err == nil {
			r.bad = append(r.bad, "Verify accepts an old signature")
		}
		r.bodies, r.ids = append(r.bodies, string(body)), append(r.ids, req.Header.Get("X-SEP-Delivery"))
		if r.failures > 0 {
			r.failures--
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) hits() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.bodies)
}

// world is the demo in a fresh store, with a fixed clock and a webhook to rcv.
func world(t *testing.T, rcv *receiver) (*claimcharts.Registry, *claimcharts.Webhook, func(time.Duration)) {
	t.Helper()
	store, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	reg := claimcharts.NewRegistry(store)
	ctx := context.Background()
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	reg.Now = func() time.Time { return start }
	w, err := reg.CreateWebhook(ctx, admin, claimcharts.NewWebhook{URL: rcv.URL + "/hook"})
	if err != nil {
		t.Fatal(err)
	}
	rcv.secret = w.Secret
	return reg, w, func(d time.Duration) { reg.Now = func() time.Time { return start.Add(d) } }
}

// admitted returns an entry on the demo pool's public list.
func admitted(t *testing.T, reg *claimcharts.Registry) *claimcharts.Entry {
	t.Helper()
	es, _, err := reg.Entries(context.Background(), claimcharts.Actor{}, demo.PoolSlug, claimcharts.ListOptions{Where: map[string]string{"status": claimcharts.EntryAdmitted}, Limit: 1})
	if err != nil || len(es) == 0 {
		t.Fatalf("no admitted entry: %v", err)
	}
	return es[0]
}

// TestRetriedThenDelivered: a removal is queued without contacting the
// receiver; the first attempt fails, the next is not due until the
// backoff has passed, then it succeeds; every body is signed and the log
// holds both attempts.
func TestRetriedThenDelivered(t *testing.T) {
	rcv := newReceiver(t, 1)
	reg, w, at := world(t, rcv)
	ctx := context.Background()
	e := admitted(t, reg)
	if _, err := reg.MoveEntry(ctx, admin, e.Pool, e.Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Reason: "expired", Date: "2030-01-02"}); err != nil {
		t.Fatal(err)
	}
	if rcv.hits() != 0 {
		t.Fatal("the request that removed the entry contacted the receiver")
	}
	d := &webhook.Deliverer{Registry: reg}
	for i, step := range []struct {
		after     time.Duration
		attempted int
		hits      int
	}{{0, 1, 1}, {0, 0, 1}, {webhook.DefaultBackoff - time.Second, 0, 1}, {webhook.DefaultBackoff, 1, 2}, {time.Hour, 0, 2}} {
		at(step.after)
		n, err := d.RunOnce(ctx)
		if err != nil || n != step.attempted || rcv.hits() != step.hits {
			t.Fatalf("step %d: attempted %d (%v), receiver hit %d times; want %d, %d", i, n, err, rcv.hits(), step.attempted, step.hits)
		}
	}
	if len(rcv.bad) > 0 || rcv.ids[0] != rcv.ids[1] || !strings.Contains(rcv.bodies[0], `"type":"entry.removed"`) || !strings.Contains(rcv.bodies[0], e.Patent) {
		t.Fatalf("bad signatures %v, ids %v, body %s", rcv.bad, rcv.ids, rcv.bodies[0])
	}
	log, _, err := reg.Deliveries(ctx, admin, w.ID, claimcharts.ListOptions{})
	if err != nil || len(log) != 1 || log[0].Status != claimcharts.DeliveryDelivered || len(log[0].Attempts) != 2 || log[0].Attempts[0].Status != http.StatusServiceUnavailable {
		t.Fatalf("delivery log = %+v, %v", log, err)
	}
	if _, _, err := reg.Deliveries(ctx, claimcharts.Actor{ID: "x", Role: claimcharts.RoleLicensor, Organization: e.Holder}, w.ID, claimcharts.ListOptions{}); claimcharts.ErrorCode(err) != claimcharts.EFORBIDDEN {
		t.Fatalf("a licensor reads the delivery log: %v", err)
	}
}

// TestRetriesAreBounded: a receiver that always fails is tried
// MaxAttempts times, then the delivery is failed and never tried again.
func TestRetriesAreBounded(t *testing.T) {
	rcv := newReceiver(t, 1000)
	reg, w, at := world(t, rcv)
	ctx := context.Background()
	e := admitted(t, reg)
	if _, err := reg.MoveEntry(ctx, admin, e.Pool, e.Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Reason: "expired", Date: "2030-01-02"}); err != nil {
		t.Fatal(err)
	}
	d := &webhook.Deliverer{Registry: reg, MaxAttempts: 3, Backoff: time.Minute}
	for i := range 10 {
		at(time.Duration(i) * webhook.MaxBackoff)
		if _, err := d.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	log, _, _ := reg.Deliveries(ctx, admin, w.ID, claimcharts.ListOptions{})
	if rcv.hits() != 3 || len(log) != 1 || log[0].Status != claimcharts.DeliveryFailed || len(log[0].Attempts) != 3 {
		t.Fatalf("receiver hit %d times; log %+v", rcv.hits(), log)
	}
}

// TestNothingUnpublishedInPayloads: a challenge's outcome goes out without
// its challenger; an application withdrawn before admission, which was
// never public, goes out not at all; a disabled webhook hears nothing.
func TestNothingUnpublishedInPayloads(t *testing.T) {
	rcv := newReceiver(t, 0)
	reg, w, _ := world(t, rcv)
	ctx := context.Background()
	e := admitted(t, reg)
	ch, err := reg.FileChallenge(ctx, claimcharts.Actor{}, claimcharts.Filing{Pool: e.Pool, Patent: e.Patent, Statement: "Optional.",
		Challenger: claimcharts.Challenger{Name: "Plugh", Contact: "plugh-private@example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.DecideChallenge(ctx, admin, ch.ID, 0, claimcharts.ChallengeDecision{Outcome: claimcharts.ChallengeDismissed, Reasons: claimcharts.Text{En: "Mandatory."}}); err != nil {
		t.Fatal(err)
	}
	applied, _, err := reg.Entries(ctx, admin, demo.PoolSlug, claimcharts.ListOptions{Where: map[string]string{"status": claimcharts.EntryApplied}, Limit: 1})
	if err != nil || len(applied) == 0 {
		t.Fatal(err)
	}
	if _, err := reg.MoveEntry(ctx, admin, demo.PoolSlug, applied[0].Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Reason: "withdrawn", Date: "2030-01-02"}); err != nil {
		t.Fatal(err)
	}
	d := &webhook.Deliverer{Registry: reg}
	if _, err := d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if rcv.hits() != 1 || !strings.Contains(rcv.bodies[0], `"challenge.decided"`) || !strings.Contains(rcv.bodies[0], "Mandatory.") ||
		strings.Contains(rcv.bodies[0], "plugh") || strings.Contains(rcv.bodies[0], "Plugh") || strings.Contains(rcv.bodies[0], applied[0].Patent) {
		t.Fatalf("the receiver got %d bodies: %v", rcv.hits(), rcv.bodies)
	}
	if _, err := reg.DisableWebhook(ctx, admin, w.ID, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := reg.MoveEntry(ctx, admin, e.Pool, e.Patent, 0, claimcharts.StatusChange{Status: claimcharts.EntryRemoved, Reason: "expired", Date: "2030-01-02"}); err != nil {
		t.Fatal(err)
	}
	if n, err := d.RunOnce(ctx); err != nil || n != 0 {
		t.Fatalf("a disabled webhook: %d attempted, %v", n, err)
	}
}

// TestWebhookURLs: where a webhook may point, and who may register one.
func TestWebhookURLs(t *testing.T) {
	for url, ok := range map[string]bool{
		"https://hooks.example.com/sep": true, "http://127.0.0.1:9000/x": true, "http://localhost/x": true, "http://[::1]:80/": true,
		"http://hooks.example.com/sep": false, "https://10.0.0.7/x": false, "https://192.168.1.1/": false, "https://169.254.169.254/latest": false,
		"https://user:pw@hooks.example.com/": false, "ftp://hooks.example.com/": false, "/relative": false, "https://0.0.0.0/": false,
	} {
		if got := claimcharts.CheckWebhookURL(url) == nil; got != ok {
			t.Errorf("%s allowed = %v, want %v", url, got, ok)
		}
	}
	store, err := bolt.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	reg := claimcharts.NewRegistry(store)
	if _, err := reg.CreateWebhook(context.Background(), claimcharts.Actor{ID: "r", Role: claimcharts.RoleReviewer}, claimcharts.NewWebhook{URL: "https://hooks.example.com/"}); claimcharts.ErrorCode(err) != claimcharts.EFORBIDDEN {
		t.Fatalf("a reviewer registers a webhook: %v", err)
	}
	if _, err := reg.CreateWebhook(context.Background(), admin, claimcharts.NewWebhook{URL: "https://10.1.2.3/"}); claimcharts.ErrorCode(err) != claimcharts.EINVALID {
		t.Fatalf("a webhook into the private network: %v", err)
	}
	list, _, err := reg.Webhooks(context.Background(), admin, claimcharts.ListOptions{})
	if err != nil || len(list) != 0 {
		t.Fatalf("webhooks = %+v, %v", list, err)
	}
}
