#!/usr/bin/env bash
# Installs (if missing) and starts PostgreSQL, Redis and smtp4dev (the local mail server, docs/email.md)
# on loopback for this checkout, then writes .local/services.env with the connection strings, the SMTP
# address the app sends to and the mail UI's address (BOLTLY_MAIL_UI). Idempotent: a second run reuses what is running.
# Run (not sourced) by run.sh, test.sh, scripts/cluster.sh and bench/run.sh, which then source the
# .local/services.env it writes; usable alone: `scripts/services.sh [start|stop|status|chromium|install …]`.
#
# Where POSTGRES_CONNECTION / REDIS_CONNECTION (or the names the app reads, ConnectionStrings__Postgres
# / ConnectionStrings__Redis) are already set, those servers are used and nothing is installed or
# started. Tests use the same server with the database name + "_test" (boltly_test when the string
# names none; POSTGRES_TEST_CONNECTION overrides), created here if missing and psql is at hand.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT="$BOLTLY_ROOT"
LOCAL="$ROOT/.local"
mkdir -p "$LOCAL"

# One port pair per checkout, away from the default ports (5432/6379) of any system instance (lib.sh).
slot=$(port_slot)
PG_PORT="${BOLTLY_PG_PORT:-$((55000 + slot))}"
REDIS_PORT="${BOLTLY_REDIS_PORT:-$((56000 + slot))}"
# smtp4dev: its web UI and REST API, and its SMTP port (lib.sh lists the ranges).
MAIL_UI_PORT="${BOLTLY_MAIL_UI_PORT:-$((62000 + slot))}"
SMTP_PORT="${BOLTLY_SMTP_PORT:-$((62500 + slot))}"
SMTP4DEV_VERSION="3.15.0"
SMTP4DEV_DIR="$LOCAL/smtp4dev"
SMTP4DEV_TOOL="$LOCAL/tools/smtp4dev"
PG_BIN=""

log() { printf '[services] %s\n' "$*" >&2; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing packages: ${missing[*]} (run as root, or install them: apt-get install ${missing[*]})"; exit 1
  fi
  log "installing ${missing[*]} from Debian packages"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

find_pg_bin() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$PG_BIN" ] || { log "PostgreSQL binaries not found"; exit 1; }
}

# The postgres user must be able to reach the data folder; a checkout under a private home folder
# is not reachable, so the cluster then lives under /var/tmp, one folder per checkout.
pg_data_dir() {
  local dir="$LOCAL/pg"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$LOCAL" 2>/dev/null; then
    dir="/var/tmp/boltly-pg-$(checkout_id)"
  fi
  echo "$dir"
}

start_postgres() {
  apt_install postgresql
  find_pg_bin
  local data; data="$(pg_data_dir)"
  if [ ! -s "$data/PG_VERSION" ]; then
    log "initialising a PostgreSQL cluster in $data"
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
    chmod 700 "$data"
    as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $PG_PORT"
      echo "unix_socket_directories = '$data'"
      echo "max_connections = 300"
    } >> "$data/postgresql.conf"
  fi
  # Clusters made before durability was the default carry fsync=off & co. in postgresql.conf: drop them.
  as_pg sed -i -E '/^(fsync|synchronous_commit|full_page_writes) = off$/d' "$data/postgresql.conf"
  local started_here=0
  if ! as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null
    started_here=1
  fi
  pg_durability "$started_here"
  for db in boltly boltly_test; do
    if ! psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
      psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database $db" >/dev/null
    fi
  done
  echo "$data" > "$LOCAL/pg.datadir"
}

# PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes on) unless test.sh asks for a
# fast cluster (BOLTLY_PG_FAST=1) and is the one starting it: a crash may then lose the last commits, which
# tests can afford and a developer's data cannot. All three settings take effect on reload.
pg_durability() {
  local sql="ALTER SYSTEM RESET fsync; ALTER SYSTEM RESET synchronous_commit; ALTER SYSTEM RESET full_page_writes;"
  if [ "${BOLTLY_PG_FAST:-0}" = 1 ]; then
    [ "$1" = 1 ] || return 0
    sql="ALTER SYSTEM SET fsync = off; ALTER SYSTEM SET synchronous_commit = off; ALTER SYSTEM SET full_page_writes = off;"
    log "fast PostgreSQL for tests (fsync off)"
  fi
  printf '%s SELECT pg_reload_conf();\n' "$sql" | psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -v ON_ERROR_STOP=1 >/dev/null
}

