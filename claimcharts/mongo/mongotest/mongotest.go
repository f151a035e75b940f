// Package mongotest gives tests a MongoDB-protocol server: the one named by
// SEPPORTAL_TEST_MONGO_URI, or else one FerretDB 1.24 (SQLite backend)
// embedded in the test process. Import it only from _test.go files, so that
// FerretDB is never linked into the sepportal binary.
package mongotest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// EnvURI names the environment variable that points the tests at a real
// MongoDB instead of the embedded FerretDB, e.g.
// SEPPORTAL_TEST_MONGO_URI=mongodb://127.0.0.1:27017/.
const EnvURI = "SEPPORTAL_TEST_MONGO_URI"

// EnvLog names the environment variable that, when set to "debug", "info",
// "warn" or "error", lets the embedded FerretDB log at that level to stderr.
// Unset, FerretDB logs nothing: it writes whole wire messages at WARN on
// every failed command, which the tests provoke on purpose.
const EnvLog = "SEPPORTAL_TEST_FERRETDB_LOG"

var embedded struct {
	once sync.Once
	uri  string
	err  error
	stop func() // stops the server and removes its files
}

// URI returns the MongoDB URI the tests use: $SEPPORTAL_TEST_MONGO_URI if
// set, otherwise that of a FerretDB started once per test process on
// 127.0.0.1 with a free port and its SQLite files in a temporary directory.
func URI(tb testing.TB) string {
	tb.Helper()
	if uri := os.Getenv(EnvURI); uri != "" {
		return uri
	}
	embedded.once.Do(func() { embedded.uri, embedded.stop, embedded.err = startFerretDB() })
	if embedded.err != nil {
		tb.Fatalf("start embedded FerretDB: %v", embedded.err)
	}
	return embedded.uri
}

// Main runs the tests of a package, then stops the embedded FerretDB (if
// they started one) and removes its files. Use it as the package's
// TestMain: func TestMain(m *testing.M) { mongotest.Main(m) }. Without it
// the server lives until the test process exits and leaves an empty
// temporary directory behind.
func Main(m *testing.M) {
	code := m.Run()
	if embedded.stop != nil {
		embedded.stop()
	}
	os.Exit(code)
}

// startFerretDB runs FerretDB with its SQLite files in a new temporary
// directory and waits until it answers a ping. A per-test TempDir would not
// do: it vanishes while later tests still use the server.
func startFerretDB() (uri string, stop func(), err error) {
	dir, err := os.MkdirTemp("", "sepportal-ferretdb-")
	if err != nil {
		return "", nil, err
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:    QuietLogger(),
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/",
	})
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.Run(ctx); close(done) }()
	stop = func() { cancel(); <-done; os.RemoveAll(dir) }
	// MongoDBURI waits until the listener is bound, then reports the port
	// it got for 127.0.0.1:0.
	uri = f.MongoDBURI()
	if err := waitForPing(uri, 30*time.Second); err != nil {
		stop()
		return "", nil, err
	}
	return uri, stop, nil
}

// QuietLogger is the logger the embedded FerretDB gets: silent, or at the
// level named by $SEPPORTAL_TEST_FERRETDB_LOG.
func QuietLogger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(os.Getenv(EnvLog))); err != nil || os.Getenv(EnvLog) == "" {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})).With("component", "ferretdb")
}

func waitForPing(uri string, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	c, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		return err
	}
	defer c.Disconnect(context.Background())
	for {
		err := c.Ping(ctx, nil)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("FerretDB at %s did not answer a ping within %s: %w", uri, limit, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Database returns a database name of its own for one test, and drops the
// database when the test ends.
func Database(tb testing.TB) string {
	tb.Helper()
	b := make([]byte, 8)
	rand.Read(b)
	name := "t" + hex.EncodeToString(b)
	uri := URI(tb)
	tb.Cleanup(func() { dropDatabase(uri, name) })
	return name
}

func dropDatabase(uri, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		return
	}
	defer c.Disconnect(ctx)
	c.Database(name).Drop(ctx)
}
