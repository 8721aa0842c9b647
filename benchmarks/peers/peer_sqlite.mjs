// Peer 1: plain SQL in the sqlite3 shell. The rules table (rules.tsv) is joined to the outcomes table
// (outcomes.tsv) on the match key, the conditions are WHERE clauses, the highest priority wins (smallest
// row = smallest id at that priority), two different results at the top priority are ambiguous, and the
// validity end and expiry are computed in SQL. Only the statement that writes the result table is timed
// (.timer on); "seconds" is its real time, "cpu_seconds" its user + sys time.
//
//   node peer_sqlite.mjs --export DIR --date YYYY-MM-DD --results FILE [--sqlite3 PATH] [--db FILE]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ParseArgs, Require, DateNum } from './lib.mjs';

// The certification query; d is the decision date as YYYYMMDD. For each outcome a correlated
// subquery on the rules index finds the first passing row by (priority desc, id) -- the rows are numbered
// in that order -- and a second one looks for a passing row at the same priority with another result
// (the engine's "ambiguous").
function Passes(r, d) {
  return `${r}.kind = o.kind AND ${r}.code = o.code AND ${r}.institution = o.institution AND ${r}.grade = o.grade
       AND ${r}.tier = o.tier AND ${r}.rank = o.rank
       AND ${r}.eff_from <= ${d} AND ${d} <= ${r}.eff_to
       AND o.dnum BETWEEN ${r}.win_from AND ${r}.win_to
       AND (${r}.min_score IS NULL OR o.score >= ${r}.min_score)
       AND (${r}.bodies = '' OR instr(${r}.bodies, '|' || o.awarding_body || '|') > 0)`;
}

export function CertifySql(d) {
  const y = '(o.dnum / 10000 + r.validity_years)';
  const leap = `((${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0)`;
  const until = `CASE WHEN r.validity_years IS NULL THEN NULL
         ELSE ${y} * 10000 + CASE WHEN o.dnum % 10000 = 229 AND NOT ${leap} THEN 228 ELSE o.dnum % 10000 END END`;
  return `CREATE TABLE result AS
SELECT orow, key, rule, level, credits, until,
       CASE WHEN rule IS NULL OR ambiguous OR (until IS NOT NULL AND ${d} >= until) THEN 'rejected'
            ELSE 'certified' END AS status
FROM (
  SELECT o.rowid AS orow, o.key AS key, r.rule AS rule, r.level AS level, r.credits AS credits, ${until} AS until,
         r.row IS NOT NULL AND EXISTS (
           SELECT 1 FROM rules a
           WHERE ${Passes('a', d)} AND a.priority = r.priority AND a.result_sig <> r.result_sig) AS ambiguous
  FROM outcomes o LEFT JOIN rules r ON r.row = (
    SELECT p.row FROM rules p WHERE o.dnum <= ${d} AND ${Passes('p', d)}
    ORDER BY p.priority DESC, p.row LIMIT 1)
);`;
}

function Script(exportDir, resultsFile, d) {
  const q = (p) => `'${p.replace(/'/g, "''")}'`;
  return `PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA temp_store = MEMORY;
CREATE TABLE rules(row INTEGER PRIMARY KEY, rule TEXT, priority INTEGER, kind TEXT, code TEXT, institution TEXT,
  grade TEXT, tier TEXT, rank TEXT, eff_from INTEGER, eff_to INTEGER, min_score REAL, bodies TEXT,
  win_from INTEGER, win_to INTEGER, level INTEGER, credits REAL, validity_years INTEGER, result_sig TEXT);
CREATE TABLE outcomes(key TEXT, learner TEXT, idx INTEGER, outcome TEXT, kind TEXT, code TEXT, institution TEXT,
  grade TEXT, tier TEXT, rank TEXT, score REAL, awarding_body TEXT, date TEXT, dnum INTEGER);
.mode tabs
.import --skip 1 ${q(path.join(exportDir, 'rules.tsv'))} rules
CREATE TEMP TABLE outcomes_in(key, learner, idx, outcome, kind, code, institution, grade, tier, rank, score,
  awarding_body, date);
.import --skip 1 ${q(path.join(exportDir, 'outcomes.tsv'))} outcomes_in
INSERT INTO outcomes SELECT key, learner, idx, outcome, kind, code, institution, grade, tier, rank,
  CASE WHEN score = '' THEN NULL ELSE CAST(score AS REAL) END, awarding_body, date,
  CAST(replace(date, '-', '') AS INTEGER) FROM outcomes_in;
DROP TABLE outcomes_in;
UPDATE rules SET min_score = NULL WHERE min_score = '';
UPDATE rules SET validity_years = NULL WHERE validity_years = '';
CREATE INDEX rules_key ON rules(kind, code, institution, grade, tier, rank);
ANALYZE;
.timer on
${CertifySql(d)}
.timer off
.print COUNTS
SELECT count(*), coalesce(sum(status = 'certified'), 0) FROM result;
.headers off
.output ${resultsFile}
.print "key\tstatus\trule\tlevel\tcredits\tvalid_until"
SELECT key, status,
       CASE WHEN status = 'certified' THEN rule ELSE '' END,
       CASE WHEN status = 'certified' THEN level ELSE '' END,
       CASE WHEN status <> 'certified' THEN ''
            WHEN credits = CAST(credits AS INTEGER) THEN CAST(credits AS INTEGER) ELSE credits END,
       CASE WHEN status = 'certified' AND until IS NOT NULL
            THEN printf('%04d-%02d-%02d', until / 10000, until / 100 % 100, until % 100) ELSE '' END
FROM result;
.output stdout
`;
}

function Main() {
  const args = ParseArgs(process.argv.slice(2), ['export', 'date', 'results', 'sqlite3', 'db']);
  Require(args, ['export', 'date', 'results']);
  const d = DateNum(args.date);
  if (d === null) throw new Error(`usage: --date: expected YYYY-MM-DD, got ${args.date}`);
  const db = args.db ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'peer-sqlite-')), 'peer.db');
  fs.rmSync(db, { force: true });
  const run = spawnSync(args.sqlite3 ?? 'sqlite3', ['-batch', '-bail', db],
                        { input: Script(args.export, args.results, d), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.error) throw new Error(`sqlite3: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`sqlite3: exit ${run.status}: ${run.stderr.trim()}`);
  const times = [...run.stdout.matchAll(/Run Time: real ([0-9.]+) user ([0-9.]+) sys ([0-9.]+)/g)];
  const counts = run.stdout.split('\n')[run.stdout.split('\n').indexOf('COUNTS') + 1].split('\t').map(Number);
  if (times.length !== 1 || counts.length !== 2) throw new Error(`sqlite3: unexpected output: ${run.stdout}`);
  const [n, certified] = counts;
  const seconds = Math.max(Number(times[0][1]), 1e-6);
  const cpu = Number(times[0][2]) + Number(times[0][3]);
  console.log(JSON.stringify({ peer: 'sqlite', outcomes: n, seconds, outcomes_per_second: Math.round(n / seconds),
                               certified, rejected: n - certified, cpu_seconds: Number(cpu.toFixed(3)),
                               outcomes_per_cpu_second: Math.round(n / Math.max(cpu, 1e-6)) }));
  if (!args.db) fs.rmSync(path.dirname(db), { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { Main(); } catch (e) { process.stderr.write(`peer_sqlite: ${e.message}\n`); process.exit(2); }
}

