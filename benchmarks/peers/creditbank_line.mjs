// The creditbank line printed beside the peers: its own certifications counted from its decisions, with
// the wall time of the whole `convert --dry-run` run (read, certify, convert, write) measured by run.sh.
// This is not the same scope as a peer's evaluation-only time; the suite's micro-benchmarks give the
// certification step alone.
//
//   node creditbank_line.mjs --decisions FILE --seconds S
import { ParseArgs, Require } from './lib.mjs';
import { ReadDecisions } from './compare.mjs';

const args = ParseArgs(process.argv.slice(2), ['decisions', 'seconds']);
try {
  Require(args, ['decisions', 'seconds']);
  const decisions = ReadDecisions(args.decisions);
  let certified = 0;
  for (const c of decisions.values()) if (c.status === 'certified') ++certified;
  const n = decisions.size;
  const seconds = Math.max(Number(args.seconds), 1e-9);
  console.log(JSON.stringify({ peer: 'creditbank', scope: 'convert --dry-run, whole program, wall', outcomes: n,
                               seconds, outcomes_per_second: Math.round(n / seconds), certified,
                               rejected: n - certified }));
} catch (e) {
  process.stderr.write(`creditbank_line: ${e.message}\n`);
  process.exit(2);
}
