// Writes tests/vectors/jcs/random-docs.jsonl: random JSON texts and their RFC 8785 canonical form
// as computed by Node.js, for canonical_test.cc to compare against. Each line is a JSON array
// [input text, canonical text]. Deterministic (fixed seed); run with `node make_jcs_random.js`.
//
// The reference canonicalizer is the one RFC 8785 describes for ECMAScript (section 3.2 and
// appendix A of the RFC): keys sorted with the default sort (UTF-16 code units), primitives
// serialized by JSON.stringify (ECMAScript Number-to-String, minimal string escaping).
'use strict';
const fs = require('fs');
const path = require('path');

let seed = 0x5eed2026;
function rand() {  // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const int = (n) => Math.floor(rand() * n);

// Characters chosen to exercise key order (U+E000..U+FFFF against characters above U+FFFF),
// escaping (controls, quote, backslash, DEL) and multi-byte UTF-8.
const kChars = ['a', 'b', 'z', 'A', 'Z', '0', '9', '_', '-', ' ', '"', '\\', '/', '\u0000', '\u0001', '\b',
  '\t', '\n', '\f', '\r', '\u001f', '\u007f', '\u0080', '\u00e9', '\u00f6', '\u05d3', '\u20ac',
  '\u5b66', '\u5206', '\ud7ff', '\ue000', '\ufb01', '\ufb33', '\ufffd', '\uffff',
  '\ud800\udc00', '\ud83d\ude00', '\ud83d\ude02', '\ud834\udd1e', '\udbff\udfff'];

function randomString(maxLen) {
  let s = '';
  const n = int(maxLen + 1);
  for (let i = 0; i < n; ++i) s += pick(kChars);
  return s;
}

// A JSON string literal for s, escaping some characters that need no escape and using \u forms
// at random, so that the parser's decoding is tested too.
function quote(s) {
  let out = '"';
  for (const ch of s) {  // iterates code points
    const cp = ch.codePointAt(0);
    const r = rand();
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp < 0x20) out += r < 0.5 ? JSON.stringify(ch).slice(1, -1) : '\\u' + cp.toString(16).padStart(4, '0');
    else if (ch === '/' && r < 0.5) out += '\\/';
    else if (r < 0.3) {
      for (let i = 0; i < ch.length; ++i) {
        const hex = ch.charCodeAt(i).toString(16).padStart(4, '0');
        out += '\\u' + (rand() < 0.5 ? hex : hex.toUpperCase());
      }
    } else out += ch;
  }
  return out + '"';
}

function randomNumberText() {
  const r = rand();
  if (r < 0.3) {  // any finite double, as JavaScript prints it
    const buf = Buffer.alloc(8);
    let d;
    do {
      for (let i = 0; i < 8; ++i) buf[i] = int(256);
      d = buf.readDoubleLE(0);
    } while (!Number.isFinite(d));
    return String(d);
  }
  if (r < 0.5) return String(int(2000000) - 1000000);
  if (r < 0.7) {  // decimal-looking, with trailing zeros sometimes
    return (rand() < 0.3 ? '-' : '') + int(100000) + '.' + String(int(1000)).padStart(int(4) + 1, '0');
  }
  if (r < 0.85) {  // exponent forms
    const mantissa = int(10) + (rand() < 0.5 ? '.' + int(100000) : '');
    return (rand() < 0.3 ? '-' : '') + mantissa + pick(['e', 'E']) + pick(['', '+', '-']) + int(400);
  }
  // long digit strings that a double must round
  let digits = String(1 + int(9));
  const n = 15 + int(15);
  for (let i = 0; i < n; ++i) digits += int(10);
  const point = int(n);
  return digits.slice(0, point + 1) + (rand() < 0.5 ? '.' + digits.slice(point + 1) : '');
}

const ws = () => pick(['', '', '', ' ', '\n', '\t', '\r\n ', '  ']);

function randomValue(depth) {
  const r = rand();
  if (depth > 4 || r < 0.45) {
    const k = rand();
    if (k < 0.1) return 'null';
    if (k < 0.2) return pick(['true', 'false']);
    if (k < 0.6) return randomNumberText();
    return quote(randomString(8));
  }
  if (r < 0.7) {
    const n = int(6);
    const items = [];
    for (let i = 0; i < n; ++i) items.push(ws() + randomValue(depth + 1) + ws());
    return '[' + items.join(',') + (n === 0 ? ws() : '') + ']';
  }
  const n = int(8);
  const keys = new Set();
  const members = [];
  for (let i = 0; i < n; ++i) {
    const key = randomString(4);
    if (keys.has(key)) continue;
    keys.add(key);
    members.push(ws() + quote(key) + ws() + ':' + ws() + randomValue(depth + 1) + ws());
  }
  return '{' + members.join(',') + (members.length === 0 ? ws() : '') + '}';
}

function canonicalize(v) {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('non-finite');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return '[' + v.map(canonicalize).join(',') + ']';
  return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonicalize(v[k])).join(',') + '}';
}

const lines = [];
while (lines.length < 1500) {
  const text = ws() + randomValue(0) + ws();
  let canonical;
  try {
    canonical = canonicalize(JSON.parse(text));
  } catch (e) {
    continue;  // a number beyond the double range: the C++ parser rejects it, JSON.parse does not
  }
  lines.push(JSON.stringify([text, canonical]));
}
const out = path.join(__dirname, '..', 'vectors', 'jcs', 'random-docs.jsonl');
fs.writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${lines.length} documents to ${out}`);
