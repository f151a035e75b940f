package metrics

import (
	"context"
	"time"

	"sepportal/claimcharts"
)

// Store wraps s so that every operation is timed, and every error counted,
// in the metrics: one decorator, no call site changes.
func (m *Metrics) Store(s claimcharts.Store) claimcharts.Store {
	return &timedStore{Store: s, m: m}
}

// timedStore is a claimcharts.Store that records each operation.
type timedStore struct {
	claimcharts.Store
	m *Metrics
}

// observe records an operation that began at start and returned err.
func (t *timedStore) observe(op string, start time.Time, err error) {
	t.m.storeTime.WithLabelValues(op).Observe(time.Since(start).Seconds())
	if err != nil {
		t.m.storeErrors.WithLabelValues(op, claimcharts.ErrorCode(err)).Inc()
	}
}

func (t *timedStore) Get(ctx context.Context, kind claimcharts.Kind, key string) (d claimcharts.Doc, err error) {
	defer func(start time.Time) { t.observe("get", start, err) }(time.Now())
	return t.Store.Get(ctx, kind, key)
}

func (t *timedStore) GetInto(ctx context.Context, kind claimcharts.Kind, key string, rec any) (d claimcharts.Doc, err error) {
	defer func(start time.Time) { t.observe("get", start, err) }(time.Now())
	return t.Store.GetInto(ctx, kind, key, rec)
}

func (t *timedStore) Put(ctx context.Context, doc claimcharts.Doc, ev claimcharts.AuditEvent) (d claimcharts.Doc, err error) {
	defer func(start time.Time) { t.observe("put", start, err) }(time.Now())
	return t.Store.Put(ctx, doc, ev)
}

func (t *timedStore) PutMany(ctx context.Context, writes []claimcharts.Write) (d []claimcharts.Doc, err error) {
	defer func(start time.Time) { t.observe("put_many", start, err) }(time.Now())
	return t.Store.PutMany(ctx, writes)
}

func (t *timedStore) List(ctx context.Context, q claimcharts.Query) (p claimcharts.Page, err error) {
	defer func(start time.Time) { t.observe("list", start, err) }(time.Now())
	return t.Store.List(ctx, q)
}

func (t *timedStore) Changes(ctx context.Context, after uint64, limit int) (c []claimcharts.Change, err error) {
	defer func(start time.Time) { t.observe("changes", start, err) }(time.Now())
	return t.Store.Changes(ctx, after, limit)
}

func (t *timedStore) Audit(ctx context.Context, kind claimcharts.Kind, key string) (a []claimcharts.AuditEvent, err error) {
	defer func(start time.Time) { t.observe("audit", start, err) }(time.Now())
	return t.Store.Audit(ctx, kind, key)
}

func (t *timedStore) Ping(ctx context.Context) (err error) {
	defer func(start time.Time) { t.observe("ping", start, err) }(time.Now())
	return t.Store.Ping(ctx)
}
