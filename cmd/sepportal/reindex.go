package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"sepportal/search"
)

// indexDir is where the search index lives: --index-dir if given, else
// <data-dir>/index beside the embedded store, or, for MongoDB, a directory
// of ./data named after the URI, so that each database gets its own
// index and two processes on one machine can be given two with --index-dir.
func indexDir(c Config) string {
	switch {
	case c.IndexDir != "":
		return c.IndexDir
	case c.MongoURI != "":
		sum := sha256.Sum256([]byte(c.MongoURI))
		return filepath.Join("data", "index-"+hex.EncodeToString(sum[:6]))
	}
	return filepath.Join(c.DataDir, "index")
}

// runReindex rebuilds the search index: through a running server's API
// with --url and --token (the server builds aside and swaps, searches
// never stop), or, with no server running, directly on the store.
func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("sepportal reindex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs, false)
	url := fs.String("url", env("SEPPORTAL_URL", ""), "base URL of a running server to rebuild, e.g. http://localhost:8080 (env SEPPORTAL_URL)")
	token := fs.String("token", env("SEPPORTAL_TOKEN", ""), "admin API token for --url (env SEPPORTAL_TOKEN)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if *url != "" {
		return reindexRemote(ctx, strings.TrimRight(*url, "/"), *token, stdout)
	}
	return reindexLocal(ctx, cfg, stdout, stderr)
}

// reindexLocal builds the index of a store no server holds.
func reindexLocal(ctx context.Context, cfg Config, stdout, stderr io.Writer) error {
	log, err := cfg.logger(stderr)
	if err != nil {
		return err
	}
	// A build reads the memory-mapped store and index files; a page fault
	// stalls its thread without freeing the Go scheduler's processor, so
	// with one processor per core the cores idle while the disk works.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(3 * runtime.NumCPU())
	}
	store, err := openStore(ctx, cfg)
	if err != nil {
		return fmt.Errorf("%w (if a server is running on this store, use --url and --token)", err)
	}
	defer store.Close()
	ix, err := search.Open(indexDir(cfg), store, search.Options{Logger: log})
	if err != nil {
		return err
	}
	start := time.Now()
	mem := watchMemory()
	if err := ix.Rebuild(ctx); err != nil {
		ix.Close()
		return err
	}
	st := ix.Status(ctx)
	if err := ix.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "search index rebuilt: %d documents in %s (%s)\n", st.Documents,
		time.Since(start).Round(time.Second), mem())
	return nil
}

// watchMemory samples the process's resident memory every second; the
// function it returns stops and reports the peaks: VmHWM (all resident
// pages, including the store's and the index's memory-mapped files) and
// the largest RssAnon seen (the heap).
func watchMemory() func() string {
	stop := make(chan struct{})
	peak := make(chan int, 1)
	go func() {
		high := 0
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			high = max(high, statusKB("RssAnon:"))
			select {
			case <-stop:
				peak <- high
				return
			case <-t.C:
			}
		}
	}()
	return func() string {
		close(stop)
		return fmt.Sprintf("peak RSS %d MB, of which anonymous %d MB", statusKB("VmHWM:")/1024, <-peak/1024)
	}
}

// statusKB reads a kB figure of /proc/self/status (Linux); 0 elsewhere.
func statusKB(field string) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}

// reindexRemote asks a running server to rebuild its index and waits
// until it has swapped the new one in.
func reindexRemote(ctx context.Context, base, token string, stdout io.Writer) error {
	if token == "" {
		return errors.New("--url needs --token: rebuilding the index is for administrators")
	}
	var before search.Status
	if err := call(ctx, http.MethodGet, base+"/api/v1/search/status", token, &before); err != nil {
		return err
	}
	if err := call(ctx, http.MethodPost, base+"/api/v1/search/reindex", token, nil); err != nil {
		return err
	}
	start := time.Now()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
		var st search.Status
		if err := call(ctx, http.MethodGet, base+"/api/v1/search/status", token, &st); err != nil {
			return err
		}
		if !st.Rebuilding && st.Generation != before.Generation {
			fmt.Fprintf(stdout, "search index rebuilt: %d documents in %s\n", st.Documents, time.Since(start).Round(time.Second))
			return nil
		}
		if !st.Rebuilding && st.Error != "" {
			return fmt.Errorf("the server could not rebuild its index: %s", st.Error)
		}
	}
}

// call sends an API request and decodes the answer into out (if not nil);
// an error answer becomes an error with the problem's detail.
func call(ctx context.Context, method, url, token string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode >= 300 {
		var p struct{ Detail string }
		if json.Unmarshal(body, &p) == nil && p.Detail != "" {
			return fmt.Errorf("%s %s: %s (%s)", method, url, resp.Status, p.Detail)
		}
		return fmt.Errorf("%s %s: %s", method, url, resp.Status)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(body, out)
}
