// Exporter: the shipped recognition rules as a flat decision table, and an intake as a flat list of
// outcomes, for the peer engines (README.md in this folder).
//
//   node export.mjs --rules DIR --intake FILE.jsonl --out DIR
//
// Writes into --out:
//   table.json    {"rows": [...], "flagged_keys": {...}, "stats": {...}}: one row per recognition rule and
//                 match key, sorted by priority descending then rule id (the order in which the engine
//                 tries rules), so "first passing row" is the engine's choice. A course rule without a
//                 code is expanded to every course its institution's programmes list; a rule that omits
//                 the grade of a single-grade certificate gets that grade; a course rule without level or
//                 credits gets the course's.
//   rules.tsv     the same rows for SQLite (bodies as "|A|B|", open dates as 00000101 / 99991231).
//   outcomes.tsv  one outcome a line: key (learner/outcome id), learner, index, outcome id, kind, code,
//                 institution, grade, tier, rank, score, awarding_body, date.
//   export.json   counts: lines, unparsable lines, learners, outcomes, duplicate keys; the duplicate keys and
//                 the repeated keys: outcomes equal to an earlier one of their learner in everything but
//                 the id, which creditbank rejects as `duplicate` (docs/conversion.md), a rule over a
//                 learner's outcomes that a table of single outcomes cannot state.
// A match key is flagged (and its outcomes left out of the comparison) when the table cannot state the
// engine's decision for it: two rows at the same priority with overlapping effective ranges and different
// results (the engine's runtime ambiguity), or a level the framework lacks.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ParseArgs, Require, DateNum, ForEachLine, LineWriter, kOutcomeColumns } from './lib.mjs';

const kRankAliases = { gold: 'first', silver: 'second', bronze: 'third', excellence: 'merit' };
const kOpenFrom = 101;        // 0000-01-01
const kOpenTo = 99991231;


// The ids creditbank's readers give a learner's outcomes given without one (engine/batch/outcome_fields.h,
// DeriveMissingOutcomeIds): its code, with a course's institution, a certificate's or training's grade as
// given, or an award's tier, then "@" and its date; outcomes alike in all of that take "#" and 8 hex digits
// of the SHA-256 of their fields (each as its byte length, ":" and its text); an id still taken, "#2", ...
function DerivedIds(outcomes) {
  const identity = (o) => {
    let id = String(o.code ?? '');
    if (o.kind === 'course') id = `${o.institution ?? ''}/${id}`;
    else if ((o.kind === 'certificate' || o.kind === 'training') && typeof o.grade === 'string' && o.grade !== '') {
      id += `/${o.grade}`;
    } else if (o.kind === 'award' && typeof o.tier === 'string' && o.tier !== '') id += `/${o.tier}`;
    return `${id}@${o.date ?? ''}`;
  };
  const digits = (o) => {
    const fields = [o.kind, o.code, o.institution, o.grade, o.tier, kRankAliases[o.rank] ?? o.rank,
      typeof o.score === 'number' ? String(o.score) : '', o.awarding_body, o.date].map((f) => String(f ?? ''));
    const text = fields.map((f) => `${Buffer.byteLength(f)}:${f}`).join('');
    return crypto.createHash('sha256').update(text).digest('hex').slice(0, 8);
  };
  const given = (o) => o && typeof o === 'object' && typeof o.id === 'string' && o.id !== '';
  const alike = new Map();
  for (const o of outcomes) {
    if (o && typeof o === 'object' && !given(o)) alike.set(identity(o), (alike.get(identity(o)) ?? 0) + 1);
  }
  const taken = new Set(outcomes.filter(given).map((o) => o.id));
  return outcomes.map((o) => {
    if (!o || typeof o !== 'object') return '';
    if (given(o)) return o.id;
    let id = identity(o);
    if (alike.get(id) > 1) id += `#${digits(o)}`;
    let unique = id;
    for (let n = 2; taken.has(unique); ++n) unique = `${id}#${n}`;
    taken.add(unique);
    return unique;
  });
}

function JsonFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...JsonFiles(p));
    else if (entry.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

export function MatchKey(o) {
  return [o.kind, o.code, o.institution, o.grade, o.tier, o.rank].join('|');
}

// Reads a rules directory into the flat table.
export function BuildTable(rulesDir) {
  const certificates = new Map();  // code -> grades
  const courses = new Map();       // institution -> Map(code -> course)
  const levels = new Set();
  const rules = [];
  for (const file of JsonFiles(rulesDir)) {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (doc.kind === 'framework') for (const l of doc.levels) levels.add(l.level);
    if (doc.kind === 'certificates') for (const c of doc.certificates) certificates.set(c.code, c.grades);
    if (doc.kind === 'programme') {
      if (!courses.has(doc.institution)) courses.set(doc.institution, new Map());
      for (const c of doc.courses) courses.get(doc.institution).set(c.code, c);
    }
    if (doc.kind === 'recognition-rules') rules.push(...doc.rules);
  }
  const rows = [];
  for (const r of rules) {
    const m = r.match;
    const c = r.conditions ?? {};
    const base = {
      rule: r.id, priority: r.priority, kind: m.kind, code: m.code ?? '', institution: m.institution ?? '',
      grade: m.grade ?? '', tier: m.tier ?? '', rank: kRankAliases[m.rank] ?? m.rank ?? '',
      eff_from: DateNum(r.effective.from) ?? kOpenFrom, eff_to: DateNum(r.effective.to) ?? kOpenTo,
      min_score: c.min_score ?? null, bodies: c.awarding_bodies ?? [],
      win_from: DateNum(c.outcome_window?.from) ?? kOpenFrom, win_to: DateNum(c.outcome_window?.to) ?? kOpenTo,
      level: r.result.level ?? null, credits: r.result.credits ?? null,
      validity_years: r.result.validity_years ?? null, units: [...(r.result.units ?? [])].sort(),
    };
    if (m.kind === 'certificate' || m.kind === 'training') {
      const grades = certificates.get(m.code) ?? [];
      if (base.grade === '' && grades.length === 1) base.grade = grades[0].grade;
      rows.push(base);
    } else if (m.kind === 'course') {
      const list = m.code ? [m.code] : [...(courses.get(m.institution)?.keys() ?? [])];
      for (const code of list) {
        const course = courses.get(m.institution)?.get(code);
        rows.push({ ...base, code, level: base.level ?? course?.level ?? null,
                    credits: base.credits ?? course?.credits ?? null });
      }
    } else {
      rows.push(base);
    }
  }
  rows.sort((a, b) => (b.priority - a.priority) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  rows.forEach((row, i) => { row.row = i; row.key = MatchKey(row); });

  const flagged = {};
  const byKey = new Map();
  for (const row of rows) {
    if (!levels.has(row.level)) flagged[row.key] = `rule ${row.rule} gives level ${row.level}, not in the framework`;
    if (!byKey.has(row.key)) byKey.set(row.key, []);
    byKey.get(row.key).push(row);
  }
  const sig = (r) => [r.level, r.credits, r.validity_years, r.units.join(',')].join('|');
  for (const [key, list] of byKey) {
    for (let i = 0; i < list.length; ++i) {
      for (let j = i + 1; j < list.length; ++j) {
        const a = list[i], b = list[j];
        if (a.priority === b.priority && a.eff_from <= b.eff_to && b.eff_from <= a.eff_to && sig(a) !== sig(b)) {
          flagged[key] = `rules ${a.rule} and ${b.rule} at priority ${a.priority} may be ambiguous`;
        }
      }
    }
  }
  return { rows, flagged_keys: flagged,
           stats: { recognition_rules: rules.length, rows: rows.length, keys: byKey.size,
                    flagged_keys: Object.keys(flagged).length },
           certificates };
}

// Reads a JSON Lines intake into flat outcomes (the reader's normalisations: missing ids are o1, o2...;
// rank aliases; the single grade of a certificate when the outcome omits it).
export function FlattenIntake(intakeFile, certificates, onOutcome) {
  const stats = { lines: 0, unparsable_lines: 0, learners: 0, outcomes: 0, duplicate_keys: 0, repeated_keys: 0 };
  const seen = new Set();
  const duplicates = new Set();
  const repeated = new Set();
  ForEachLine(intakeFile, (line) => {
    if (line.trim() === '') return;
    ++stats.lines;
    let learner;
    try { learner = JSON.parse(line); } catch { ++stats.unparsable_lines; return; }
    if (!learner || typeof learner.learner_id !== 'string' || !Array.isArray(learner.outcomes)) {
      ++stats.unparsable_lines;
      return;
    }
    ++stats.learners;
    const contents = new Set();  // of this learner's outcomes, all but the id
    const ids = DerivedIds(learner.outcomes);
    learner.outcomes.forEach((o, i) => {
      if (!o || typeof o !== 'object') return;
      const id = ids[i];
      let grade = typeof o.grade === 'string' ? o.grade : '';
      const grades = certificates.get(o.code);
      if (grade === '' && (o.kind === 'certificate' || o.kind === 'training') && grades?.length === 1) {
        grade = grades[0].grade;
      }
      const flat = {
        key: `${learner.learner_id}/${id}`, learner: learner.learner_id, index: i, outcome: id,
        kind: String(o.kind ?? ''), code: String(o.code ?? ''), institution: String(o.institution ?? ''), grade,
        tier: String(o.tier ?? ''), rank: kRankAliases[o.rank] ?? String(o.rank ?? ''),
        score: typeof o.score === 'number' ? String(o.score) : '', awarding_body: String(o.awarding_body ?? ''),
        date: String(o.date ?? ''),
      };
      if (seen.has(flat.key)) duplicates.add(flat.key);
      seen.add(flat.key);
      const content = JSON.stringify([flat.kind, flat.code, flat.institution, String(o.grade ?? ''), flat.tier,
                                      flat.rank, flat.score, flat.awarding_body, flat.date]);
      if (contents.has(content)) repeated.add(flat.key);
      contents.add(content);
      onOutcome(flat);
      ++stats.outcomes;
    });
  });
  stats.duplicate_keys = duplicates.size;
  stats.repeated_keys = repeated.size;
  return { stats, duplicates, repeated };
}

function Clean(s) { return String(s).replace(/[\t\n\r]/g, ' '); }

function Main() {
  const args = ParseArgs(process.argv.slice(2), ['rules', 'intake', 'out']);
  Require(args, ['rules', 'intake', 'out']);
  fs.mkdirSync(args.out, { recursive: true });
  const table = BuildTable(args.rules);
  const outcomes = new LineWriter(path.join(args.out, 'outcomes.tsv'));
  outcomes.Write(kOutcomeColumns.join('\t'));
  const flat = FlattenIntake(args.intake, table.certificates,
                             (o) => outcomes.Write(kOutcomeColumns.map((c) => Clean(o[c])).join('\t')));
  outcomes.Close();
  const { certificates, ...tableOut } = table;
  fs.writeFileSync(path.join(args.out, 'table.json'), JSON.stringify(tableOut));
  const ruleCols = ['row', 'rule', 'priority', 'kind', 'code', 'institution', 'grade', 'tier', 'rank', 'eff_from',
    'eff_to', 'min_score', 'bodies', 'win_from', 'win_to', 'level', 'credits', 'validity_years', 'result_sig'];
  const ruleLines = [ruleCols.join('\t')];
  for (const r of table.rows) {
    const v = { ...r, min_score: r.min_score ?? '', bodies: r.bodies.length ? `|${r.bodies.join('|')}|` : '',
                validity_years: r.validity_years ?? '',
                result_sig: [r.level, r.credits, r.validity_years ?? '', r.units.join(',')].join('/') };
    ruleLines.push(ruleCols.map((c) => Clean(v[c])).join('\t'));
  }
  fs.writeFileSync(path.join(args.out, 'rules.tsv'), ruleLines.join('\n') + '\n');
  fs.writeFileSync(path.join(args.out, 'export.json'),
                   JSON.stringify({ table: table.stats, intake: flat.stats, duplicate_keys: [...flat.duplicates],
                                   repeated_keys: [...flat.repeated] }));
  process.stderr.write(`export: ${table.stats.recognition_rules} recognition rules -> ${table.stats.rows} rows ` +
                       `(${table.stats.keys} match keys, ${table.stats.flagged_keys} flagged); ` +
                       `${flat.stats.outcomes} outcomes of ${flat.stats.learners} learners\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { Main(); } catch (e) { process.stderr.write(`export: ${e.message}\n`); process.exit(2); }
}
