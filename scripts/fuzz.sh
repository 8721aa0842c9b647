#!/usr/bin/env bash
# Fuzzes the readers of untrusted input (fuzz/fuzz_*.cc) with libFuzzer, under ASan and UBSan:
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS for each target (60 by default); the targets are fuzz/fuzz_<target>.cc (by default all of them:
# json number learner_reader record convert rules).
#
# Builds the targets into build-fuzz/ with clang (Debian packages clang and libclang-rt-dev), then runs
# each for SECONDS on both cores, starting from its seeds in fuzz/corpus/<target>/. Inputs that reach new
# code are kept in build-fuzz/corpus/<target>/ for the next run. An input that crashes or fails a
# property is written to build-fuzz/artifacts/<target>/; once the bug is fixed, copy it into
# fuzz/corpus/<target>/, where the test fuzz.<target>.corpus replays it in every build.
# Not part of scripts/test.sh, which replays the corpus only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: SECONDS: expected a number >= 1, got '$seconds'" >&2; exit 2; }
shift || true
targets=("$@")
((${#targets[@]})) || targets=(json number learner_reader record convert rules)
for t in "${targets[@]}"; do
  [[ -f fuzz/fuzz_$t.cc ]] || { echo "fuzz.sh: unknown target '$t' (no fuzz/fuzz_$t.cc)" >&2; exit 2; }
done
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz.sh: clang++ not found (apt-get install clang libclang-rt-dev)" >&2
  exit 2
fi

dir=build-fuzz
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [[ ! -f $dir/CMakeCache.txt ]]; then
  CXX=clang++ cmake -S . -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCREDITBANK_FUZZ=ON \
    -DCREDITBANK_BENCHMARKS=OFF >/dev/null
fi
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

status=0
for t in "${targets[@]}"; do
  mkdir -p "$dir/corpus/$t" "$dir/artifacts/$t"
  echo "== fuzz_$t for ${seconds}s"
  dict=()
  [[ $t == json || $t == learner_reader || $t == record || $t == rules ]] && dict=(-dict=fuzz/json.dict)
  # -fork runs a worker per core and keeps going after a failure, so that one bug does not hide others.
  if ! "$dir/fuzz/fuzz_$t" -fork="$(nproc)" -ignore_crashes=1 -max_total_time="$seconds" "${dict[@]}" \
       -artifact_prefix="$dir/artifacts/$t/" "$dir/corpus/$t" "fuzz/corpus/$t" >"$dir/fuzz_$t.log" 2>&1; then
    status=1
  fi
  grep -E '^#[0-9]+: cov' "$dir/fuzz_$t.log" | tail -1 || true
  found=$(find "$dir/artifacts/$t" -type f | wc -l)
  if ((found)); then
    echo "fuzz.sh: fuzz_$t: $found failing inputs in $dir/artifacts/$t/ (log: $dir/fuzz_$t.log)"
    status=1
  fi
done
exit $status
