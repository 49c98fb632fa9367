#!/usr/bin/env bash
# Boltly Portal benchmark (docs/performance.md): builds Release, starts its own PostgreSQL (with
# pg_stat_statements) and Redis, two app instances behind nginx (scripts/cluster.sh, Bench environment:
# Production plus the twin baseline endpoint; benchmark-only high limits) and one more instance whose
# API-key limit is 1 (the 429 path), drives them with wrk on loopback, and writes bench/RESULTS.md with
# the git commit measured. Installs wrk and nginx from Debian if missing. Not a CI test; about 9 minutes.
# Every process is counted: the app(s), Redis, nginx and PostgreSQL (the postmaster and its backends) in CPU time per
# request, and Redis's own command count per request (INFO commandstats).
#   bench/run.sh    BENCH_SECONDS=5 per measured run, BENCH_ROUNDS=4 (direct), BENCH_LB_ROUNDS=3 (nginx),
#                   BENCH_WARMUP=3, BENCH_CONNECTIONS=32, BENCH_THREADS=1, BENCH_KEYS=1000, BENCH_USERS=200,
#                   BENCH_CIRCUITS=20 (0 skips the dashboard measurement), BENCH_APP_ENV="Name=value …" (experiments),
#                   BENCH_SCENARIOS="a b1 d1" (only these rows: paired experiments; lb_e only when named),
#                   BENCH_PROFILE="b2 d1" (CPU-sampling traces of the scenario's instance, in bench/out/profile-*.txt)
# d1x/d2x (and b1x, and ax: the twin) are d1/d2 (b1, a) against a fourth instance without the access tokens' session check (BenchSwitches): its cost per
# request; BENCH_X_ENV="Name=value …" BENCH_X_LABEL="…" give that instance other settings instead (a paired experiment).
# b1n, b1l and ak separate the key path's costs, each on an instance of its own with one Bench-only switch
# (App/Hosting/BenchSwitches.cs): b1 without the request log, b1 counted in the instance's memory instead of Redis, and
# the twin baseline with a key on an instance without any rate limit.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/lib.sh
source scripts/lib.sh
ROOT="$BOLTLY_ROOT"
OUT="$ROOT/bench/out"
SECONDS_PER_PHASE="${BENCH_SECONDS:-5}"
ROUNDS="${BENCH_ROUNDS:-4}"
LB_ROUNDS="${BENCH_LB_ROUNDS:-3}"
WARMUP="${BENCH_WARMUP:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-1}"
KEYS="${BENCH_KEYS:-1000}"
USERS="${BENCH_USERS:-200}"
CIRCUITS="${BENCH_CIRCUITS:-20}"
# One account holds the KEYS keys (b1's is the first, the 429 path's the last): ApiKeys:MaxActivePerAccount allows 1000.
[ "$KEYS" -le 1000 ] || KEYS=1000
slot=$(port_slot)   # ports: scripts/lib.sh
PG_PORT=$((59000 + slot)); REDIS_PORT=$((59500 + slot))
export CLUSTER_DIR="$ROOT/.local/bench-cluster"
export CLUSTER_PORT_A=$((60000 + slot)) CLUSTER_PORT_B=$((60500 + slot)) CLUSTER_NGINX_PORT=$((61000 + slot))
export CLUSTER_ENVIRONMENT=Bench
LIMITED_PORT=$((61500 + slot)); NOSESSION_PORT=$((63000 + slot))
NOLOG_PORT=$((63500 + slot)); LOCAL_PORT=$((64000 + slot)); NOLIMIT_PORT=$((64500 + slot))
PG_DIR="/var/tmp/boltly-bench-pg-$(checkout_id)"
STARTED=$(date +%s)
log() { printf '[bench %3ss] %s\n' "$(( $(date +%s) - STARTED ))" "$*" >&2; }
rm -rf "$OUT"; mkdir -p "$OUT"
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- App bench scripts || echo ' (with uncommitted changes)')"

