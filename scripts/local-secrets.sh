#!/usr/bin/env bash
# Creates, once per checkout, the secrets a local portal needs in the ignored .local/ folder (mode 600):
#   .local/cache-mac.key         Cache:MacKey, authenticates values read back from Redis
#   .local/recovery-pepper.key   TwoFactor:RecoveryCodePepper, keys the stored recovery-code hashes
#   .local/dataprotection.pem    DataProtection:CertificatePath, encrypts the Data Protection key ring
# Used by run.sh, test.sh and scripts/cluster.sh; see docs/security.md for what a deployment sets instead.
set -euo pipefail
LOCAL="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.local"
mkdir -p "$LOCAL"
umask 077
for name in cache-mac recovery-pepper; do
  [ -s "$LOCAL/$name.key" ] || head -c 32 /dev/urandom | base64 -w0 > "$LOCAL/$name.key"
done
if [ ! -s "$LOCAL/dataprotection.pem" ]; then
  if ! command -v openssl >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "[secrets] installing openssl from Debian packages" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
  fi
  command -v openssl >/dev/null 2>&1 || { echo "[secrets] openssl is needed to create .local/dataprotection.pem (apt-get install openssl)" >&2; exit 1; }
  tmp="$(mktemp -d)"
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=Boltly Portal Data Protection (local)" \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1
  cat "$tmp/cert.pem" "$tmp/key.pem" > "$LOCAL/dataprotection.pem"
  rm -rf "$tmp"
fi
