#!/usr/bin/env bash
# Boltly Portal benchmark: builds Release, starts its own PostgreSQL (with pg_stat_statements) and Redis,
# two app instances behind nginx (scripts/cluster.sh, Production environment, benchmark-only high limits)
# and one more instance whose API-key limit is 1 (the 429 path), drives them with wrk on loopback, and
# prints one table, also written to bench/RESULTS.md. Installs wrk and nginx from Debian if missing.
# Not a CI test. Takes about 4–5 minutes with the defaults below.
#   bench/run.sh     BENCH_SECONDS=6 per measured run, BENCH_ROUNDS=3, BENCH_WARMUP=5, BENCH_CONNECTIONS=32, BENCH_THREADS=1
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/lib.sh
source scripts/lib.sh
ROOT="$BOLTLY_ROOT"
OUT="$ROOT/bench/out"
SECONDS_PER_PHASE="${BENCH_SECONDS:-6}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-1}"
slot=$(port_slot)   # ports: scripts/lib.sh
PG_PORT=$((59000 + slot)); REDIS_PORT=$((59500 + slot))
export CLUSTER_DIR="$ROOT/.local/bench-cluster"
export CLUSTER_PORT_A=$((60000 + slot)) CLUSTER_PORT_B=$((60500 + slot)) CLUSTER_NGINX_PORT=$((61000 + slot))
LIMITED_PORT=$((61500 + slot))
PG_DIR="/var/tmp/boltly-bench-pg-$(checkout_id)"
log() { printf '[bench] %s\n' "$*" >&2; }
mkdir -p "$OUT"

scripts/ensure-dotnet.sh
scripts/services.sh start >/dev/null   # installs PostgreSQL and Redis if missing; gives BOLTLY_PG_BIN
# shellcheck disable=SC1091
source .local/services.env
scripts/services.sh install wrk nginx   # from Debian's packages, after an apt-get update

