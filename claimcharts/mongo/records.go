package mongo

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// record is a document of the records collection.
type record struct {
	ID      string            `bson:"_id"`
	Kind    claimcharts.Kind  `bson:"kind"`
	Key     string            `bson:"key"`
	Rev     int64             `bson:"rev"`
	Seq     int64             `bson:"seq"`
	Indexes map[string]string `bson:"indexes"`
	Data    []byte            `bson:"data"`
	Updated time.Time         `bson:"updated"`
	Audit   []auditEntry      `bson:"audit,omitempty"`
}

// auditEntry is one element of a record's audit array; kind and key are
// those of the record. Seq is the change-feed number of the write, so the
// audit arrays are also the change feed.
type auditEntry struct {
	Rev        int64     `bson:"rev"`
	Seq        int64     `bson:"seq"`
	Action     string    `bson:"action"`
	Actor      string    `bson:"actor"`
	At         time.Time `bson:"at"`
	HashBefore string    `bson:"hash_before,omitempty"`
	HashAfter  string    `bson:"hash_after"`
}

// withoutAudit leaves the audit array on the server when reading records.
var withoutAudit = bson.D{{Key: "audit", Value: 0}}

func newRecord(doc claimcharts.Doc) record {
	idx := doc.Indexes
	if idx == nil {
		idx = map[string]string{}
	}
	return record{ID: recordID(doc.Kind, doc.Key), Kind: doc.Kind, Key: doc.Key, Rev: doc.Rev, Seq: int64(doc.Seq),
		Indexes: idx, Data: doc.Data, Updated: doc.Updated}
}

func (r record) doc() claimcharts.Doc {
	d := claimcharts.Doc{Kind: r.Kind, Key: r.Key, Rev: r.Rev, Seq: uint64(r.Seq), Data: r.Data, Updated: r.Updated.UTC()}
	if len(r.Indexes) > 0 {
		d.Indexes = r.Indexes
	}
	return d
}

func newAuditEntry(ev claimcharts.AuditEvent, seq uint64) auditEntry {
	return auditEntry{Rev: ev.Rev, Seq: int64(seq), Action: ev.Action, Actor: ev.Actor, At: ev.At,
		HashBefore: ev.HashBefore, HashAfter: ev.HashAfter}
}

func (a auditEntry) event(kind claimcharts.Kind, key string) claimcharts.AuditEvent {
	return claimcharts.AuditEvent{Kind: kind, Key: key, Rev: a.Rev, Action: a.Action, Actor: a.Actor,
		At: a.At.UTC(), HashBefore: a.HashBefore, HashAfter: a.HashAfter}
}

// Get implements claimcharts.Store.
func (s *Store) Get(ctx context.Context, kind claimcharts.Kind, key string) (claimcharts.Doc, error) {
	if err := checkKind(kind); err != nil {
		return claimcharts.Doc{}, err
	}
	var r record
	err := s.records.FindOne(ctx, bson.D{{Key: "_id", Value: recordID(kind, key)}},
		options.FindOne().SetProjection(withoutAudit)).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return claimcharts.Doc{}, claimcharts.Says(claimcharts.ENOTFOUND, msg.NotFound, msg.Noun(kind), strconv.Quote(key))
	}
	if err != nil {
		return claimcharts.Doc{}, storeError(err)
	}
	return r.doc(), nil
}

// GetInto implements claimcharts.Store: the body is kept as its bytes
// (BinData), so Get hands it over without decoding it, and it is decoded
// once.
func (s *Store) GetInto(ctx context.Context, kind claimcharts.Kind, key string, rec any) (claimcharts.Doc, error) {
	return claimcharts.GetThenDecode(ctx, s, kind, key, rec)
}

// Put implements claimcharts.Store. A create inserts the document with its
// first audit event (a duplicate _id is ECONFLICT); an update is one
// updateOne filtered on {_id, rev} that sets the new revision and pushes
// the audit event. The change-feed number is drawn first, so a refused
// write leaves a gap in the feed.
//
// Updated and the event's At are kept to the millisecond (BSON dates); the
// returned document carries the stored value.
func (s *Store) Put(ctx context.Context, doc claimcharts.Doc, ev claimcharts.AuditEvent) (claimcharts.Doc, error) {
	if err := claimcharts.CheckDoc(doc); err != nil {
		return claimcharts.Doc{}, err
	}
	if err := checkKind(doc.Kind); err != nil {
		return claimcharts.Doc{}, err
	}
	if err := checkIndexNames(doc); err != nil {
		return claimcharts.Doc{}, err
	}
	if s.quirks.serialWrites {
		s.writeLock.Lock()
		defer s.writeLock.Unlock()
	}
	seq, err := s.nextSeq(ctx)
	if err != nil {
		return claimcharts.Doc{}, err
	}
	prev := doc.Rev
	doc.Rev, doc.Seq = prev+1, seq
	doc.Updated = doc.Updated.Truncate(time.Millisecond).UTC()
	ev.Kind, ev.Key, ev.Rev = doc.Kind, doc.Key, doc.Rev
	if prev == 0 {
		err = s.create(ctx, doc, ev)
	} else {
		err = s.update(ctx, prev, doc, ev)
	}
	if err != nil {
		return claimcharts.Doc{}, err
	}
	return doc, nil
}

