package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"sepportal/claimcharts/mongo/mongotest"
	"sepportal/search/corpus"
)

// envServeChild holds the command line of a child process started by
// TestTwoProcessesOneMongo, fields separated by newlines.
const envServeChild = "SEPPORTAL_TEST_SERVE_ARGS"

// TestServeChild is not a test: it is the body of the child processes of
// TestTwoProcessesOneMongo, and skips when run on its own.
func TestServeChild(t *testing.T) {
	args := os.Getenv(envServeChild)
	if args == "" {
		t.Skip("runs only as a child process of TestTwoProcessesOneMongo")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, strings.Split(args, "\n"), io.Discard, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "child serve:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// TestTwoProcessesOneMongo starts two sepportal processes on one MongoDB
// (a FerretDB this test runs), each with its own index: what is written
// through one is found through the other.
func TestTwoProcessesOneMongo(t *testing.T) {
	u, err := url.Parse(mongotest.URI(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + mongotest.Database(t)
	admin := "two-processes-admin-0123456789"
	// No --demo: loading it into FerretDB, whose updates scan the whole
	// collection, takes most of a minute; two small writes show the same.
	a := startChild(t, "serve", "--mongo-uri", u.String(), "--index-dir", t.TempDir(), "--admin-token", admin)
	b := startChild(t, "serve", "--mongo-uri", u.String(), "--index-dir", t.TempDir())

	std := `{"slug":"quokka-std","body":"TEST","number":"Q.1","version":"1","title":{"en":"Quokka standard"},
		"references":[{"label":"1","kind":"section","title":{"en":"Quokkaframe signalling","zh":"袋鼠帧间预测信令"}}]}`
	if got := post(t, a+"/api/v1/standards", admin, std); got != http.StatusCreated {
		t.Fatalf("write through the first process: %d", got)
	}
	waitFound(t, b, "quokkaframe", 1)
	waitFound(t, b, "帧间预测", 1)
	std = strings.NewReplacer("quokka-std", "wombat-std", "Quokkaframe", "Wombatframe").Replace(std)
	if got := post(t, b+"/api/v1/standards", admin, std); got != http.StatusCreated {
		t.Fatalf("write through the second process: %d", got)
	}
	waitFound(t, a, "wombatframe", 1)
}

// startChild runs the test binary as `sepportal args...` on a free port
// and returns its base URL once it answers /readyz.
func startChild(t *testing.T, args ...string) string {
	t.Helper()
	addr := freeAddr(t)
	args = append(args, "--addr", addr, "--metrics-addr=", "--log-level", "warn")
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envServeChild+"="+strings.Join(args, "\n"))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not become ready", strings.Join(args, " "))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// searchResult is the part of a search answer the tests read.
type searchResult struct {
	Items []struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	} `json:"items"`
	Total int `json:"total"`
}

// find runs an anonymous search on a server.
func find(t *testing.T, base, q string) searchResult {
	t.Helper()
	status, body := get(t, base+"/api/v1/search?q="+url.QueryEscape(q), "")
	var res searchResult
	if status != http.StatusOK || json.Unmarshal(body, &res) != nil {
		t.Fatalf("search %q on %s: %d %s", q, base, status, body)
	}
	return res
}

// waitFound waits until a search finds at least n documents and returns
// how long that took. The indexer follows the store every 100 ms; the
// bound here only stops a broken indexer from hanging the test.
func waitFound(t *testing.T, base, q string, n int) time.Duration {
	t.Helper()
	start := time.Now()
	for find(t, base, q).Total < n {
		if time.Since(start) > 60*time.Second {
			t.Fatalf("%q is not found on %s", q, base)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}

// TestWriteIsSearchable: a write through the API of a serving process is
// found by its search once the indexer has followed the feed.
func TestWriteIsSearchable(t *testing.T) {
	admin := "searchable-admin-secret-0123"
	m := startMain(t, Config{DataDir: t.TempDir(), Demo: true, AdminToken: admin})
	base := "http://" + m.Addr()
	waitFound(t, base, "帧间预测", 1)
	std := `{"slug":"quokka-std","body":"TEST","number":"Q.1","version":"1","title":{"en":"Quokka standard"},
		"references":[{"label":"1","kind":"section","title":{"en":"Quokkaframe signalling"}}]}`
	if got := post(t, base+"/api/v1/standards", admin, std); got != http.StatusCreated {
		t.Fatalf("write: %d", got)
	}
	t.Logf("the write was found after %s", waitFound(t, base, "quokkaframe", 1))
}

// TestReindexCommand: `sepportal reindex --url` rebuilds a running
// server's index while it serves; without --url it refuses a store the
// server holds and says to use --url.
func TestReindexCommand(t *testing.T) {
	admin := "reindex-admin-secret-0123456"
	dir := t.TempDir()
	m := startMain(t, Config{DataDir: dir, Demo: true, AdminToken: admin})
	base := "http://" + m.Addr()
	waitFound(t, base, "帧间预测", 1)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"reindex", "--url", base, "--token", admin}, &out, io.Discard); err != nil {
		t.Fatalf("reindex --url: %v", err)
	}
	if !strings.Contains(out.String(), "search index rebuilt") {
		t.Errorf("reindex printed %q", out.String())
	}
	if find(t, base, "帧间预测").Total == 0 {
		t.Error("the rebuilt index finds nothing")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := run(ctx, []string{"reindex", "--data-dir", dir}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--url") {
		t.Errorf("reindex on a served data dir: %v, want advice to use --url", err)
	}
	if err := run(ctx, []string{"reindex", "--url", base, "--token", "not-a-token"}, io.Discard, io.Discard); err == nil {
		t.Error("reindex with a bad token succeeded")
	}
}

// TestGenCorpusCommand: gen-corpus writes a corpus whose numbers, in any
// of their spellings, find their patents after an offline reindex.
func TestGenCorpusCommand(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"gen-corpus", "--patents", "60", "--data-dir", dir, "--claims", "testdata/none.tsv"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "wrote 60 patents") {
		t.Fatalf("gen-corpus printed %q", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"reindex", "--data-dir", dir}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "search index rebuilt") {
		t.Fatalf("reindex printed %q", out.String())
	}
	m := startMain(t, Config{DataDir: dir})
	base := "http://" + m.Addr()
	for _, n := range corpus.Spellings(7) {
		if res := find(t, base, n); len(res.Items) == 0 || res.Items[0].Type != "patent" {
			t.Errorf("%q finds %+v", n, res.Items)
		}
	}
}
