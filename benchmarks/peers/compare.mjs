// Equality check: a peer's certifications against creditbank's, outcome by outcome.
//
//   node compare.mjs --decisions FILE --export DIR --peers NAME=FILE[,NAME=FILE...] [--show N]
//
// --decisions: creditbank's decisions (JSON Lines; `certifications` per learner). --export: the exporter's
// folder (outcomes.tsv, export.json, table.json). --peers: each peer's name and results file (lib.mjs);
// the decisions are read once for all of them.
// The shared subset is every outcome the peer evaluated, minus, each counted in "excluded":
//   not_in_creditbank   its learner's line was rejected by creditbank's reader (defective line), so
//                       creditbank made no certification to compare with;
//   duplicate_key       two outcomes share learner id and outcome id (no one-to-one comparison);
//   flagged_key         its match key is flagged by the exporter (table.json flagged_keys: a runtime
//                       ambiguity or a level outside the framework, which the flat table cannot state);
//   repeated_outcome    it equals an earlier outcome of its learner but for the id (export.json
//                       repeated_keys): creditbank must reject it as `duplicate`, and is checked for
//                       that here instead (a mismatch when it does not), since no peer sees the learner;
//   partial_group       it is the same qualification as another outcome of its learner, and the peer
//                       evaluated only some of them (a sample), so which one counts cannot be told.
// The peers certify single outcomes. creditbank then lets one qualification count once
// (docs/conversion.md): of a learner's certified outcomes of one qualification only the best stays
// certified, the others are rejected as `same-qualification`. The comparator applies that rule to each
// peer's results itself (CountOnce, written from that page) before comparing; a group with a flagged
// member is excluded as flagged_key, since the flagged result may change which one counts.
// Equal means: same status (certified / rejected; every rejection reason counts as rejected) and, when
// certified, the same rule id, level, credits and valid_until.
// Prints one JSON line per peer; exits 1 when a peer has a mismatch (its first --show, default 10, on
// stderr) or nothing to compare, 2 on bad input.
import fs from 'node:fs';
import path from 'node:path';
import { ParseArgs, Require, ReadResults, ForEachLine } from './lib.mjs';
import { MatchKey } from './export.mjs';

// creditbank's certifications by key (learner/outcome), each as {status, rule, level, credits,
// valid_until, reason}; only the keys `wanted` holds when it is given.
export function ReadDecisions(file, wanted = null) {
  const map = new Map();
  ForEachLine(file, (line) => {
    if (line === '') return;
    const d = JSON.parse(line);
    for (const c of d.certifications) {
      const key = `${d.learner}/${c.outcome}`;
      if (wanted !== null && !wanted.has(key)) continue;
      map.set(key, { status: c.status, rule: c.rule ?? null, level: c.level ?? null, credits: c.credits ?? null,
                     valid_until: c.valid_until ?? null, reason: c.reason ?? null });
    }
  });
  return map;
}

function Same(c, p) {
  if (c.status !== p.status) return false;
  if (c.status !== 'certified') return true;
  return c.rule === p.rule && Number(c.level) === Number(p.level) && Number(c.credits) === Number(p.credits) &&
         (c.valid_until ?? '') === p.valid_until;
}

function Describe(c) {
  if (c.status !== 'certified') return `rejected${c.reason ? ' (' + c.reason + ')' : ''}`;
  return `certified ${c.rule} level ${c.level} credits ${Number(c.credits)} until ${c.valid_until || 'never'}`;
}

const kKeepMismatches = 1000;

// The qualification an outcome row (outcomes.tsv) is, with its learner: creditbank's SameQualification
// (engine/convert/convert.h): the kind and code, and a course's institution, an award's tier, or the
// grade (the exporter has filled in a left-out grade of a one-grade certificate).
export function QualificationKey(o) {
  const which = o.kind === 'course' ? o.institution : (o.kind === 'award' ? o.tier : o.grade);
  return JSON.stringify([o.learner, o.kind, o.code, which]);
}

// Whether certified result `a` of outcome row `oa` counts rather than `b` of `ob`, by
// docs/conversion.md: higher level, more credits, later valid_until (none is latest), higher score (none
// is lowest), later date, smaller outcome id (bytewise, as creditbank compares it).
function CountsBefore(a, oa, b, ob) {
  if (Number(a.level) !== Number(b.level)) return Number(a.level) > Number(b.level);
  if (Number(a.credits) !== Number(b.credits)) return Number(a.credits) > Number(b.credits);
  const ua = a.valid_until || '9999-12-31';
  const ub = b.valid_until || '9999-12-31';
  if (ua !== ub) return ua > ub;
  const sa = oa.score === '' ? -1 : Number(oa.score);
  const sb = ob.score === '' ? -1 : Number(ob.score);
  if (sa !== sb) return sa > sb;
  if (oa.date !== ob.date) return oa.date > ob.date;
  return Buffer.compare(Buffer.from(oa.outcome), Buffer.from(ob.outcome)) < 0;  // the smaller id, bytewise
}

