// Package mongo is the MongoDB store: claimcharts.Store on the official
// driver, for replica sets and sharded clusters (serve --mongo-uri).
//
// It uses neither multi-document transactions nor change streams, so it
// also runs on a standalone mongod and on FerretDB 1.24, which has neither.
// Every invariant lives inside one document of the collection "records":
//
//	{
//	  _id:     "patent/EP2777236",      // kind + "/" + key
//	  kind:    "patent",
//	  key:     "EP2777236",
//	  rev:     3,                        // optimistic concurrency
//	  seq:     1042,                     // change-feed position of the latest write
//	  indexes: {holder: "acme", public: "true"},
//	  data:    BinData(0, ...),          // the JSON body, byte for byte
//	  updated: ISODate(...),             // millisecond precision
//	  audit:   [{rev, seq, action, actor, at, hash_before, hash_after}, ...]
//	}
//
// A write bumps rev, sets seq and pushes its audit event in one single-
// document update, so a record and its audit trail never disagree. The
// sequence numbers come from the collection "counters" ({_id: "changes",
// n}), incremented with findAndModify. Each audit event keeps the number of
// its write, so the audit arrays are also the change feed, with every
// revision in it (Changes unwinds them). A record rewritten tens of
// thousands of times would reach MongoDB's 16 MB document limit.
package mongo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/connstring"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// DefaultDatabase is the database used when neither the URI path nor
// WithDatabase names one.
const DefaultDatabase = "sepportal"

// Collection names.
const (
	RecordsCollection  = "records"
	CountersCollection = "counters"
)

// changesCounter is the _id of the counter that numbers change-feed entries.
const changesCounter = "changes"

// Store is the MongoDB store.
type Store struct {
	client   *mongo.Client
	records  *mongo.Collection
	counters *mongo.Collection

	quirks    quirks
	writeLock sync.Mutex // held by Put when quirks.serialWrites
}

// quirks are the workarounds a server needs. FerretDB 1.x needs both; a
// real MongoDB neither. FerretDB is for tests only.
type quirks struct {
	// serialWrites: the server does not apply an update atomically.
	// FerretDB 1.x reads the matching document and writes it back by _id
	// with nothing in between to stop a second writer, so two writers at
	// one rev would both win and $inc would hand out one number twice. Put
	// then holds Store.writeLock: one Store is correct, several processes
	// sharing one FerretDB are not.
	serialWrites bool
	// noElemMatch: $elemMatch over an array of documents silently matches
	// nothing (FerretDB 1.24), so Changes filters on audit.seq alone before
	// unwinding, which scans more of the index on a real MongoDB.
	noElemMatch bool
}

var _ claimcharts.Store = (*Store)(nil)

// Option configures Open.
type Option func(*config)

type config struct {
	database string
}

// WithDatabase names the database, overriding the URI path.
func WithDatabase(name string) Option {
	return func(c *config) { c.database = name }
}

// Open connects to the MongoDB at uri (mongodb:// or mongodb+srv://), checks
// that it answers, and creates the indexes the store needs. The database is
// the URI path ("mongodb://host/registry"), else DefaultDatabase. How long
// Open waits for an unreachable server is bounded by ctx and by the URI's
// serverSelectionTimeoutMS (30 s by default); it then fails with
// EUNAVAILABLE.
func Open(ctx context.Context, uri string, opts ...Option) (*Store, error) {
	cs, err := connstring.ParseAndValidate(uri)
	if err != nil {
		return nil, &claimcharts.Error{Code: claimcharts.EINVALID, Message: "the MongoDB URI is malformed", Err: err}
	}
	cfg := config{database: cs.Database}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.database == "" {
		cfg.database = DefaultDatabase
	}
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		return nil, &claimcharts.Error{Code: claimcharts.EINVALID, Message: "the MongoDB URI is not usable", Err: err}
	}
	db := client.Database(cfg.database)
	s := &Store{client: client, records: db.Collection(RecordsCollection), counters: db.Collection(CountersCollection)}
	if err := s.prepare(ctx, cs.Hosts); err != nil {
		client.Disconnect(context.Background())
		return nil, err
	}
	return s, nil
}

// prepare checks the server answers, learns whether it is FerretDB (and
// so which quirks to allow for) and creates the indexes.
func (s *Store) prepare(ctx context.Context, hosts []string) error {
	if err := s.ping(ctx); err != nil {
		return &claimcharts.Error{Code: claimcharts.EUNAVAILABLE,
			Message: fmt.Sprintf("MongoDB at %s is not reachable", strings.Join(hosts, ",")), Err: err}
	}
	var info bson.M
	if err := s.records.Database().RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		return storeError(err)
	}
	if _, ferret := info["ferretdbVersion"]; ferret {
		s.quirks = quirks{serialWrites: true, noElemMatch: true}
	}
	return s.createIndexes(ctx)
}

// Close disconnects from the server.
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.client.Disconnect(ctx)
}

// Ping runs the ping command; a server that does not answer gives
// EUNAVAILABLE.
func (s *Store) Ping(ctx context.Context) error { return storeError(s.ping(ctx)) }

func (s *Store) ping(ctx context.Context) error {
	return s.records.Database().RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err()
}

// storeError maps a driver error to the domain's codes: EUNAVAILABLE when
// the server cannot be reached in time, EINTERNAL otherwise.
func storeError(err error) error {
	switch {
	case err == nil:
		return nil
	case mongo.IsNetworkError(err), mongo.IsTimeout(err), errors.Is(err, mongo.ErrClientDisconnected),
		errors.As(err, &topology.ServerSelectionError{}):
		return &claimcharts.Error{Code: claimcharts.EUNAVAILABLE, Message: "the MongoDB store is not reachable", Err: err}
	}
	return claimcharts.Internal(err)
}

// recordID is the _id of a record: kind and key joined by "/". A kind holds
// no "/", so the split is unambiguous, and within one kind _id order is key
// order.
func recordID(kind claimcharts.Kind, key string) string { return string(kind) + "/" + key }

// checkKind refuses kinds the registry does not know, as the embedded store
// does.
func checkKind(kind claimcharts.Kind) error {
	for _, k := range claimcharts.Kinds {
		if k == kind {
			return nil
		}
	}
	return claimcharts.Says(claimcharts.EINVALID, msg.UnknownKind, kind)
}

// checkIndexNames refuses index fields MongoDB would read as a path or an
// operator ("a.b", "$x"); the registry's fields are plain words.
func checkIndexNames(doc claimcharts.Doc) error {
	for f := range doc.Indexes {
		if strings.Contains(f, ".") || strings.HasPrefix(f, "$") {
			return claimcharts.Says(claimcharts.EINVALID, msg.IndexMongo, f, msg.Noun(doc.Kind), doc.Key)
		}
	}
	return nil
}
