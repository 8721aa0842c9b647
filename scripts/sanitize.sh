#!/usr/bin/env bash
# Builds the engine, the program and the tests with a sanitizer and runs every test under it:
#
#   scripts/sanitize.sh [address|thread]...     (both when none is named)
#
# address: AddressSanitizer with UndefinedBehaviorSanitizer and LeakSanitizer, into build-asan/;
# thread: ThreadSanitizer, into build-tsan/. The CLI tests run the sanitized program as a process, so
# a report from it fails the test that ran it. Not part of scripts/test.sh: on 2 cores each build
# takes about 10 minutes and its tests 5 to 10. The benchmarks are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
kinds=("$@")
((${#kinds[@]})) || kinds=(address thread)
status=0
for kind in "${kinds[@]}"; do
  case $kind in
    address) dir=build-asan ;;
    thread) dir=build-tsan ;;
    *) echo "sanitize.sh: unknown sanitizer '$kind' (expected address or thread)" >&2; exit 2 ;;
  esac
  # Warnings are not errors here: GCC 12 warns of libstdc++'s <regex> under ASan (maybe-uninitialized,
  # a false positive); the test command's build is the one that holds the code to no warnings.
  BUILD_DIR=$dir scripts/build.sh -DCREDITBANK_SANITIZE="$kind" -DCREDITBANK_BENCHMARKS=OFF \
    -DCREDITBANK_WERROR=OFF
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 TSAN_OPTIONS=second_deadlock_stack=1 \
       ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" --timeout 1200; then
    echo "sanitize.sh: tests failed under the $kind sanitizer" >&2
    status=1
  fi
done
exit $status
