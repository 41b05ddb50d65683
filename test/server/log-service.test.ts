import { Code, ConnectError, createClient, type Client } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { LogService } from '../../proto/gen/publisher/v1/log_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import vectors from '../unit/vectors/tlog-vectors.json' with { type: 'json' };
import { newCreator } from '../support/creator.ts';
import { readReceipt } from '../support/read-receipt.ts';
import { consistencyProof, inclusionPath, leafHash, memoryTree, verifyConsistency, verifyInclusion, type RangeHash } from '../support/rfc6962.ts';
import { noteSignedBy, readCheckpoint } from '../support/tile-client.ts';
import { startVectorLogNode, type VectorLogNode } from '../support/vector-log-node.ts';

const hex = (hashes: readonly Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('hex'));
const clientOf = (node: VectorLogNode) => createClient(LogService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));

/** "entry <i>" for i = 0..2999: the first 1000 are the design's larger vectors' leaves. */
const LARGE = 3000;
const entries = Array.from({ length: LARGE }, (_, i) => Buffer.from(`entry ${i}`, 'utf8'));
// Checkpoints at 1, 255, 256, 257, 511, 512, 513, 1000, 2000 and 3000 (and the started log's 0).
const groups = [1, 254, 1, 1, 254, 1, 1, 487, 1000, 1000];

let node: VectorLogNode;
let log: Client<typeof LogService>;
let mth: RangeHash;

beforeAll(async () => {
  // No intake at start (no funding import): the log holds the vector entries and nothing else until a test publishes.
  node = await startVectorLogNode(entries, groups, { PUBLISHER_CHAINS: 'bsv', PUBLISHER_OPEN_REGISTRATION: 'true' });
  log = clientOf(node);
  mth = memoryTree(entries.map(leafHash));
}, 120_000);

afterAll(async () => {
  await node?.stop();
});

async function refusal(call: () => Promise<unknown>): Promise<{ code: Code; reason: string | undefined; message: string }> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => ConnectError.from(e),
  );
  if (!error) throw new Error('the call succeeded');
  return { code: error.code, reason: error.findDetails(ErrorDetailSchema)[0]?.reason, message: error.rawMessage };
}

describe('LogService: checkpoint and verifier key', () => {
  it('gives the latest signed checkpoint, verified with the key from GetVerifierKey and GetInfo, as /log/checkpoint serves it', async () => {
    const { verifierKey, origin } = await log.getVerifierKey({});
    const info = await createClient(NodeService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })).getInfo({});
    expect(verifierKey).toBe(info.logVerifierKey);
    expect(origin).toBe('log.test.example/vectors');
    const checkpoint = await log.getCheckpoint({});
    expect(noteSignedBy(checkpoint.checkpoint, verifierKey)).toBe(true);
    const read = readCheckpoint(checkpoint.checkpoint);
    expect([read.size, read.origin]).toEqual([Number(checkpoint.treeSize), origin]);
    expect(Buffer.from(checkpoint.rootHash)).toEqual(read.root);
    expect(Number(checkpoint.treeSize)).toBeGreaterThanOrEqual(LARGE);
    expect(await (await fetch(`${node.url}/log/checkpoint`)).text()).toBe(checkpoint.checkpoint);
  });
});

