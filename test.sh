#!/usr/bin/env bash
# Builds the solution (Debug) and runs its tests against this checkout's PostgreSQL, Redis and smtp4dev
# (scripts/services.sh: started on loopback, tests on the separate boltly_test database), installing
# Debian's Chromium (for App.E2E) and nginx (for the several-instance tests in App.Tests) if missing,
# then prints one line: "N passed, N failed, N skipped". Skipped tests are not failures; tests that
# were aborted or not run are, and so is a suite that reported nothing. Exit status 0 only when
# nothing failed and something passed.
usage() {
  cat >&2 <<USAGE
usage: ./test.sh [all|unit|e2e]
  all    App.Tests and App.E2E (the default)
  unit   App.Tests only: unit, API over real HTTP, bunit, several-instance tests
  e2e    App.E2E only: Playwright against a real Kestrel host
  FILTER='FullyQualifiedName~ApiKeys' ./test.sh unit   narrows a run (dotnet test --filter)
USAGE
}
set -uo pipefail
cd "$(dirname "$0")"
SUITE="${1:-all}"
case "$SUITE" in
  all|unit|e2e) ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "./test.sh: unknown argument '$SUITE'" >&2; usage; exit 2 ;;
esac
[ $# -le 1 ] || { echo "./test.sh: one argument at most" >&2; usage; exit 2; }
RESULTS="$(pwd)/TestResults"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
# Test hosts append their Error entries here (App.Tests/Infrastructure/HostErrorLog.cs).
export BOLTLY_TEST_RESULTS="$RESULTS"

scripts/ensure-dotnet.sh || exit 1
# The tests' PostgreSQL may run without fsync when test.sh starts it (scripts/services.sh, pg_durability).
BOLTLY_PG_FAST=1 scripts/services.sh start || exit 1
# The test hosts encrypt the Data Protection key ring with .local/dataprotection.pem (docs/security.md).
scripts/local-secrets.sh || exit 1
# shellcheck disable=SC1091
source .local/services.env
# Mail the test hosts send goes to this smtp4dev; its API is how the mail tests read it back (docs/email.md).
echo "[test] mail UI (smtp4dev) ${BOLTLY_MAIL_UI:-none}"
if [ "$SUITE" != "unit" ]; then scripts/services.sh chromium || exit 1; fi
# nginx: the several-instance tests run two app processes behind it (scripts/cluster.sh).
if [ "$SUITE" != "e2e" ]; then scripts/services.sh install nginx || exit 1; fi
# node/npm: OpenApiLintTests runs the pinned Redocly CLI (npm ci into scripts/openapi/node_modules).
if [ "$SUITE" != "e2e" ]; then scripts/services.sh node || exit 1; fi

echo "[test] building"
if ! dotnet build BoltlyPortal.sln -c Debug -nologo -v quiet -clp:ErrorsOnly; then
  echo "0 passed, 1 failed, 0 skipped"; echo "[test] build failed" >&2; exit 1
fi

run_suite() {
  local project="$1" name="$2"
  local args=(test "$project" --no-build -c Debug --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" -v q)
  [ -n "${FILTER:-}" ] && args+=(--filter "$FILTER")
  echo "[test] $name"
  dotnet "${args[@]}" || true
}

[ "$SUITE" = "all" ] || [ "$SUITE" = "unit" ] && run_suite App.Tests/App.Tests.csproj app-tests
[ "$SUITE" = "all" ] || [ "$SUITE" = "e2e" ] && run_suite App.E2E/App.E2E.csproj e2e-tests

passed=0; failed=0; skipped=0; total=0; files=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  t=$(echo "$counters" | sed -n 's/.* total="\([0-9]*\)".*/\1/p')
  # A skipped test (xunit's Skip, Assert.Skip) is a result with outcome NotExecuted; the trx logger
  # leaves the notExecuted counter at 0 for them, so count the results themselves.
  s=$(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" | wc -l)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + s)); total=$((total + ${t:-0}))
done
expected=0
[ "$SUITE" = "all" ] && expected=2 || expected=1
if [ "$files" -lt "$expected" ]; then failed=$((failed + expected - files)); echo "[test] a suite did not report results" >&2; fi
# Tests that neither passed, failed nor were skipped (aborted, not run) count as failures.
other=$((total - passed - failed - skipped)); [ "$other" -gt 0 ] && failed=$((failed + other))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