// PutMany implements claimcharts.Store. Without multi-document
// transactions the batch is not atomic: documents are written in order and
// the first failure stops the batch, leaving earlier writes in place.
func (s *Store) PutMany(ctx context.Context, writes []claimcharts.Write) ([]claimcharts.Doc, error) {
	out := make([]claimcharts.Doc, 0, len(writes))
	for _, w := range writes {
		doc, err := s.Put(ctx, w.Doc, w.Event)
		if err != nil {
			return out, err
		}
		out = append(out, doc)
	}
	return out, nil
}

func (s *Store) create(ctx context.Context, doc claimcharts.Doc, ev claimcharts.AuditEvent) error {
	r := newRecord(doc)
	r.Audit = []auditEntry{newAuditEntry(ev, doc.Seq)}
	_, err := s.records.InsertOne(ctx, r)
	if mongo.IsDuplicateKeyError(err) {
		return claimcharts.Says(claimcharts.ECONFLICT, msg.Exists, msg.Noun(doc.Kind), doc.Key)
	}
	return storeError(err)
}

func (s *Store) update(ctx context.Context, prev int64, doc claimcharts.Doc, ev claimcharts.AuditEvent) error {
	r := newRecord(doc)
	filter := bson.D{{Key: "_id", Value: r.ID}, {Key: "rev", Value: prev}}
	change := bson.D{
		{Key: "$set", Value: bson.D{{Key: "rev", Value: r.Rev}, {Key: "seq", Value: r.Seq},
			{Key: "indexes", Value: r.Indexes}, {Key: "data", Value: r.Data}, {Key: "updated", Value: r.Updated}}},
		{Key: "$push", Value: bson.D{{Key: "audit", Value: newAuditEntry(ev, doc.Seq)}}},
	}
	res, err := s.records.UpdateOne(ctx, filter, change)
	if err != nil {
		return storeError(err)
	}
	if res.MatchedCount == 1 {
		return nil
	}
	return s.refusal(ctx, doc.Kind, doc.Key, prev)
}

// refusal tells why an update at revision prev matched nothing: the record
// is missing (ENOTFOUND) or at another revision (EPRECONDITION).
func (s *Store) refusal(ctx context.Context, kind claimcharts.Kind, key string, prev int64) error {
	var cur struct {
		Rev int64 `bson:"rev"`
	}
	err := s.records.FindOne(ctx, bson.D{{Key: "_id", Value: recordID(kind, key)}},
		options.FindOne().SetProjection(bson.D{{Key: "rev", Value: 1}})).Decode(&cur)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return claimcharts.Says(claimcharts.ENOTFOUND, msg.NotFound, msg.Noun(kind), strconv.Quote(key))
	}
	if err != nil {
		return storeError(err)
	}
	return claimcharts.Says(claimcharts.EPRECONDITION, msg.StaleRevision, cur.Rev, prev)
}

// nextSeq draws the next change-feed number. The first draw creates the
// counter; a concurrent first draw may lose that insert race and retries.
func (s *Store) nextSeq(ctx context.Context) (uint64, error) {
	opts := options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)
	inc := bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: int64(1)}}}}
	var c struct {
		N int64 `bson:"n"`
	}
	var err error
	for range 3 {
		err = s.counters.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: changesCounter}}, inc, opts).Decode(&c)
		if !mongo.IsDuplicateKeyError(err) {
			break
		}
	}
	if err != nil {
		return 0, storeError(err)
	}
	return uint64(c.N), nil
}

// List implements claimcharts.Store: one find on kind, every Where field
// and key > After, sorted by key, one record more than the page to know
// whether another page follows.
func (s *Store) List(ctx context.Context, q claimcharts.Query) (claimcharts.Page, error) {
	if err := checkKind(q.Kind); err != nil {
		return claimcharts.Page{}, err
	}
	limit := claimcharts.PageLimit(q.Limit)
	opts := options.Find().SetSort(bson.D{{Key: "key", Value: 1}}).SetLimit(int64(limit + 1)).SetProjection(withoutAudit)
	cur, err := s.records.Find(ctx, listFilter(q), opts)
	if err != nil {
		return claimcharts.Page{}, storeError(err)
	}
	var rs []record
	if err := cur.All(ctx, &rs); err != nil {
		return claimcharts.Page{}, storeError(err)
	}
	var page claimcharts.Page
	for _, r := range rs {
		if len(page.Docs) == limit {
			page.Next = page.Docs[limit-1].Key
			break
		}
		page.Docs = append(page.Docs, r.doc())
	}
	return page, nil
}

