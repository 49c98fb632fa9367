#!/usr/bin/env bash
# Only the dashboard part of the benchmark (docs/performance.md, "The dashboard"): a Release publish of this
# checkout on its own PostgreSQL and Redis (scripts/services.sh), one instance measured by `BenchTool circuits`
# (BENCH_CIRCUITS pages, 20 by default, of one signed-in user on the API Keys page). Prints the figures and
# writes them to bench/out/circuits-only.env; bench/RESULTS.md is not touched. About 3 minutes.
#   bench/circuits.sh    BENCH_CIRCUITS=20, BENCH_APP_ENV="Name=value …" (experiments), BENCH_GCDUMP=<dotnet-gcdump>
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/lib.sh
source scripts/lib.sh
ROOT="$BOLTLY_ROOT"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
CIRCUITS="${BENCH_CIRCUITS:-20}"
slot=$(port_slot)
export CLUSTER_DIR="$ROOT/.local/bench-circuits"
export CLUSTER_PORT_A=$((63000 + slot)) CLUSTER_PORT_B=$((63500 + slot)) CLUSTER_NGINX_PORT=$((64000 + slot))
export CLUSTER_ENVIRONMENT=Bench CLUSTER_APP_ENV="RateLimits__SignInPerWindow=100000 ${BENCH_APP_ENV:-}"
scripts/ensure-dotnet.sh
dotnet tool restore >/dev/null
scripts/services.sh start >/dev/null
# shellcheck disable=SC1091
source .local/services.env
trap 'scripts/cluster.sh stop 2>/dev/null || true' EXIT
dotnet build bench/BenchTool/BenchTool.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
TOOL="dotnet $ROOT/bench/BenchTool/bin/Release/net10.0/Boltly.BenchTool.dll"
scripts/cluster.sh start
# shellcheck disable=SC1091
source "$CLUSTER_DIR/cluster.env"
EMAIL="circuits-$(date +%s)@bench.boltly.local"; PASSWORD="Bench-Lantern-Orbit-$RANDOM-42"
$TOOL seed "$ConnectionStrings__Postgres" "$EMAIL" "$PASSWORD" 0 0 -
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
$TOOL circuits "$CLUSTER_URL_A" "$(cat "$CLUSTER_DIR/a.pid")" "$EMAIL" "$PASSWORD" "$CIRCUITS" "$OUT/circuits-only.env"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
