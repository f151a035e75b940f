package claimcharts

import (
	"context"
	"slices"
	"strings"
	"time"

	"sepportal/claimcharts/msg"
)

// Application is a request to put a patent on a pool's list.
type Application struct {
	Patent string `json:"patent" validate:"required,max=200"`
	// Date is the date of the application; today when empty.
	Date Date   `json:"date,omitempty" validate:"omitempty,date"`
	Note string `json:"note,omitempty" validate:"max=2000"`
}

// StatusChange moves an entry to a new status.
type StatusChange struct {
	Status string `json:"status" validate:"required,oneof=applied under_review admitted removed"`
	// Date is when the change takes effect; today when empty.
	Date   Date   `json:"date,omitempty" validate:"omitempty,date"`
	Reason string `json:"reason,omitempty" validate:"omitempty,oneof=expired invalidated withdrawn not_essential transferred term_ended"`
	Note   string `json:"note,omitempty" validate:"max=2000"`
}

// Entry returns a patent's entry on a pool's list, if actor may see it.
func (r *Registry) Entry(ctx context.Context, actor Actor, slug, number string) (*Entry, error) {
	key, err := r.patentKey(ctx, number)
	if err != nil {
		return nil, err
	}
	pool, err := r.Pool(ctx, actor, slug)
	if err != nil {
		return nil, err
	}
	e, err := find[Entry](ctx, r.Store, KindEntry, EntryKey(slug, key))
	if err != nil {
		return nil, hidden(err, KindEntry, number)
	}
	if !SeesEntry(actor, e, pool) {
		return nil, notFound(KindEntry, number)
	}
	return e, nil
}

// EntriesOfPatent reads the entries of the patent with this key (the Key
// of a Patent already read) on the lists of the pools actor may see. It
// reads the pools once and each entry directly, where Entry would resolve
// the number and read the pool again for each: a number lookup's answer
// links its entries, so this is on the hottest read path.
func (r *Registry) EntriesOfPatent(ctx context.Context, actor Actor, key string) ([]*Entry, error) {
	pools, err := r.AllPools(ctx, actor)
	if err != nil {
		return nil, err
	}
	return r.EntriesIn(ctx, actor, key, pools)
}

// AllPools reads every pool actor may see, page by page.
func (r *Registry) AllPools(ctx context.Context, actor Actor) ([]*Pool, error) {
	var out []*Pool
	opts := ListOptions{Limit: MaxLimit}
	for {
		pools, next, err := r.Pools(ctx, actor, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, pools...)
		if next == "" {
			return out, nil
		}
		opts.After = next
	}
}

// EntriesIn reads the entries of the patent with this key on the lists of
// pools, as AllPools read them for actor (a caller may keep them while the
// store does not change), that actor may see.
func (r *Registry) EntriesIn(ctx context.Context, actor Actor, key string, pools []*Pool) ([]*Entry, error) {
	var out []*Entry
	for _, pool := range pools {
		e, err := find[Entry](ctx, r.Store, KindEntry, EntryKey(pool.Slug, key))
		switch {
		case ErrorCode(err) == ENOTFOUND:
			continue
		case err != nil:
			return nil, err
		}
		if SeesEntry(actor, e, pool) {
			out = append(out, e)
		}
	}
	return out, nil
}

// Entries lists a pool's entries visible to actor, filtered by status or holder.
func (r *Registry) Entries(ctx context.Context, actor Actor, pool string, opts ListOptions) ([]*Entry, string, error) {
	if _, err := r.Pool(ctx, actor, pool); err != nil {
		return nil, "", err
	}
	opts.Where = with(opts.Where, "pool", pool)
	return list[Entry](ctx, r.Store, KindEntry, actor, opts)
}

// Apply puts a patent on a pool's list as an application; administrators,
// or the licensor holding the patent.
func (r *Registry) Apply(ctx context.Context, actor Actor, pool string, app Application) (*Entry, error) {
	if err := Validate(&app); err != nil {
		return nil, err
	}
	if _, err := r.Pool(ctx, actor, pool); err != nil {
		return nil, err
	}
	p, err := r.writablePatent(ctx, actor, app.Patent, msg.ActApplyWith)
	if err != nil {
		return nil, err
	}
	now := r.Now()
	if app.Date == "" {
		app.Date = Date(now.Format("2006-01-02"))
	}
	e := &Entry{Pool: pool, Patent: p.Key(), Family: p.Family, Holder: p.Holder, Status: EntryApplied,
		History: []EntryEvent{{Status: EntryApplied, Date: app.Date, Note: app.Note, At: now}}}
	return e, create[Entry](ctx, r, actor, e, nil)
}

