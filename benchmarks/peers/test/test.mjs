// Test of the peer benchmark's checker (run by test.sh). A hand-made intake (intake.jsonl) with
// hand-computed certifications on 2026-02-28 (expected.tsv, from the shipped rules and
// docs/conversion.md; every rejection reason of certification is exercised, plus a 29 February validity
// end and a line creditbank's reader rejects). Checks, each able to fail:
//   1. creditbank's decisions equal expected.tsv (the expectations and creditbank agree);
//   2. run.sh on the intake exits 0, every peer's certifications equal expected.tsv and the comparator
//      reports 19 compared, 0 mismatches, 1 excluded (the defective line);
//   3. a deliberately wrong peer result (two outcomes altered) makes compare.mjs exit 1 naming both;
//   4. a rival rule at the same priority with another result is flagged by the exporter, the SQL peer
//      rejects the outcome as ambiguous, and the comparator excludes the flagged outcomes;
//   5. run.sh without --intake is a usage error (exit 2);
//   6. an outcome repeated within its learner is excluded from the peers' comparison and checked to be
//      rejected by creditbank as `duplicate` (a mismatch when it is not);
//   7. one qualification counts once: the comparator applies the rule to a peer's results, so a peer
//      whose results make another outcome of the group the best differs on both outcomes, and a peer
//      that evaluated only part of a group has that group left out.
//
//   node test.mjs --creditbank PATH --work DIR
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ParseArgs, Require, ReadResults } from '../lib.mjs';
import { Compare, ReadDecisions } from '../compare.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const peers = path.dirname(here);
const repo = path.dirname(path.dirname(peers));
const kDate = '2026-02-28';
let failures = 0;
let checks = 0;

function Check(cond, what) {
  ++checks;
  if (!cond) { ++failures; process.stderr.write(`FAIL: ${what}\n`); }
}

function Eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  Check(a === e, `${what}: expected ${e}, got ${a}`);
}

function Run(cmd, argv) {
  return spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
}

