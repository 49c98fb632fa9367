#!/usr/bin/env bash
# Two Boltly Portal instances (a Release publish, Production environment) on one PostgreSQL and one
# Redis, with nginx in front on loopback (scripts/nginx.conf.template): round-robin for /v1, /health and
# /openapi, sticky (ip_hash) for the dashboard and /_blazor.
#   scripts/cluster.sh start     publish, migrate, start both instances and nginx; logs their addresses
#                                and writes them to $CLUSTER_DIR/cluster.env (CLUSTER_URL, _A, _B)
#   scripts/cluster.sh check     through nginx: /health/ready, round-robin, sticky dashboard, the /_blazor
#                                WebSocket upgrade; with CHECK_EMAIL/CHECK_PASSWORD of a user also a
#                                cookie accepted by both instances and a signed-in circuit's WebSocket
#   scripts/cluster.sh instance NAME PORT [Name=value …]   one more instance of the same build (e.g. other limits)
#   scripts/cluster.sh stop      stop nginx and every instance started here (by their pid files)
# Environment: CLUSTER_POSTGRES / CLUSTER_REDIS (default: this checkout's services), CLUSTER_SKIP_BUILD=1
# (reuse the last publish), CLUSTER_APP_ENV="Name=value …" (extra settings for both instances, e.g.
# RateLimits__ApiKeyPerWindow=100000000), CLUSTER_REDIS_PREFIX (default boltly:), CLUSTER_DIR,
# CLUSTER_PORT_A / CLUSTER_PORT_B / CLUSTER_NGINX_PORT (default: ports derived from the checkout path),
# CLUSTER_ENVIRONMENT (default Production; bench/run.sh uses Bench, Production plus the benchmark's twin baseline).
# The harness speaks plain HTTP on loopback, so it sets Api__RequireHttps=false (CLUSTER_REQUIRE_HTTPS);
# a real deployment terminates TLS at nginx and keeps the default (see docs/several-instances.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
ROOT="$BOLTLY_ROOT"
DIR="${CLUSTER_DIR:-$ROOT/.local/cluster}"
slot=$(port_slot)
APP_A="${CLUSTER_PORT_A:-$((57000 + slot))}"
APP_B="${CLUSTER_PORT_B:-$((57500 + slot))}"
NGINX_PORT="${CLUSTER_NGINX_PORT:-$((58000 + slot))}"
log() { printf '[cluster] %s\n' "$*" >&2; }
# Debian puts nginx in /usr/sbin, which a non-login PATH may lack.
nginx() { PATH="$PATH:/usr/sbin" command nginx "$@"; }

services() {
  if [ -z "${CLUSTER_POSTGRES:-}" ] || [ -z "${CLUSTER_REDIS:-}" ]; then
    scripts/services.sh start
    # shellcheck disable=SC1091
    source .local/services.env
  fi
  PG="${CLUSTER_POSTGRES:-$ConnectionStrings__Postgres}"
  REDIS="${CLUSTER_REDIS:-$ConnectionStrings__Redis}"
}

# CLUSTER_APP_DIR: run an existing build output instead of publishing (the tests use the Debug build
# that test.sh made); CLUSTER_CONFIGURATION: which build of the migrations runner to use (Release).
APP_DIR="${CLUSTER_APP_DIR:-$DIR/app}"
CONFIGURATION="${CLUSTER_CONFIGURATION:-Release}"

publish() {
  if [ -n "${CLUSTER_APP_DIR:-}" ]; then return; fi
  if [ "${CLUSTER_SKIP_BUILD:-0}" = "1" ] && [ -f "$APP_DIR/Boltly.App.dll" ]; then return; fi
  log "publishing Release to $APP_DIR"
  dotnet publish App/App.csproj -c Release -o "$APP_DIR" -nologo -v quiet -clp:ErrorsOnly >/dev/null
  dotnet build migrations/Migrations.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
}

