import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointSigner, logKeyFromSeedHex } from '../../core/audit/index.ts';
import { builtInVerifiers, bsvVerifier, importKey, verifyConsistency, verifyProof, type Anchor, type AnchorVerifier, type ProofBundle, type ProofReport } from '../../sdk/index.ts';
import { FIXTURE_LOG_SEED, ed25519Signer, operatorSigners } from './support/arweave-anchor.ts';
import {
  anchoredCheckpoint,
  anchoredProof,
  arweaveCheckpointAnchor,
  bsvCheckpointAnchor,
  checkpointAnchorsOf,
  checkpointPushes,
  checkpointTags,
  fixtureTree,
  layer1CheckpointAnchor,
  treeHash,
  type FixtureTree,
} from './support/checkpoint-anchor.ts';
import { fixtureLog, proofFixture, type ProofFixture } from './support/proof-fixture.ts';
import { testLogSigner } from '../support/log-signer.ts';

const logKey = fixtureLog.verifierKey;
const failed = (report: ProofReport) => report.checks.filter((check) => !check.ok).map((check) => check.name);
const check = (report: ProofReport, name: string, at?: number) => report.checks.find((c) => c.name === name && (at === undefined || c.checkpointAnchor === at));

// The receipt: entry 3 of a checkpoint of 5 leaves; anchored: the checkpoint of 11.
const INDEX = 3;
const RECEIPT_SIZE = 5;
const ANCHORED_SIZE = 11;

let base: ProofFixture;
let tree: FixtureTree;
let note: string;
let consistency: string[];
let signers: ReturnType<typeof operatorSigners>;
let anchors: Anchor[];
let proof: ProofBundle;

/** The bundle with its log section replaced (fields given) or removed (undefined values). */
function withLog(changes: Record<string, unknown>): ProofBundle {
  return { ...proof, log: { ...proof.log, ...changes } as NonNullable<ProofBundle['log']> };
}
function withCheckpointAnchor(index: number, anchor: Anchor): ProofBundle {
  return withLog({ checkpointAnchors: anchors.map((a, i) => (i === index ? anchor : a)) });
}
/** The checkpoint anchors a node would publish for `text`: BSV, and an Ed25519 item in a bundle. */
const anchorsFor = (text: string) => checkpointAnchorsOf(text, signers.ed25519);

beforeAll(async () => {
  signers = operatorSigners();
  base = await proofFixture(await importKey({ scheme: 'secp256k1', secretKeyHex: '22'.repeat(32) }), [signers.ed25519]);
  ({ proof, tree, note, consistency, anchors } = await anchoredProof(base, signers.ed25519, INDEX, RECEIPT_SIZE, ANCHORED_SIZE));
}, 120_000);

