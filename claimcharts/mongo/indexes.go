package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// IndexedFields are the secondary keys with an index {kind, indexes.<f>,
// key} of their own: those the registry lists by. List by any other field
// still works, by scanning the records of the kind.
var IndexedFields = []string{"holder", "family", "pool", "patent", "chart", "reviewer", "status", "public", "hash", "standard", "application"}

// codeNotImplemented is what FerretDB answers for index features it lacks;
// MongoDB never gives it for the plain ascending indexes made here.
const codeNotImplemented = 238

// index is one index of the records collection.
type index struct {
	name   string
	keys   bson.D
	unique bool
}

func (ix index) model() mongo.IndexModel {
	return mongo.IndexModel{Keys: ix.keys, Options: options.Index().SetName(ix.name).SetUnique(ix.unique)}
}

// recordIndexes are the indexes of the records collection: {kind, key}
// for Get and List, {audit.seq} (multikey) for Changes, and one {kind,
// indexes.<f>, key} per indexed field for List by that field.
func recordIndexes() []index {
	ixs := []index{
		{name: "kind_key", keys: bson.D{{Key: "kind", Value: 1}, {Key: "key", Value: 1}}, unique: true},
		{name: "audit_seq", keys: bson.D{{Key: "audit.seq", Value: 1}}},
	}
	for _, f := range IndexedFields {
		ixs = append(ixs, index{name: "kind_" + f + "_key",
			keys: bson.D{{Key: "kind", Value: 1}, {Key: "indexes." + f, Value: 1}, {Key: "key", Value: 1}}})
	}
	return ixs
}

// createIndexes creates the indexes that do not exist yet. Asking only for
// the missing ones also steps around a FerretDB 1.24 bug: createIndexes
// panics (and drops the connection) when several of the requested indexes
// exist already. If the server refuses one as not implemented, each is
// created alone and those it lacks are skipped: they only make queries
// faster.
func (s *Store) createIndexes(ctx context.Context) error {
	models, err := s.missingIndexes(ctx)
	if err != nil || len(models) == 0 {
		return err
	}
	_, err = s.records.Indexes().CreateMany(ctx, models)
	if !notImplemented(err) {
		return storeError(err)
	}
	for _, m := range models {
		if _, err := s.records.Indexes().CreateOne(ctx, m); err != nil && !notImplemented(err) {
			return storeError(err)
		}
	}
	return nil
}

// missingIndexes returns the models of the recordIndexes whose name the records
// collection lacks (all of them when it does not exist yet).
func (s *Store) missingIndexes(ctx context.Context) ([]mongo.IndexModel, error) {
	specs, err := s.records.Indexes().ListSpecifications(ctx)
	if err != nil && !namespaceNotFound(err) {
		return nil, storeError(err)
	}
	have := map[string]bool{}
	for _, spec := range specs {
		have[spec.Name] = true
	}
	var missing []mongo.IndexModel
	for _, ix := range recordIndexes() {
		if !have[ix.name] {
			missing = append(missing, ix.model())
		}
	}
	return missing, nil
}

// codeNamespaceNotFound is what listIndexes answers for a collection that
// does not exist.
const codeNamespaceNotFound = 26

func namespaceNotFound(err error) bool {
	var se mongo.ServerError
	return errors.As(err, &se) && se.HasErrorCode(codeNamespaceNotFound)
}

func notImplemented(err error) bool {
	var se mongo.ServerError
	return errors.As(err, &se) && se.HasErrorCode(codeNotImplemented)
}
