// Validates the shipped rule files, the sample learner input and sample decisions against the JSON
// Schemas in schemas/, with ajv (JSON Schema 2020-12), independently of the C++ loader; and checks that
// each deliberately bad document in invalid/ is rejected with the expected keyword at the expected path.
//
// Checks, each counted once:
//  - every schemas/*.schema.json compiles (ajv validates it against the 2020-12 meta-schema);
//  - every rules/**/*.json validates against schemas/<kind>.schema.json (by its "kind");
//  - every line of tests/data/*.jsonl validates against learner.schema.json, or decision.schema.json
//    for files whose name contains "decisions", or record.schema.json for "records";
//  - every tests/data/*.csv has the documented header and each learner built from its rows validates
//    against learner.schema.json;
//  - every invalid/*.json case ({"schema", "keyword", "instancePath", "document"}) is rejected with an
//    error of that keyword at that instance path.
// Prints one line per failure and a closing line "N passed, M failed"; exits 1 when M > 0.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const CSV_HEADER = 'learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body';

let passed = 0;
let failed = 0;
function pass() { passed += 1; }
function fail(what, detail) {
  failed += 1;
  console.log(`FAIL ${what}: ${detail}`);
}
function describe(errors) {
  return (errors || []).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message}`).join('; ');
}
function rel(p) { return path.relative(repo, p); }
function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
addFormats(ajv);

// Schemas.
const validators = new Map();
const schemaDir = path.join(repo, 'schemas');
for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
  const name = file.slice(0, -'.schema.json'.length);
  try {
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8'));
    validators.set(name, ajv.compile(schema));
    pass();
  } catch (err) {
    fail(`schemas/${file}`, err.message);
  }
}

function check(what, schemaName, doc) {
  const validate = validators.get(schemaName);
  if (!validate) return fail(what, `no schema "${schemaName}"`);
  if (validate(doc)) return pass();
  return fail(what, describe(validate.errors));
}

// Rule files.
const ruleFiles = walk(path.join(repo, 'rules')).filter((p) => p.endsWith('.json'));
if (ruleFiles.length === 0) fail('rules/', 'no rule files');
for (const file of ruleFiles) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    fail(rel(file), err.message);
    continue;
  }
  if (typeof doc !== 'object' || doc === null || typeof doc.kind !== 'string') {
    fail(rel(file), 'no top-level "kind"');
    continue;
  }
  check(rel(file), doc.kind, doc);
}

// Sample learners and decisions.
const dataDir = path.join(repo, 'tests', 'data');
const dataFiles = fs.existsSync(dataDir) ? fs.readdirSync(dataDir).sort() : [];
for (const name of dataFiles.filter((f) => f.endsWith('.jsonl'))) {
  let schemaName = 'learner';
  if (name.includes('decisions')) schemaName = 'decision';
  else if (name.includes('records')) schemaName = 'record';
  const lines = fs.readFileSync(path.join(dataDir, name), 'utf8').split('\n');
  let records = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    records += 1;
    const what = `tests/data/${name}:${i + 1}`;
    let doc;
    try {
      doc = JSON.parse(line);
    } catch (err) {
      fail(what, err.message);
      return;
    }
    check(what, schemaName, doc);
  });
  if (records === 0) fail(`tests/data/${name}`, 'no records');
}

// CSV: fields may be quoted ("a,b", "" for a quote); no newlines inside fields.
function parseCsvLine(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; } else field += c;
  }
  out.push(field);
  return out;
}
for (const name of dataFiles.filter((f) => f.endsWith('.csv'))) {
  const lines = fs.readFileSync(path.join(dataDir, name), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  if (lines[0] !== CSV_HEADER) {
    fail(`tests/data/${name}:1`, `header is not "${CSV_HEADER}"`);
    continue;
  }
  pass();
  const columns = CSV_HEADER.split(',');
  const learners = new Map();
  lines.slice(1).forEach((line, i) => {
    const cells = parseCsvLine(line);
    if (cells.length !== columns.length) {
      fail(`tests/data/${name}:${i + 2}`, `expected ${columns.length} fields, got ${cells.length}`);
      return;
    }
    const row = Object.fromEntries(columns.map((c, j) => [c, cells[j]]));
    if (!learners.has(row.learner_id)) {
      const learner = { learner_id: row.learner_id, outcomes: [] };
      if (row.name !== '') learner.name = row.name;
      learners.set(row.learner_id, learner);
    }
    const outcome = {};
    for (const key of ['outcome_id', 'kind', 'code', 'institution', 'grade', 'tier', 'rank', 'score', 'date',
      'awarding_body']) {
      if (row[key] === '') continue;
      const field = key === 'outcome_id' ? 'id' : key;
      outcome[field] = key === 'score' ? Number(row[key]) : row[key];
    }
    learners.get(row.learner_id).outcomes.push(outcome);
  });
  for (const [id, learner] of learners) check(`tests/data/${name} learner ${id}`, 'learner', learner);
}

// Invalid documents: each must fail with the expected keyword at the expected path.
const invalidDir = path.join(here, 'invalid');
const invalidFiles = fs.readdirSync(invalidDir).filter((f) => f.endsWith('.json')).sort();
const covered = new Set();
for (const name of invalidFiles) {
  const what = `tests/schemas/invalid/${name}`;
  const spec = JSON.parse(fs.readFileSync(path.join(invalidDir, name), 'utf8'));
  const validate = validators.get(spec.schema);
  if (!validate) {
    fail(what, `no schema "${spec.schema}"`);
    continue;
  }
  covered.add(spec.schema);
  if (validate(spec.document)) {
    fail(what, 'accepted, expected a rejection');
    continue;
  }
  const hit = validate.errors.some((e) => e.keyword === spec.keyword && e.instancePath === spec.instancePath);
  if (hit) pass();
  else fail(what, `expected ${spec.keyword} at "${spec.instancePath}", got: ${describe(validate.errors)}`);
}
for (const name of validators.keys()) {
  if (covered.has(name)) pass();
  else fail(`tests/schemas/invalid/`, `no invalid case for schema "${name}"`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