describe('a bundle whose log is anchored verifies offline', () => {
  it('passes every check, with the log checks and each checkpoint anchor\'s chain checks placed by checkpointAnchor', async () => {
    const report = await verifyProof(proof, { logKey });
    expect(failed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    for (const name of ['log.checkpoint-signature', 'log.checkpoint', 'log.consistency', 'log.anchors']) expect(check(report, name)?.ok).toBe(true);
    for (const name of ['bsv.txid', 'bsv.output', 'bsv.merkle-path', 'bsv.header', 'bsv.merkle-root', 'bsv.proof-of-work']) {
      expect(report.checks.filter((c) => c.name === name).map((c) => c.anchor ?? `checkpoint ${c.checkpointAnchor}`)).toEqual([0, 'checkpoint 0']);
    }
    for (const name of ['arweave.item', 'arweave.id', 'arweave.signature', 'arweave.item-key', 'arweave.data', 'arweave.tags', 'arweave.tx']) {
      expect(check(report, name, 1)).toMatchObject({ ok: true, checkpointAnchor: 1 });
      expect(check(report, name, 1)).not.toHaveProperty('anchor');
    }
    expect(check(report, 'bsv.output', 0)?.detail).toMatch(/three checkpoint pushes for example\.com\/chain-publisher\/test at tree size 11/);
    expect(check(report, 'log.consistency')?.detail).toMatch(/tree of 5 is a prefix of the anchored tree of 11/);
    expect(report.log).toEqual({
      anchored: true,
      keyFromBundle: false,
      checkpoint: { origin: fixtureLog.origin, size: RECEIPT_SIZE, rootHash: treeHash(tree.leaves, 0, RECEIPT_SIZE).toString('base64') },
      anchoredCheckpoint: { origin: fixtureLog.origin, size: ANCHORED_SIZE, rootHash: treeHash(tree.leaves, 0, ANCHORED_SIZE).toString('base64') },
      anchorChains: ['bsv', 'arweave'],
    });
  });

  it('lists the checkpoint anchors\' Merkle roots and online claims apart from the record\'s, by checkpointAnchor', async () => {
    const report = await verifyProof(proof, { logKey });
    const bsvAnchor = anchors[0] as unknown as { txid: string };
    expect(report.merkleRoots.map((root) => ({ anchor: root.anchor, checkpointAnchor: root.checkpointAnchor, txid: root.txid }))).toEqual([
      { anchor: 0, checkpointAnchor: undefined, txid: (base.proof.anchors[0] as unknown as { txid: string }).txid },
      { anchor: undefined, checkpointAnchor: 0, txid: bsvAnchor.txid },
    ]);
    expect(report.onlineOnly.filter((claim) => claim.checkpointAnchor !== undefined).map((claim) => [claim.checkpointAnchor, claim.chain])).toEqual([
      [0, 'bsv'],
      [1, 'arweave'],
    ]);
  });

  it('the receipt\'s own checkpoint anchored: an empty consistency proof', async () => {
    const own = fixtureTree(fixtureLog, base.record, INDEX, RECEIPT_SIZE, RECEIPT_SIZE);
    const same = anchoredCheckpoint(fixtureLog, own.leaves, RECEIPT_SIZE, RECEIPT_SIZE);
    expect(same.consistency).toEqual([]);
    const bundle = { ...proof, receipt: own.receipt, log: { verifierKey: logKey, anchoredCheckpoint: same.note, consistency: same.consistency, checkpointAnchors: await anchorsFor(same.note) } };
    const report = await verifyProof(bundle, { logKey });
    expect(failed(report)).toEqual([]);
    expect(check(report, 'log.consistency')?.detail).toMatch(/the receipt's own tree \(size 5, same root\)/);
  });

  it('accepts an Arweave type-1 (wallet) item and an l1-mode transaction as checkpoint anchors', async () => {
    const wallet = await arweaveCheckpointAnchor(signers.arweave, note, checkpointTags(note));
    const layer1 = await layer1CheckpointAnchor(note, checkpointTags(note));
    const report = await verifyProof(withLog({ checkpointAnchors: [wallet, layer1] }), { logKey });
    expect(failed(report)).toEqual([]);
    expect(check(report, 'arweave.data-root', 1)?.ok).toBe(true);
  });
});

describe('a bundle whose log is not yet anchored', () => {
  it('passes, and the report says the log is not yet anchored', async () => {
    const { anchoredCheckpoint: _n, consistency: _c, checkpointAnchors: _a, ...log } = proof.log!;
    const report = await verifyProof({ ...proof, log }, { logKey });
    expect(failed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.filter((c) => c.name.startsWith('log.'))).toEqual([]);
    expect(report.log).toMatchObject({ anchored: false, keyFromBundle: false, checkpoint: { size: RECEIPT_SIZE }, anchorChains: [] });
  });

  it('a log section with anchors but no anchored checkpoint fails log.checkpoint-signature', async () => {
    const { anchoredCheckpoint: _n, ...log } = proof.log!;
    expect(failed(await verifyProof({ ...proof, log }, { logKey }))).toEqual(['log.checkpoint-signature']);
  });
});

describe('each tampering of the log section fails the check that covers it', () => {
  it('a note byte changed in the BSV output fails bsv.output of that checkpoint anchor only', async () => {
    const changed = note.replace(`\n${ANCHORED_SIZE}\n`, `\n${ANCHORED_SIZE + 1}\n`);
    const report = await verifyProof(withCheckpointAnchor(0, await bsvCheckpointAnchor(checkpointPushes(changed))), { logKey });
    expect(failed(report)).toEqual(['bsv.output']);
    expect(check(report, 'bsv.output', 0)?.detail).toMatch(/push 3 is not the signed checkpoint note/);
  });

  it('the version byte 0x01 instead of 0x02 fails bsv.output', async () => {
    const report = await verifyProof(withCheckpointAnchor(0, await bsvCheckpointAnchor(checkpointPushes(note, 0x01))), { logKey });
    expect(failed(report)).toEqual(['bsv.output']);
    expect(check(report, 'bsv.output', 0)?.detail).toMatch(/push 2 is not the checkpoint version 0x02/);
  });

  it.each([
    ['Tree-Size', (value: string) => String(Number(value) - 1)],
    ['Root-Hash', (value: string) => treeHash([Buffer.from('x')]).toString('base64') + value.slice(44)],
    ['Log-Origin', () => 'other.example/log'],
    ['Type', () => 'record'],
    ['Content-Type', () => 'application/json'],
  ])('a wrong %s tag on the Arweave item fails arweave.tags', async (name, change) => {
    const tags = checkpointTags(note).map((tag) => (tag.name === name ? { ...tag, value: change(tag.value) } : tag));
    const report = await verifyProof(withCheckpointAnchor(1, await arweaveCheckpointAnchor(signers.ed25519, note, tags)), { logKey });
    expect(failed(report)).toEqual(['arweave.tags']);
    expect(check(report, 'arweave.tags', 1)?.detail).toContain(`${name} has the wrong value`);
  });

  it('a missing tag fails arweave.tags', async () => {
    const tags = checkpointTags(note).filter((tag) => tag.name !== 'App-Name');
    const report = await verifyProof(withCheckpointAnchor(1, await arweaveCheckpointAnchor(signers.ed25519, note, tags)), { logKey });
    expect(failed(report)).toEqual(['arweave.tags']);
    expect(check(report, 'arweave.tags', 1)?.detail).toContain('App-Name appears 0 times');
  });

  it('item data that is not the note (the receipt\'s checkpoint) fails arweave.data', async () => {
    const other = tree.receipt.slice(tree.receipt.indexOf('\n\n') + 2);
    const report = await verifyProof(withCheckpointAnchor(1, await arweaveCheckpointAnchor(signers.ed25519, other, checkpointTags(note))), { logKey });
    expect(failed(report)).toEqual(['arweave.data']);
  });

  it('an item signed by another Ed25519 key than the log key fails arweave.item-key', async () => {
    const stranger = ed25519Signer('33'.repeat(32));
    const report = await verifyProof(withCheckpointAnchor(1, await arweaveCheckpointAnchor(stranger, note, checkpointTags(note))), { logKey });
    expect(failed(report)).toEqual(['arweave.item-key']);
    expect(check(report, 'arweave.item-key', 1)?.detail).toMatch(/not by the operator's log key/);
  });

  it('a flipped consistency hash fails log.consistency only', async () => {
    const flipped = consistency.map((hash, i) => (i === 1 ? Buffer.from(Buffer.from(hash, 'base64').map((b, j) => (j === 0 ? b ^ 1 : b))).toString('base64') : hash));
    const report = await verifyProof(withLog({ consistency: flipped }), { logKey });
    expect(failed(report)).toEqual(['log.consistency']);
    expect(failed(await verifyProof(withLog({ consistency: consistency.slice(1) }), { logKey }))).toEqual(['log.consistency']);
    expect(failed(await verifyProof(withLog({ consistency: 'none' }), { logKey }))).toEqual(['log.consistency']);
  });

  it('an anchored checkpoint of another origin (same key) fails log.checkpoint-signature and log.checkpoint', async () => {
    const other = checkpointSigner(logKeyFromSeedHex(FIXTURE_LOG_SEED), 'other.example/log');
    const moved = anchoredCheckpoint(other, tree.leaves, RECEIPT_SIZE, ANCHORED_SIZE);
    const report = await verifyProof(withLog({ anchoredCheckpoint: moved.note, consistency: moved.consistency, checkpointAnchors: await anchorsFor(moved.note) }), { logKey });
    expect(failed(report)).toEqual(['log.checkpoint-signature', 'log.checkpoint', 'log.consistency']);
    expect(check(report, 'log.checkpoint')?.detail).toMatch(/it is of the log other\.example\/log, the receipt's checkpoint of example\.com\/chain-publisher\/test/);
  });

  it('an anchored checkpoint smaller than the receipt\'s fails log.checkpoint (and log.consistency)', async () => {
    const smaller = anchoredCheckpoint(fixtureLog, tree.leaves, RECEIPT_SIZE - 1, RECEIPT_SIZE - 1);
    const report = await verifyProof(withLog({ anchoredCheckpoint: smaller.note, consistency: [], checkpointAnchors: await anchorsFor(smaller.note) }), { logKey });
    expect(failed(report)).toEqual(['log.checkpoint', 'log.consistency']);
    expect(check(report, 'log.checkpoint')?.detail).toMatch(/its tree size 4 is smaller than the receipt's checkpoint's 5/);
  });

  it('an anchored checkpoint signed by another key fails log.checkpoint-signature only', async () => {
    const forger = checkpointSigner(testLogSigner().key, fixtureLog.origin);
    const forged = forger.signCheckpoint(ANCHORED_SIZE, treeHash(tree.leaves, 0, ANCHORED_SIZE));
    const report = await verifyProof(withLog({ anchoredCheckpoint: forged, checkpointAnchors: await anchorsFor(forged) }), { logKey });
    expect(failed(report)).toEqual(['log.checkpoint-signature']);
    expect(check(report, 'log.checkpoint-signature')?.detail).toMatch(/does not verify under/);
  });

  it('an anchored checkpoint that is not a note fails every log check but lists no anchor check', async () => {
    const report = await verifyProof(withLog({ anchoredCheckpoint: 'not a checkpoint' }), { logKey });
    expect(failed(report)).toEqual(['log.checkpoint-signature', 'log.checkpoint', 'log.consistency', 'log.anchors']);
  });

  it('no checkpoint anchor fails log.anchors', async () => {
    expect(failed(await verifyProof(withLog({ checkpointAnchors: [] }), { logKey }))).toEqual(['log.anchors']);
  });
});

describe("the operator's key", () => {
  it('taken from the bundle itself when no logKey is given, and the report says so', async () => {
    const report = await verifyProof(proof);
    expect(failed(report)).toEqual([]);
    expect(report.log?.keyFromBundle).toBe(true);
    expect(check(report, 'log.checkpoint-signature')?.detail).toMatch(/taken from the bundle itself, which cannot vouch for it/);
    const given = await verifyProof(proof, { logKey });
    expect(given.log?.keyFromBundle).toBe(false);
    expect(check(given, 'log.checkpoint-signature')?.detail).not.toMatch(/bundle itself/);
  });

  it('another operator\'s key given fails the receipt and the anchored checkpoint', async () => {
    const report = await verifyProof(proof, { logKey: testLogSigner().verifierKey });
    expect(failed(report)).toEqual(expect.arrayContaining(['receipt.signature', 'log.checkpoint-signature']));
  });
});

describe('chain verifiers and checkpoint anchors', () => {
  it('a verifier without verifyCheckpoint fails its chain\'s checkpoint anchors by name', async () => {
    const { verifyCheckpoint: _omitted, ...recordsOnly } = bsvVerifier;
    const report = await verifyProof(proof, { logKey, verifiers: [...builtInVerifiers, recordsOnly as AnchorVerifier] });
    expect(failed(report)).toEqual(['anchor.chain']);
    expect(check(report, 'anchor.chain', 0)?.detail).toBe('the bsv verifier does not check log checkpoint anchors (it has no verifyCheckpoint)');
  });

  it('a checkpoint anchor of a chain with no verifier fails anchor.chain', async () => {
    const report = await verifyProof(withCheckpointAnchor(0, { chain: 'toy' }), { logKey });
    expect(failed(report)).toEqual(['anchor.chain']);
    expect(check(report, 'anchor.chain', 0)?.detail).toMatch(/no verifier for chain "toy"/);
  });

  it('hands verifyCheckpoint the note, its origin, size and root, and the key', async () => {
    const seen: unknown[] = [];
    const spy: AnchorVerifier = { ...bsvVerifier, verifyCheckpoint: async (anchor, context) => {
      seen.push(context);
      return bsvVerifier.verifyCheckpoint!(anchor, context);
    } };
    await verifyProof(proof, { logKey, verifiers: [spy] });
    expect(seen).toEqual([
      expect.objectContaining({ index: 0, note, origin: fixtureLog.origin, treeSize: ANCHORED_SIZE, rootHash: new Uint8Array(treeHash(tree.leaves, 0, ANCHORED_SIZE)), logKey: { key: logKey, fromBundle: false } }),
    ]);
  });
});

describe("the SDK's consistency verifier (RFC 9162 §2.1.4.2) against the design's vectors", () => {
  interface Vectors {
    rfc6962: { roots: { size: number; root: string }[]; consistency: { size1: number; size2: number; path: string[] }[] };
    larger: { roots: { size: number; root: string }[]; consistency: { size1: number; size2: number; path: string[] }[] };
  }
  const vectors = JSON.parse(readFileSync(new URL('../unit/vectors/tlog-vectors.json', import.meta.url), 'utf8')) as Vectors;
  const cases = (['rfc6962', 'larger'] as const).flatMap((set) => {
    const roots = new Map(vectors[set].roots.map(({ size, root }) => [size, Buffer.from(root, 'hex')]));
    return vectors[set].consistency.filter((v) => roots.has(v.size1) && roots.has(v.size2)).map((v) => ({ set, ...v, root1: roots.get(v.size1)!, root2: roots.get(v.size2)!, proof: v.path.map((h) => Buffer.from(h, 'hex')) }));
  });

  it('has vectors to run', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('$set: PROOF($size1, $size2) verifies, and fails with a flipped hash, a dropped hash or swapped roots', ({ size1, size2, proof, root1, root2 }) => {
    expect(verifyConsistency(size1, size2, proof, root1, root2)).toBe(true);
    if (proof.length > 0) {
      for (const [i] of proof.entries()) {
        const flipped = proof.map((hash, j) => (j === i ? hash.map((b, k) => (k === 31 ? b ^ 1 : b)) : hash));
        expect(verifyConsistency(size1, size2, flipped, root1, root2)).toBe(false);
      }
      expect(verifyConsistency(size1, size2, proof.slice(0, -1), root1, root2)).toBe(false);
    }
    if (size1 !== size2) expect(verifyConsistency(size1, size2, proof, root2, root1)).toBe(false);
  });

  it('refuses a larger first tree and a non-empty proof between equal sizes', () => {
    const root = treeHash([Buffer.from('a')]);
    expect(verifyConsistency(2, 1, [], root, root)).toBe(false);
    expect(verifyConsistency(1, 1, [root], root, root)).toBe(false);
  });
});
