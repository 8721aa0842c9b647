// Peer 3: GoRules zen-engine evaluating the flat decision table as a JDM decision table (hit policy
// "first", rows in priority-descending then id order, so the first passing row is the engine's choice).
// Columns: kind, code, institution, grade, tier, rank (equality; empty = any), "date <= d" (not a future
// outcome), d in the effective range, date in the outcome window, score >= minimum, awarding body in the
// list. Output: the row number. Validity and expiry (docs/conversion.md steps 8-9) are applied to the
// winner in plain JS (lib.mjs Finish) inside the timed loop. Only the evaluation is timed; --concurrency
// keeps that many evaluations in flight (1 = one after the other).
//
//   node peer_zen.mjs --export DIR --date YYYY-MM-DD --results FILE [--sample N] [--concurrency N] [--jdm FILE]
import fs from 'node:fs';
import path from 'node:path';
import { ZenEngine } from '@gorules/zen-engine';
import { ParseArgs, Require, DateNum, ReadOutcomes, Sample, Finish, Timed, WriteResults, Report } from './lib.mjs';

const kOpenFrom = 101;
const kOpenTo = 99991231;

const kInputs = [
  { id: 'kind', name: 'kind', field: 'kind' },
  { id: 'code', name: 'code', field: 'code' },
  { id: 'institution', name: 'institution', field: 'institution' },
  { id: 'grade', name: 'grade', field: 'grade' },
  { id: 'tier', name: 'tier', field: 'tier' },
  { id: 'rank', name: 'rank', field: 'rank' },
  { id: 'not_future', name: 'not future', field: 'date <= d' },
  { id: 'effective', name: 'effective on d', field: 'd' },
  { id: 'window', name: 'outcome window', field: 'date' },
  { id: 'score', name: 'minimum score', field: 'score' },
  { id: 'body', name: 'awarding body', field: 'awarding_body' },
];

function Range(from, to) {
  if (from === kOpenFrom && to === kOpenTo) return '';
  return `[${from}..${to}]`;
}

// The JDM graph: input -> decision table -> output.
export function Jdm(rows) {
  const q = (s) => JSON.stringify(s);
  const tableRows = rows.map((r) => ({
    _id: `r${r.row}`,
    kind: q(r.kind), code: q(r.code),
    institution: r.kind === 'course' ? q(r.institution) : '',
    grade: r.kind === 'certificate' || r.kind === 'training' ? q(r.grade) : '',
    tier: r.kind === 'award' ? q(r.tier) : '', rank: r.kind === 'award' ? q(r.rank) : '',
    not_future: 'true',
    effective: Range(r.eff_from, r.eff_to), window: Range(r.win_from, r.win_to),
    score: r.min_score === null ? '' : `>= ${r.min_score}`,
    body: r.bodies.map(q).join(', '),
    row: String(r.row),
  }));
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'input', type: 'inputNode', name: 'outcome', position: { x: 0, y: 0 }, content: { schema: '' } },
      { id: 'table', type: 'decisionTableNode', name: 'recognition', position: { x: 300, y: 0 },
        content: { hitPolicy: 'first', passThrough: false, inputField: null, outputPath: null, executionMode: 'single',
                   inputs: kInputs, outputs: [{ id: 'row', name: 'row', field: 'row' }], rules: tableRows } },
      { id: 'output', type: 'outputNode', name: 'certification', position: { x: 600, y: 0 }, content: { schema: '' } },
    ],
    edges: [{ id: 'e1', sourceId: 'input', targetId: 'table', type: 'edge' },
            { id: 'e2', sourceId: 'table', targetId: 'output', type: 'edge' }],
  };
}

function Context(o, d) {
  return { kind: o.kind, code: o.code, institution: o.institution, grade: o.grade, tier: o.tier, rank: o.rank,
           date: o.date, d, score: o.score, awarding_body: o.awarding_body };
}

async function Evaluate(decision, sample, rows, d, concurrency) {
  const results = new Array(sample.length);
  const one = async (i) => {
    const { result } = await decision.evaluate(Context(sample[i], d));
    results[i] = Finish(typeof result.row === 'number' ? rows[result.row] : null, sample[i], d);
  };
  let next = 0;
  const worker = async () => { while (next < sample.length) await one(next++); };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}

async function Main() {
  const args = ParseArgs(process.argv.slice(2), ['export', 'date', 'results', 'sample', 'concurrency', 'jdm']);
  Require(args, ['export', 'date', 'results']);
  const d = DateNum(args.date);
  if (d === null) throw new Error(`usage: --date: expected YYYY-MM-DD, got ${args.date}`);
  const rows = JSON.parse(fs.readFileSync(path.join(args.export, 'table.json'), 'utf8')).rows;
  const sample = Sample(ReadOutcomes(path.join(args.export, 'outcomes.tsv')), Number(args.sample ?? 2000));
  const jdm = Jdm(rows);
  if (args.jdm) fs.writeFileSync(args.jdm, JSON.stringify(jdm, null, 1));
  const engine = new ZenEngine();
  const decision = engine.createDecision(jdm);
  const concurrency = Number(args.concurrency ?? 1);
  const t = await Timed(() => Evaluate(decision, sample, rows, d, concurrency));
  WriteResults(args.results, sample.map((o) => o.key), t.value);
  console.log(Report('zen-engine', sample.length, t, t.value, { rows: rows.length, concurrency }));
  engine.dispose();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  Main().catch((e) => { process.stderr.write(`peer_zen: ${e.message}\n`); process.exit(2); });
}
