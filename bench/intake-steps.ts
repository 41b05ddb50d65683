// Micro-benchmark: CPU per intent of each CPU-bound step of intake, on one thread, without the
// database or the network (`node --import tsx bench/intake-steps.ts`). Used to choose what the
// intake threads take over (bench/bottlenecks.md).
import secp256k1 from 'secp256k1';
import { newCreators, signMany } from './lib/intents.ts';
import { parseIntent, verifyIntent } from '../core/intent/index.ts';
import { canonicalJson, sha256 } from '../core/canonical/index.ts';
import { checkpointSigner, entryBytes, entryText, generateLogKeyHex, logKeyFromSeedHex, receiptOf, sequenceEntries, type Frontier } from '../core/audit/index.ts';
const creators = newCreators(100);
const texts = signMany(creators, ['bsv', 'arweave'], 20000);
const signer = checkpointSigner(logKeyFromSeedHex(generateLogKeyHex()), 'bench.localhost/intake-steps');
const secretKey = Uint8Array.from(sha256('bench secp256k1 key'));
function time(name: string, f: () => void, n: number) {
  f(); const t = process.hrtime.bigint(); f(); const us = Number(process.hrtime.bigint() - t) / 1000 / n;
  console.log(name.padEnd(30), us.toFixed(2), 'µs/intent');
}
const parsed = texts.map((t) => parseIntent(t));
// The binding's own calls, without parsing or serialising: the floor of verification and signing.
const digests = parsed.map((p) => p.digest);
time('secp256k1 ecdsaVerify (raw)', () => { for (const p of parsed) secp256k1.ecdsaVerify(p.signature, p.digest, p.publicKey); }, texts.length);
time('secp256k1 ecdsaSign (raw)', () => { for (const d of digests) secp256k1.ecdsaSign(d, secretKey); }, texts.length);
time('parseIntent', () => { for (const t of texts) parseIntent(t); }, texts.length);
time('verifyIntent', () => { for (const p of parsed) verifyIntent(p); }, texts.length);
time('address', () => { for (const p of parsed) p.scheme.address(p.publicKey, 'test'); }, texts.length);
const at = new Date();
const data = (p: (typeof parsed)[number]) => canonicalJson({ recordId: p.recordId, creator: 'mxyz', targets: [...p.targets].sort() });
time('log entry (generic JCS)', () => { let i = 0; for (const p of parsed) entryText({ index: i++, at, kind: 'intent.accepted', actor: 'mxyz', subject: p.recordId, dataJson: data(p) }); }, texts.length);
time('log entry (intake)', () => { let i = 0; for (const p of parsed) entryBytes({ index: i++, at, kind: 'intent.accepted', actor: 'mxyz', subject: p.recordId, dataJson: data(p) }); }, texts.length);
// One group of 100 intents: entries, tree growth, one checkpoint signature, the receipts.
const inputs = parsed.slice(0, 100).map((p) => ({ kind: 'intent.accepted', actor: 'mxyz', subject: p.recordId, data: { recordId: p.recordId, creator: 'mxyz', targets: [...p.targets].sort() } }));
const frontier: Frontier = { size: 0, levels: [[]] };
time('group of 100: log + receipts', () => { for (let g = 0; g < 200; g++) { const a = sequenceEntries(frontier, signer, inputs, inputs.map((i) => canonicalJson(i.data)), at); for (let i = 0; i < inputs.length; i++) receiptOf(a, i); } }, 200 * inputs.length);
time('JSON.parse', () => { for (const t of texts) JSON.parse(t); }, texts.length);
