// Peer 2: json-rules-engine evaluating the flat decision table (table.json), one rule per row with every
// match column and condition as an "all" condition. Two forms:
//   json-rules-engine              naive: all rows in one engine; the winner is the first row (priority
//                                  descending, then id) among the rules whose events fired;
//   json-rules-engine-partitioned  by hand: one engine per outcome kind + code (+ institution for a
//                                  course); an outcome runs only the engine of its partition.
// Validity and expiry (docs/conversion.md steps 8-9) are applied to the winner in plain JS (lib.mjs
// Finish) inside the timed loop. Only the evaluation of the sample is timed, not the engines' setup.
//
//   node peer_jre.mjs --export DIR --date YYYY-MM-DD --results FILE --results-partitioned FILE [--sample N]
//       [--sample-naive N]
// --sample (default 20000) is the partitioned form's; the naive form runs every rule for every outcome
// (about 100 outcomes per CPU second on 375 rows), so it takes an evenly spaced --sample-naive (default 1000)
// outcomes of that same sample.
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from 'json-rules-engine';
import { ParseArgs, Require, DateNum, ReadOutcomes, Sample, Finish, Timed, WriteResults, Report } from './lib.mjs';

const kOpenFrom = 101;
const kOpenTo = 99991231;

function Conditions(row) {
  // The match columns first (condition priority 2): a rule whose code differs stops there.
  const all = [{ fact: 'kind', operator: 'equal', value: row.kind, priority: 2 },
               { fact: 'code', operator: 'equal', value: row.code, priority: 2 }];
  if (row.kind === 'course') all.push({ fact: 'institution', operator: 'equal', value: row.institution });
  if (row.kind === 'certificate' || row.kind === 'training') all.push({ fact: 'grade', operator: 'equal', value: row.grade });
  if (row.kind === 'award') {
    all.push({ fact: 'tier', operator: 'equal', value: row.tier }, { fact: 'rank', operator: 'equal', value: row.rank });
  }
  all.push({ fact: 'date', operator: 'lessThanInclusive', value: { fact: 'd' } });
  if (row.eff_from !== kOpenFrom) all.push({ fact: 'd', operator: 'greaterThanInclusive', value: row.eff_from });
  if (row.eff_to !== kOpenTo) all.push({ fact: 'd', operator: 'lessThanInclusive', value: row.eff_to });
  if (row.win_from !== kOpenFrom) all.push({ fact: 'date', operator: 'greaterThanInclusive', value: row.win_from });
  if (row.win_to !== kOpenTo) all.push({ fact: 'date', operator: 'lessThanInclusive', value: row.win_to });
  if (row.min_score !== null) all.push({ fact: 'score', operator: 'greaterThanInclusive', value: row.min_score });
  if (row.bodies.length > 0) all.push({ fact: 'awarding_body', operator: 'in', value: row.bodies });
  return { all };
}

function MakeEngine(rows) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const row of rows) {
    engine.addRule({ name: `${row.rule}#${row.row}`, priority: 1, conditions: Conditions(row),
                     event: { type: 'row', params: { row: row.row } } });
  }
  return engine;
}

export function PartitionKey(x) {
  return x.kind === 'course' ? `${x.kind}|${x.institution}|${x.code}` : `${x.kind}|${x.code}`;
}

function Facts(o, d) {
  const f = { kind: o.kind, code: o.code, institution: o.institution, grade: o.grade, tier: o.tier, rank: o.rank,
              date: o.date, d, awarding_body: o.awarding_body };
  if (o.score !== null) f.score = o.score;
  return f;
}

async function Evaluate(engineFor, sample, rows, d) {
  const results = new Array(sample.length);
  for (let i = 0; i < sample.length; ++i) {
    const o = sample[i];
    const engine = engineFor(o);
    let best = null;
    if (engine !== undefined) {
      const { events } = await engine.run(Facts(o, d));
      for (const e of events) if (best === null || e.params.row < best) best = e.params.row;
    }
    results[i] = Finish(best === null ? null : rows[best], o, d);
  }
  return results;
}

async function Main() {
  const args = ParseArgs(process.argv.slice(2), ['export', 'date', 'results', 'results-partitioned', 'sample', 'sample-naive']);
  Require(args, ['export', 'date', 'results', 'results-partitioned']);
  const d = DateNum(args.date);
  if (d === null) throw new Error(`usage: --date: expected YYYY-MM-DD, got ${args.date}`);
  const table = JSON.parse(fs.readFileSync(path.join(args.export, 'table.json'), 'utf8'));
  const rows = table.rows;
  const sample = Sample(ReadOutcomes(path.join(args.export, 'outcomes.tsv')), Number(args.sample ?? 20000));
  const keys = sample.map((o) => o.key);

  const naiveSample = Sample(sample, Number(args['sample-naive'] ?? 1000));
  const naive = MakeEngine(rows);
  const t1 = await Timed(() => Evaluate(() => naive, naiveSample, rows, d));
  WriteResults(args.results, naiveSample.map((o) => o.key), t1.value);
  console.log(Report('json-rules-engine', naiveSample.length, t1, t1.value, { rows: rows.length, engines: 1 }));

  const parts = new Map();
  for (const row of rows) {
    const k = PartitionKey(row);
    if (!parts.has(k)) parts.set(k, []);
    parts.get(k).push(row);
  }
  const engines = new Map([...parts].map(([k, list]) => [k, MakeEngine(list)]));
  const t2 = await Timed(() => Evaluate((o) => engines.get(PartitionKey(o)), sample, rows, d));
  WriteResults(args['results-partitioned'], keys, t2.value);
  console.log(Report('json-rules-engine-partitioned', sample.length, t2, t2.value,
                     { rows: rows.length, engines: engines.size }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  Main().catch((e) => { process.stderr.write(`peer_jre: ${e.message}\n`); process.exit(2); });
}
