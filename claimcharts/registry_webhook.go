package claimcharts

import (
	"context"
	"encoding/json"
	"time"

	"sepportal/claimcharts/msg"
)

// NewWebhook is an administrator's request for a webhook.
type NewWebhook struct {
	URL    string   `json:"url" validate:"required,max=2000"`
	Events []string `json:"events,omitempty" validate:"max=10,dive,oneof=determination.published entry.admitted entry.removed challenge.decided"`
}

// Event is a publication event as a webhook receives it: its type, when it
// happened, and the public record it concerns.
type Event struct {
	ID     string    `json:"id"`
	Type   string    `json:"type"`
	At     time.Time `json:"at"`
	Pool   string    `json:"pool"`
	Patent string    `json:"patent"`
	// Record is the record published, as the public reads it.
	Record any `json:"record"`
}

// CreateWebhook registers a webhook with a new secret, which the answer
// shows once; administrators only.
func (r *Registry) CreateWebhook(ctx context.Context, actor Actor, in NewWebhook) (*Webhook, error) {
	if err := requireAdmin(actor, msg.ActRegisterWebhooks); err != nil {
		return nil, err
	}
	if err := Validate(&in); err != nil {
		return nil, err
	}
	if errs := CheckWebhookURL(in.URL); errs != nil {
		return nil, Says(EINVALID, msg.WebhookRefused).With(errs...)
	}
	secret, _ := NewSecret()
	w := &Webhook{ID: "wh-" + randomID(6), URL: in.URL, Events: in.Events, Secret: "whsec_" + secret[len("sep_"):]}
	if err := create[Webhook](ctx, r, actor, w, nil); err != nil {
		return nil, err
	}
	return w, nil
}

// Webhooks lists the webhooks without their secrets; administrators only.
func (r *Registry) Webhooks(ctx context.Context, actor Actor, opts ListOptions) ([]*Webhook, string, error) {
	if err := requireAdmin(actor, msg.ActListWebhooks); err != nil {
		return nil, "", err
	}
	ws, next, err := list[Webhook](ctx, r.Store, KindWebhook, actor, ListOptions{After: opts.After, Limit: opts.Limit})
	for _, w := range ws {
		w.Secret = ""
	}
	return ws, next, err
}

// DisableWebhook stops a webhook's deliveries; it stays listed, with its
// log. Administrators only; disabling again changes nothing.
func (r *Registry) DisableWebhook(ctx context.Context, actor Actor, id string, ifMatch int64) (*Webhook, error) {
	if err := requireAdmin(actor, msg.ActDisableWebhooks); err != nil {
		return nil, err
	}
	w, doc, err := loadForWrite[Webhook](ctx, r.Store, KindWebhook, id, id, ifMatch)
	if err != nil {
		return nil, err
	}
	if w.DisabledAt == nil {
		now := r.Now()
		w.DisabledAt = &now
		if err := r.save(ctx, actor, w, doc, "disable"); err != nil {
			return nil, err
		}
	}
	w.Secret = ""
	return w, nil
}

// Deliveries lists a webhook's delivery log, filtered by "status";
// administrators only.
func (r *Registry) Deliveries(ctx context.Context, actor Actor, webhook string, opts ListOptions) ([]*Delivery, string, error) {
	if err := requireAdmin(actor, msg.ActReadDeliveries); err != nil {
		return nil, "", err
	}
	if _, err := r.Store.Get(ctx, KindWebhook, webhook); err != nil {
		return nil, "", hidden(err, KindWebhook, webhook)
	}
	opts.Where = with(opts.Where, "webhook", webhook)
	return list[Delivery](ctx, r.Store, KindDelivery, actor, opts)
}

// emit queues ev for every webhook that hears it, as pending deliveries
// that a deliverer sends later: the call that published the record does
// not wait for any receiver. A failure to queue is returned; the record
// stays published.
func (r *Registry) emit(ctx context.Context, ev Event) error {
	now := r.Now()
	ev.At, ev.ID = now, "ev-"+now.Format("20060102T150405")+"-"+randomID(4)
	body, err := json.Marshal(ev)
	if err != nil {
		return Internal(err)
	}
	for doc, err := range Scan(ctx, r.Store, Query{Kind: KindWebhook}) {
		if err != nil {
			return err
		}
		w, err := Decode[Webhook](doc)
		if err != nil {
			return err
		}
		if !w.Hears(ev.Type) {
			continue
		}
		d := &Delivery{ID: ev.ID + "-" + w.ID, Webhook: w.ID, Event: ev.Type, Body: body, Status: DeliveryPending, NextAt: &now}
		if err := create[Delivery](ctx, r, System, d, nil); err != nil {
			return err
		}
	}
	return nil
}

// DueDeliveries returns the pending deliveries due at now with their
// webhooks (secrets included), for the deliverer; at most limit.
func (r *Registry) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]*Delivery, map[string]*Webhook, error) {
	var due []*Delivery
	hooks := map[string]*Webhook{}
	for doc, err := range Scan(ctx, r.Store, Query{Kind: KindDelivery, Where: map[string]string{"status": DeliveryPending}}) {
		if err != nil {
			return nil, nil, err
		}
		d, err := Decode[Delivery](doc)
		if err != nil {
			return nil, nil, err
		}
		if d.NextAt != nil && d.NextAt.After(now) {
			continue
		}
		if _, ok := hooks[d.Webhook]; !ok {
			w, err := find[Webhook](ctx, r.Store, KindWebhook, d.Webhook)
			if err != nil {
				return nil, nil, err
			}
			hooks[d.Webhook] = w
		}
		if due = append(due, d); len(due) == limit {
			break
		}
	}
	return due, hooks, nil
}

// RecordAttempt writes the outcome of an attempt to deliver d: delivered,
// or pending until next (nil when the attempts are used up: failed).
func (r *Registry) RecordAttempt(ctx context.Context, d *Delivery, a Attempt, delivered bool, next *time.Time) error {
	doc, err := r.Store.Get(ctx, KindDelivery, d.ID)
	if err != nil {
		return err
	}
	d.Attempts, d.NextAt = append(d.Attempts, a), next
	switch {
	case delivered:
		d.Status, d.NextAt = DeliveryDelivered, nil
	case next == nil:
		d.Status = DeliveryFailed
	}
	return r.save(ctx, System, d, doc, "attempt")
}
