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

	"github.com/gin-gonic/gin"
)

// helloPath is what `sepportal hello` answers.
const helloPath = "/hello"

// runHello answers `sepportal hello`, a hidden command of the load
// benchmark: a gin server with one handler answering a fixed JSON object,
// the ceiling a lookup of the portal is measured against in the same run
// (`sepportal load --mix hello=1`). It listens on loopback only.
func runHello(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sepportal hello", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:18090", "listen address (loopback only)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if _, err := loopbackURL("http://" + *addr); err != nil {
		return fmt.Errorf("--addr: %w", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: helloHandler(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut) // the process ends either way
	}()
	fmt.Fprintf(stdout, "hello: listening on http://%s%s\n", ln.Addr(), helloPath)
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// helloHandler is gin in release mode with no middleware and one route.
func helloHandler() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.GET(helloPath, func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"message": "hello"})
	})
	return e
}
