// Command sepportal runs SEP Portal: `serve` the portal and API, load the
// `demo` pool, `reindex` the search index, `compact` the embedded store,
// `gen-corpus` for benchmarks, `import` and `export` lists and full dumps,
// print the `version`. It only wires the packages together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "sepportal:", err)
		}
		var exit *exitError
		if errors.As(err, &exit) {
			os.Exit(exit.code)
		}
		os.Exit(2)
	}
}

// errUsage marks errors already explained by the flag package.
var errUsage = errors.New("usage")

const usage = `sepportal — standard-essential patent pool registry and claim-chart portal

Usage:
  sepportal serve [flags]     serve the portal and the API (add --demo for demo data)
  sepportal demo [flags]      load the fictitious demo pool into the store and exit
  sepportal reindex [flags]   rebuild the search index (of a running server with --url)
  sepportal gen-corpus [flags]  write a large generated corpus for benchmarks
  sepportal compact [flags]   rewrite the embedded store with its pages full (no server running)
  sepportal import FILE --pool POOL [--dry-run] [--atomic]
                              import a pool list, patents or charts (CSV, XLSX, JSON Lines)
  sepportal import --all DUMP restore a full dump into an empty store
  sepportal export --pool POOL [--kind K] [--format F] [-o FILE]
                              export a pool's list, patents or charts
  sepportal export --all -o DUMP  write a full JSON Lines dump of the store
  sepportal load [flags]      concurrent read load on a local server, with latency per kind
  sepportal healthcheck [--addr ADDR]
                              exit 0 if the server on ADDR is ready (/readyz), else 1
  sepportal version           print the version

Run "sepportal COMMAND -h" for a command's flags.
`

// run dispatches a command line.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "demo":
		return runDemo(ctx, args[1:], stdout, stderr)
	case "reindex":
		return runReindex(ctx, args[1:], stdout, stderr)
	case "gen-corpus":
		return runGenCorpus(ctx, args[1:], stdout, stderr)
	case "compact":
		return runCompact(ctx, args[1:], stdout, stderr)
	case "import":
		return runImport(ctx, args[1:], stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdout, stderr)
	case "load":
		return runLoad(ctx, args[1:], stdout, stderr)
	case "healthcheck":
		return runHealthcheck(ctx, args[1:], stdout, stderr)
	case "hello": // hidden: the reference server of scripts/bench-load.sh
		return runHello(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "sepportal", Version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "sepportal: unknown command %q\n\n%s", args[0], usage)
	return errUsage
}
