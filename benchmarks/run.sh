#!/usr/bin/env bash
# The benchmark suite in one command (issue 6): the machine's limits, the micro-benchmarks, end-to-end
# conversions through the real program, and the peers on the same data, written as one Markdown report.
#
#   benchmarks/run.sh [--size tiny|small|full] [--build DIR] [--out FILE] [--jobs N]
#
#   --size   tiny: one intake of 500 learners, micro-benchmarks at a minimal time (the CI smoke run);
#            small (default): intakes of 10,000 and 100,000 learners;
#            full: 10,000, 100,000 and 560,000 learners (the Chongqing bank's size).
#   --build  a build directory holding cli/creditbank and benchmarks/creditbank_bench (default: build);
#            nothing is built here, and programs older than the sources are refused.
#   --out    the report (default: benchmarks/report.md).
#   --jobs   worker threads of `creditbank convert`, the "cores used" of the bounds (default: nproc).
#
# Needs jq and GNU time (/usr/bin/time; Debian package "time"). The peers come from
# benchmarks/peers/run.sh, which installs them on demand.
# Exit 0 when every section ran (whether or not the targets are met), 1 when a section could not run,
# 2 for bad usage or a missing program. The last line printed says which.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
size=small
build=$root/build
out=$root/benchmarks/report.md
jobs=$(nproc)

usage() {
  sed -n '4,5p' "$0" | sed 's/^#   //' >&2
  exit 2
}
while (($#)); do
  case $1 in
    --size) size=${2:-}; shift 2 || usage ;;
    --build) build=${2:-}; shift 2 || usage ;;
    --out) out=${2:-}; shift 2 || usage ;;
    --jobs) jobs=${2:-}; shift 2 || usage ;;
    -h|--help) usage ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage ;;
  esac
done

case $size in
  tiny) learner_sizes=(500); min_time=0.01; limit_time=0.05; jre_sample=200; jre_naive_sample=30; zen_sample=200
        # The top of the ranges whose set-up alone takes seconds; the smoke run stays under a minute.
        micro_filter='-(BM_RecognitionCandidates/100000|BM_InclusionProof/1048576|BM_BatchSign/(16384|64000)|BM_BuildGraph/100000|BM_Solver/48|BM_(Load|Reload)Withdrawals/2000/.*|BM_AccountLookup/2000)$' ;;
  small) learner_sizes=(10000 100000); min_time=0.1; limit_time=0.5
         jre_sample=5000; jre_naive_sample=500; zen_sample=2000; micro_filter=. ;;
  full) learner_sizes=(10000 100000 560000); min_time=0.5; limit_time=1
        jre_sample=20000; jre_naive_sample=1000; zen_sample=5000; micro_filter=. ;;
  *) echo "run.sh: --size: expected tiny, small or full, got '$size'" >&2; exit 2 ;;
esac
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --jobs: expected a number >= 1, got '$jobs'" >&2; exit 2; }
jobs_cores="$jobs cores"
if ((jobs == 1)); then jobs_cores="1 core"; fi

build=$(cd "$build" 2>/dev/null && pwd) || { echo "run.sh: --build: no directory '$build'" >&2; exit 2; }
cb=$build/cli/creditbank
bench=$build/benchmarks/creditbank_bench
for program in "$cb" "$bench"; do
  if [[ ! -x $program ]]; then
    echo "run.sh: missing $program (build it first: BUILD_DIR=$build scripts/build.sh)" >&2
    exit 2
  fi
done
# A report names the sources' commit, so the programs must be built from them (a report was once made
# with a build from before the last changes). Each is compared with the sources it is built from: the
# program with engine/ and cli/, the benchmarks with engine/ and benchmarks/.
stale_source() {  # PROGRAM DIR...: the first source under DIRs newer than PROGRAM, if any
  local program=$1
  shift
  find "$@" -name node_modules -prune -o \( -name '*.cc' -o -name '*.h' -o -name CMakeLists.txt \) \
    -newer "$program" -print -quit
}
for pair in "$cb:cli" "$bench:benchmarks"; do
  program=${pair%:*}
  newer=$(stale_source "$program" "$root/engine" "$root/${pair##*:}")
  if [[ -n $newer ]]; then
    echo "run.sh: $program is older than ${newer#"$root"/}: build it first (cmake --build $build)" >&2
    exit 2
  fi