describe('LogService proofs against the design\'s vectors and an independent RFC 6962 implementation', () => {
  it('reproduces the larger vectors: roots, inclusion paths and consistency paths', async () => {
    for (const { size, root } of vectors.larger.roots) {
      const proof = await log.getInclusionProof({ entry: { case: 'index', value: 0n }, treeSize: BigInt(size) });
      expect({ size, root: Buffer.from(proof.rootHash).toString('hex') }).toEqual({ size, root });
    }
    for (const { index, size, path } of vectors.larger.inclusion) {
      const proof = await log.getInclusionProof({ entry: { case: 'index', value: BigInt(index) }, treeSize: BigInt(size) });
      expect({ index, size, path: hex(proof.proof) }).toEqual({ index, size, path });
      expect(Buffer.from(proof.entry).toString('utf8')).toBe(`entry ${index}`);
    }
    for (const { size1, size2, path } of vectors.larger.consistency) {
      const proof = await log.getConsistencyProof({ oldSize: BigInt(size1), newSize: BigInt(size2) });
      expect({ size1, size2, path: hex(proof.proof) }).toEqual({ size1, size2, path });
    }
  });

  it('gives, for sizes from 1 to 3000, the roots and proofs of the independent implementation, which verify', async () => {
    // Every size to 64, then every 23rd, and those beside powers of two and tile borders.
    const around = [255, 256, 257, 511, 512, 513, 767, 768, 1023, 1024, 1025, 1999, 2000, 2047, 2048, 2049, 2999, 3000];
    const sizes = [...Array.from({ length: 64 }, (_, i) => i + 1), ...Array.from({ length: 128 }, (_, i) => 65 + 23 * i), ...around];
    for (const size of sizes) {
      const root = await mth(0, size);
      // An index near each end and one inside; the old size of a consistency proof likewise.
      const indices = [...new Set([0, Math.floor(size / 3), size - 1])];
      const proofs = await Promise.all(indices.map((index) => log.getInclusionProof({ entry: { case: 'index', value: BigInt(index) }, treeSize: BigInt(size) })));
      for (const [i, proof] of proofs.entries()) {
        const index = indices[i]!;
        const path = proof.proof.map((p) => Buffer.from(p));
        expect({ size, index, path: hex(path) }).toEqual({ size, index, path: hex(await inclusionPath(mth, index, size)) });
        expect(Buffer.from(proof.rootHash)).toEqual(root);
        expect(verifyInclusion(leafHash(proof.entry), index, size, path, root)).toBe(true);
      }
      const olds = [...new Set([1, Math.ceil(size / 2), size - 1, size].filter((s) => s >= 1))];
      const consistency = await Promise.all(olds.map((old) => log.getConsistencyProof({ oldSize: BigInt(old), newSize: BigInt(size) })));
      for (const [i, proof] of consistency.entries()) {
        const old = olds[i]!;
        const path = proof.proof.map((p) => Buffer.from(p));
        expect({ old, size, path: hex(path) }).toEqual({ old, size, path: hex(await consistencyProof(mth, old, size)) });
        expect(verifyConsistency(old, size, path, Buffer.from(proof.oldRootHash), Buffer.from(proof.newRootHash))).toBe(true);
        expect(Buffer.from(proof.oldRootHash)).toEqual(await mth(0, old));
      }
    }
  }, 120_000);

  it('attaches the signed checkpoint of a size that was signed, and none for one that was not', async () => {
    const { verifierKey } = await log.getVerifierKey({});
    const signed = await log.getInclusionProof({ entry: { case: 'index', value: 7n }, treeSize: 1000n });
    expect(readCheckpoint(signed.checkpoint)).toMatchObject({ size: 1000, root: Buffer.from(signed.rootHash) });
    expect(noteSignedBy(signed.checkpoint, verifierKey)).toBe(true);
    expect((await log.getInclusionProof({ entry: { case: 'index', value: 7n }, treeSize: 700n })).checkpoint).toBe('');
    const consistency = await log.getConsistencyProof({ oldSize: 257n, newSize: 0n });
    expect(readCheckpoint(consistency.oldCheckpoint).size).toBe(257);
    expect(readCheckpoint(consistency.newCheckpoint).size).toBe(Number(consistency.newSize));
  });

  it('proves a published record by its record id, at the latest size by default, agreeing with its receipt', async () => {
    const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
    const accepted = await publish.publish({ intentJson: newCreator().intent({ targets: ['bsv'] }) });
    const { verifierKey } = await log.getVerifierKey({});
    const receipt = readReceipt(accepted.receipt, verifierKey);
    expect(receipt.verified).toBe(true);
    const proof = await log.getInclusionProof({ entry: { case: 'recordId', value: accepted.recordId } });
    expect(Number(proof.index)).toBe(receipt.index);
    expect(Buffer.from(proof.entry).toString('utf8')).toBe(receipt.entryText);
    const latest = await log.getCheckpoint({});
    expect(proof.treeSize).toBe(latest.treeSize);
    expect(verifyInclusion(leafHash(proof.entry), receipt.index, Number(proof.treeSize), proof.proof.map((p) => Buffer.from(p)), Buffer.from(latest.rootHash))).toBe(true);
    // At the receipt's size: the receipt's own path.
    const atReceipt = await log.getInclusionProof({ entry: { case: 'recordId', value: accepted.recordId }, treeSize: BigInt(receipt.size) });
    expect(accepted.receipt).toContain(`index ${receipt.index}\n${atReceipt.proof.map((p) => `${Buffer.from(p).toString('base64')}\n`).join('')}\n`);
  });
});