cleanup() {
  scripts/cluster.sh stop 2>/dev/null || true
  as_pg "$BOLTLY_PG_BIN/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT

# A PostgreSQL of the benchmark's own, fresh each run, with pg_stat_statements to count statements.
as_pg "$BOLTLY_PG_BIN/pg_ctl" -D "$PG_DIR" -m immediate stop >/dev/null 2>&1 || true
rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
as_pg "$BOLTLY_PG_BIN/initdb" -D "$PG_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$PG_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 300
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
fsync = off
synchronous_commit = off
CONF
as_pg "$BOLTLY_PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 start >/dev/null
redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes --logfile "$OUT/redis.log" >/dev/null
PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=100"
export CLUSTER_POSTGRES="$PG" CLUSTER_REDIS="127.0.0.1:$REDIS_PORT"
export CLUSTER_APP_ENV="RateLimits__ApiKeyPerWindow=100000000 RateLimits__SessionPerWindow=100000000"

log "building Release"
dotnet build bench/BenchTool/BenchTool.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
TOOL="dotnet $ROOT/bench/BenchTool/bin/Release/net10.0/Boltly.BenchTool.dll"
scripts/cluster.sh start
# shellcheck disable=SC1091
source "$CLUSTER_DIR/cluster.env"
CLUSTER_APP_ENV="" scripts/cluster.sh instance limited "$LIMITED_PORT" RateLimits__ApiKeyPerWindow=1 RateLimits__SessionPerWindow=100000000
LIMITED="http://127.0.0.1:$LIMITED_PORT"

EMAIL="bench-$(date +%s)@bench.boltly.local"; PASSWORD="Bench-Lantern-Orbit-$RANDOM-42"
$TOOL seed "$PG" "$EMAIL" "$PASSWORD"
$TOOL prepare "$CLUSTER_URL_A" "$EMAIL" "$PASSWORD" "$OUT/credentials.env"
# shellcheck disable=SC1091
source "$OUT/credentials.env"
curl -fsS -o /dev/null -H "X-API-Key: $BENCH_EXHAUSTED_KEY" "$LIMITED/v1/developer-access/whoami"   # the key's one request

# The machine is shared, so load from elsewhere drifts during a run: every scenario is measured in
# each of BENCH_ROUNDS rounds, back to back with the baseline, and the table shows medians.
ROUNDS="${BENCH_ROUNDS:-3}"
WHOAMI="/v1/developer-access/whoami"
declare -A URLS=([a]="$CLUSTER_URL_A/health/info" [b]="$CLUSTER_URL_A$WHOAMI" [c]="$LIMITED$WHOAMI" [d]="$CLUSTER_URL_A$WHOAMI"
                 [e]="$CLUSTER_URL_A$WHOAMI" [lb_a]="$CLUSTER_URL/health/info" [lb_b]="$CLUSTER_URL$WHOAMI")
declare -A MODES=([a]=anonymous [b]=key [c]=key [d]=jwt [e]=malformed [lb_a]=anonymous [lb_b]=key)
declare -A KEYS=([b]="$BENCH_VALID_KEY" [c]="$BENCH_EXHAUSTED_KEY" [lb_b]="$BENCH_VALID_KEY")
# The app processes each scenario drives, for its CPU time: on a shared machine req/s moves with other
# work, while CPU time per request mostly does not.
declare -A PIDS=([a]="a" [b]="a" [c]="limited" [d]="a" [e]="a" [lb_a]="a b" [lb_b]="a b")
cpu_ticks() { local t=0 p; for p in ${PIDS[$1]}; do t=$((t + $(awk '{print $14 + $15}' "/proc/$(cat "$CLUSTER_DIR/$p.pid")/stat"))); done; echo "$t"; }
wrk_run() { # scenario seconds [--latency]
  local before after out
  before=$(cpu_ticks "$1")
  out=$(BENCH_MODE="${MODES[$1]}" BENCH_KEY="${KEYS[$1]:-}" BENCH_JWT="$BENCH_JWT" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" ${3:-} -s bench/wrk.lua "${URLS[$1]}")
  after=$(cpu_ticks "$1")
  echo "$out" | sed "s/^RESULT .*/& cpu_ticks=$((after - before)) ticks_per_s=$(getconf CLK_TCK)/"
}
: > "$OUT/wrk.txt"
log "warming up every path (${BENCH_WARMUP:-5} s each)"
for s in a b c d e lb_a lb_b; do wrk_run "$s" "${BENCH_WARMUP:-5}" >/dev/null; done
for round in $(seq 1 "$ROUNDS"); do
  for s in a b c d e; do
    line=$(wrk_run "$s" "$SECONDS_PER_PHASE" --latency | grep '^RESULT')
    log "round $round $s: $line"
    echo "$round $s $line" >> "$OUT/wrk.txt"
  done
done
for s in lb_a lb_b; do
  line=$(wrk_run "$s" "$SECONDS_PER_PHASE" --latency | grep '^RESULT')
  log "$s: $line"
  echo "1 $s $line" >> "$OUT/wrk.txt"
done

LOAD_AT_END=$(cut -d' ' -f1-3 /proc/loadavg)
log "revocation, statement counts, stampede"
$TOOL scenarios "$CLUSTER_URL_A" "$CLUSTER_URL_B" "$PG" "$EMAIL" "$PASSWORD" "$OUT/scenarios.env"
# shellcheck disable=SC1091
source "$OUT/scenarios.env"

RUN_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')" CORES="$(nproc)" LOAD="$LOAD_AT_END" THREADS="$THREADS" \
  CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" CONNECTIONS="$CONNECTIONS" \
  SECONDS_PER_PHASE="$SECONDS_PER_PHASE" python3 bench/table.py "$OUT/wrk.txt" "$OUT/scenarios.env" > "$OUT/table.md"
cat "$OUT/table.md"
# The table goes between the markers of bench/RESULTS.md; notes around it (before/after figures) stay.
RESULTS=bench/RESULTS.md
if [ -f "$RESULTS" ] && grep -q '<!-- bench:table -->' "$RESULTS"; then
  awk -v table="$OUT/table.md" '
    /<!-- bench:table -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
    /<!-- \/bench:table -->/ { skip = 0 }
    !skip' "$RESULTS" > "$OUT/RESULTS.md"
  mv "$OUT/RESULTS.md" "$RESULTS"
else
  { echo '<!-- bench:table -->'; cat "$OUT/table.md"; echo '<!-- /bench:table -->'; } > "$RESULTS"
fi
log "table written to $RESULTS"