scripts/ensure-dotnet.sh
dotnet tool restore >/dev/null   # dotnet-trace and dotnet-counters, for the dashboard measurement
scripts/services.sh start >/dev/null   # installs PostgreSQL and Redis if missing; gives BOLTLY_PG_BIN
# shellcheck disable=SC1091
source .local/services.env
PATH="$PATH:/usr/sbin" type -P nginx >/dev/null && type -P wrk >/dev/null || scripts/services.sh install wrk nginx

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
psql_bench() { "$BOLTLY_PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atq -c "$1"; }
psql_bench "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
# PostgreSQL's CPU so far: the postmaster's own and its reaped children's, and every live backend's (all of the bench's
# PostgreSQL: the app's statements and the request log's batches, which land up to a flush interval after their requests).
# One awk over every stat file (a backend that exits meanwhile is skipped: its time is in the postmaster's reaped
# children's by then).
pg_ticks() {
  local pm
  pm=$(head -n 1 "$PG_DIR/postmaster.pid")
  # shellcheck disable=SC2046
  awk -v pm="/proc/$pm/stat" '{ t += $14 + $15; if (FILENAME == pm) t += $16 + $17 } END { print t + 0 }' \
    "/proc/$pm/stat" $(pgrep -P "$pm" | sed 's|.*|/proc/&/stat|') 2>/dev/null
}
# Redis commands served so far, from its own statistics (the INFO calls themselves left out).
redis_calls() {
  redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | grep -v '^cmdstat_info:' | sed -n 's/.*:calls=\([0-9]*\),.*/\1/p' \
    | awk '{ s += $1 } END { print s + 0 }'
}
# Key-record reads (the validator's lookups and refreshes) so far: each wrk run reports how many it caused.
key_reads() { psql_bench "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query LIKE '%api_keys%' AND query LIKE '%key_hash%' AND query NOT LIKE '%pg_stat_statements%'"; }
redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes --logfile "$OUT/redis.log" >/dev/null
sleep 0.2
REDIS_PID=$(redis-cli -p "$REDIS_PORT" info server | tr -d '\r' | sed -n 's/^process_id://p')
PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=100"
export CLUSTER_POSTGRES="$PG" CLUSTER_REDIS="127.0.0.1:$REDIS_PORT"
# Benchmark-only settings: limits out of the way (except the 429 instance's), room for the keys and the
# sign-ins of the many-credential scenarios, tokens that outlive the run.
BENCH_LIMITS="RateLimits__SignInPerWindow=100000 RateLimits__SignInPerAccountPerWindow=100000 RateLimits__TokenPerWindow=100000"
BENCH_LIMITS="$BENCH_LIMITS ApiKeys__MaxActivePerAccount=$KEYS Jwt__AccessTokenMinutes=60"
BENCH_LIMITS="$BENCH_LIMITS ${BENCH_APP_ENV:-}"   # BENCH_APP_ENV="Name=value …": more settings for every instance (experiments)
export CLUSTER_APP_ENV="RateLimits__ApiKeyPerWindow=100000000 RateLimits__SessionPerWindow=100000000 $BENCH_LIMITS"

log "building Release (app and bench tool)"
dotnet build bench/BenchTool/BenchTool.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
TOOL="dotnet $ROOT/bench/BenchTool/bin/Release/net10.0/Boltly.BenchTool.dll"
scripts/cluster.sh start
# shellcheck disable=SC1091
source "$CLUSTER_DIR/cluster.env"
CLUSTER_APP_ENV="$BENCH_LIMITS" scripts/cluster.sh instance limited "$LIMITED_PORT" RateLimits__ApiKeyPerWindow=1 RateLimits__SessionPerWindow=100000000
LIMITED="http://127.0.0.1:$LIMITED_PORT"
# One more instance, by default without the per-request session check of access tokens (a Bench-only switch,
# App/Hosting/BenchSwitches.cs): d1x/d2x against it beside d1/d2 against instance A give what that check costs a
# request (issue 13's figure). BENCH_X_ENV="Name=value …" (and BENCH_X_LABEL) make it any other paired experiment.
X_ENV="${BENCH_X_ENV:-Bench__WithoutSessionTokenCheck=true}"
export X_LABEL="${BENCH_X_LABEL:-without the session check of access tokens (Bench-only switch)}"
# shellcheck disable=SC2086
CLUSTER_APP_ENV="$CLUSTER_APP_ENV" scripts/cluster.sh instance x "$NOSESSION_PORT" $X_ENV
NOSESSION="http://127.0.0.1:$NOSESSION_PORT"
# The cost rows' instances (BenchSwitches refuses these switches outside the Bench environment).
CLUSTER_APP_ENV="$CLUSTER_APP_ENV" scripts/cluster.sh instance nolog "$NOLOG_PORT" Bench__WithoutRequestLog=true
CLUSTER_APP_ENV="$CLUSTER_APP_ENV" scripts/cluster.sh instance local "$LOCAL_PORT" Bench__CountLocally=true
CLUSTER_APP_ENV="$CLUSTER_APP_ENV" scripts/cluster.sh instance nolimit "$NOLIMIT_PORT" Bench__WithoutRateLimit=true

log "seeding $USERS users and $KEYS keys, signing every user in"
EMAIL="bench-$(date +%s)@bench.boltly.local"; PASSWORD="Bench-Lantern-Orbit-$RANDOM-42"
SCENARIO_EMAIL="scenarios-$EMAIL"; CIRCUIT_EMAIL="circuits-$EMAIL"
$TOOL seed "$PG" "$EMAIL" "$PASSWORD" $((USERS - 1)) "$KEYS" "$OUT/keys.txt"
$TOOL seed "$PG" "$SCENARIO_EMAIL" "$PASSWORD" 0 0 -
$TOOL seed "$PG" "$CIRCUIT_EMAIL" "$PASSWORD" 0 0 -
$TOOL prepare "$CLUSTER_URL_A" "$EMAIL" "$PASSWORD" "$USERS" "$OUT"
# shellcheck disable=SC1091
source "$OUT/credentials.env"
curl -fsS -o /dev/null -H "X-API-Key: $BENCH_EXHAUSTED_KEY" "$LIMITED/v1/developer-access/whoami"   # the key's one request

WHOAMI="/v1/developer-access/whoami"
TWIN="/v1/bench/whoami-twin"
# Scenario: URL, credential mode, file of credentials, app processes (for their CPU time).
declare -A URLS=([a]="$CLUSTER_URL_A$TWIN" [b1]="$CLUSTER_URL_A$WHOAMI" [b2]="$CLUSTER_URL_A$WHOAMI" [d1]="$CLUSTER_URL_A$WHOAMI"
                 [d2]="$CLUSTER_URL_A$WHOAMI" [c]="$LIMITED$WHOAMI" [e]="$CLUSTER_URL_A$WHOAMI"
                 [d1x]="$NOSESSION$WHOAMI" [d2x]="$NOSESSION$WHOAMI" [b1x]="$NOSESSION$WHOAMI" [ax]="$NOSESSION$TWIN"
                 [b1n]="http://127.0.0.1:$NOLOG_PORT$WHOAMI" [b1l]="http://127.0.0.1:$LOCAL_PORT$WHOAMI" [ak]="http://127.0.0.1:$NOLIMIT_PORT$TWIN")
declare -A MODES=([a]=anonymous [b1]=key [b2]=keys [d1]=jwt [d2]=jwts [c]=key [e]=malformed [d1x]=jwt [d2x]=jwts [b1x]=key [ax]=anonymous
                  [b1n]=key [b1l]=key [ak]=key)
declare -A FILES=([b2]="$OUT/keys.txt" [d2]="$OUT/jwts.txt" [d2x]="$OUT/jwts.txt")
declare -A KEY=([b1]="$BENCH_VALID_KEY" [b1x]="$BENCH_VALID_KEY" [c]="$BENCH_EXHAUSTED_KEY" [b1n]="$BENCH_VALID_KEY" [b1l]="$BENCH_VALID_KEY" [ak]="$BENCH_VALID_KEY")
declare -A PIDS=([a]="a" [b1]="a" [b2]="a" [d1]="a" [d2]="a" [c]="limited" [e]="a" [d1x]="x" [d2x]="x" [b1x]="x" [ax]="x" [b1n]="nolog" [b1l]="local" [ak]="nolimit")
DIRECT="a b1 b2 d1 d2 c e d1x d2x b1n b1l ak"
# b1x and ax (the key path and the twin on the fourth instance) only in a paired experiment of BENCH_X_ENV, or when named.
if [ -n "${BENCH_X_ENV:-}" ] || [ -n "${BENCH_SCENARIOS:-}" ]; then DIRECT="$DIRECT b1x ax"; fi
# Through nginx, round-robin over both instances (no 429 instance there). The malformed flood through nginx
# throttles 127.0.0.1 itself (bench/wrk.lua), so it runs once after the rounds, beside one more baseline.
LB="lb_a lb_b1 lb_b2 lb_d1 lb_d2"
# BENCH_SCENARIOS="a b1 d1 …": only these (a paired experiment on a few rows; the table then shows only them).
if [ -n "${BENCH_SCENARIOS:-}" ]; then
  keep() { local s out=""; for s in $1; do [[ " $BENCH_SCENARIOS " == *" $s "* ]] && out="$out $s"; done; echo "${out# }"; }
  DIRECT=$(keep "$DIRECT"); LB=$(keep "$LB")
fi
for s in $LB lb_e; do
  base="${s#lb_}"
  URLS[$s]="$CLUSTER_URL${URLS[$base]#"$CLUSTER_URL_A"}"; MODES[$s]="${MODES[$base]}"
  FILES[$s]="${FILES[$base]:-}"; KEY[$s]="${KEY[$base]:-}"; PIDS[$s]="a b"
done
ticks_of() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
app_pids() { local n; for n in ${PIDS[$1]}; do cat "$CLUSTER_DIR/$n.pid"; done; }
nginx_pids() { pgrep -P "$(cat "$CLUSTER_DIR/nginx/nginx.pid")" || true; }
wrk_run() { # scenario seconds: one RESULT line with the CPU time of the app(s), Redis and nginx during the run
  local apps nginxes app0 redis0 nginx0 keys0 pg0 calls0 out
  apps=$(app_pids "$1"); nginxes=$(nginx_pids)
  keys0=$(key_reads); app0=$(ticks_of $apps); redis0=$(ticks_of "$REDIS_PID"); nginx0=$(ticks_of $nginxes)
  pg0=$(pg_ticks); calls0=$(redis_calls)
  out=$(BENCH_MODE="${MODES[$1]}" BENCH_KEY="${KEY[$1]:-}" BENCH_JWT="$BENCH_JWT" BENCH_FILE="${FILES[$1]:-}" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/wrk.lua "${URLS[$1]}" | grep '^RESULT')
  echo "$out app_ticks=$(( $(ticks_of $apps) - app0 )) redis_ticks=$(( $(ticks_of "$REDIS_PID") - redis0 ))" \
    "nginx_ticks=$(( $(ticks_of $nginxes) - nginx0 )) ticks_per_s=$(getconf CLK_TCK) key_reads=$(( $(key_reads) - keys0 ))" \
    "pg_ticks=$(( $(pg_ticks) - pg0 )) redis_calls=$(( $(redis_calls) - calls0 ))"
}

log "warming up every path (${WARMUP} s each)"
for s in $DIRECT $LB; do wrk_run "$s" "$WARMUP" >/dev/null; done   # lb_e has nothing to warm that e did not
# The machine is shared, so load from elsewhere drifts during a run: every round measures every scenario
# once, in a fresh random order, and a ratio is taken against the baseline of the same round.
: > "$OUT/wrk.txt"
for round in $(seq 1 "$ROUNDS"); do
  list="$DIRECT"; [ "$round" -le "$LB_ROUNDS" ] && list="$list $LB"
  for s in $(printf '%s\n' $list | shuf); do
    line=$(wrk_run "$s" "$SECONDS_PER_PHASE")
    log "round $round $s: $line"
    echo "$round $s $line" >> "$OUT/wrk.txt"
  done
done
# BENCH_PROFILE="b2 d1 …": one more run of each (before the nginx flood, which throttles 127.0.0.1), not counted, with a CPU-sampling trace of its (first) instance
# (dotnet-trace collect-linux: kernel CPU samples with managed frames); the top frames go to bench/out/profile-<scenario>.txt.
for s in ${BENCH_PROFILE:-}; do
  log "profiling $s"
  dotnet dotnet-trace collect-linux -p "$(app_pids "$s" | head -n 1)" --profile cpu-sampling \
    --duration "00:00:00:$(printf '%02d' "$SECONDS_PER_PHASE")" -o "$OUT/profile-$s.nettrace" >/dev/null 2>&1 &
  tracer=$!
  sleep 1; wrk_run "$s" "$SECONDS_PER_PHASE" >/dev/null; wait "$tracer" || true
  dotnet dotnet-trace report "$OUT/profile-$s.nettrace" topN --inclusive -n 60 > "$OUT/profile-$s.txt" 2>&1 || true
  dotnet dotnet-trace report "$OUT/profile-$s.nettrace" topN -n 60 > "$OUT/profile-$s-exclusive.txt" 2>&1 || true
done
for s in $( [ -z "${BENCH_SCENARIOS:-}" ] || [[ " $BENCH_SCENARIOS " == *" lb_e "* ]] && echo lb_a lb_e); do
  line=$(wrk_run "$s" "$SECONDS_PER_PHASE")
  log "after the rounds $s: $line"
  echo "$((LB_ROUNDS + 1)) $s $line" >> "$OUT/wrk.txt"
done
LOAD_AT_END=$(cut -d' ' -f1-3 /proc/loadavg)

if [ -n "${BENCH_SCENARIOS:-}" ]; then   # a paired experiment: its table in bench/out only
  RUN_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')" CORES="$(nproc)" LOAD="$LOAD_AT_END" THREADS="$THREADS" COMMIT="$COMMIT" \
    CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" CONNECTIONS="$CONNECTIONS" KEYS="$KEYS" \
    USERS="$USERS" SECONDS_PER_PHASE="$SECONDS_PER_PHASE" ELAPSED="$(( $(date +%s) - STARTED ))" \
    python3 bench/table.py "$OUT/wrk.txt" /dev/null /dev/null > "$OUT/table.md"
  cat "$OUT/table.md"; exit 0
fi
log "revocation, statement counts, stampede"
$TOOL scenarios "$CLUSTER_URL_A" "$CLUSTER_URL_B" "$PG" "$SCENARIO_EMAIL" "$PASSWORD" "$OUT/scenarios.env" \
  || log "the revocation/statements/stampede measurements failed (see above); the table shows them as not measured"
if [ "$CIRCUITS" -gt 0 ]; then
  log "dashboard: $CIRCUITS signed-in circuits on the API Keys page"
  $TOOL circuits "$CLUSTER_URL_A" "$(cat "$CLUSTER_DIR/a.pid")" "$CIRCUIT_EMAIL" "$PASSWORD" "$CIRCUITS" "$OUT/circuits.env" \
    || log "the dashboard measurement failed (see above); the table shows it as not measured"
fi
touch "$OUT/circuits.env"

RUN_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')" CORES="$(nproc)" LOAD="$LOAD_AT_END" THREADS="$THREADS" COMMIT="$COMMIT" \
  CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" CONNECTIONS="$CONNECTIONS" KEYS="$KEYS" USERS="$USERS" \
  SECONDS_PER_PHASE="$SECONDS_PER_PHASE" ELAPSED="$(( $(date +%s) - STARTED ))" \
  python3 bench/table.py "$OUT/wrk.txt" "$OUT/scenarios.env" "$OUT/circuits.env" > "$OUT/table.md"
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
