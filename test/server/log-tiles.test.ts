import { request } from 'node:http';
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { readReceipt } from '../support/read-receipt.ts';
import { consistencyProof, inclusionPath, leafHash, memoryTree, verifyConsistency, verifyInclusion } from '../support/rfc6962.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';
import { noteSignedBy, readCheckpoint, tileClient, type Checkpoint } from '../support/tile-client.ts';

let node: TestNode;
let verifierKey: string;
let first: Checkpoint;
let last: Checkpoint;
const receipts: string[] = [];

async function publishBatch(count: number): Promise<void> {
  const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
  const creator = newCreator();
  const { results } = await publish.publishBatch({ intentJsons: Array.from({ length: count }, () => creator.intent({ targets: ['bsv'] })) });
  for (const r of results) {
    if (r.result.case !== 'accepted') throw new Error(`refused: ${r.result.value?.message}`);
    receipts.push(r.result.value.receipt);
  }
}

async function checkpointNow(): Promise<Checkpoint> {
  const response = await fetch(`${node.url}/log/checkpoint`);
  expect(response.status).toBe(200);
  const note = await response.text();
  expect(noteSignedBy(note, verifierKey)).toBe(true);
  return readCheckpoint(note);
}

beforeAll(async () => {
  node = await startTestNode({ PUBLISHER_OPEN_REGISTRATION: 'true', PUBLISHER_INLINE_WORKERS: 'false', PUBLISHER_CHAINS: 'bsv' });
  verifierKey = (await createClient(NodeService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })).getInfo({})).logVerifierKey;
  await publishBatch(40);
  first = await checkpointNow();
  // Past the first full level-0 tile: a full tile, a partial one and a level-1 tile of width 1.
  await publishBatch(150);
  await publishBatch(150);
  last = await checkpointNow();
}, 120_000);

afterAll(async () => {
  await node?.stop();
});

describe('the tlog-tiles API under /log/, read by a client written from the spec', () => {
  it('serves the latest checkpoint as a signed note, not cacheable beyond a revalidation', async () => {
    const response = await fetch(`${node.url}/log/checkpoint`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const checkpoint = readCheckpoint(await response.text());
    expect(checkpoint.origin).toBe(verifierKey.split('+')[0]);
    expect(checkpoint.size).toBeGreaterThan(340);
    expect(noteSignedBy(checkpoint.note, verifierKey)).toBe(true);
    expect(noteSignedBy(checkpoint.note.replace(/\n[0-9]+\n/, `\n${checkpoint.size + 1}\n`), verifierKey)).toBe(false);
    expect(await (await fetch(`${node.url}/log/verifier-key`)).text()).toBe(`${verifierKey}\n`);
  });

  it('gives tiles and entry bundles from which the checkpoint\'s root is recomputed, the entries being the log\'s in order', async () => {
    const client = tileClient(`${node.url}/log/`);
    expect(await client.rangeHash(last.size)(0, last.size)).toEqual(last.root);
    const entries: Buffer[] = [];
    for (let n = 0; n * 256 < last.size; n += 1) entries.push(...(await client.entries(n, last.size)));
    expect(entries).toHaveLength(last.size);
    entries.forEach((entry, i) => expect(JSON.parse(entry.toString('utf8'))).toMatchObject({ index: i }));
    // The same root from the entries alone, by the RFC's recursion.
    expect(await memoryTree(entries.map(leafHash))(0, last.size)).toEqual(last.root);
    // An older checkpoint's tree from the tiles of its size (its partial tiles are still served).
    expect(await client.rangeHash(first.size)(0, first.size)).toEqual(first.root);
  });

  it('proves a record\'s receipt and the consistency of two checkpoints from tiles alone', async () => {
    const client = tileClient(`${node.url}/log/`);
    for (const text of [receipts[0]!, receipts.at(-1)!, receipts[250]!]) {
      const receipt = readReceipt(text, verifierKey);
      expect(receipt.verified).toBe(true);
      const { root } = readCheckpoint(receipt.checkpoint);
      const path = await inclusionPath(client.rangeHash(receipt.size), receipt.index, receipt.size);
      expect(verifyInclusion(leafHash(Buffer.from(receipt.entryText, 'utf8')), receipt.index, receipt.size, path, root)).toBe(true);
      expect(text).toContain(`index ${receipt.index}\n${path.map((h) => `${h.toString('base64')}\n`).join('')}\n`);
      // The receipt's checkpoint is a prefix of the latest.
      const proof = await consistencyProof(client.rangeHash(last.size), receipt.size, last.size);
      expect(verifyConsistency(receipt.size, last.size, proof, root, last.root)).toBe(true);
    }
    const proof = await consistencyProof(client.rangeHash(last.size), first.size, last.size);
    expect(verifyConsistency(first.size, last.size, proof, first.root, last.root)).toBe(true);
    expect(verifyConsistency(first.size, last.size, proof, last.root, last.root)).toBe(false);
  });

  it('serves full tiles as immutable, partial ones by width, and a level-1 tile of the first 256 leaves', async () => {
    const full = await fetch(`${node.url}/log/tile/0/000`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('application/octet-stream');
    expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const leaves = Buffer.from(await full.arrayBuffer());
    expect(leaves).toHaveLength(8192);
    const partial = Buffer.from(await (await fetch(`${node.url}/log/tile/0/000.p/17`)).arrayBuffer());
    expect(partial).toEqual(leaves.subarray(0, 17 * 32));
    const level1 = Buffer.from(await (await fetch(`${node.url}/log/tile/1/000.p/1`)).arrayBuffer());
    const hashes = Array.from({ length: 256 }, (_, i) => leaves.subarray(32 * i, 32 * i + 32));
    expect(level1).toEqual(await memoryTree(hashes)(0, 256));
    const width = last.size - 256;
    expect((await fetch(`${node.url}/log/tile/0/001.p/${width}`)).status).toBe(200);
    const head = await fetch(`${node.url}/log/tile/entries/001.p/${width}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('compresses entry bundles with gzip when asked, and sends them plain otherwise', async () => {
    const get = (encoding: string) =>
      new Promise<{ encoding: string | undefined; bytes: number }>((resolve, reject) => {
        request(`${node.url}/log/tile/entries/000`, { headers: { 'accept-encoding': encoding } }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes }));
        })
          .on('error', reject)
          .end();
      });
    const gzip = await get('gzip, identity');
    const plain = await get('identity');
    expect(gzip.encoding).toBe('gzip');
    expect(plain.encoding).toBeUndefined();
    expect(gzip.bytes).toBeLessThan(plain.bytes);
    expect((await get('gzip;q=0')).encoding).toBeUndefined();
  });

  it('answers 404 for what the tree does not hold and 400 with a reason for paths that are not the API\'s', async () => {
    const width = last.size - 256;
    for (const path of ['tile/0/001', `tile/0/001.p/${width + 1}`, 'tile/entries/002.p/1', 'tile/1/000', 'tile/2/000.p/1', 'tile/0/x001/000', 'tile/63/000.p/1', 'nothing']) {
      const response = await fetch(`${node.url}/log/${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    for (const path of ['0/1', '0/0000', '00/000', '64/000', '0/x000/001', '0/001/002', '0/x001', '0/000.p/0', '0/000.p/256', '0/000.p/01', '0/000.p/', 'x/000', 'entries/abc', '0/000/', '0/x1/000', `0/${'x001/'.repeat(6)}000`, '0/-01']) {
      const response = await fetch(`${node.url}/log/tile/${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(await response.text()).toMatch(/^MALFORMED_TILE_PATH: /);
    }
  });
});
