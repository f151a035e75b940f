package claimcharts

import (
	"encoding/json"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"sepportal/claimcharts/msg"
)

// Webhook is an administrator-registered endpoint that hears of publication
// events: an HTTP POST of a JSON body signed with HMAC-SHA256 under the
// webhook's secret (see the delivery package for the header). The secret
// is shown once, when the webhook is created.
type Webhook struct {
	ID  string `json:"id" validate:"required,slug"`
	URL string `json:"url" validate:"required,max=2000"`
	// Events are the event types it hears; empty means all.
	Events []string `json:"events,omitempty" validate:"max=10,dive,oneof=determination.published entry.admitted entry.removed challenge.decided"`
	// Secret signs the bodies. The registry clears it from every webhook
	// it returns but the one it creates.
	Secret     string     `json:"secret,omitempty"`
	DisabledAt *time.Time `json:"disabled_at,omitempty"`
	Meta
}

// Event types a webhook hears.
const (
	EventDeterminationPublished = "determination.published"
	EventEntryAdmitted          = "entry.admitted"
	EventEntryRemoved           = "entry.removed"
	EventChallengeDecided       = "challenge.decided"
)

// Kind implements Record.
func (w *Webhook) Kind() Kind { return KindWebhook }

// Key implements Record.
func (w *Webhook) Key() string { return w.ID }

// Indexes implements Record.
func (w *Webhook) Indexes() map[string]string { return nil }

// Public implements Record: never.
func (w *Webhook) Public() bool { return false }

// Hears reports whether the webhook is enabled and hears event type ev.
func (w *Webhook) Hears(ev string) bool {
	return w.DisabledAt == nil && (len(w.Events) == 0 || slices.Contains(w.Events, ev))
}

// CheckWebhookURL checks where a webhook may point: an absolute https URL
// without credentials whose host is a name or a public address, or an
// http URL to the loopback interface (a receiver on the same machine, as
// tests use). Private, link-local and unspecified addresses are refused,
// so a webhook cannot reach into the network the portal runs in.
func CheckWebhookURL(raw string) []FieldError {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" || u.User != nil || u.Fragment != "" {
		return []FieldError{Because("url", msg.WebhookURL)}
	}
	host := u.Hostname()
	loopback := host == "localhost" || strings.HasSuffix(host, ".localhost")
	ip := net.ParseIP(host)
	if ip != nil {
		loopback = ip.IsLoopback()
		if !loopback && (ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsMulticast()) {
			return []FieldError{Because("url", msg.WebhookPrivate)}
		}
	}
	switch {
	case u.Scheme == "https", u.Scheme == "http" && loopback:
		return nil
	}
	return []FieldError{Because("url", msg.WebhookHTTPS)}
}

// Delivery is one event sent, or to be sent, to one webhook, with its
// attempts: the delivery log an administrator reads.
type Delivery struct {
	ID      string `json:"id" validate:"required"`
	Webhook string `json:"webhook" validate:"required,slug"`
	Event   string `json:"event" validate:"required"`
	// Body is the JSON sent, built from public records only.
	Body     json.RawMessage `json:"body"`
	Status   string          `json:"status" validate:"required,oneof=pending delivered failed"`
	Attempts []Attempt       `json:"attempts"`
	// NextAt is when the next attempt is due, while pending.
	NextAt *time.Time `json:"next_at,omitempty"`
	Meta
}

// Attempt is one try to deliver: when, the answer's status (0 when there
// was none) and what went wrong.
type Attempt struct {
	At     time.Time `json:"at"`
	Status int       `json:"status"`
	Error  string    `json:"error,omitempty"`
}

// Delivery status values.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// Kind implements Record.
func (d *Delivery) Kind() Kind { return KindDelivery }

// Key implements Record.
func (d *Delivery) Key() string { return d.ID }

// Indexes implements Record.
func (d *Delivery) Indexes() map[string]string {
	return map[string]string{"webhook": d.Webhook, "status": d.Status}
}

// Public implements Record: never.
func (d *Delivery) Public() bool { return false }