function Main() {
  const args = ParseArgs(process.argv.slice(2), ['creditbank', 'work']);
  Require(args, ['creditbank', 'work']);
  const work = args.work;
  const intake = path.join(here, 'intake.jsonl');
  const expected = ReadResults(path.join(here, 'expected.tsv'));

  // 2 first: run.sh produces creditbank's decisions and the export that check 1 also uses.
  const out = path.join(work, 'run');
  const run = Run(path.join(peers, 'run.sh'), ['--creditbank', args.creditbank, '--intake', intake, '--date', kDate,
                                                '--out', out]);
  Eq(run.status, 0, `run.sh exit status (stderr: ${run.stderr})`);
  const lines = run.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
  Eq(lines.filter((l) => !l.check).map((l) => l.peer),
     ['creditbank', 'sqlite', 'json-rules-engine', 'json-rules-engine-partitioned', 'zen-engine'], 'peer lines');
  // 20 outcomes: the 19 of expected.tsv (9 certified) and T4/o1, certified by the peers, which never see
  // that creditbank's reader rejects its line.
  for (const l of lines.filter((x) => !x.check && x.peer !== 'creditbank')) {
    Eq([l.outcomes, l.certified, l.rejected], [20, 10, 10], `${l.peer} counts`);
    Check(l.seconds > 0 && l.outcomes_per_second > 0, `${l.peer} has a time and a rate`);
  }
  for (const l of lines.filter((x) => x.check)) {
    Eq([l.compared, l.matches, l.mismatches, l.excluded.not_in_creditbank, l.excluded.flagged_key],
       [19, 19, 0, 1, 0], `${l.peer} equality check`);
  }
  Eq(lines.filter((l) => l.check).length, 4, 'number of equality checks');

  // 1. creditbank against the hand-computed expectations (expected.tsv holds each outcome's own
  // certification; Compare lets T1/o3 count over T1/o4 (higher score) and T2/o2 over T2/o1).
  const decisions = ReadDecisions(path.join(out, 'decisions.jsonl'));
  const vsExpected = Compare(decisions, path.join(out, 'export'), expected);
  Eq([vsExpected.summary.compared, vsExpected.summary.mismatches], [19, 0],
     `creditbank vs expected.tsv (${JSON.stringify(vsExpected.mismatches)})`);
  Eq(vsExpected.summary.creditbank_reasons,
     { certified: 7, 'below-min-score': 2, 'same-qualification': 2, 'outside-window': 1, 'wrong-awarding-body': 1,
       'future-date': 1,
       unknown: 1, expired: 2, 'rule-ended': 1, 'not-yet-effective': 1 }, 'creditbank reasons on the intake');

  // Each peer's file against expected.tsv directly (not through creditbank).
  for (const peer of ['sqlite', 'json-rules-engine', 'json-rules-engine-partitioned', 'zen-engine']) {
    const got = ReadResults(path.join(out, `${peer}.tsv`));
    Eq(got.get('T4/o1')?.status, 'certified', `${peer} evaluates the line creditbank rejects`);
    for (const [key, want] of expected) Eq(got.get(key), want, `${peer} ${key}`);
  }

  // 3. A wrong peer: the 29 February end computed as 1 March, and wrong credits.
  const wrong = fs.readFileSync(path.join(out, 'sqlite.tsv'), 'utf8')
    .replace('T2/o5\trejected\t\t\t\t', 'T2/o5\tcertified\tREC-TR-IOT-INSTALL\t1\t2\t2026-03-01')
    .replace('T1/o1\tcertified\tREC-1X-IOT-IDO-M\t3\t6\t2027-06-18',
             'T1/o1\tcertified\tREC-1X-IOT-IDO-M\t3\t4\t2027-06-18');
  const wrongFile = path.join(work, 'wrong.tsv');
  fs.writeFileSync(wrongFile, wrong);
  const cmp = Run('node', [path.join(peers, 'compare.mjs'), '--decisions', path.join(out, 'decisions.jsonl'),
                           '--export', path.join(out, 'export'), '--peers', `wrong=${wrongFile}`]);
  Eq(cmp.status, 1, 'compare.mjs exit status on a wrong peer');
  Eq(JSON.parse(cmp.stdout).mismatches, 2, 'mismatches of the wrong peer');
  Check(cmp.stderr.includes('T1/o1: creditbank certified REC-1X-IOT-IDO-M level 3 credits 6 until 2027-06-18; ' +
                            'wrong certified REC-1X-IOT-IDO-M level 3 credits 4 until 2027-06-18'),
        `compare.mjs names T1/o1 (stderr: ${cmp.stderr})`);
  Check(cmp.stderr.includes('T2/o5: creditbank rejected (expired); wrong certified REC-TR-IOT-INSTALL level 1 ' +
                            'credits 2 until 2026-03-01'), `compare.mjs names T2/o5 (stderr: ${cmp.stderr})`);

  // 4. A rival rule: flagged by the exporter, ambiguous in SQL, excluded by the comparator.
  const rules = path.join(work, 'rules');
  fs.cpSync(path.join(repo, 'rules'), rules, { recursive: true });
  fs.writeFileSync(path.join(rules, 'recognition', 'zz-rival.json'), JSON.stringify({
    kind: 'recognition-rules', rules: [{
      id: 'REC-VQ-ELEC-4-RIVAL', priority: 100, effective: { from: '2019-01-01' },
      match: { kind: 'certificate', code: 'VQ-ELEC', grade: '四级' }, conditions: { min_score: 50 },
      result: { level: 2, credits: 5 } }] }));
  const rivalExport = path.join(work, 'rival');
  const exp = Run('node', [path.join(peers, 'export.mjs'), '--rules', rules, '--intake', intake, '--out', rivalExport]);
  Eq(exp.status, 0, `export with a rival rule (stderr: ${exp.stderr})`);
  const table = JSON.parse(fs.readFileSync(path.join(rivalExport, 'table.json'), 'utf8'));
  Eq(table.flagged_keys, { 'certificate|VQ-ELEC||四级||':
                           'rules REC-VQ-ELEC-4 and REC-VQ-ELEC-4-RIVAL at priority 100 may be ambiguous' },
     'flagged keys');
  const sqlFile = path.join(work, 'rival-sqlite.tsv');
  const sql = Run('node', [path.join(peers, 'peer_sqlite.mjs'), '--export', rivalExport, '--date', kDate,
                           '--results', sqlFile]);
  Eq(sql.status, 0, `peer_sqlite with a rival rule (stderr: ${sql.stderr})`);
  const rival = ReadResults(sqlFile);
  Eq(rival.get('T2/o7').status, 'rejected', 'SQL rejects two passing rules with different results');
  Eq(rival.get('T2/o1'), expected.get('T2/o1'), 'SQL is otherwise unchanged');
  const rivalCmp = Compare(decisions, rivalExport, rival);
  // T2/o7, T2/o10 and T4/o1 (whose line creditbank rejects) have the flagged key.
  Eq([rivalCmp.summary.compared, rivalCmp.summary.mismatches, rivalCmp.summary.excluded.flagged_key], [17, 0, 3],
     'comparator excludes the flagged outcomes');

  // 6. A repeated outcome: R1's o2 is its o1 again (another id); creditbank rejects it as duplicate.
  const repeatIntake = path.join(work, 'repeat.jsonl');
  const o1 = { kind: 'certificate', code: '1X-IOT-IDO', grade: '中级', score: 82, awarding_body: 'ZYCX',
               date: '2024-06-18' };
  fs.writeFileSync(repeatIntake, JSON.stringify({ learner_id: 'R1', name: '重复', outcomes: [
    { id: 'o1', ...o1 }, { id: 'o2', ...o1 }] }) + '\n');
  const repeatOut = path.join(work, 'repeat');
  const repeatRun = Run(path.join(peers, 'run.sh'), ['--creditbank', args.creditbank, '--intake', repeatIntake,
                                                      '--date', kDate, '--out', repeatOut]);
  Eq(repeatRun.status, 0, `run.sh on a repeated outcome (stderr: ${repeatRun.stderr})`);
  const repeatDecisions = ReadDecisions(path.join(repeatOut, 'decisions.jsonl'));
  Eq(repeatDecisions.get('R1/o2').reason, 'duplicate', 'creditbank rejects the repeat as duplicate');
  const repeatPeer = ReadResults(path.join(repeatOut, 'sqlite.tsv'));
  const repeatCmp = Compare(repeatDecisions, path.join(repeatOut, 'export'), repeatPeer);
  Eq([repeatCmp.summary.compared, repeatCmp.summary.mismatches, repeatCmp.summary.excluded.repeated_outcome],
     [1, 0, 1], 'comparator sets the repeat aside');
  repeatDecisions.set('R1/o2', { ...repeatDecisions.get('R1/o1') });
  Eq(Compare(repeatDecisions, path.join(repeatOut, 'export'), repeatPeer).summary.mismatches, 1,
     'a repeat creditbank certified is a mismatch');

  // 7. One qualification counts once. T1/o3 (REC-1X-IOT-IDO-S-HONOURS, 8 credits, score 95) counts over
  // T1/o4 (REC-1X-IOT-IDO-S, 8 credits, score 85) by its score; a peer giving o3 6 credits makes o4 the best.
  const sqlite = ReadResults(path.join(out, 'sqlite.tsv'));
  const moved = new Map(sqlite);
  moved.set('T1/o3', { ...sqlite.get('T1/o3'), credits: '6' });
  const movedCmp = Compare(decisions, path.join(out, 'export'), moved);
  Eq(movedCmp.mismatches, [
    { key: 'T1/o3', creditbank: 'certified REC-1X-IOT-IDO-S-HONOURS level 4 credits 8 until 2027-03-01',
      peer: 'rejected (same-qualification)' },
    { key: 'T1/o4', creditbank: 'rejected (same-qualification)',
      peer: 'certified REC-1X-IOT-IDO-S level 4 credits 8 until 2027-03-01' }], 'a peer whose best is another outcome');
  // Without T1/o3 the group 1X-IOT-IDO 高级 of T1 (o3, o4, o5) is partial: o4 and o5 are left out.
  const sampled = new Map(sqlite);
  sampled.delete('T1/o3');
  const sampledCmp = Compare(decisions, path.join(out, 'export'), sampled);
  Eq([sampledCmp.summary.compared, sampledCmp.summary.mismatches, sampledCmp.summary.excluded.partial_group],
     [16, 0, 2], 'a group the peer evaluated in part is left out');

  // 5. Usage.
  const usage = Run(path.join(peers, 'run.sh'), ['--creditbank', args.creditbank]);
  Eq(usage.status, 2, 'run.sh without --intake');

  process.stdout.write(`peers test: ${checks - failures} of ${checks} checks passed\n`);
  process.exit(failures === 0 ? 0 : 1);
}

try { Main(); } catch (e) { process.stderr.write(`peers test: ${e.stack}\n`); process.exit(1); }
