#!/usr/bin/env bash
# Test of the peer benchmark's checker: test.mjs in this folder says what it checks.
#   benchmarks/peers/test/test.sh --creditbank PATH
# Installs the npm peers on demand (npm ci, as run.sh does). Exit 0 when every check passes, else 1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 2 ] && [ "$1" = --creditbank ] || { echo "usage: test.sh --creditbank PATH" >&2; exit 2; }
creditbank=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
if [ ! -d "$here/../node_modules" ]; then
  (cd "$here/.." && npm ci --no-audit --no-fund >&2)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node "$here/test.mjs" --creditbank "$creditbank" --work "$work"
