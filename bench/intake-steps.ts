// Micro-benchmark: CPU per intent of each CPU-bound step of intake, on one thread, without the
// database or the network (`node --import tsx bench/intake-steps.ts`). Used to choose what the
// intake threads take over (bench/bottlenecks.md).
import secp256k1 from 'secp256k1';
import { newCreators, signMany } from './lib/intents.ts';
import { parseIntent, verifyIntent } from '../core/intent/index.ts';
import { signReceipt, signedReceiptJson, receiptJson, receiptKeyFromHex, generateReceiptKeyHex } from '../core/receipts/index.ts';
import { canonicalJson, sha256 } from '../core/canonical/index.ts';
import { auditHash, auditHashOfCanonical } from '../core/audit/audit-hash.ts';
const creators = newCreators(100);
const texts = signMany(creators, ['bsv', 'arweave'], 20000);
const key = receiptKeyFromHex(generateReceiptKeyHex());
function time(name: string, f: () => void, n: number) {
  f(); const t = process.hrtime.bigint(); f(); const us = Number(process.hrtime.bigint() - t) / 1000 / n;
  console.log(name.padEnd(30), us.toFixed(2), 'µs/intent');
}
const parsed = texts.map((t) => parseIntent(t));
// The binding's own calls, without parsing or serialising: the floor of verification and signing.
const digests = parsed.map((p) => p.digest);
time('secp256k1 ecdsaVerify (raw)', () => { for (const p of parsed) secp256k1.ecdsaVerify(p.signature, p.digest, p.publicKey); }, texts.length);
time('secp256k1 ecdsaSign (raw)', () => { for (const d of digests) secp256k1.ecdsaSign(d, key.privateKey); }, texts.length);
time('parseIntent', () => { for (const t of texts) parseIntent(t); }, texts.length);
time('verifyIntent', () => { for (const p of parsed) verifyIntent(p); }, texts.length);
time('address', () => { for (const p of parsed) p.scheme.address(p.publicKey, 'test'); }, texts.length);
time('signReceipt+json', () => { let i=0; for (const p of parsed) receiptJson(signReceipt({ recordId: p.recordId, creator: 'mxyz', targets: [...p.targets], acceptedAt: new Date().toISOString(), auditSeq: i++ }, key)); }, texts.length);
time('signedReceiptJson (intake)', () => { let i=0; for (const p of parsed) signedReceiptJson({ recordId: p.recordId, creator: 'mxyz', targets: [...p.targets], acceptedAt: new Date().toISOString(), auditSeq: i++ }, key); }, texts.length);
const at = new Date();
time('audit canon+hash', () => { let prev='0'.repeat(64); let seq=0; for (const p of parsed) { const f = { seq: ++seq, at, kind: 'intent.accepted', actor: 'creator:x', subject: p.recordId, dataJson: canonicalJson({ targets: [...p.targets], nonce: p.nonceText, scheme: 'secp256k1', sizeBytes: p.sizeBytes }), prevHash: prev }; prev = auditHash(f); } }, texts.length);
time('audit canon data+hash (intake)', () => { let prev='0'.repeat(64); let seq=0; for (const p of parsed) { const f = { seq: ++seq, at, kind: 'intent.accepted', actor: 'creator:x', subject: p.recordId, dataJson: canonicalJson({ targets: [...p.targets], nonce: p.nonceText, scheme: 'secp256k1', sizeBytes: p.sizeBytes }), prevHash: prev }; prev = auditHashOfCanonical(f); } }, texts.length);
time('JSON.parse', () => { for (const t of texts) JSON.parse(t); }, texts.length);