start_redis() {
  apt_install redis-server
  local dir="$LOCAL/redis"
  mkdir -p "$dir"
  if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    log "starting Redis on 127.0.0.1:$REDIS_PORT"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$dir" --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save "" --appendonly no
    for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
}

# smtp4dev from NuGet as a .NET tool under .local/tools (no global install, no input asked), started in
# the background on loopback: SMTP on $SMTP_PORT, web UI and API on $MAIL_UI_PORT, IMAP and POP3 off (their
# defaults would listen on every interface, POP3 on port 110), its settings and messages under .local.
start_smtp4dev() {
  command -v curl >/dev/null 2>&1 || apt_install curl
  if [ ! -x "$SMTP4DEV_TOOL/smtp4dev" ] || [ ! -d "$SMTP4DEV_TOOL/.store/rnwood.smtp4dev/$SMTP4DEV_VERSION" ]; then
    log "installing smtp4dev $SMTP4DEV_VERSION (dotnet tool) into $SMTP4DEV_TOOL"
    rm -rf "$SMTP4DEV_TOOL"
    dotnet tool install Rnwood.Smtp4dev --version "$SMTP4DEV_VERSION" --tool-path "$SMTP4DEV_TOOL" >/dev/null
  fi
  mkdir -p "$SMTP4DEV_DIR"
  if mail_ui_ready; then return 0; fi
  log "starting smtp4dev: SMTP 127.0.0.1:$SMTP_PORT, mail UI http://127.0.0.1:$MAIL_UI_PORT"
  (
    cd "$SMTP4DEV_DIR"
    # Its own session (setsid): a Ctrl-C of run.sh stops the app, not the mail server with it.
    setsid nohup "$SMTP4DEV_TOOL/smtp4dev" --urls="http://127.0.0.1:$MAIL_UI_PORT" --smtpport="$SMTP_PORT" \
      --bindaddress=127.0.0.1 --imapport= --pop3port= --nousersettings --baseappdatapath="$SMTP4DEV_DIR" \
      --db="$SMTP4DEV_DIR/messages.db" --messagestokeep=5000 --sessionstokeep=100 \
      >"$SMTP4DEV_DIR/smtp4dev.log" 2>&1 </dev/null &
    echo $! > "$SMTP4DEV_DIR/smtp4dev.pid"
  )
  # A first start migrates its database: a few seconds, up to ~10 s on a busy machine.
  for _ in $(seq 1 600); do
    mail_ui_ready && return 0
    kill -0 "$(cat "$SMTP4DEV_DIR/smtp4dev.pid")" 2>/dev/null || break
    sleep 0.1
  done
  log "smtp4dev did not start; see $SMTP4DEV_DIR/smtp4dev.log"; tail -20 "$SMTP4DEV_DIR/smtp4dev.log" >&2; exit 1
}

mail_ui_ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$MAIL_UI_PORT/api/messages" 2>/dev/null; }

stop_smtp4dev() {
  local pid_file="$SMTP4DEV_DIR/smtp4dev.pid"
  [ -f "$pid_file" ] || return 0
  local pid; pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pid_file"
}

# The value of the first of the given keys (lower case, spaces removed) in an Npgsql connection string.
cs_get() {
  local cs="$1" part key value want; shift
  local parts; IFS=';' read -ra parts <<< "$cs"
  for part in "${parts[@]}"; do
    key="$(printf '%s' "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    value="${part#*=}"; value="${value#"${value%%[![:space:]]*}"}"; value="${value%"${value##*[![:space:]]}"}"
    for want in "$@"; do
      if [ "$key" = "$want" ] && [ "$part" != "${part#*=}" ]; then printf '%s' "$value"; return; fi
    done
  done
}

# The tests' database: the app's database name + "_test" (boltly_test when none is named), so tests
# never write into the database the portal runs on.
test_database() {
  local db; db="$(cs_get "$1" database db)"; db="${db:-boltly}"
  case "$db" in *_test) printf '%s' "$db" ;; *) printf '%s_test' "$db" ;; esac
}

# The connection string with its database replaced by the tests' one.
test_connection() {
  local cs="$1" part key kept=() parts
  IFS=';' read -ra parts <<< "$cs"
  for part in "${parts[@]}"; do
    key="$(printf '%s' "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    [ -z "$key" ] || [ "$key" = "database" ] || [ "$key" = "db" ] || kept+=("$part")
  done
  local IFS=';'; printf '%s;Database=%s' "${kept[*]}" "$(test_database "$cs")"
}

