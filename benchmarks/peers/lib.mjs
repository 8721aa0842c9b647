// Shared helpers of the peer benchmark: argument parsing, the flat files the exporter writes, dates,
// and the one step every node peer applies after its engine picked a row (validity and expiry).
import fs from 'node:fs';

// --name value pairs into an object; a flag without a value is an error.
export function ParseArgs(argv, known) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (!name.startsWith('--') || !known.includes(name.slice(2)) || i + 1 >= argv.length) {
      throw new Error(`usage: unknown or incomplete option ${name}; options: ${known.map((k) => '--' + k).join(' ')}`);
    }
    out[name.slice(2)] = argv[i + 1];
  }
  return out;
}

export function Require(args, names) {
  for (const n of names) if (args[n] === undefined) throw new Error(`usage: --${n} is required`);
}

// "YYYY-MM-DD" -> YYYYMMDD as an integer (orders like the date); null for a malformed string.
export function DateNum(s) {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  return Number(s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10));
}

export function DateText(n) {
  const s = String(n).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

function IsLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }

// The same day `years` later; 29 February becomes 28 February in a common year (docs/conversion.md
// step 8 with engine/model/date.h AddYears).
export function AddYears(dateNum, years) {
  const y = Math.floor(dateNum / 10000) + years;
  let md = dateNum % 10000;
  if (md === 229 && !IsLeap(y)) md = 228;
  return y * 10000 + md;
}

// The certification of outcome `o` (fields of outcomes.tsv) by table row `row` (null: no row passed)
// on decision date `d`: [status, rule, level, credits, valid_until]. Step 9: a certification whose
// validity ended (d >= valid_until) is rejected.
export function Finish(row, o, d) {
  if (row === null || row === undefined) return ['rejected', '', '', '', ''];
  let validUntil = '';
  if (row.validity_years !== null) {
    const until = AddYears(o.date, row.validity_years);
    if (d >= until) return ['rejected', '', '', '', ''];
    validUntil = DateText(until);
  }
  return ['certified', row.rule, String(row.level), String(row.credits), validUntil];
}

// Calls fn with each line of a file (without its newline), reading 8 MiB at a time so that a file larger
// than the biggest string V8 allows can be read.
export function ForEachLine(file, fn) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 23);
  let carry = Buffer.alloc(0);
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
        fn(chunk.toString('utf8', start, nl));
        start = nl + 1;
      }
      carry = Buffer.from(chunk.subarray(start));
    }
    if (carry.length) fn(carry.toString('utf8'));
  } finally {
    fs.closeSync(fd);
  }
}

// Writes lines to a file in 1 MiB batches.
export class LineWriter {
  constructor(file) { this.fd = fs.openSync(file, 'w'); this.parts = []; this.size = 0; }
  Write(line) {
    this.parts.push(line);
    this.size += line.length + 1;
    if (this.size > (1 << 20)) this.Flush();
  }
  Flush() {
    if (this.parts.length === 0) return;
    fs.writeSync(this.fd, this.parts.join('\n') + '\n');
    this.parts = [];
    this.size = 0;
  }
  Close() { this.Flush(); fs.closeSync(this.fd); }
}

// outcomes.tsv -> array of outcome objects (score null when absent, dates as YYYYMMDD numbers).
export const kOutcomeColumns = ['key', 'learner', 'index', 'outcome', 'kind', 'code', 'institution', 'grade',
  'tier', 'rank', 'score', 'awarding_body', 'date'];

export function ReadOutcomes(file) {
  const out = [];
  let header = true;
  ForEachLine(file, (line) => {
    if (header || line === '') { header = false; return; }
    const f = line.split('\t');
    out.push({
      key: f[0], learner: f[1], index: Number(f[2]), outcome: f[3], kind: f[4], code: f[5],
      institution: f[6], grade: f[7], tier: f[8], rank: f[9], score: f[10] === '' ? null : Number(f[10]),
      awarding_body: f[11], date: DateNum(f[12]) ?? 0,
    });
  });
  return out;
}

// Every `step`-th outcome so that a sample keeps the intake's mix; all when n is 0 or >= the count.
export function Sample(outcomes, n) {
  if (!n || n >= outcomes.length) return outcomes;
  const step = outcomes.length / n;
  const out = [];
  for (let i = 0; i < n; ++i) out.push(outcomes[Math.floor(i * step)]);
  return out;
}

// The results file every peer writes: a header, then key, status, rule, level, credits, valid_until.
export const kResultHeader = 'key\tstatus\trule\tlevel\tcredits\tvalid_until';

export function WriteResults(file, keys, results) {
  const w = new LineWriter(file);
  w.Write(kResultHeader);
  for (let i = 0; i < keys.length; ++i) w.Write(keys[i] + '\t' + results[i].join('\t'));
  w.Close();
}

export function ReadResults(file) {
  const map = new Map();
  let first = true;
  ForEachLine(file, (line) => {
    if (first) {
      first = false;
      if (line !== kResultHeader) throw new Error(`${file}: expected the header "${kResultHeader}"`);
      return;
    }
    if (line === '') return;
    const f = line.split('\t');
    map.set(f[0], { status: f[1], rule: f[2], level: f[3], credits: f[4], valid_until: f[5] });
  });
  if (first) throw new Error(`${file}: empty`);
  return map;
}

// Wall and CPU time (user + sys, all threads of this process) of an async evaluation.
export async function Timed(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { value, seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6 };
}

// The JSON line every peer prints.
export function Report(peer, n, timing, results, extra = {}) {
  const certified = results.filter((r) => r[0] === 'certified').length;
  const seconds = Math.max(timing.seconds, 1e-9);
  const cpu = Math.max(timing.cpu_seconds, 1e-9);
  return JSON.stringify({
    peer, outcomes: n, seconds: Number(seconds.toFixed(6)), outcomes_per_second: Math.round(n / seconds),
    certified, rejected: n - certified, cpu_seconds: Number(cpu.toFixed(6)),
    outcomes_per_cpu_second: Math.round(n / cpu), ...extra,
  });
}
