# What run.sh, test.sh, scripts/services.sh, scripts/cluster.sh and bench/run.sh share, written once.
# Sourced, never run: `source "$(dirname "$0")/scripts/lib.sh"` (or the right relative path).
# Defines BOLTLY_ROOT (the checkout's top folder) and the functions below; changes no shell option.

BOLTLY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# A number naming this checkout: the CRC of its path (cksum). Folders outside the checkout (a PostgreSQL
# cluster under /var/tmp) and port numbers are derived from it, so two checkouts on one machine differ.
checkout_id() { printf '%s' "$BOLTLY_ROOT" | cksum | cut -d' ' -f1; }

# This checkout's port slot, 0–499. Each script adds it to base ports of its own, 500 apart:
#   scripts/services.sh  PostgreSQL 55000+slot, Redis 56000+slot, smtp4dev web 62000+slot and SMTP 62500+slot
#   scripts/cluster.sh   instance A 57000+slot, instance B 57500+slot, nginx 58000+slot
#   bench/run.sh         PostgreSQL 59000+slot, Redis 59500+slot, its cluster 60000/60500/61000+slot,
#                        the rate-limited instance 61500+slot, the one without the session check 63000+slot,
#                        the cost rows' instances 63500/64000/64500+slot (bench/circuits.sh, never run beside it,
#                        reuses 63000-64000)
# so no checkout takes a system default port (5432, 6379) and two checkouts clash only if their slots do.
port_slot() { echo $(( $(checkout_id) % 500 )); }

# Runs a PostgreSQL command as the postgres user when we are root (initdb and pg_ctl refuse to run as
# root), as ourselves otherwise.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Prints this checkout's JWT signing key, generating it on first use: 48 random bytes in base64
# (64 characters, over the 32 bytes the app requires), in the ignored .local/jwt.key, readable by us only.
jwt_signing_key() {
  local file="$BOLTLY_ROOT/.local/jwt.key"
  if [ ! -s "$file" ]; then
    mkdir -p "$BOLTLY_ROOT/.local"
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 > "$file")
  fi
  cat "$file"
}
