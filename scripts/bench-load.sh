#!/usr/bin/env bash
# The whole issue-10 measurement, end to end, on one corpus: the read paths
# of the portal under concurrent load, the PostgreSQL peer and a gin
# hello-JSON server in the same run, repeated RUNS times; prints each run's
# rows and a table of medians with their spread and the load average.
#
#   sepportal gen-corpus --data-dir DATA --patents N [--peer-dir PEER]
#   sepportal reindex --data-dir DATA
#   scripts/bench-load.sh DATA N [PEER]
#
# Settings (environment): SECONDS_PER_STEP (20), RUNS (3), WAIT_WARM (1), VOCABULARY
# (dense; zipf for a corpus made with --vocabulary zipf), SEPPORTAL (a
# binary; default: built from this checkout), SEPPORTAL_SERVE (the binary
# that serves, to measure another version with this one's load tool;
# default SEPPORTAL), PORT (18181; PORT+1 is the hello server, PORT+10 the
# metrics listener).
#
# Each server is measured once it has warmed (WAIT_WARM=0: from /readyz
# on, as a fresh server's first callers find it): its store's records read
# into the page cache and its index's per-segment data and commonest
# words read (sepportal_warming). Each run: a server with the answer cache
# off (cold: every search is computed) for text queries at 1 and 8 clients and pool lists at 50
# connections; then a server with the cache on, warmed by one step of
# text queries, for text at 1 and 8 clients, pool lists at 50, number
# lookups at 50 beside the hello server at 50, and the five page kinds (the pool list as of a date among them) at
# 8; then scripts/pgpeer.sh at 8 clients (skipped without PostgreSQL).
# Loopback only; a step lasts SECONDS_PER_STEP, so a run lasts about 14 of
# them plus the peer's loading. The load generator shares the machine's
# cores with the server, as every figure here does.
set -euo pipefail

data=${1:?usage: scripts/bench-load.sh DATA_DIR PATENTS [PEER_DIR]}
patents=${2:?usage: scripts/bench-load.sh DATA_DIR PATENTS [PEER_DIR]}
peer=${3:-}
step=${SECONDS_PER_STEP:-20}
runs=${RUNS:-3}
vocabulary=${VOCABULARY:-dense}
port=${PORT:-18181}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/bench-load.XXXXXX)
bin=${SEPPORTAL:-}
if [ -z "$bin" ]; then
  (cd "$here" && go build -o "$work/sepportal" ./cmd/sepportal)
  bin=$work/sepportal
fi
serve_bin=${SEPPORTAL_SERVE:-$bin}
addr=127.0.0.1:$port
hello=127.0.0.1:$((port + 1))
metrics=127.0.0.1:$((port + 10))
server=
hellopid=

stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
  fi
}
cleanup() {
  stop_server
  if [ -n "$hellopid" ]; then kill "$hellopid" 2>/dev/null || true; wait "$hellopid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench-load: data=$data patents=$patents peer=${peer:-none} vocabulary=$vocabulary runs=$runs step=${step}s"
echo "bench-load: load tool $bin, server $serve_bin ($("$serve_bin" version)), commit $(cd "$here" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "bench-load: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# start_server CACHE: serves DATA with the answer cache of that size (0: off)
# and waits until it answers.
start_server() {
  stop_server
  "$serve_bin" serve --data-dir "$data" --addr "$addr" --metrics-addr "$metrics" --search-cache "$1" \
    --log-level error >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -fs "http://$addr/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
    sleep 0.5
  done
  echo "bench-load: the server did not get ready in 5 minutes" >&2
  exit 1
}

# wait_warm: waits (unless WAIT_WARM=0) until the server's readings ahead
# are done (sepportal_warming: the store's records into the page cache,
# the index's per-segment data and commonest words), at most 10 minutes,
# and says how long they took after /readyz.
wait_warm() {
  [ "${WAIT_WARM:-1}" = 0 ] && return 0
  local t0=$SECONDS warming
  for _ in $(seq 1 1200); do
    warming=$(curl -fs "http://$metrics/metrics" | awk '$1 ~ /^sepportal_warming[{]/ { s += $2 } END { print s + 0 }')
    if [ "$warming" = 0 ]; then
      echo "  server warmed $((SECONDS - t0)) s after ready" >&2
      return 0
    fi
    sleep 0.5
  done
  echo "bench-load: the server still warms after 10 minutes; measuring anyway" >&2
}

# measure RUN LABEL CACHE CLIENTS URL MIX KIND...: one load step; records
# one row per KIND: run, label, kind, cache, clients, req/s, p50, p95,
# p99, errors, load average at the start, what the errors were.
measure() {
  local run=$1 label=$2 cache=$3 clients=$4 url=$5 mix=$6
  shift 6
  local load1
  load1=$(cut -d' ' -f1 /proc/loadavg)
  "$bin" load --url "$url" --metrics-url "http://$metrics/metrics" --clients "$clients" --duration "${step}s" \
    --patents "$patents" --vocabulary "$vocabulary" --mix "$mix" >"$work/load.out"
  grep -E '^server( RSS|-time)' "$work/load.out" | grep -v ' route ' | sed "s/^/  [$label] /" >&2 || true
  for kind in "$@"; do
    awk -v run="$run" -v label="$label" -v kind="$kind" -v cache="$cache" -v clients="$clients" -v la="$load1" \
      '$1 == kind {ek = ""; for (i = 8; i <= NF; i++) ek = ek (ek == "" ? "" : " ") $i
        printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", run, label, kind, cache, clients, $3, $4, $5, $6, $7, la, ek}' \
      "$work/load.out" >>"$work/rows"
  done
}

# memory RUN: the server's resident and anonymous memory, and its peak.
memory() {
  echo "  run $1 server memory: $(grep -E '^(VmHWM|VmRSS|RssAnon):' "/proc/$server/status" | awk '{printf "%s %.0f MB  ", $1, $2 / 1024}')"
}

: >"$work/rows"
"$bin" hello --addr "$hello" >/dev/null 2>&1 &
hellopid=$!
for run in $(seq 1 "$runs"); do
  echo "bench-load: run $run of $runs"
  start_server 0
  wait_warm
  measure "$run" "search" off 1 "http://$addr" text=1 text
  measure "$run" "search" off 8 "http://$addr" text=1 text
  measure "$run" "pool list" off 50 "http://$addr" pool=1 pool
  measure "$run" "pool list" off 50 "http://$addr" pool-filtered=1 pool-filtered
  memory "$run"
  start_server 2048
  wait_warm
  measure "$run" "warm-up" on 8 "http://$addr" text=1 text
  measure "$run" "search" on 1 "http://$addr" text=1 text
  measure "$run" "search" on 8 "http://$addr" text=1 text
  measure "$run" "pool list" on 50 "http://$addr" pool=1 pool
  measure "$run" "pool list" on 50 "http://$addr" pool-filtered=1 pool-filtered
  measure "$run" "lookup" on 50 "http://$addr" number=1 number
  measure "$run" "lookup" - 50 "http://$hello" hello=1 hello
  measure "$run" "pages" on 8 "http://$addr" pool-page=1,pool-as-of-page=1,patent-page=1,section-page=1,search-page=1 \
    pool-page pool-as-of-page patent-page section-page search-page
  memory "$run"
  stop_server
done

if [ -n "$peer" ]; then
  echo "bench-load: PostgreSQL peer, 8 clients, $runs runs of ${step}s"
  "$here/scripts/pgpeer.sh" "$peer" 8 "$step" "$runs" | tee "$work/pg.out"
  awk -v la="$(cut -d' ' -f1 /proc/loadavg)" '$1 == "pgpeer" && $2 == "all" {
      run++; printf "%d\tPostgreSQL\tpeer\t-\t8\t%s\t%s\t%s\t%s\t0\t%s\t\n", run, $5, $8, $11, $14, la }' "$work/pg.out" >>"$work/rows"
else
  echo "bench-load: no PEER_DIR given: the PostgreSQL peer is skipped"
fi

echo
echo "Every run (req/s, latency in ms, load average at the step's start):"
printf '%-3s %-10s %-14s %-5s %7s %9s %8s %8s %8s %7s %5s  %s\n' run path kind cache clients req/s p50 p95 p99 errors load "error kinds"
grep -v warm-up "$work/rows" | awk -F'\t' '{printf "%-3s %-10s %-14s %-5s %7s %9s %8s %8s %8s %7s %5s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12}'

echo
echo "Medians of $runs runs (req/s and p95: min–max in brackets):"
printf '%-10s %-14s %-5s %7s %22s %8s %18s %8s %7s %11s\n' path kind cache clients "req/s" p50 p95 p99 errors load
grep -v warm-up "$work/rows" | sort -t$'\t' -k2,2 -k3,3 -k4,4 -k5,5n -k1,1n | awk -F'\t' '
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  function flush(   i, lo, hi, plo, phi, e) {
    if (!n) return
    lo = hi = rs[1]; plo = phi = p95[1]; e = 0
    for (i = 1; i <= n; i++) { if (rs[i] + 0 < lo + 0) lo = rs[i]; if (rs[i] + 0 > hi + 0) hi = rs[i]
      if (p95[i] + 0 < plo + 0) plo = p95[i]; if (p95[i] + 0 > phi + 0) phi = p95[i]; e += err[i]; las = las " " la[i] }
    printf "%-10s %-14s %-5s %7s %9.1f [%s–%s] %8.1f %8.1f [%s–%s] %8.1f %7d %11s\n", path, kind, cache, clients,
      median(rs, n), lo, hi, median(p50, n), median(p95, n), plo, phi, median(p99, n), e, las
    n = 0; las = ""
  }
  { key = $2 FS $3 FS $4 FS $5
    if (key != last) { flush(); last = key; path = $2; kind = $3; cache = $4; clients = $5 }
    n++; rs[n] = $6; p50[n] = $7; p95[n] = $8; p99[n] = $9; err[n] = $10; la[n] = $11 }
  END { flush() }'
