#!/usr/bin/env bash
# The .NET 10 SDK must be on PATH; it is not a Debian package, so say how to get it.
set -euo pipefail
if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "The .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)." >&2
  exit 1
fi