done
command -v jq >/dev/null || { echo "run.sh: missing jq (apt-get install jq)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "run.sh: missing /usr/bin/time (apt-get install time)" >&2; exit 2; }
peers_script=$root/benchmarks/peers/run.sh
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

work=$(mktemp -d "${TMPDIR:-/tmp}/creditbank-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
targets=$work/targets.tsv     # name, measured, target, status
: >"$targets"
incomplete=()
programme=CQEIT-510102
decision_date=$(date -u +%F)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

step() { printf '== [%3ds] %s\n' "$SECONDS" "$*"; }

# jq helpers: numbers with thousands separators, three significant figures, and percentages.
jq_defs='
def commas: (floor | tostring) as $t | ($t | length) as $n |
  [range(0; $n) as $i | (if $i > 0 and (($n - $i) % 3 == 0) then "," else "" end) + $t[$i:$i + 1]] | join("");
def sig: if . == null then "-" elif . >= 1000 then commas elif . >= 100 then (round | tostring)
  elif . >= 10 then (. * 10 | round / 10 | tostring) elif . >= 0.01 or . <= 0 then (. * 100 | round / 100 | tostring)
  else (. * 1e6 | round / 1e6 | tostring) end;
def pct: (. * 100 | sig) + "%";
'

# status MEASURED OP THRESHOLD: "met" or "missed by X%" for OP ">=" (at least) or "<" (below).
status() {
  awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
    if (op == ">=") { if (v >= t) print "met"; else printf "missed by %.1f%%\n", (t - v) / t * 100 }
    else { if (v < t) print "met"; else printf "missed by %.1f%%\n", (v - t) / t * 100 } }'
}
# target NAME MEASURED_TEXT MEASURED OP THRESHOLD TARGET_TEXT: records a target; prints its status.
target() {
  local s
  s=$(status "$3" "$4" "$5")
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$6" "$s" >>"$targets"
  printf '%s' "$s"
}
# rate FILE NAME: items_per_second of benchmark NAME in Google Benchmark JSON FILE ("" when absent).
rate() { jq -r --arg n "$2" '.benchmarks[] | select(.name == $n) | .items_per_second // empty' "$1" | head -1; }
fmt() { jq -rn --argjson v "$1" "$jq_defs"' $v | sig'; }

# ---------------------------------------------------------------------------------------------------
# The signing bound over the cores `convert` uses: BM_OpenSslRawSignEveryCore runs a signer on every
# core at once and gives the rate of one core while all sign, which is what `convert --jobs $(nproc)`
# can have (here from the same as one core signing alone to a fifth below it, with the moment). With
# another --jobs, the single-core rate times the cores.
if ((jobs == $(nproc))); then
  sign_name="BM_OpenSslRawSignEveryCore/threads:$jobs"
  sign_label="per core, every core signing at once"
else
  sign_name=BM_OpenSslRawSign
  sign_label="per core, one core signing"
fi
step "limits (BM_OpenSslRawSign, $sign_name, BM_Sha256Record, BM_SqliteRawInsert/4096; min time ${limit_time}s)"
"$bench" --benchmark_filter="^(BM_OpenSslRawSign|$sign_name|BM_Sha256Record|BM_SqliteRawInsert/4096)\$" \
  --benchmark_min_time="$limit_time" --benchmark_out="$work/limits.json" --benchmark_out_format=json \
  >"$work/limits.txt" 2>&1 || { echo "run.sh: creditbank_bench failed:" >&2; tail -20 "$work/limits.txt" >&2; exit 1; }
sign_alone_rate=$(rate "$work/limits.json" BM_OpenSslRawSign)
sign_rate=$(rate "$work/limits.json" "$sign_name")
if [[ -z $sign_rate && $sign_name != BM_OpenSslRawSign ]]; then  # Google Benchmark counted other CPUs than nproc
  sign_name=BM_OpenSslRawSign
  sign_label="per core, one core signing"
  sign_rate=$sign_alone_rate
fi
sha_rate=$(rate "$work/limits.json" BM_Sha256Record)
sqlite_rate=$(rate "$work/limits.json" BM_SqliteRawInsert/4096)
for v in sign_alone_rate sign_rate sha_rate sqlite_rate; do
  [[ -n ${!v} ]] || { echo "run.sh: the limits run gave no $v; see its output:" >&2; cat "$work/limits.txt" >&2; exit 1; }
done
sign_bound=$(awk -v r="$sign_rate" -v c="$jobs" 'BEGIN { printf "%.0f", r * c }')
sha_bound=$(awk -v r="$sha_rate" -v c="$jobs" 'BEGIN { printf "%.0f", r * c }')
{
  echo "## Limits of this machine"
  echo
  echo "Measured in this run; the end-to-end figures below are compared with them. Rates are per core"
  echo "(CPU time); the bound multiplies by the $jobs_cores \`convert\` used (\`--jobs $jobs\`). SQLite"
  echo "inserts come from one writer, so that bound is not multiplied."
  echo
  echo "| Limit | Benchmark | Per core | Bound over $jobs_cores |"
  echo "|---|---|---:|---:|"
  if [[ $sign_name == BM_OpenSslRawSign ]]; then
    echo "| Ed25519 signatures/s (OpenSSL, 256-byte message), one core signing | BM_OpenSslRawSign | $(fmt "$sign_rate") | $(fmt "$sign_bound") |"
  else
    echo "| Ed25519 signatures/s (OpenSSL, 256-byte message), one core signing | BM_OpenSslRawSign | $(fmt "$sign_alone_rate") | - |"
    echo "| The same, every core signing at once: the signing bound | $sign_name | $(fmt "$sign_rate") | $(fmt "$sign_bound") |"
  fi
  echo "| SHA-256 of a 256-byte record/s | BM_Sha256Record | $(fmt "$sha_rate") | $(fmt "$sha_bound") |"
  echo "| SQLite bulk-insert rows/s (prepared, 4,096 per transaction) | BM_SqliteRawInsert/4096 | $(fmt "$sqlite_rate") | $(fmt "$sqlite_rate") (one writer) |"
  echo
} >"$work/limits.md"

# ---------------------------------------------------------------------------------------------------
step "micro-benchmarks (min time ${min_time}s each)"
"$bench" --benchmark_filter="$micro_filter" --benchmark_min_time="$min_time" --benchmark_out="$work/micro.json" \
  --benchmark_out_format=json >"$work/micro.txt" 2>&1 ||
  { echo "run.sh: creditbank_bench failed:" >&2; tail -20 "$work/micro.txt" >&2; exit 1; }
# What each family's argument means, and what its scaling should show.
declare -A about=(
  [BM_CertifyAndConvert]="certification + conversion of parsed learners with the shipped rules; target >= 1,000,000 outcomes/s per core"
  [BM_ScaleRules]="the whole decision by rule count: should stay flat from 100 to 10,000 rules"
  [BM_CertifyByRules]="certification alone by rule count: flat"
  [BM_RecognitionCandidates]="one indexed rule look-up by rule count: flat"
  [BM_Solver]="the optimal assignment by number of options (outcomes per learner drive it)"
  [BM_ReadLearnersJsonl]="the JSON Lines learner reader by outcomes per learner; items = outcomes"
  [BM_ReadLearnersCsv]="the CSV learner reader by outcomes per learner; items = outcomes"
  [BM_ParseLearnerLines]="JSON parsing of learner lines by outcomes per learner; items = lines"
  [BM_StoreAppendRecords]="record rows (ledger leaves) per transaction; store 0 = the in-memory test fake (it copies its tables at every transaction, so its cost grows with its size), 1 = SQLite"
  [BM_StoreImportLearners]="learners of four outcomes per transaction; store 0 = the in-memory test fake, 1 = SQLite"
  [BM_SqliteRawInsert]="the limit: raw prepared inserts per transaction"
  [BM_BatchSign]="batch signing by batch size; items = records"
  [BM_InclusionProof]="an inclusion proof by ledger size: logarithmic"
  [BM_BuildGraph]="building the equivalence graph by vertex count"
  [BM_Reach]="the bounded-hop equivalence search by hop limit"
  [BM_CanonicalizeRecord]="RFC 8785 canonical JSON of a decision by exemption count"
  [BM_Sha256Bytes]="SHA-256 by message size"
  [BM_LoadWithdrawals]="a convert's reading of the bank's revocations, by revocations (real time: the signatures are verified on every core); items = revocations"
  [BM_ReloadWithdrawals]="the same read again by a run after one more revocation, by revocations: only the new revocation record is verified"
  [BM_AccountLookup]="one learner's account, by the bank's revocations: only the learner's revocation records are verified, every one is parsed"
)
{
  echo "## Micro-benchmarks"
  echo
  echo "Google Benchmark, \`--benchmark_min_time=$min_time\`, one thread. Time is CPU time per iteration;"
  echo "items/s is per core. The argument after the name is the range the family sweeps."
  echo
  for family in $(jq -r '.benchmarks[].name | split("/")[0]' "$work/micro.json" | awk '!seen[$0]++'); do
    echo "### $family"
    echo
    [[ -n ${about[$family]:-} ]] && { echo "${about[$family]}."; echo; }
    echo "| Argument | Time/iter | Items/s | Counters |"
    echo "|---|---:|---:|---|"
    jq -r --arg f "$family" "$jq_defs"'
      .benchmarks[] | select((.name | split("/")[0]) == $f) |
      (.name | split("/")[1:] | join("/")) as $arg |
      [ (if $arg == "" then "-" else $arg end),
        "\(.cpu_time | sig) \(.time_unit)",
        (.items_per_second | sig),
        ([to_entries[] | select(.key as $k | ["name","family_index","per_family_instance_index","run_name",
           "run_type","repetitions","repetition_index","threads","iterations","real_time","cpu_time",
           "time_unit","items_per_second","bytes_per_second","label","error_occurred","error_message"]
           | index($k) | not) | "\(.key) \(.value | sig)"] +
         (if .bytes_per_second then ["MB/s \(.bytes_per_second / 1e6 | sig)"] else [] end) +
         (if .label then [.label] else [] end) + (if .error_occurred then ["ERROR: \(.error_message)"] else [] end)
         | join(", "))
      ] | "| " + join(" | ") + " |"' "$work/micro.json"
    echo
  done
} >"$work/micro.md"
if jq -e '[.benchmarks[] | select(.error_occurred)] | length > 0' "$work/micro.json" >/dev/null; then
  incomplete+=("micro-benchmarks with errors: $(jq -r '[.benchmarks[] | select(.error_occurred) | .name] | join(", ")' "$work/micro.json")")
fi

# The flat targets set two rates of one family against each other, and the machine's speed drifts by a
# fifth within seconds: measured once each, one after the other, a flat family can look 25% slower at
# its end. Their ends are measured again, 7 repetitions in random interleaved order, and compared by
# median, so that a drift falls on both ends alike.
flat_filter='^(BM_ScaleRules/(100|10000)|BM_CertifyByRules/rules:(100|10000)|BM_RecognitionCandidates/(100|10000))$'
step "flat sweeps' ends (7 repetitions interleaved, min time ${min_time}s each)"
"$bench" --benchmark_filter="$flat_filter" --benchmark_repetitions=7 --benchmark_enable_random_interleaving=true \
  --benchmark_min_time="$min_time" --benchmark_out="$work/flat.json" --benchmark_out_format=json \
  >"$work/flat.txt" 2>&1 || { echo "run.sh: creditbank_bench failed:" >&2; tail -20 "$work/flat.txt" >&2; exit 1; }
# median_rate FILE NAME: the median items_per_second over the repetitions of benchmark NAME.
median_rate() {
  jq -r --arg n "$2" '.benchmarks[] | select(.run_name == $n and .aggregate_name == "median") |
    .items_per_second // empty' "$1" | head -1
}

# Scaling: first and last of each sweep.
cc_rate=$(rate "$work/micro.json" BM_CertifyAndConvert)
{
  echo "## Scaling"
  echo
  echo "First and last rate of each sweep. The three with a target (flat) compare medians of 7 repetitions"
  echo "of their two ends, run in random interleaved order; the others, the single runs of the micro-benchmarks."
  echo
  echo "| Sweep | From | To | Rate at start | Rate at end | End / start | Target |"
  echo "|---|---|---|---:|---:|---:|---|"
  sweep() {  # FAMILY LABEL FROM TO [TARGET_RATIO]: with a target, the medians of the interleaved runs
    local a b
    if [[ -n ${5:-} ]]; then
      a=$(median_rate "$work/flat.json" "$1/$3"); b=$(median_rate "$work/flat.json" "$1/$4")
    else
      a=$(rate "$work/micro.json" "$1/$3"); b=$(rate "$work/micro.json" "$1/$4")
    fi
    [[ -n $a && -n $b ]] || return 0
    local ratio st="-"
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { print b / a }')
    [[ -n ${5:-} ]] && st="flat (>= $(awk -v t="$5" 'BEGIN { print t * 100 }')% of start): $(target "$1 $3→$4 flat" "$(fmt "$ratio")×" "$ratio" ">=" "$5" ">= $5× of the rate at $3")"
    echo "| $2 | $3 | $4 | $(fmt "$a")/s | $(fmt "$b")/s | $(fmt "$ratio")× | $st |"
  }
  sweep BM_ScaleRules "whole decision by rules (outcomes/s)" 100 10000 0.75
  sweep BM_CertifyByRules "certification by rules (outcomes/s)" rules:100 rules:10000 0.75
  sweep BM_RecognitionCandidates "rule look-up by rules" 100 10000 0.75
  sweep BM_Solver "assignment by options (solves/s)" 4 48
  sweep BM_ReadLearnersJsonl "JSON Lines reader by outcomes/learner (outcomes/s)" outcomes:1 outcomes:32
  sweep BM_ReadLearnersCsv "CSV reader by outcomes/learner (outcomes/s)" outcomes:1 outcomes:32
  sweep BM_StoreAppendRecords "SQLite store records by rows/transaction" store:1/n:1 store:1/n:4096
  sweep BM_StoreAppendRecords "memory store records by rows/transaction" store:0/n:1 store:0/n:4096
  sweep BM_InclusionProof "inclusion proof by ledger size" 1024 1048576
  echo
  store_rate=$(rate "$work/micro.json" BM_StoreAppendRecords/store:1/n:4096)
  if [[ -n $store_rate ]]; then
    echo "The SQLite store appends records at $(fmt "$store_rate")/s in transactions of 4,096, that is"
    echo "$(jq -rn --argjson a "$store_rate" --argjson b "$sqlite_rate" "$jq_defs"'$a / $b | pct') of the raw insert limit ($(fmt "$sqlite_rate") rows/s)."
    echo
  fi
} >"$work/scaling.md"
if [[ -n $cc_rate ]]; then
  cc_status=$(target "certification + conversion per core" "$(fmt "$cc_rate") outcomes/s" "$cc_rate" ">=" 1000000 ">= 1,000,000 outcomes/s")
else
  incomplete+=("BM_CertifyAndConvert did not run")
fi

# ---------------------------------------------------------------------------------------------------
e2e=$work/e2e.jsonl
verifies=$work/verify.jsonl
: >"$e2e"
: >"$verifies"
wall_seconds() {  # "h:mm:ss" or "m:ss.ss" -> seconds
  awk -F: '{ s = 0; for (i = 1; i <= NF; ++i) s = s * 60 + $i; print s }' <<<"$1"
}
# raw_sign_rates: "BOUND ALONE", the signing bound's rate per core ($sign_name) and one core's signing
# alone, now. The machine's speed drifts by a third within minutes (shared host), so each end-to-end
# run is compared with the raw rates measured just before and just after it, not only with the limits
# step at the start.
raw_sign_rates() {
  "$bench" --benchmark_filter="^(BM_OpenSslRawSign|$sign_name)\$" --benchmark_min_time="$limit_time" \
    --benchmark_out="$work/raw-sign.json" --benchmark_out_format=json >/dev/null 2>&1 &&
    echo "$(rate "$work/raw-sign.json" "$sign_name") $(rate "$work/raw-sign.json" BM_OpenSslRawSign)"
}
for n in "${learner_sizes[@]}"; do
  step "end to end: $n learners"
  intake=$work/intake-$n.jsonl
  "$cb" generate --learners "$n" --seed 1 --output "$intake" >/dev/null
  for mode in per-record batch; do
    db=$work/bank-$n-$mode.db
    "$cb" init --db "$db" >/dev/null
    read -r sign_before alone_before <<<"$(raw_sign_rates || true)"
    if ! /usr/bin/time -v -o "$work/time.txt" "$cb" convert --db "$db" --programme "$programme" \
        --input "$intake" --output "$work/decisions.jsonl" --signing "$mode" --date "$decision_date" \
        --jobs "$jobs" --json >"$work/summary.json" 2>"$work/convert.err"; then
      incomplete+=("convert of $n learners ($mode) failed: $(tail -1 "$work/convert.err")")
      continue
    fi
    read -r sign_after alone_after <<<"$(raw_sign_rates || true)"
    rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
    # The whole process's CPU, the checkpointer's thread and the kernel's time included.
    process_cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { t += $2 } END { print t + 0 }' \
      "$work/time.txt")
    wall=$(wall_seconds "$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$work/time.txt")")
    # The run's signing bound: the mean of the raw rates around it (the limits step's when missing).
    jq -c --argjson n "$n" --arg mode "$mode" --argjson rss "$rss_kb" --argjson wall "$wall" \
      --argjson before "${sign_before:-$sign_rate}" --argjson after "${sign_after:-$sign_rate}" --argjson jobs "$jobs" \
      --argjson alone_before "${alone_before:-$sign_alone_rate}" \
      --argjson alone_after "${alone_after:-$sign_alone_rate}" \
      --argjson process_cpu "$process_cpu" \
      '{n: $n, mode: $mode, rss_kb: $rss, wall: $wall, process_cpu: $process_cpu, sign_before: $before, sign_after: $after,
        alone_before: $alone_before, alone_after: $alone_after, sign_bound: (($before + $after) / 2 * $jobs)} + .' \
      "$work/summary.json" >>"$e2e"
    # The whole bank verified, up to 100,000 learners (a per-record bank of 560,000 learners takes
    # minutes of Ed25519 verification); its root must be the one convert reported.
    if ((n <= 100000)); then
      if /usr/bin/time -v -o "$work/verify-time.txt" "$cb" verify --db "$db" --json >"$work/verify.json" \
          2>"$work/verify.err"; then
        vrss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/verify-time.txt")
        vcpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { t += $2 } END { print t + 0 }' \
          "$work/verify-time.txt")
        vwall=$(wall_seconds "$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$work/verify-time.txt")")
        jq -c --argjson n "$n" --arg mode "$mode" --argjson rss "$vrss_kb" --argjson wall "$vwall" \
          --argjson cpu "$vcpu" --arg convert_root "$(jq -r .ledger_root "$work/summary.json")" \
          '{n: $n, mode: $mode, rss_kb: $rss, wall: $wall, cpu: $cpu, records, valid, checkpoints, ok,
            same_root: (.root == $convert_root)}' "$work/verify.json" >>"$verifies"
        jq -e .same_root <(tail -1 "$verifies") >/dev/null ||
          incomplete+=("verify of the $n-learner bank ($mode) gave another ledger root than convert")
      else
        why=$(jq -r '"\(.problems | length) problems, the first: \(.problems[0])"' "$work/verify.json" 2>/dev/null ||
          tail -1 "$work/verify.err")
        incomplete+=("verify of the $n-learner bank ($mode) failed: $why")
      fi
    fi
    rm -rf "$db" "$db"-* "$db.keys" "$db.lock" "$work/decisions.jsonl"*
  done
  # The peers read the largest intake up to 100,000 learners; keep it, drop the others.
  if ((n <= 100000)); then
    [[ -n ${peer_intake:-} ]] && rm -f "$peer_intake"
    peer_intake=$intake
  else
    rm -f "$intake"
  fi
