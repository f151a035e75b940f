#!/usr/bin/env bash
# The PostgreSQL peer of the search benchmark: the same documents' text and
# the same two-word queries as `sepportal load --mix text=1`, in PostgreSQL
# full-text search, run by pgbench with the same number of clients.
#
#   sepportal gen-corpus --patents 200000 --data-dir DIR --peer-dir PEER
#   scripts/pgpeer.sh PEER [clients] [seconds] [runs]
#
# English: a stored `english` tsvector with a GIN index; each query counts
# its matches and returns the top 20 by ts_rank. Chinese: pg_trgm GIN on the
# text, both words as LIKE '%word%'; count and top 20 by similarity. The
# cluster is temporary (a new directory, a Unix socket only, no TCP), tuned
# for a read-only benchmark on this machine, and removed at the end.
# Where PostgreSQL is not installed the script says so and exits 0.
set -euo pipefail

peer=${1:?usage: scripts/pgpeer.sh PEER_DIR [clients] [seconds] [runs]}
clients=${2:-8}
seconds=${3:-60}
runs=${4:-1}
peer=$(cd "$peer" && pwd)
for f in docs.tsv queries-en.tsv queries-zh.tsv; do
  [ -f "$peer/$f" ] || { echo "pgpeer: $peer/$f is missing: make it with sepportal gen-corpus --peer-dir $peer" >&2; exit 2; }
done
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pgbench" ]; then
  echo "pgpeer: PostgreSQL is not installed here (apt-get install postgresql); skipping the peer."
  exit 0
fi

# PostgreSQL refuses to run as root: run it as the postgres user when root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

work=$(mktemp -d /tmp/pgpeer.XXXXXX)
chmod 755 "$work"
[ "$(id -u)" = 0 ] && chown postgres "$work"
port=54329
stop() {
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

as_pg "$bin/initdb" -D "$work/data" -E UTF8 --locale=C.UTF-8 -U postgres -A trust >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/log" -w start -o \
  "-c listen_addresses='' -k $work -p $port -c shared_buffers=2GB -c work_mem=64MB -c effective_cache_size=8GB \
   -c max_connections=$((clients + 10)) -c jit=off -c max_parallel_workers_per_gather=1" >/dev/null
psql() { as_pg "$bin/psql" -h "$work" -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

echo "pgpeer: loading $(wc -l < "$peer/docs.tsv") documents"
start=$(date +%s)
psql <<SQL
CREATE EXTENSION pg_trgm;
CREATE TABLE docs (id text PRIMARY KEY, en text NOT NULL, zh text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', en)) STORED);
CREATE TABLE q_en (id serial PRIMARY KEY, q text NOT NULL, tq tsquery);
CREATE TABLE q_zh (id serial PRIMARY KEY, q text NOT NULL, w1 text, w2 text);
SQL
# COPY FROM STDIN reads through psql, so the server needs no access to $peer.
psql -c "\\copy docs (id, en, zh) FROM '$peer/docs.tsv'"
psql -c "\\copy q_en (q) FROM '$peer/queries-en.tsv'"
psql -c "\\copy q_zh (q) FROM '$peer/queries-zh.tsv'"
psql <<SQL
UPDATE q_en SET tq = plainto_tsquery('english', q);
UPDATE q_zh SET w1 = split_part(q, ' ', 1), w2 = nullif(split_part(q, ' ', 2), '');
CREATE INDEX docs_tsv ON docs USING gin (tsv);
CREATE INDEX docs_zh ON docs USING gin (zh gin_trgm_ops);
VACUUM ANALYZE;
SQL
echo "pgpeer: loaded and indexed in $(( $(date +%s) - start )) s"

ne=$(wc -l < "$peer/queries-en.tsv")
nz=$(wc -l < "$peer/queries-zh.tsv")
cat > "$work/en.sql" <<SQL
\set id random(1, $ne)
SELECT count(*) FROM docs, q_en WHERE q_en.id = :id AND docs.tsv @@ q_en.tq;
SELECT docs.id FROM docs, q_en WHERE q_en.id = :id AND docs.tsv @@ q_en.tq ORDER BY ts_rank(docs.tsv, q_en.tq) DESC LIMIT 20;
SQL
cat > "$work/zh.sql" <<SQL
\set id random(1, $nz)
SELECT count(*) FROM docs, q_zh WHERE q_zh.id = :id AND docs.zh LIKE '%' || q_zh.w1 || '%' AND (q_zh.w2 IS NULL OR docs.zh LIKE '%' || q_zh.w2 || '%');
SELECT docs.id FROM docs, q_zh WHERE q_zh.id = :id AND docs.zh LIKE '%' || q_zh.w1 || '%' AND (q_zh.w2 IS NULL OR docs.zh LIKE '%' || q_zh.w2 || '%') ORDER BY similarity(docs.zh, q_zh.q) DESC LIMIT 20;
SQL
chmod 644 "$work"/*.sql

# The same mix as the portal's query list: two English queries to one Chinese.
# Each run is a pgbench of its own over the loaded tables; a line per run.
bench() {
  rm -f "$work"/tx.*
  echo "pgpeer: $clients clients for $seconds s"
  (cd "$work" && as_pg "$bin/pgbench" -h "$work" -p "$port" -U postgres -n -c "$clients" -j "$clients" -T "$seconds" \
    -f en.sql@2 -f zh.sql@1 -l --log-prefix="$work/tx" postgres) > "$work/pgbench.out" 2>&1 \
    || { cat "$work/pgbench.out"; exit 1; }
  grep -E '^(tps|number of (transactions|failed)|latency average)' "$work/pgbench.out" || true
  # Per-transaction log: client, tx, latency (µs), script, ...: percentiles per script and overall.
  cat "$work"/tx.* | awk '{print $4, $3}' | sort -k2,2n > "$work/lat"
  for s in all 0 1; do
    name=$([ "$s" = all ] && echo all || { [ "$s" = 0 ] && echo english || echo chinese; })
    count=$(awk -v s="$s" '($1 == s || s == "all")' "$work/lat" | wc -l)
    printf 'pgpeer %-8s %7d queries %8.1f q/s  p50 %s ms  p95 %s ms  p99 %s ms\n' "$name" "$count" \
      "$(echo "$count $seconds" | awk '{print $1 / $2}')" "$(pct 0.50 "$s")" "$(pct 0.95 "$s")" "$(pct 0.99 "$s")"
  done
}
pct() { awk -v p="$1" -v s="$2" '($1 == s || s == "all") {a[n++] = $2} END {if (n) printf "%.1f", a[int(p * (n - 1))] / 1000; else printf "-"}' "$work/lat"; }
for _ in $(seq 1 "$runs"); do bench; done
