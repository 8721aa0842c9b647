#!/usr/bin/env bash
# Where the time of a `creditbank convert` run goes: samples it with perf (call graphs from DWARF) and
# prints a Markdown table of the share of CPU samples spent in each stage of the pipeline, inclusive
# (a stage's share counts what it calls, such as malloc), plus the heaviest functions by self time.
#
#   benchmarks/profile.sh --creditbank PATH --intake FILE --signing per-record|batch [--date D] [--jobs N]
#
# Needs perf (Debian package linux-perf) and permission to sample (perf_event_paranoid <= 2 for the
# user's own processes). Exit 0 with the table; 1 when perf is missing or cannot sample (the reason is
# printed, so that the suite's report can say it); 2 for bad usage.
set -euo pipefail

creditbank="" intake="" signing="" date_arg=() jobs=$(nproc)
usage() { sed -n '5p' "$0" | sed 's/^#   //' >&2; exit 2; }
while (($#)); do
  case $1 in
    --creditbank) creditbank=${2:-}; shift 2 || usage ;;
    --intake) intake=${2:-}; shift 2 || usage ;;
    --signing) signing=${2:-}; shift 2 || usage ;;
    --date) date_arg=(--date "${2:-}"); shift 2 || usage ;;
    --jobs) jobs=${2:-}; shift 2 || usage ;;
    *) echo "profile.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ -x $creditbank && -f $intake && ( $signing == per-record || $signing == batch ) ]] || usage
command -v perf >/dev/null || { echo "perf is not installed (Debian package linux-perf)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/creditbank-profile.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$creditbank" init --db "$work/bank.db" >/dev/null
if ! perf record -q --call-graph dwarf,16384 -F 250 -o "$work/perf.data" -- "$creditbank" convert \
    --db "$work/bank.db" --programme CQEIT-510102 --input "$intake" --output "$work/decisions.jsonl" \
    --signing "$signing" --jobs "$jobs" "${date_arg[@]}" --json >"$work/summary.json" 2>"$work/perf.err"; then
  echo "perf could not sample: $(grep -v '^$' "$work/perf.err" | tail -1)"
  exit 1
fi
perf report -i "$work/perf.data" --children --sort symbol -g none --stdio 2>/dev/null |
  grep -E '^ +[0-9.]+%' >"$work/children.txt" || true
perf report -i "$work/perf.data" --no-children --sort dso,symbol -g none --stdio 2>/dev/null |
  grep -E '^ +[0-9.]+%' | head -12 >"$work/self.txt" || true
[[ -s $work/children.txt ]] || { echo "perf recorded no samples"; exit 1; }
# Per thread: the workers are named cb-convert; the main thread ("creditbank") reads the input and
# writes the store; when it is busy while the workers are not, it sets the pace.
perf report -i "$work/perf.data" --no-children --sort comm -g none --stdio 2>/dev/null |
  grep -E '^ +[0-9.]+%' >"$work/threads.txt" || true
thread_share() { awk -v c="$1" '$2 == c { print $1 }' "$work/threads.txt"; }

# share PATTERN...: the largest inclusive share among the functions matching any pattern (a function
# and its inlined copies appear once each; the largest is the outermost).
share() {
  local best=0 p v
  for p in "$@"; do
    v=$(awk -v pat="$p" 'index($0, pat) { gsub("%", "", $1); if ($1 + 0 > m) m = $1 + 0 } END { print m + 0 }' \
        "$work/children.txt")
    best=$(awk -v a="$best" -v b="$v" 'BEGIN { print (b > a) ? b : a }')
  done
  printf '%.1f%%' "$best"
}

samples=$(perf report -i "$work/perf.data" --stdio --header-only 2>/dev/null |
          awk '/sample_freq|nr_samples|# Samples/ { print; exit }' || true)
echo "| Stage (inclusive share of CPU samples) | Functions | Share |"
echo "|---|---|---:|"
echo "| Ed25519 signing of records and checkpoints | records::SignPerRecord, BatchSigner::Sign, SignCheckpoint | $(share 'records::SignPerRecord' 'records::BatchSigner::Sign' ) |"
echo "| Store writes on the writer thread (files and SQLite rows; commits below) | batch::Run::Write, Run::Seal | $(share 'Run::Write') + $(share 'Run::Seal') |"
echo "| … of which SQLite statements and commits | sqlite3_step, sqlite3_exec | $(share 'sqlite3_step') + $(share 'sqlite3_exec') |"
echo "| Building records (bodies, ids, canonical JSON) | bank::Make*Record, MakeRecordRow | $(share 'bank::MakeCertificationRecord') + $(share 'bank::MakeConversionRecord') + $(share 'bank::MakeRecordRow') |"
echo "| Account rows of the learners read (import) | batch::ImportRows | $(share 'ImportRows') |"
echo "| Certification and conversion | Converter::ConvertInto | $(share 'Converter::ConvertInto') |"
echo "| Reading the intake (writer thread) | FileItemSource::Fill | $(share 'FileItemSource::Fill') |"
echo "| Parsing the intake's lines (workers) | batch::ParseJsonLearnerLine | $(share 'ParseJsonLearnerLine') |"
echo "| Memory allocation (inside the stages above) | malloc, free | $(share '] malloc' '__GI___libc_malloc') + $(share '__GI___libc_free' '] cfree') |"
echo
echo "By thread: the writer (main thread: reads the input, writes the store) $(thread_share creditbank), the"
echo "$jobs workers (cb-convert: convert, build and sign records) $(thread_share cb-convert) of the samples."
echo
echo "Heaviest functions by self time:"
echo
echo '```'
sed 's/^ *//' "$work/self.txt" | cut -c1-110
echo '```'