describe('LogService entries', () => {
  it('pages through the entries in order, 256 at most a page, up to the latest checkpoint', async () => {
    const first = await log.getEntries({ start: 0n, pageSize: 0 });
    expect(first.entries).toHaveLength(256);
    expect(first.nextStart).toBe(256n);
    const page = await log.getEntries({ start: 2990n, pageSize: 5 });
    expect(page.entries.map((e) => [Number(e.index), Buffer.from(e.entry).toString('utf8'), Buffer.from(e.leafHash).equals(leafHash(e.entry))])).toEqual(
      [2990, 2991, 2992, 2993, 2994].map((i) => [i, `entry ${i}`, true]),
    );
    expect(page.nextStart).toBe(2995n);
    const end = await log.getEntries({ start: page.treeSize, pageSize: 10 });
    expect(end.entries).toEqual([]);
    expect(end.nextStart).toBe(page.treeSize);
  });
});

describe('LogService refusals', () => {
  it('refuses sizes and indices outside the log with INVALID_ARGUMENT naming the field, and an unknown record with NOT_FOUND', async () => {
    const latest = (await log.getCheckpoint({})).treeSize;
    const invalid = [
      [() => log.getInclusionProof({ entry: { case: 'index', value: latest } }), 'index'],
      [() => log.getInclusionProof({ entry: { case: 'index', value: 2n ** 64n - 1n } }), 'index'],
      [() => log.getInclusionProof({ entry: { case: 'index', value: 10n }, treeSize: 10n }), 'tree_size'],
      [() => log.getInclusionProof({ entry: { case: 'index', value: 10n }, treeSize: latest + 1n }), 'tree_size'],
      [() => log.getInclusionProof({}), 'entry'],
      [() => log.getInclusionProof({ entry: { case: 'recordId', value: 'not hex' } }), 'record_id'],
      [() => log.getConsistencyProof({ oldSize: 0n, newSize: 5n }), 'old_size'],
      [() => log.getConsistencyProof({ oldSize: 6n, newSize: 5n }), 'old_size'],
      [() => log.getConsistencyProof({ oldSize: 1n, newSize: latest + 1n }), 'new_size'],
      [() => log.getEntries({ start: latest + 1n }), 'start'],
      [() => log.getEntries({ start: 0n, pageSize: 257 }), 'page_size'],
      [() => log.listAnchoredCheckpoints({ pageSize: 101 }), 'page_size'],
      [() => log.listAnchoredCheckpoints({ beforeSize: 2n ** 64n - 1n }), 'before_size'],
    ] as const;
    for (const [call, field] of invalid) {
      const r = await refusal(call);
      expect({ field, code: r.code, reason: r.reason }).toEqual({ field, code: Code.InvalidArgument, reason: 'INVALID_REQUEST' });
      expect(r.message).toMatch(new RegExp(`^INVALID_REQUEST: ${field}: `));
    }
    const unknown = await refusal(() => log.getInclusionProof({ entry: { case: 'recordId', value: 'ab'.repeat(32) } }));
    expect([unknown.code, unknown.reason]).toEqual([Code.NotFound, 'NOT_FOUND']);
  });
});

describe('LogService on the RFC 6962 reference leaves', () => {
  it('gives every inclusion and consistency path of the reference vectors', async () => {
    const small = await startVectorLogNode(vectors.rfc6962.leaves.map((l) => Buffer.from(l, 'hex')), [1, 2, 5], { PUBLISHER_CHAINS: 'bsv' });
    try {
      const client = clientOf(small);
      for (const { index, size, leafHash: leaf, path } of vectors.rfc6962.inclusion) {
        const proof = await client.getInclusionProof({ entry: { case: 'index', value: BigInt(index) }, treeSize: BigInt(size) });
        expect({ index, size, leaf: leafHash(proof.entry).toString('hex'), path: hex(proof.proof) }).toEqual({ index, size, leaf, path });
      }
      for (const { size1, size2, path } of vectors.rfc6962.consistency) {
        const proof = await client.getConsistencyProof({ oldSize: BigInt(size1), newSize: BigInt(size2) });
        expect({ size1, size2, path: hex(proof.proof) }).toEqual({ size1, size2, path });
      }
      for (const { size, root } of vectors.rfc6962.roots.filter((r) => r.size > 0)) {
        expect(hex([(await client.getConsistencyProof({ oldSize: BigInt(size), newSize: BigInt(size) })).newRootHash])).toEqual([root]);
      }
    } finally {
      await small.stop();
    }
  }, 60_000);
});