func listFilter(q claimcharts.Query) bson.D {
	filter := bson.D{{Key: "kind", Value: q.Kind}}
	fields := make([]string, 0, len(q.Where))
	for f := range q.Where {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		filter = append(filter, bson.E{Key: "indexes." + f, Value: q.Where[f]})
	}
	if q.After != "" {
		filter = append(filter, bson.E{Key: "key", Value: bson.D{{Key: "$gt", Value: q.After}}})
	}
	return filter
}

// Changes implements claimcharts.Store. Every write's number is kept in its
// audit event, so the feed is read from the audit arrays: the entries
// numbered in a window above after, unwound and sorted on the server. The
// window starts at limit numbers and doubles while refused writes (which
// use up a number) leave it short, up to the last number handed out.
//
// Unlike the embedded store, writers are not serialised: writer A may draw
// 7, writer B draw 8 and commit first, so a lower number can become visible
// after a higher one. An indexer tailing this feed must re-read a window
// behind its checkpoint rather than trust that nothing will appear below
// it. One writer alone sees its changes in order.
func (s *Store) Changes(ctx context.Context, after uint64, limit int) ([]claimcharts.Change, error) {
	if limit <= 0 {
		return nil, nil
	}
	last, err := s.lastSeq(ctx)
	if err != nil {
		return nil, err
	}
	var out []claimcharts.Change
	for lo, width := after, uint64(limit); len(out) < limit && lo < last; width *= 2 {
		hi := last
		if last-lo > width {
			hi = lo + width
		}
		got, err := s.changesBetween(ctx, lo, hi, limit-len(out))
		if err != nil {
			return nil, err
		}
		out, lo = append(out, got...), hi
	}
	return out, nil
}

// lastSeq is the last change-feed number handed out, 0 before the first.
func (s *Store) lastSeq(ctx context.Context) (uint64, error) {
	var c struct {
		N int64 `bson:"n"`
	}
	err := s.counters.FindOne(ctx, bson.D{{Key: "_id", Value: changesCounter}}).Decode(&c)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, nil
	}
	if err != nil {
		return 0, storeError(err)
	}
	return uint64(c.N), nil
}

// changesBetween returns the first n change-feed entries numbered in
// (lo, hi], in order. Kind and key are read back from _id because FerretDB 1.24's
// $unwind keeps only _id and the unwound field.
func (s *Store) changesBetween(ctx context.Context, lo, hi uint64, n int) ([]claimcharts.Change, error) {
	window := bson.D{{Key: "$gt", Value: int64(lo)}, {Key: "$lte", Value: int64(hi)}}
	pipeline := mongo.Pipeline{
		{{Key: "$match", Value: s.changedWithin(window)}},
		{{Key: "$project", Value: bson.D{{Key: "audit", Value: 1}}}},
		{{Key: "$unwind", Value: "$audit"}},
		{{Key: "$match", Value: bson.D{{Key: "audit.seq", Value: window}}}},
		{{Key: "$sort", Value: bson.D{{Key: "audit.seq", Value: 1}}}},
		{{Key: "$limit", Value: int64(n)}},
	}
	cur, err := s.records.Aggregate(ctx, pipeline)
	if err != nil {
		return nil, storeError(err)
	}
	var rows []struct {
		ID    string     `bson:"_id"`
		Audit auditEntry `bson:"audit"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, storeError(err)
	}
	out := make([]claimcharts.Change, 0, len(rows))
	for _, r := range rows {
		kind, key, _ := strings.Cut(r.ID, "/")
		out = append(out, claimcharts.Change{Seq: uint64(r.Audit.Seq), Kind: claimcharts.Kind(kind), Key: key, Rev: r.Audit.Rev})
	}
	return out, nil
}

// changedWithin selects the records with an audit event numbered within
// window. With $elemMatch both bounds hold for one element, so MongoDB scans
// the multikey index on audit.seq within them; without it (FerretDB) each
// bound may hold for another element, which the $match after $unwind
// sorts out.
func (s *Store) changedWithin(window bson.D) bson.D {
	if s.quirks.noElemMatch {
		return bson.D{{Key: "audit.seq", Value: window}}
	}
	return bson.D{{Key: "audit", Value: bson.D{{Key: "$elemMatch", Value: bson.D{{Key: "seq", Value: window}}}}}}
}

// Audit implements claimcharts.Store: the record's audit array, oldest
// first; none (and no error) for a record that does not exist.
func (s *Store) Audit(ctx context.Context, kind claimcharts.Kind, key string) ([]claimcharts.AuditEvent, error) {
	var r struct {
		Audit []auditEntry `bson:"audit"`
	}
	err := s.records.FindOne(ctx, bson.D{{Key: "_id", Value: recordID(kind, key)}},
		options.FindOne().SetProjection(bson.D{{Key: "audit", Value: 1}})).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	if err != nil {
		return nil, storeError(err)
	}
	out := make([]claimcharts.AuditEvent, 0, len(r.Audit))
	for _, a := range r.Audit {
		out = append(out, a.event(kind, key))
	}
	return out, nil
}