# Creates the tests' database on a server we did not start, when psql is installed. Without psql the
# first migration creates it (EF Core does when the user may create databases).
ensure_test_database() {
  local cs="$1" db; db="$(test_database "$cs")"
  if ! command -v psql >/dev/null 2>&1; then log "psql not found: the test database $db is created by the first migration"; return 0; fi
  if ! [[ "$db" =~ ^[A-Za-z0-9_]+$ ]]; then log "test database name '$db' left to the first migration"; return 0; fi
  local host port user password
  host="$(cs_get "$cs" host server)"; port="$(cs_get "$cs" port)"
  user="$(cs_get "$cs" username userid uid)"; password="$(cs_get "$cs" password pwd psw)"
  admin_psql() { PGPASSWORD="$password" psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-${USER:-postgres}}" -d postgres -tA "$@"; }
  if ! admin_psql -c "select 1 from pg_database where datname='$db'" 2>/dev/null | grep -q 1; then
    log "creating the test database $db"
    admin_psql -qc "create database \"$db\"" >/dev/null || log "could not create $db: the first migration will try"
  fi
}

start() {
  local pg="${POSTGRES_CONNECTION:-${ConnectionStrings__Postgres:-}}"
  local redis="${REDIS_CONNECTION:-${ConnectionStrings__Redis:-}}"
  # A shell that sourced .local/services.env carries our own strings: those servers are still ours to start.
  local local_pg="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=boltly" local_redis="127.0.0.1:$REDIS_PORT"
  if [ -z "$pg" ] || [ "$pg" = "$local_pg" ]; then
    start_postgres
    pg="$local_pg"
  elif [ -z "${POSTGRES_TEST_CONNECTION:-}" ]; then
    ensure_test_database "$pg"
  fi
  if [ -z "$redis" ] || [ "$redis" = "$local_redis" ]; then
    start_redis
    redis="$local_redis"
  fi
  local pg_test="${POSTGRES_TEST_CONNECTION:-$(test_connection "$pg")}"
  # Mail: an SMTP server named by Email__Smtp__Host is used as it is (no smtp4dev, no mail UI).
  local smtp_host="${Email__Smtp__Host:-}" smtp_port="${Email__Smtp__Port:-}" mail_ui=""
  if [ -z "$smtp_host" ] || { [ "$smtp_host" = 127.0.0.1 ] && [ "$smtp_port" = "$SMTP_PORT" ]; }; then
    start_smtp4dev
    smtp_host=127.0.0.1; smtp_port="$SMTP_PORT"; mail_ui="http://127.0.0.1:$MAIL_UI_PORT"
  fi
  cat > "$LOCAL/services.env" <<ENV
export ConnectionStrings__Postgres='$pg'
export ConnectionStrings__Redis='$redis'
export BOLTLY_TEST_POSTGRES='$pg_test'
export BOLTLY_TEST_REDIS='$redis'
export BOLTLY_PG_PORT='$PG_PORT'
export BOLTLY_PG_BIN='${PG_BIN}'
export BOLTLY_PG_DATA='$( [ -f "$LOCAL/pg.datadir" ] && cat "$LOCAL/pg.datadir" )'
export Email__Smtp__Host='$smtp_host'
export Email__Smtp__Port='${smtp_port:-25}'
export BOLTLY_MAIL_UI='$mail_ui'
ENV
}

stop() {
  find_pg_bin
  local data; data="$(pg_data_dir)"
  as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  stop_smtp4dev
  log "stopped"
}

case "${1:-start}" in
  start) start ;;
  chromium) apt_install chromium ;;
  # Node and npm for the OpenAPI lint (scripts/openapi); a machine that has them (from any source) keeps its own.
  node) command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm ;;
  install) shift; apt_install "$@" ;;   # e.g. nginx and wrk for the several-instance tests and bench/
  stop) stop ;;
  status)
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || echo "redis: down"
    pg_isready -h 127.0.0.1 -p "$PG_PORT" || true
    mail_ui_ready && echo "smtp4dev: http://127.0.0.1:$MAIL_UI_PORT" || echo "smtp4dev: down" ;;
  *) echo "usage: $0 [start|stop|status|chromium|node|install PACKAGE…]" >&2; exit 2 ;;
esac
