#!/usr/bin/env bash
# Starts Boltly Portal for development: this checkout's PostgreSQL, Redis and smtp4dev (scripts/services.sh:
# installed from Debian / NuGet and started on loopback if needed; the app's Email__Smtp__* point at smtp4dev), a JWT signing key made once per checkout,
# a Debug build, the migrations, then the app in the Development environment on
# http://127.0.0.1:${PORT:-5080}; the app seeds the demo account at start. Ctrl-C stops the app (the
# services keep running: `scripts/services.sh stop`).
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
PORT="${PORT:-5080}"

scripts/ensure-dotnet.sh
scripts/services.sh start
# shellcheck disable=SC1091
source .local/services.env

Jwt__SigningKey="$(jwt_signing_key)"
export Jwt__SigningKey
# The cache MAC key, the recovery-code pepper and the key ring's certificate, also once per checkout (docs/security.md).
scripts/local-secrets.sh
export Cache__MacKey="$(cat .local/cache-mac.key)"
export TwoFactor__RecoveryCodePepper="$(cat .local/recovery-pepper.key)"
export DataProtection__CertificatePath="$BOLTLY_ROOT/.local/dataprotection.pem"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
# The OpenAPI document's server (docs/openapi.md): where this run is reached, unless configured otherwise.
export Portal__PublicUrl="${Portal__PublicUrl:-http://127.0.0.1:$PORT}"
export Seed__DemoPassword="${Seed__DemoPassword:-Demo-Password-123!}"

echo "[run] building"
dotnet build App/App.csproj -c Debug -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build migrations/Migrations.csproj -c Debug -nologo -v quiet -clp:ErrorsOnly >/dev/null
echo "[run] applying migrations"
dotnet migrations/bin/Debug/net10.0/Boltly.Migrations.dll

cat <<INFO

  Boltly Portal   http://127.0.0.1:$PORT
  Demo account    ${Seed__DemoEmail:-demo@boltly.local} / $Seed__DemoPassword
  Second account  ${Seed__TeamAccountName:-Acme}: owner@, admin@, developer@, viewer@${Seed__TeamEmailDomain:-acme.boltly.local}
                  (one member of each role), each with the same password
  API reference   http://127.0.0.1:$PORT/docs
  Health          http://127.0.0.1:$PORT/health/ready
  Mail (smtp4dev) ${BOLTLY_MAIL_UI:-not started: Email__Smtp__Host names another server}

  Press Ctrl-C to stop; scripts/services.sh stop stops PostgreSQL, Redis and smtp4dev.

INFO
cd App/bin/Debug/net10.0
exec dotnet Boltly.App.dll
