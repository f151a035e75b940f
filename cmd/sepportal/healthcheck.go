package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// exitError is an error with the exit status the command should end with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// runHealthcheck asks the server listening on --addr (SEPPORTAL_ADDR, as
// serve reads it) whether it is ready: exit status 0 when /readyz answers
// 200, 1 otherwise, as a container HEALTHCHECK expects.
func runHealthcheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	fs := flag.NewFlagSet("sepportal healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.addrFlag(fs)
	timeout := fs.Duration("timeout", 5*time.Second, "how long to wait for the answer")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sepportal healthcheck: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	url, err := readyURL(c.Addr)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return &exitError{code: 1, err: fmt.Errorf("not healthy: %w", err)}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	fmt.Fprintf(stdout, "%s %s\n", resp.Status, body)
	if resp.StatusCode != http.StatusOK {
		return &exitError{code: 1, err: fmt.Errorf("not ready: %s answered %s", url, resp.Status)}
	}
	return nil
}

// readyURL is the /readyz URL of a server listening on addr. A listener on
// every interface (":8080", "0.0.0.0:8080", "[::]:8080") is asked on
// loopback.
func readyURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q: %w", addr, err)
	}
	if port == "" || port == "0" {
		return "", errors.New("--addr must name the port the server listens on")
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz", nil
}
