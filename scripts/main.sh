#!/usr/bin/env bash
# The main job: builds creditbank, creates a bank in ./out (or $OUT_DIR), generates a synthetic intake
# of 10,000 learners, converts it for 物联网应用技术 (CQEIT-510102) into signed records on the bank's
# ledger, verifies the bank, and explains one conversion decision.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh >/dev/null
cb=$(pwd)/${BUILD_DIR:-build}/cli/creditbank
out=${OUT_DIR:-out}
rm -rf "$out"
mkdir -p "$out"
export CREDITBANK_DB="$out/bank.db"

step() {
  printf '\n$ creditbank %s\n' "$*"
  "$cb" "$@"
}

step rules check rules
step lookup certificate 1X-IOT-IDO --grade 中级 --programme CQEIT-510102
step lookup award NVSC-IOT --tier national --rank first --programme CQEIT-510102
step init --rules rules
step generate --learners 10000 --seed 1 --output "$out/intake.jsonl"
step convert --programme CQEIT-510102 --input "$out/intake.jsonl" --output "$out/decisions.jsonl"
step verify
# One decision with exemptions: its record id follows "id" in the canonical record (before "issuer").
line=$(grep -m1 '"exemptions":\[{' "$out/decisions.jsonl")
record=$(grep -o '"id":"[0-9a-f]\{64\}","issuer"' <<<"$line" | cut -d'"' -f4)
step explain "$record"