done

{
  echo "## End to end"
  echo
  echo "\`creditbank generate --learners N --seed 1\`, then into a fresh bank \`creditbank convert --programme"
  echo "$programme --input INTAKE --output DECISIONS --signing MODE --date $decision_date --jobs $jobs --json\`."
  echo "Rates are the program's own summary (conversion run, without process start); wall is the whole"
  echo "process; peak RSS from \`/usr/bin/time -v\`. The signing bound of each run is raw Ed25519"
  echo "($sign_name, $sign_label) measured just before and just after it, averaged, times"
  echo "$jobs_cores: the machine's speed drifts too much for one measurement at the start to stand for every"
  echo "run. One core signing alone (BM_OpenSslRawSign) is shown beside it in brackets."
  echo "Other bounds: SHA-256 $(fmt "$sha_bound")/s over $jobs_cores; SQLite $(fmt "$sqlite_rate") rows/s."
  echo
  echo "| Learners | Signing | Outcomes | Records | Wall s | Learners/s | Outcomes/s | Records/s | Raw signing per core before / after (one core alone) | Of signing bound | Of SHA-256 bound | Of SQLite rate | Peak RSS MB |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  jq -r --argjson sha "$sha_bound" --argjson sql "$sqlite_rate" --arg bound "$sign_name" "$jq_defs"'
    (.records_signed / .seconds) as $rps |
    [(.n | commas), .mode, (.outcomes | commas), (.records_signed | commas), (.wall | sig),
     (.learners_per_second | sig), (.outcomes_per_second | sig), ($rps | sig),
     ((.sign_before | sig) + " / " + (.sign_after | sig)
      + (if $bound != "BM_OpenSslRawSign"
         then " (" + (.alone_before | sig) + " / " + (.alone_after | sig) + ")" else "" end)),
     (if .mode == "per-record" then ($rps / .sign_bound | pct) else "-" end), ($rps / $sha | pct), ($rps / $sql | pct),
     (.rss_kb / 1024 | sig)]
    | "| " + join(" | ") + " |"' "$e2e"
  echo
  echo "### CPU by stage"
  echo
  echo "From the summary's \`cpu_seconds\` (thread CPU clocks): the workers' signing (per-record signatures, or"
  echo "each chunk's Merkle tree and signature), their other work (parsing, certifying, converting, building"
  echo "records and rows), and the main thread's reading of the input and writing of the store and output."
  echo "The rest of the process's CPU (user + system from \`/usr/bin/time\`) is the checkpointer's thread,"
  echo "which copies the write-ahead log into the bank, and the start and end of the process; the signing"
  echo "share and the cores busy are of the whole process (wall of the process)."
  echo "Per-record signing can reach 80% of its bound only if signing is over 80% of the CPU used and each"
  echo "signature costs in the run what it costs raw on the same cores (the last two columns)."
  echo
  echo "| Learners | Signing | Process CPU s | Signing s | Other work s | Input and store s | Checkpoints, start, end s | Signing share | Cores busy | µs per signature in the run | µs per raw signature ($sign_label) |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  jq -r "$jq_defs"'
    select(.cpu_seconds) | .cpu_seconds as $c | ($c.signing + $c.other_work + $c.input_and_store) as $stages |
    ([.process_cpu // 0, $stages] | max) as $t |
    [(.n | commas), .mode, ($t | sig), ($c.signing | sig), ($c.other_work | sig), ($c.input_and_store | sig),
     ($t - $stages | sig), ($c.signing / $t | pct), ($t / .wall | sig),
     (if .mode == "per-record" then ($c.signing / .records_signed * 1e6 | sig) else "-" end),
     (2e6 / (.sign_before + .sign_after) | sig)]
    | "| " + join(" | ") + " |"' "$e2e"
  echo
  if [[ -s $verifies ]]; then
    echo "### Verify"
    echo
    echo "\`creditbank verify --db BANK --json\` straight after each convert up to 100,000 learners: every"
    echo "record's signature (per-record) or inclusion proof and checkpoint (batch), every ledger leaf against its"
    echo "record, every checkpoint against the ledger. Wall, CPU (user + system) and peak RSS from"
    echo "\`/usr/bin/time -v\`; the root must be the one convert reported. The bank is read from the disk:"
    echo "convert's checkpointer drops the pages it copied from the cache."
    echo
    echo "| Learners | Signing | Records | Valid | Checkpoints | Wall s | Records/s | Cores busy | Peak RSS MB | Root as convert's |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"
    jq -r "$jq_defs"'
      [(.n | commas), .mode, (.records | commas), (.valid | commas), (.checkpoints | commas), (.wall | sig),
       (.records / .wall | sig), (.cpu / .wall | sig), (.rss_kb / 1024 | sig), (if .same_root then "yes" else "NO" end)]
      | "| " + join(" | ") + " |"' "$verifies"
    echo
  fi
} >"$work/e2e.md"

# The signing targets at 100,000 learners (issue 5's benchmark) when that intake ran, and at the largest
# intake; memory over every run.
signing_targets() {  # N: the per-record and batch signing targets of the runs at N learners
  local n=$1 pr pr_bound share bo
  pr=$(jq -s --argjson n "$n" 'map(select(.n == $n and .mode == "per-record"))[0] // empty | .records_signed / .seconds' "$e2e")
  pr_bound=$(jq -s --argjson n "$n" 'map(select(.n == $n and .mode == "per-record"))[0] // empty | .sign_bound' "$e2e")
  if [[ -n $pr && -n $pr_bound ]]; then
    share=$(awk -v a="$pr" -v b="$pr_bound" 'BEGIN { print a / b }')
    target "per-record signing at $(fmt "$n") learners" "$(fmt "$pr") records/s = $(jq -rn --argjson s "$share" "$jq_defs"'$s | pct') of $(fmt "$pr_bound") (raw measured around the run)" "$share" ">=" 0.8 ">= 80% of raw Ed25519 ($sign_label) × $jobs_cores" >/dev/null
  fi
  bo=$(jq -s --argjson n "$n" 'map(select(.n == $n and .mode == "batch"))[0] // empty | .outcomes_per_second' "$e2e")
  if [[ -n $bo ]]; then
    target "batch signing at $(fmt "$n") learners" "$(fmt "$bo") outcomes/s on $jobs_cores" "$bo" ">=" 100000 ">= 100,000 outcomes/s on 2 cores" >/dev/null
  fi
}
if [[ -s $e2e ]]; then
  largest=$(jq -s 'map(.n) | max' "$e2e")
  smallest=$(jq -s 'map(.n) | min' "$e2e")
  if ((largest != 100000)) && jq -se 'any(.n == 100000)' "$e2e" >/dev/null; then
    signing_targets 100000
  fi
  signing_targets "$largest"
  peak=$(jq -s 'map(.rss_kb) | max / 1024' "$e2e")
  target "peak memory (every run, up to $(fmt "$largest") learners)" "$(fmt "$peak") MB" "$peak" "<" 300 "< 300 MB" >/dev/null
fi
{
  echo "## Memory against learners"
  echo
  echo "Peak RSS (MB) of \`creditbank convert\`; streaming, so it should not grow with the intake (flat: the"
  echo "largest intake within 20% of the smallest)."
  echo
  echo "| Learners | Per-record MB | Batch MB | Per-record vs smallest | Batch vs smallest |"
  echo "|---:|---:|---:|---:|---:|"
  jq -rs "$jq_defs"'
    (map(.n) | min) as $min | (map(select(.n == $min)) | map({(.mode): .rss_kb}) | add) as $base |
    group_by(.n)[] | (map({(.mode): .rss_kb}) | add) as $r |
    [(.[0].n | commas), ($r["per-record"] // null | if . then . / 1024 | sig else "-" end),
     ($r.batch // null | if . then . / 1024 | sig else "-" end),
     (if $r["per-record"] and $base["per-record"] then ($r["per-record"] / $base["per-record"] | sig) + "×" else "-" end),
     (if $r.batch and $base.batch then ($r.batch / $base.batch | sig) + "×" else "-" end)]
    | "| " + join(" | ") + " |"' "$e2e"
  echo
  echo "## Cost against learners"
  echo
  echo "Conversion run seconds and microseconds per learner (the program's summary): linear cost keeps"
  echo "µs/learner constant (linear: the largest intake within 20% of the smallest, per learner)."
  echo
  echo "| Learners | Per-record s | Per-record µs/learner | Batch s | Batch µs/learner |"
  echo "|---:|---:|---:|---:|---:|"
  jq -rs "$jq_defs"'
    group_by(.n)[] | (map({(.mode): .seconds}) | add) as $s | .[0].n as $n |
    [($n | commas), ($s["per-record"] // null | sig),
     ($s["per-record"] // null | if . then . / $n * 1e6 | sig else "-" end),
     ($s.batch // null | sig), ($s.batch // null | if . then . / $n * 1e6 | sig else "-" end)]
    | "| " + join(" | ") + " |"' "$e2e"
  echo
} >"$work/growth.md"
if [[ -s $e2e ]] && ((largest > smallest)); then
  for mode in per-record batch; do
    g=$(jq -s --arg m "$mode" --argjson a "$smallest" --argjson b "$largest" '
      (map(select(.mode == $m and .n == $a))[0]) as $x | (map(select(.mode == $m and .n == $b))[0]) as $y |
      if $x and $y then ($y.rss_kb / $x.rss_kb) else empty end' "$e2e")
    [[ -n $g ]] && target "memory flat, $mode" "$(fmt "$g")× from $(fmt "$smallest") to $(fmt "$largest") learners" "$g" "<" 1.2 "< 1.2× (flat)" >/dev/null
    c=$(jq -s --arg m "$mode" --argjson a "$smallest" --argjson b "$largest" '
      (map(select(.mode == $m and .n == $a))[0]) as $x | (map(select(.mode == $m and .n == $b))[0]) as $y |
      if $x and $y then (($y.seconds / $y.n) / ($x.seconds / $x.n)) else empty end' "$e2e")
    [[ -n $c ]] && target "cost linear, $mode" "$(fmt "$c")× the per-learner cost from $(fmt "$smallest") to $(fmt "$largest")" "$c" "<" 1.2 "< 1.2× per learner (linear)" >/dev/null
  done
fi

# ---------------------------------------------------------------------------------------------------
step "profile of the end-to-end runs"
{
  echo "## Where the time goes"
  echo
  if [[ -n ${peer_intake:-} ]]; then
    head -n 5000 "$peer_intake" >"$work/profile-intake.jsonl"
    echo "\`benchmarks/profile.sh\`: \`perf record\` of \`creditbank convert\` on the first $(fmt "$(wc -l <"$work/profile-intake.jsonl")")"
    echo "lines of the intake, in each signing mode. Per-record signing can reach its bound only when"
    echo "signing takes nearly all the CPU; every other row is what stands between."
    for mode in per-record batch; do
      echo
      echo "### $mode"
      echo
      "$root/benchmarks/profile.sh" --creditbank "$cb" --intake "$work/profile-intake.jsonl" --signing "$mode" \
        --date "$decision_date" --jobs "$jobs" || true
    done
  else
    echo "no intake to profile (every end-to-end run failed)"
  fi
  echo
} >"$work/profile.md"

# ---------------------------------------------------------------------------------------------------
step "peers"
peers_rc=0
if [[ -x $peers_script && -n ${peer_intake:-} ]]; then
  "$peers_script" --creditbank "$cb" --intake "$peer_intake" --date "$decision_date" \
    --sample-jre "$jre_sample" --sample-jre-naive "$jre_naive_sample" --sample-zen "$zen_sample" \
    --out "$work/peers" >"$work/peers.out" 2>"$work/peers.err" || peers_rc=$?
  grep '^{' "$work/peers.out" | jq -c 'select(.peer and .outcomes_per_second and (.check | not))' \
    >"$work/peers.jsonl" || true
  grep '^{' "$work/peers.out" | jq -c 'select(.check)' >"$work/checks.jsonl" || true
fi
{
  echo "## Peers on the same data"
  echo
  if [[ ! -x $peers_script ]]; then
    echo "peers script missing: $peers_script"
    incomplete+=("peers script missing ($peers_script)")
  elif [[ -z ${peer_intake:-} ]]; then
    echo "no intake to give the peers (every end-to-end run failed)"
    incomplete+=("no intake for the peers")
  elif [[ ! -s $work/peers.jsonl ]]; then
    echo "the peers script failed (exit $peers_rc): \`$(tail -1 "$work/peers.err")\`"
    incomplete+=("peers script failed (exit $peers_rc): $(tail -1 "$work/peers.err")")
  else
    ((peers_rc == 0)) || incomplete+=("peers script exit $peers_rc: $(tail -1 "$work/peers.err")")
    echo "\`benchmarks/peers/run.sh\` on the intake of $(fmt "$(wc -l <"$peer_intake")") lines (json-rules-engine"
    echo "on $(fmt "$jre_sample") outcomes, unpartitioned on $(fmt "$jre_naive_sample"), zen-engine on"
    echo "$(fmt "$zen_sample")), certifying against the same recognition rules. creditbank's figure is"
    echo "BM_CertifyAndConvert: certification + conversion of parsed input, no signing, one core, per CPU"
    echo "second: $(fmt "${cc_rate:-0}") outcomes/s. The ratio uses the peer's outcomes per CPU second"
    echo "where it reports one (like for like with the benchmark's CPU time), else per wall second."
    echo
    echo "| Peer | Outcomes | Seconds | Outcomes/s (wall) | Outcomes/CPU s | creditbank / peer | Target | Details |"
    echo "|---|---:|---:|---:|---:|---:|---|---|"
    while IFS= read -r line; do
      peer=$(jq -r '.peer' <<<"$line")
      prate=$(jq -r '.outcomes_per_cpu_second // .outcomes_per_second' <<<"$line")
      ratio=$(awk -v a="${cc_rate:-0}" -v b="$prate" 'BEGIN { if (b > 0) print a / b; else print 0 }')
      case ${peer,,} in
        creditbank*) want=none ;;
        *zen*) want=100 ;;
        *json-rules*|*jre*) want=50 ;;
        *sql*) want=1 ;;
        *) want="" ;;
      esac
      st="-"
      shown="$(fmt "$ratio")×"
      if [[ $want == none ]]; then
        shown="(reference)"
      elif [[ -n $want ]]; then
        st=">= ${want}×: $(target "creditbank vs $peer" "$(fmt "$ratio")×" "$ratio" ">=" "$want" ">= ${want}× the peer")"
      fi
      jq -r --arg ratio "$shown" --arg st "$st" "$jq_defs"'
        [.peer, (.outcomes | commas), (.seconds | sig), (.outcomes_per_second | sig),
         (.outcomes_per_cpu_second // null | sig), $ratio, $st,
         (del(.peer, .outcomes, .seconds, .outcomes_per_second, .outcomes_per_cpu_second) | tojson
          | gsub("\\|"; "/"))]
        | "| " + join(" | ") + " |"' <<<"$line"
    done <"$work/peers.jsonl"
    echo
    echo "Each peer's certifications checked against creditbank's on the shared subset:"
    echo
    echo "| Peer | Compared | Matches | Mismatches | Excluded |"
    echo "|---|---:|---:|---:|---|"
    jq -r "$jq_defs"'[.peer, (.compared | commas), (.matches | commas), (.mismatches | commas),
      (.excluded // {} | to_entries | map(select(.value > 0) | "\(.key) \(.value)") | join(", "))]
      | "| " + join(" | ") + " |"' "$work/checks.jsonl"
    if jq -e -s 'map(select(.mismatches > 0)) | length > 0' "$work/checks.jsonl" >/dev/null; then
      incomplete+=("a peer's certifications differ from creditbank's")
    fi
  fi
  echo
} >"$work/peers.md"

# ---------------------------------------------------------------------------------------------------
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
met=$(awk -F'\t' '$4 == "met"' "$targets" | wc -l)
missed=$(awk -F'\t' '$4 != "met"' "$targets" | wc -l)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
{
  echo "# creditbank benchmarks ($size)"
  echo
  echo "\`benchmarks/run.sh --size $size\`, $started."
  echo
  echo "| Machine | |"
  echo "|---|---|"
  echo "| CPU | $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) |"
  echo "| Cores (nproc) | $(nproc); \`convert --jobs $jobs\` |"
  echo "| Memory | $(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) |"
  echo "| Load (1, 5, 15 min) | before $load_before; after $load_after |"
  echo "| Kernel | $(uname -sr) |"
  echo "| Commit | $commit$dirty |"
  echo
  echo "## Targets"
  echo
  echo "| Target | Measured | Required | Status |"
  echo "|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$targets"
  echo
  if ((${#incomplete[@]})); then
    echo "**Incomplete:** $(IFS=';'; echo "${incomplete[*]}")."
    echo
  fi
  cat "$work/limits.md" "$work/e2e.md" "$work/profile.md" "$work/growth.md" "$work/peers.md" "$work/scaling.md" \
    "$work/micro.md"
} >"$out"

tables=$(grep -c '^|---' "$out" || true)
for heading in "Targets" "Limits of this machine" "End to end" "Where the time goes" "Memory against learners" "Cost against learners" \
    "Peers on the same data" "Scaling" "Micro-benchmarks"; do
  grep -q "^## $heading\$" "$out" || incomplete+=("the report lacks its section \"$heading\"")
done
if ((${#incomplete[@]})); then
  echo "run.sh: wrote $out: $tables tables, $met targets met, $missed missed, INCOMPLETE: $(IFS=';'; echo "${incomplete[*]}")"
  exit 1
fi
echo "run.sh: wrote $out: $tables tables, $met targets met, $missed missed, all sections complete"
