#!/usr/bin/env bash
# Starts Boltly Portal for development: PostgreSQL and Redis (installed and started if needed),
# migrations, the demo account, then the app on http://127.0.0.1:${PORT:-5080}. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
PORT="${PORT:-5080}"

scripts/ensure-dotnet.sh
scripts/services.sh start
# shellcheck disable=SC1091
source .local/services.env

# A JWT signing key generated once per checkout, kept in the ignored .local/ folder.
if [ ! -s .local/jwt.key ]; then
  head -c 48 /dev/urandom | base64 -w0 > .local/jwt.key
  chmod 600 .local/jwt.key
fi
export Jwt__SigningKey="$(cat .local/jwt.key)"
# The cache MAC key, the recovery-code pepper and the key ring's certificate, also once per checkout (docs/security.md).
scripts/local-secrets.sh
export Cache__MacKey="$(cat .local/cache-mac.key)"
export TwoFactor__RecoveryCodePepper="$(cat .local/recovery-pepper.key)"
export DataProtection__CertificatePath="$ROOT/.local/dataprotection.pem"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
export Seed__DemoPassword="${Seed__DemoPassword:-Demo-Password-123!}"

echo "[run] building"
dotnet build App/App.csproj -c Debug -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build migrations/Migrations.csproj -c Debug -nologo -v quiet -clp:ErrorsOnly >/dev/null
echo "[run] applying migrations"
dotnet migrations/bin/Debug/net10.0/Boltly.Migrations.dll

cat <<INFO

  Boltly Portal   http://127.0.0.1:$PORT
  Demo account    ${Seed__DemoEmail:-demo@boltly.local} / $Seed__DemoPassword
  API reference   http://127.0.0.1:$PORT/docs
  Health          http://127.0.0.1:$PORT/health/ready

  Press Ctrl-C to stop.

INFO
cd App/bin/Debug/net10.0
exec dotnet Boltly.App.dll
