#!/usr/bin/env bash
# Boltly Portal benchmark: builds Release, starts its own PostgreSQL (with pg_stat_statements) and Redis,
# two app instances behind nginx (scripts/cluster.sh, Production environment, benchmark-only high limits)
# and one more instance whose API-key limit is 1 (the 429 path), drives them with wrk on loopback, and
# prints one table, also written to bench/RESULTS.md. Not a CI test. Takes about 4 minutes.
#   bench/run.sh                     BENCH_SECONDS=10 per measured phase, BENCH_CONNECTIONS=32, BENCH_THREADS=1
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
OUT="$ROOT/bench/out"
SECONDS_PER_PHASE="${BENCH_SECONDS:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-1}"
slot=$(( $(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % 400 ))
PG_PORT=$((59000 + slot)); REDIS_PORT=$((59500 + slot))
export CLUSTER_DIR="$ROOT/.local/bench-cluster"
export CLUSTER_PORT_A=$((60000 + slot)) CLUSTER_PORT_B=$((60500 + slot)) CLUSTER_NGINX_PORT=$((61000 + slot))
LIMITED_PORT=$((61500 + slot))
PG_DIR="/var/tmp/boltly-bench-pg-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
log() { printf '[bench] %s\n' "$*" >&2; }
mkdir -p "$OUT"

scripts/ensure-dotnet.sh
scripts/services.sh start >/dev/null   # installs PostgreSQL and Redis if missing; gives BOLTLY_PG_BIN
# shellcheck disable=SC1091
source .local/services.env
command -v wrk >/dev/null || { [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v nginx >/dev/null || { [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

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

# phase NAME MODE URL KEY: a warm-up, then the measured run; leaves "rps p50_us p99_us requests non2xx errors" in R_<NAME>.
phase() {
  local name="$1" mode="$2" url="$3" key="${4:-}"
  BENCH_MODE="$mode" BENCH_KEY="$key" BENCH_JWT="$BENCH_JWT" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${BENCH_WARMUP:-5}s" -s bench/wrk.lua "$url" >/dev/null
  local line
  line=$(BENCH_MODE="$mode" BENCH_KEY="$key" BENCH_JWT="$BENCH_JWT" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_PHASE}s" --latency -s bench/wrk.lua "$url" | grep '^RESULT')
  log "$name: $line"
  printf -v "R_$name" '%s' "$(echo "$line" | sed -E 's/RESULT rps=([0-9.]+) p50_us=([0-9]+) p99_us=([0-9]+) requests=([0-9]+) non2xx=([0-9]+) socket_errors=([0-9]+)/\1 \2 \3 \4 \5 \6/')"
}
WHOAMI="/v1/developer-access/whoami"
phase a1 anonymous "$CLUSTER_URL_A/health/info"
phase b key "$CLUSTER_URL_A$WHOAMI" "$BENCH_VALID_KEY"
phase c key "$LIMITED$WHOAMI" "$BENCH_EXHAUSTED_KEY"
phase d jwt "$CLUSTER_URL_A$WHOAMI"
phase e malformed "$CLUSTER_URL_A$WHOAMI"
phase a2 anonymous "$CLUSTER_URL_A/health/info"
phase lb_a anonymous "$CLUSTER_URL/health/info"
phase lb_b key "$CLUSTER_URL$WHOAMI" "$BENCH_VALID_KEY"

log "revocation, statement counts, stampede"
$TOOL scenarios "$CLUSTER_URL_A" "$CLUSTER_URL_B" "$PG" "$EMAIL" "$PASSWORD" "$OUT/scenarios.env"
# shellcheck disable=SC1091
source "$OUT/scenarios.env"

read -r a1_rps _ <<<"$R_a1"; read -r a2_rps _ <<<"$R_a2"
BASE=$(awk -v x="$a1_rps" -v y="$a2_rps" 'BEGIN { printf "%.1f", (x + y) / 2 }')
row() { # label, R_ value, expected status, target
  local label="$1" target="$4" rps p50 p99 n non2xx errs
  read -r rps p50 p99 n non2xx errs <<<"$2"
  local statuses
  case "$3" in
    2xx) statuses=$([ "$non2xx" -eq 0 ] && echo "all 2xx" || echo "$non2xx of $n not 2xx") ;;
    *) statuses=$([ "$non2xx" -eq "$n" ] && echo "all $3" || echo "$((n - non2xx)) of $n were 2xx") ;;
  esac
  awk -v l="$label" -v r="$rps" -v b="$BASE" -v p50="$p50" -v p99="$p99" -v s="$statuses" -v t="$target" -v e="$errs" 'BEGIN {
    ratio = r / b; verdict = "";
    if (t != "") verdict = (ratio >= t + 0 ? "met (≥ " t ")" : "MISSED (≥ " t ")");
    printf "| %s | %.0f | %.2f | %.2f | %.2f | %s%s | %s |\n", l, r, p50 / 1000, p99 / 1000, ratio, s, (e > 0 ? ", " e " socket errors" : ""), verdict }'
}
CORES=$(nproc)
{
  echo "# Benchmark results"
  echo
  echo "Run of \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $CORES cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), shared with other workloads;"
  echo "wrk $THREADS thread(s), $CONNECTIONS connections, ${SECONDS_PER_PHASE} s per phase after a ${BENCH_WARMUP:-5} s warm-up, on loopback, straight to one instance"
  echo "(Release, Production environment, API-key and session limits raised to 100,000,000 for the benchmark only; the 429 row uses an instance with a limit of 1)."
  echo "Ratios are to the mean of the two baseline runs ($BASE req/s)."
  echo
  echo "| scenario | req/s | p50 ms | p99 ms | ratio to (a) | statuses | target |"
  echo "|---|---:|---:|---:|---:|---|---|"
  row "(a) baseline: \`GET /health/info\`, anonymous JSON, first run" "$R_a1" 2xx ""
  row "(b) \`GET /v1/developer-access/whoami\` with a valid key (cache hit, rate limited)" "$R_b" 2xx 0.80
  row "(c) the same, key exhausted: 429 path" "$R_c" 429 0.95
  row "(d) \`whoami\` with a JWT access token (rate limited)" "$R_d" 2xx 0.85
  row "(e) flood of malformed keys (401, then 429 per address)" "$R_e" 4xx ""
  row "(a) baseline, second run" "$R_a2" 2xx ""
  row "through nginx, round-robin over both instances: baseline" "$R_lb_a" 2xx ""
  row "through nginx, round-robin over both instances: whoami with a key" "$R_lb_b" 2xx ""
  echo
  echo "| measurement | result | target |"
  echo "|---|---|---|"
  echo "| revocation on instance A seen on instance B (which held the key in memory), $REVOKE_N revocations | p50 $REVOKE_P50_MS ms, p99 $REVOKE_P99_MS ms, max $REVOKE_MAX_MS ms | p99 < 1000 ms: $(awk -v p="$REVOKE_P99_MS" 'BEGIN { print (p < 1000 ? "met" : "MISSED") }') |"
  echo "| database statements behind $QUERIES_REQUESTS whoami requests with one (cold) key, alternating over both instances ($QUERIES_OK answered 200) | $QUERIES_TOTAL statements, of which $QUERIES_LOOKUPS key lookups | a handful |"
  echo "| cold stampede: $STAMPEDE_REQUESTS simultaneous requests on one uncached key, one instance ($STAMPEDE_OK answered 200) | $STAMPEDE_LOOKUPS key lookup(s), $STAMPEDE_TOTAL statements in all | 1 query: $([ "$STAMPEDE_LOOKUPS" -eq 1 ] && echo met || echo MISSED) |"
} > "$OUT/table.md"
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
