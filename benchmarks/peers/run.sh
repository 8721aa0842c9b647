#!/usr/bin/env bash
# Peers on the same data (issue #6 item 3): exports the recognition rules as a flat decision table and
# an intake as flat outcomes, certifies them with SQLite, json-rules-engine (naive and partitioned) and
# zen-engine, and checks each against creditbank's own certifications. README.md in this folder.
#
#   benchmarks/peers/run.sh --creditbank PATH --intake FILE [--date D] [--sample-jre N]
#       [--sample-jre-naive N] [--sample-zen N] [--out DIR] [--rules DIR] [--programme P]
#
# stdout: one JSON line per peer ({"peer",...}) and one per equality check ({"check",...}).
# Exit: 0 all equal; 1 a peer's certifications differ from creditbank's (first differences on stderr);
# 2 bad usage or a tool failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

creditbank= intake= out= date=2026-09-01 sample_jre=20000 sample_jre_naive=1000 sample_zen=2000
rules=$repo/rules programme=CQEIT-510102
usage() { sed -n '5,6p' "$0" >&2; exit 2; }
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case $1 in
    --creditbank) creditbank=$2 ;;
    --intake) intake=$2 ;;
    --date) date=$2 ;;
    --sample-jre) sample_jre=$2 ;;
    --sample-jre-naive) sample_jre_naive=$2 ;;
    --sample-zen) sample_zen=$2 ;;
    --out) out=$2 ;;
    --rules) rules=$2 ;;
    --programme) programme=$2 ;;
    *) usage ;;
  esac
  shift 2
done
[ -n "$creditbank" ] && [ -n "$intake" ] || usage
[ -x "$creditbank" ] || { echo "run.sh: --creditbank: not an executable: $creditbank" >&2; exit 2; }
[ -f "$intake" ] || { echo "run.sh: --intake: no such file: $intake" >&2; exit 2; }
creditbank=$(cd "$(dirname "$creditbank")" && pwd)/$(basename "$creditbank")
if [ -z "$out" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
log() { echo "peers: $*" >&2; }

# Tools, installed on demand (never by the build).
if ! command -v sqlite3 >/dev/null; then
  log "installing the sqlite3 shell (apt-get)"
  sudo_cmd=; [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get install -y sqlite3 >&2
fi
if [ ! -d "$here/node_modules" ]; then
  log "installing json-rules-engine and zen-engine (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund >&2)
fi

log "creditbank convert --dry-run on $date"
start=$(date +%s.%N)
"$creditbank" convert --programme "$programme" --input "$intake" --output "$out/decisions.jsonl" \
  --rejects "$out/rejects.jsonl" --dry-run --date "$date" --rules "$rules" >&2
end=$(date +%s.%N)
node "$here/creditbank_line.mjs" --decisions "$out/decisions.jsonl" \
  --seconds "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')"

log "export"
node "$here/export.mjs" --rules "$rules" --intake "$intake" --out "$out/export"

log "sqlite"
node "$here/peer_sqlite.mjs" --export "$out/export" --date "$date" --results "$out/sqlite.tsv"
log "json-rules-engine"
node "$here/peer_jre.mjs" --export "$out/export" --date "$date" --results "$out/json-rules-engine.tsv" \
  --results-partitioned "$out/json-rules-engine-partitioned.tsv" --sample "$sample_jre" \
  --sample-naive "$sample_jre_naive"
log "zen-engine"
node "$here/peer_zen.mjs" --export "$out/export" --date "$date" --results "$out/zen-engine.tsv" \
  --sample "$sample_zen" --jdm "$out/recognition.jdm.json"

peers_arg=
for peer in sqlite json-rules-engine json-rules-engine-partitioned zen-engine; do
  peers_arg+="${peers_arg:+,}$peer=$out/$peer.tsv"
done
log "equality checks"
node "$here/compare.mjs" --decisions "$out/decisions.jsonl" --export "$out/export" --peers "$peers_arg"