wait_http() { # url, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

# start_instance NAME PORT [Name=value …]: one app process from the published output.
start_instance() {
  local name="$1" port="$2"; shift 2
  local key; key="$(jwt_signing_key)"
  "$ROOT/scripts/local-secrets.sh"
  local extra=(${CLUSTER_APP_ENV:-} "$@")
  (
    cd "$APP_DIR"
    env ASPNETCORE_ENVIRONMENT="${CLUSTER_ENVIRONMENT:-Production}" ASPNETCORE_URLS="http://127.0.0.1:$port" \
      ConnectionStrings__Postgres="$PG" ConnectionStrings__Redis="$REDIS" \
      Redis__KeyPrefix="${CLUSTER_REDIS_PREFIX:-boltly:}" Jwt__SigningKey="$key" \
      Cache__MacKey="$(cat "$ROOT/.local/cache-mac.key")" TwoFactor__RecoveryCodePepper="$(cat "$ROOT/.local/recovery-pepper.key")" \
      DataProtection__CertificatePath="$ROOT/.local/dataprotection.pem" \
      ForwardedHeaders__KnownProxies__0=127.0.0.1 Logging__LogLevel__Default=Warning \
      Api__RequireHttps="${CLUSTER_REQUIRE_HTTPS:-false}" \
      "${extra[@]}" nohup dotnet Boltly.App.dll >"$DIR/$name.log" 2>&1 &
    echo $! > "$DIR/$name.pid"
  )
  wait_http "http://127.0.0.1:$port/health/live" 60 || { log "instance $name did not start; see $DIR/$name.log"; tail -20 "$DIR/$name.log" >&2; exit 1; }
  log "instance $name on http://127.0.0.1:$port (pid $(cat "$DIR/$name.pid"))"
}

stop_instance() {
  local pidfile="$DIR/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
}

start_nginx() {
  PATH="$PATH:/usr/sbin" type -P nginx >/dev/null || scripts/services.sh install nginx
  local prefix="$DIR/nginx"
  mkdir -p "$prefix/tmp"
  local user_directive=""
  # As root, workers would run as nobody, who cannot write the temp folders of this checkout.
  [ "$(id -u)" -eq 0 ] && user_directive="user root;"
  sed -e "s|@USER_DIRECTIVE@|$user_directive|" -e "s|@PREFIX@|$prefix|g" -e "s|@APP_A@|$APP_A|g" \
      -e "s|@APP_B@|$APP_B|g" -e "s|@NGINX_PORT@|$NGINX_PORT|g" scripts/nginx.conf.template > "$prefix/nginx.conf"
  nginx -t -p "$prefix" -c "$prefix/nginx.conf" 2>/dev/null || { nginx -t -p "$prefix" -c "$prefix/nginx.conf"; exit 1; }
  nginx -p "$prefix" -c "$prefix/nginx.conf"
  wait_http "http://127.0.0.1:$NGINX_PORT/health/live" 10 || { log "nginx did not answer"; exit 1; }
  log "nginx on http://127.0.0.1:$NGINX_PORT"
}

stop_nginx() {
  local prefix="$DIR/nginx"
  [ -f "$prefix/nginx.pid" ] || return 0
  nginx -p "$prefix" -c "$prefix/nginx.conf" -s quit 2>/dev/null || true
  for _ in $(seq 1 50); do [ -f "$prefix/nginx.pid" ] || break; sleep 0.1; done
}

start() {
  mkdir -p "$DIR"
  services
  publish
  log "migrating"
  ConnectionStrings__Postgres="$PG" dotnet "migrations/bin/$CONFIGURATION/net10.0/Boltly.Migrations.dll" >/dev/null
  start_instance a "$APP_A"
  start_instance b "$APP_B"
  start_nginx
  cat > "$DIR/cluster.env" <<ENV
export CLUSTER_URL='http://127.0.0.1:$NGINX_PORT'
export CLUSTER_URL_A='http://127.0.0.1:$APP_A'
export CLUSTER_URL_B='http://127.0.0.1:$APP_B'
ENV
}

stop() {
  stop_nginx
  for pidfile in "$DIR"/*.pid; do [ -f "$pidfile" ] && stop_instance "$(basename "$pidfile" .pid)"; done
  log "stopped"
}

check() {
  local lb="http://127.0.0.1:$NGINX_PORT" jar; jar="$(mktemp -d)"
  trap 'rm -rf "$jar"' RETURN
  curl -fsS "$lb/health/ready" >/dev/null && log "ok: /health/ready through nginx"
  local seen
  seen=$(for _ in 1 2 3 4 5 6; do curl -s -o /dev/null -D - "$lb/health/live" | tr -d '\r' | sed -n 's/^X-Boltly-Upstream: //Ip'; done | sort -u | wc -l)
  [ "$seen" -eq 2 ] || { log "FAIL: /health went to $seen instance(s), expected round-robin over 2"; return 1; }
  log "ok: API paths round-robin over both instances"
  seen=$(for _ in 1 2 3 4; do curl -s -o /dev/null -D - "$lb/account/login" | tr -d '\r' | sed -n 's/^X-Boltly-Upstream: //Ip'; done | sort -u | wc -l)
  [ "$seen" -eq 1 ] || { log "FAIL: the dashboard went to $seen instances, expected sticky"; return 1; }
  log "ok: dashboard pages sticky"
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
    -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$lb/_blazor?id=none")
  log "info: /_blazor WebSocket upgrade through nginx answered $code (no circuit id: 101 or 4xx, never 502)"
  [ "$code" != "502" ] || return 1
  # A dashboard cookie issued through nginx (instance X) is accepted by both instances directly.
  [ -n "${CHECK_EMAIL:-}" ] || { log "skip cookie check: set CHECK_EMAIL and CHECK_PASSWORD of an existing user"; return 0; }
  local token
  token=$(curl -s -c "$jar/c" "$lb/account/login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="\([^"]*\)"/\1/')
  curl -s -o /dev/null -b "$jar/c" -c "$jar/c" --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=$CHECK_EMAIL" --data-urlencode "Input.Password=$CHECK_PASSWORD" "$lb/account/login"
  grep -q boltly.session "$jar/c" || { log "FAIL: no session cookie from signing in through nginx"; return 1; }
  for port in "$APP_A" "$APP_B"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar/c" "http://127.0.0.1:$port/")
    [ "$code" = "200" ] || { log "FAIL: instance on $port answered $code to the cookie"; return 1; }
  done
  log "ok: a cookie issued through nginx opens the dashboard on both instances"
  # A signed-in circuit: negotiate, then the WebSocket upgrade, both through nginx to the same instance.
  local id
  id=$(curl -s -b "$jar/c" -X POST "$lb/_blazor/negotiate?negotiateVersion=1" | sed -n 's/.*"connectionToken":"\([^"]*\)".*/\1/p')
  [ -n "$id" ] || { log "FAIL: /_blazor/negotiate through nginx gave no connection token"; return 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 -b "$jar/c" -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
    -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$lb/_blazor?id=$id" || true)
  [ "$code" = "101" ] || { log "FAIL: the /_blazor WebSocket upgrade through nginx answered $code"; return 1; }
  log "ok: a signed-in Blazor circuit negotiates and upgrades to a WebSocket through nginx"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  check) check ;;
  instance) [ $# -ge 3 ] || { echo "usage: $0 instance NAME PORT [Name=value …]" >&2; exit 2; }
    services; name="$2"; port="$3"; shift 3; start_instance "$name" "$port" "$@" ;;
  *) echo "usage: $0 start|check|stop" >&2; exit 2 ;;
esac