// MoveEntry changes an entry's status; administrators only. Asking for
// the status the entry is in, as it was given, changes nothing (a double
// submit). Admission needs
// a published determination of this pool finding the patent essential;
// removal needs a reason. Admission publishes the patent and its family.
func (r *Registry) MoveEntry(ctx context.Context, actor Actor, pool, number string, ifMatch int64, ch StatusChange) (*Entry, error) {
	if err := requireAdmin(actor, msg.ActChangePoolList); err != nil {
		return nil, err
	}
	if err := Validate(&ch); err != nil {
		return nil, err
	}
	key, err := r.patentKey(ctx, number)
	if err != nil {
		return nil, err
	}
	e, doc, err := load[Entry](ctx, r.Store, KindEntry, EntryKey(pool, key))
	if err != nil {
		return nil, hidden(err, KindEntry, number)
	}
	if e.repeats(ch) {
		return e, nil // a double submit changes nothing
	}
	if err := checkRev(doc.Rev, ifMatch); err != nil {
		return nil, err
	}
	if err := r.checkMove(ctx, e, &ch); err != nil {
		return nil, err
	}
	if ch.Status == EntryAdmitted {
		// Publish the patent first: a crash in between leaves a published
		// patent on no public list, which the next admission call completes.
		if err := r.publishPatent(ctx, actor, key); err != nil {
			return nil, err
		}
	}
	e.apply(ch, r.Now())
	if err := r.save(ctx, actor, e, doc, "status:"+ch.Status); err != nil {
		return nil, err
	}
	if ev, ok := entryEvents[ch.Status]; ok && e.Public() {
		return e, r.emit(ctx, Event{Type: ev, Pool: e.Pool, Patent: e.Patent, Record: e})
	}
	return e, nil
}

// entryEvents are the event types of the moves that change a public list.
var entryEvents = map[string]string{EntryAdmitted: EventEntryAdmitted, EntryRemoved: EventEntryRemoved}

// checkMove checks that a status change is legal, filling in its date.
func (r *Registry) checkMove(ctx context.Context, e *Entry, ch *StatusChange) error {
	if !e.CanMove(ch.Status) {
		return Illegal(e.NextStatuses(), msg.EntryMove, msg.Noun(e.Status), msg.Noun(ch.Status))
	}
	if ch.Date == "" {
		ch.Date = Date(r.Now().Format("2006-01-02"))
	}
	if n := len(e.History); n > 0 && ch.Date.Before(e.History[n-1].Date) {
		return Says(EINVALID, msg.InTime).With(Because("date", msg.BeforePrevious,
			msg.Noun(e.History[n-1].Status), string(e.History[n-1].Date)))
	}
	switch ch.Status {
	case EntryRemoved:
		if ch.Reason == "" {
			return Says(EINVALID, msg.RemovalReason).With(Because("reason", msg.OneOfList, strings.Join(RemovalReasons, ", ")))
		}
		if e.Effective != "" && ch.Date.Before(e.Effective) {
			return Says(EINVALID, msg.RemovalBeforeAdmission).With(Because("date", msg.BeforeAdmission, string(e.Effective)))
		}
	case EntryAdmitted:
		return r.checkEssential(ctx, e)
	}
	return nil
}

// checkEssential requires a published determination of e's pool finding e's
// patent essential in e's review round: pools admit patents only after
// expert review, and a review a challenge reopened only after the new round.
func (r *Registry) checkEssential(ctx context.Context, e *Entry) error {
	page, err := r.Store.List(ctx, Query{Kind: KindDetermination,
		Where: map[string]string{"pool": e.Pool, "patent": e.Patent, "status": StatusPublished}, Limit: MaxLimit})
	if err != nil {
		return err
	}
	ds, err := decodePage[Determination](page)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(ds, func(d *Determination) bool { return d.Result == Essential && d.Round == e.Round }) {
		return nil
	}
	return Says(ECONFLICT, msg.NotEssential, e.Patent, e.Pool)
}

// repeats reports whether ch is the entry's last change again: the same
// status, and the same date and reason when it gives them.
func (e *Entry) repeats(ch StatusChange) bool {
	n := len(e.History)
	if n == 0 || e.Status != ch.Status {
		return false
	}
	last := e.History[n-1]
	return last.Status == ch.Status && (ch.Date == "" || ch.Date == last.Date) && (ch.Reason == "" || ch.Reason == last.Reason)
}

// apply records a legal status change made at time now.
func (e *Entry) apply(ch StatusChange, now time.Time) {
	e.Status = ch.Status
	switch ch.Status {
	case EntryAdmitted:
		e.Effective = ch.Date
	case EntryRemoved:
		e.Removed, e.Reason = ch.Date, ch.Reason
	}
	e.History = append(e.History, EntryEvent{Status: ch.Status, Date: ch.Date, Reason: ch.Reason, Note: ch.Note, At: now})
}

// publishPatent publishes a patent and its family, unless the family is
// another holder's (Family.Holds): publishing one organization's patent
// never publishes another's records.
func (r *Registry) publishPatent(ctx context.Context, actor Actor, key string) error {
	p, doc, err := load[Patent](ctx, r.Store, KindPatent, key)
	if err != nil {
		return err
	}
	if !p.Published {
		p.Published = true
		if err := r.save(ctx, actor, p, doc, "publish"); err != nil {
			return err
		}
	}
	if p.Family == "" {
		return nil
	}
	f, fdoc, err := load[Family](ctx, r.Store, KindFamily, p.Family)
	if err != nil || f.Published || !f.Holds(p) {
		return err
	}
	f.Published = true
	return r.save(ctx, actor, f, fdoc, "publish")
}
