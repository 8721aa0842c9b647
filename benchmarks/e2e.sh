#!/usr/bin/env bash
# End-to-end benchmark through the real program: generates intakes of 10,000 and 100,000 learners
# (LEARNERS="..." to change), converts each into a fresh bank with both signing modes, and reports
# learners/s, outcomes/s, records signed/s, peak memory (/usr/bin/time -v) and, for per-record
# signing, the ratio to the signing bound measured in the same run: BM_OpenSslRawSign (one core)
# times the number of cores.
# Targets: per-record >= 80% of the bound; batch >= 100,000 outcomes/s; peak RSS < 300 MB and flat.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cb=$(pwd)/$build/cli/creditbank
bench=$(pwd)/$build/benchmarks/creditbank_bench
learners_list=${LEARNERS:-"10000 100000"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)

raw=$("$bench" --benchmark_filter='^BM_OpenSslRawSign$' --benchmark_format=json 2>/dev/null |
      grep -o '"items_per_second": [0-9.e+]*' | head -1 | awk '{print $2}')
bound=$(awk -v r="$raw" -v c="$cores" 'BEGIN { printf "%.0f", r * c }')
printf 'signing bound: %.0f signatures/s per core x %d cores = %s/s\n\n' "$raw" "$cores" "$bound"
printf '%9s  %-10s  %11s  %11s  %11s  %9s  %8s\n' learners signing learners/s outcomes/s records/s of-bound peak-MB

for n in $learners_list; do
  "$cb" generate --learners "$n" --seed 1 --output "$work/intake-$n.jsonl" >/dev/null
  for mode in per-record batch; do
    db="$work/bank-$n-$mode.db"
    "$cb" init --db "$db" --rules rules >/dev/null
    /usr/bin/time -v -o "$work/time.txt" "$cb" convert --db "$db" --programme CQEIT-510102 \
      --input "$work/intake-$n.jsonl" --output "$work/decisions.jsonl" --signing "$mode" --json >"$work/summary.json"
    rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
    jq -r --arg n "$n" --arg mode "$mode" --argjson bound "$bound" --argjson rss "$rss_kb" '
      (.records_signed / .seconds) as $rps |
      [$n, $mode, (.learners_per_second | floor), (.outcomes_per_second | floor), ($rps | floor),
       (if $mode == "per-record" then "\(($rps / $bound * 100) | floor)%" else "-" end), ($rss / 1024 | floor)]
      | @tsv' "$work/summary.json" |
      awk -F'\t' '{ printf "%9s  %-10s  %11s  %11s  %11s  %9s  %8s\n", $1, $2, $3, $4, $5, $6, $7 }'
    rm -f "$db" "$work/decisions.jsonl"*
    rm -rf "$db.keys"
  done
done
