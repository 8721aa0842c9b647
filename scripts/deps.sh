#!/usr/bin/env bash
# Installs what the build and the tests need from Debian's packages, when it is missing.
# Usage: scripts/deps.sh [--node]   (--node, for the tests: also node and npm, and the tools of the
#                                    benchmark smoke run and the peer check: jq, GNU time, sqlite3)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config libboost-graph-dev libboost-program-options-dev
          libsqlite3-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev zlib1g-dev libjemalloc-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ "${1:-}" == "--node" ]]; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
  for p in jq time sqlite3; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