// `results` with one qualification counting once: in each group (rows of one QualificationKey, repeats
// left out) that `results` covers whole, every certified member but the best becomes rejected
// (same-qualification). Returns the new map and the keys of groups covered only in part.
export function CountOnce(results, groups, repeated) {
  const adjusted = new Map(results);
  const partial = new Set();
  for (const rows of groups.values()) {
    const live = rows.filter((o) => !repeated.has(o.key));
    if (live.length < 2) continue;
    if (!live.every((o) => results.has(o.key))) {
      for (const o of live) partial.add(o.key);
      continue;
    }
    const certified = live.filter((o) => results.get(o.key).status === 'certified');
    if (certified.length < 2) continue;
    const best = certified.reduce((x, y) => (CountsBefore(results.get(y.key), y, results.get(x.key), x) ? y : x));
    for (const o of certified) {
      if (o !== best) adjusted.set(o.key, { status: 'rejected', reason: 'same-qualification' });
    }
  }
  return { adjusted, partial };
}

// Compares; returns the summary object and the first kKeepMismatches mismatches.
export function Compare(decisions, exportDir, peerResults) {
  const exp = JSON.parse(fs.readFileSync(path.join(exportDir, 'export.json'), 'utf8'));
  const table = JSON.parse(fs.readFileSync(path.join(exportDir, 'table.json'), 'utf8'));
  const duplicates = new Set(exp.duplicate_keys);
  const repeated = new Set(exp.repeated_keys ?? []);
  const matchKeys = new Map();
  const groups = new Map();  // QualificationKey -> rows
  const groupOf = new Map();  // outcome key -> its group's rows
  let cols = null;
  ForEachLine(path.join(exportDir, 'outcomes.tsv'), (line) => {
    if (cols === null) { cols = line.split('\t'); return; }
    if (line === '') return;
    const f = line.split('\t');
    const o = Object.fromEntries(cols.map((c, j) => [c, f[j]]));
    const q = QualificationKey(o);
    if (!groups.has(q)) groups.set(q, []);
    groups.get(q).push({ key: o.key, outcome: o.outcome, score: o.score, date: o.date });
    groupOf.set(o.key, groups.get(q));
    if (peerResults.has(o.key)) matchKeys.set(o.key, MatchKey(o));
  });
  const { adjusted, partial } = CountOnce(peerResults, groups, repeated);
  const flaggedGroup = (key) => groupOf.get(key).some((o) => matchKeys.has(o.key) &&
                                                              table.flagged_keys[matchKeys.get(o.key)] !== undefined);
  const excluded = { not_in_creditbank: 0, duplicate_key: 0, flagged_key: 0, not_exported: 0, repeated_outcome: 0,
                     partial_group: 0 };
  const byReason = {};
  const mismatches = [];
  let compared = 0;
  let differ = 0;
  for (const [key, p] of adjusted) {
    if (!matchKeys.has(key)) { ++excluded.not_exported; continue; }
    if (duplicates.has(key)) { ++excluded.duplicate_key; continue; }
    if (repeated.has(key)) {
      ++excluded.repeated_outcome;
      const c = decisions.get(key);
      if (c !== undefined && c.reason !== 'duplicate') {
        ++differ;
        if (mismatches.length < kKeepMismatches) {
          mismatches.push({ key, creditbank: Describe(c), peer: 'rejected (duplicate: it repeats an outcome)' });
        }
      }
      continue;
    }
    if (flaggedGroup(key)) { ++excluded.flagged_key; continue; }
    if (partial.has(key)) { ++excluded.partial_group; continue; }
    const c = decisions.get(key);
    if (c === undefined) { ++excluded.not_in_creditbank; continue; }
    ++compared;
    const reason = c.status === 'certified' ? 'certified' : c.reason;
    byReason[reason] = (byReason[reason] ?? 0) + 1;
    if (!Same(c, p)) {
      ++differ;
      if (mismatches.length < kKeepMismatches) mismatches.push({ key, creditbank: Describe(c), peer: Describe(p) });
    }
  }
  return { summary: { compared, matches: compared - differ, mismatches: differ, excluded,
                      creditbank_reasons: byReason }, mismatches };
}

function Main() {
  const args = ParseArgs(process.argv.slice(2), ['decisions', 'export', 'peers', 'show']);
  Require(args, ['decisions', 'export', 'peers']);
  const peers = args.peers.split(',').map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`usage: --peers: expected NAME=FILE, got ${item}`);
    return { name: item.slice(0, eq), results: ReadResults(item.slice(eq + 1)) };
  });
  const wanted = new Set();
  for (const p of peers) for (const key of p.results.keys()) wanted.add(key);
  const decisions = ReadDecisions(args.decisions, wanted);
  const show = Number(args.show ?? 10);
  let failed = false;
  for (const p of peers) {
    const { summary, mismatches } = Compare(decisions, args.export, p.results);
    console.log(JSON.stringify({ check: 'equal-certifications', peer: p.name, ...summary }));
    if (summary.compared === 0) {
      process.stderr.write(`compare: ${p.name}: no outcome in the shared subset\n`);
      failed = true;
    }
    if (summary.mismatches > 0) {
      process.stderr.write(`compare: ${p.name}: ${summary.mismatches} of ${summary.compared} outcomes differ; first ` +
                           `${Math.min(show, mismatches.length)}:\n`);
      for (const m of mismatches.slice(0, show)) {
        process.stderr.write(`  ${m.key}: creditbank ${m.creditbank}; ${p.name} ${m.peer}\n`);
      }
      failed = true;
    }
  }
  if (failed) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { Main(); } catch (e) { process.stderr.write(`compare: ${e.message}\n`); process.exit(2); }
}
