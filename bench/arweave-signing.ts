// Cost of the operator's ANS-104 item signature, per signature type arbundles 0.11.2 offers, and of
// bundling 1,000 items. Run: node --import tsx bench/arweave-signing.ts  (prints Markdown).
import { constants, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { AlgorandSigner, ArweaveSigner, DataItem, EthereumSigner, bundleAndSignData, createData, type Signer } from 'arbundles';
import Arweave from 'arweave';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';

const WARMUP = 20;
const MIN_ITERATIONS = 50;
const MIN_MS = 2_000;
const BUNDLE_ITEMS = 1_000;
const BUNDLE_RUNS = 3;

/** ed25519 through node:crypto (OpenSSL), wire-compatible with arbundles' signature type 2. */
class NodeEd25519Signer implements Signer {
  readonly signatureType = 2;
  readonly signatureLength = 64;
  readonly ownerLength = 32;
  readonly publicKey: Buffer;
  readonly #key: KeyObject;
  constructor(key: KeyObject) {
    this.#key = key;
    this.publicKey = Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url');
  }
  sign(message: Uint8Array): Uint8Array {
    return sign(null, message, this.#key);
  }
}

/** RSA-4096 PSS like ArweaveSigner, but with the key parsed once (ArweaveSigner passes PEM text to every sign). */
class NodeRsaSigner implements Signer {
  readonly signatureType = 1;
  readonly signatureLength = 512;
  readonly ownerLength = 512;
  readonly publicKey: Buffer;
  readonly #key: KeyObject;
  constructor(jwk: JWKInterface) {
    this.#key = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
    this.publicKey = Buffer.from(jwk.n!, 'base64url');
  }
  sign(message: Uint8Array): Uint8Array {
    return sign('sha256', message, { key: this.#key, padding: constants.RSA_PKCS1_PSS_PADDING });
  }
}

interface Candidate {
  name: string;
  signer: Signer;
  /** How anyone checks an item; arbundles' own verifier unless stated. */
  verify: (item: DataItem) => Promise<boolean> | boolean;
  verifier: string;
}

async function candidates(): Promise<Candidate[]> {
  const jwk = await Arweave.init({}).wallets.generate();
  const ed = generateKeyPairSync('ed25519');
  const seed = Buffer.from(ed.privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const edPublic = Buffer.from(ed.publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const arbundlesVerify = (item: DataItem) => DataItem.verify(item.getRaw());
  const nodeEd = new NodeEd25519Signer(ed.privateKey);
  return [
    { name: 'RSA-4096 PSS (ArweaveSigner)', signer: new ArweaveSigner(jwk), verify: arbundlesVerify, verifier: 'arbundles (node:crypto)' },
    { name: 'RSA-4096 PSS, own Signer on a node:crypto KeyObject', signer: new NodeRsaSigner(jwk), verify: arbundlesVerify, verifier: 'arbundles (node:crypto)' },
    { name: 'secp256k1 (EthereumSigner)', signer: new EthereumSigner(randomBytes(32).toString('hex')), verify: arbundlesVerify, verifier: 'arbundles (native secp256k1)' },
    { name: 'ed25519 (AlgorandSigner / SolanaSigner)', signer: new AlgorandSigner(seed, edPublic), verify: arbundlesVerify, verifier: 'arbundles (@noble/ed25519)' },
    { name: 'ed25519, own Signer on node:crypto', signer: nodeEd, verify: arbundlesVerify, verifier: 'arbundles (@noble/ed25519)' },
    {
      name: 'ed25519, own Signer on node:crypto',
      signer: nodeEd,
      verify: async (item) => verify(null, await item.getSignatureData(), ed.publicKey, item.rawSignature),
      verifier: 'node:crypto',
    },
  ];
}

/** An item shaped like a record (wire-format §4): ~1 KB of JSON and the nine tags. */
function record(): { data: string; tags: { name: string; value: string }[] } {
  const id = randomBytes(32).toString('hex');
  const data = JSON.stringify({ v: 1, record_id: id, payload: randomBytes(380).toString('base64'), sig: randomBytes(64).toString('base64') });
  const tags = {
    'App-Name': 'chain-publisher',
    'App-Version': '0.1.0',
    'Content-Type': 'application/json',
    'Record-Id': id,
    Creator: '1'.padEnd(34, 'x'),
    CreatorPubKey: randomBytes(33).toString('hex'),
    CreatorSig: randomBytes(65).toString('base64'),
    SigningMethod: 'secp256k1',
    NodeOperator: 'o'.repeat(43),
  };
  return { data: data.padEnd(1024, ' '), tags: Object.entries(tags).map(([name, value]) => ({ name, value })) };
}

async function signed(signer: Signer): Promise<DataItem> {
  const { data, tags } = record();
  const item = createData(data, signer, { tags });
  await item.sign(signer);
  return item;
}

/** Mean microseconds per call, after a warm-up, over at least MIN_ITERATIONS calls and MIN_MS. */
async function perCall(fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (calls < MIN_ITERATIONS || elapsed < MIN_MS * 1e3) {
    await fn(calls++);
    elapsed = Number(process.hrtime.bigint() - start) / 1e3;
  }
  return elapsed / calls;
}

async function bundleMs(items: () => Promise<DataItem[]>, signer: Signer): Promise<number> {
  await bundleAndSignData(await items(), signer); // warm-up
  let total = 0;
  for (let run = 0; run < BUNDLE_RUNS; run++) {
    const batch = await items();
    const start = process.hrtime.bigint();
    await bundleAndSignData(batch, signer);
    total += Number(process.hrtime.bigint() - start) / 1e6;
  }
  return total / BUNDLE_RUNS;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const list = await candidates();
console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} threads, load average ${fmt(loadavg()[0] ?? 0, 1)} at start), one thread; ~1 KB data + 9 tags per item.\n`);
console.log('| signature (arbundles type) | item bytes | sign µs/item | sign items/s | verifier | verify µs/item | verify items/s |');
console.log('|---|---:|---:|---:|---|---:|---:|');
for (const { name, signer, verify: check, verifier } of list) {
  const pool = await Promise.all(Array.from({ length: 64 }, () => signed(signer)));
  for (const item of pool) if (!(await check(item))) throw new Error(`${name}: an item does not verify`);
  const signUs = await perCall(() => signed(signer));
  const verifyUs = await perCall((i) => Promise.resolve(check(pool[i % pool.length]!)));
  const bytes = pool[0]!.getRaw().byteLength;
  console.log(`| ${name} (${signer.signatureType}) | ${bytes} | ${fmt(signUs)} | ${fmt(1e6 / signUs)} | ${verifier} | ${fmt(verifyUs)} | ${fmt(1e6 / verifyUs)} |`);
}

const sample = await signed(list[0]!.signer);
const deepHashUs = await perCall(() => sample.getSignatureData());
console.log(`\nOf which the deep hash (the message every type signs or verifies): ${fmt(deepHashUs)} µs/item.`);

console.log(`\n| bundleAndSignData, ${fmt(BUNDLE_ITEMS)} items | ms per bundle | items/s |`);
console.log('|---|---:|---:|');
// Items signed in this process: bundleAndSignData re-signs an item parsed from bytes (isSigned() is false).
const presigned = await Promise.all(Array.from({ length: BUNDLE_ITEMS }, () => signed(list[0]!.signer)));
const assembleMs = await bundleMs(async () => presigned, list[0]!.signer);
console.log(`| already signed items (assembly only) | ${fmt(assembleMs, 1)} | ${fmt((BUNDLE_ITEMS * 1e3) / assembleMs)} |`);
for (const { name, signer } of list.slice(0, 5)) {
  const unsigned = async () => Array.from({ length: BUNDLE_ITEMS }, () => {
    const { data, tags } = record();
    return createData(data, signer, { tags });
  });
  const ms = await bundleMs(unsigned, signer);
  console.log(`| unsigned items, signed inside with ${name} | ${fmt(ms, 1)} | ${fmt((BUNDLE_ITEMS * 1e3) / ms)} |`);
}
