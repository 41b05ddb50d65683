import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createArweaveAdapter } from '../../../adapters/arweave/index.ts';
import { decodeRaw } from '../../../adapters/arweave/raw-transaction.ts';
import type { ChainAdapter, SignedTransaction } from '../../../core/adapter/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { newWallet, quietLog } from './support.ts';

let gateway: FakeGateway;
let wallet: JWKInterface;
let adapter: ChainAdapter;
let small: SignedTransaction;
let large: SignedTransaction;
const mined = { status: 200, body: JSON.stringify({ block_height: 90, block_indep_hash: 'b'.repeat(64), number_of_confirmations: 10 }) };
const posts = (path: string) => gateway.exchanges.filter((e) => e.method === 'POST' && e.path === path);

beforeAll(async () => {
  gateway = await startFakeGateway();
  wallet = await newWallet();
  adapter = createArweaveAdapter({ gatewayUrl: gateway.url, network: 'fake', wallet, log: quietLog, timeoutMs: 300 });
  // Built with the default deadline: signing 160 items keeps a loaded machine busy past 300 ms.
  const builder = createArweaveAdapter({ gatewayUrl: gateway.url, network: 'fake', wallet, log: quietLog });
  small = await builder.build(batchRecords(3, ['arweave']), { model: 'account', amount: 1000n });
  large = await builder.build(batchRecords(160, ['arweave']), { model: 'account', amount: 1000n });
  expect(decodeRaw(large.raw).data.length).toBeGreaterThan(256 * 1024);
}, 60_000);

afterAll(() => gateway?.close());

afterEach(() => {
  gateway.exchanges.length = 0;
});

describe('broadcast reads the gateway through the verdict table', () => {
  const notFound = { status: 404, body: 'Not Found.' };
  it.each([
    ['400 verification failed, status 404, then 410 overspend', { status: 400, body: 'Transaction verification failed.' }, notFound, { status: 410, body: 'overspend' }, { kind: 'rejected', reason: 'insufficient_fee' }],
    ['400 verification failed, status 404, then 410 tx_too_cheap', { status: 400, body: 'Transaction verification failed.' }, notFound, { status: 410, body: 'tx_too_cheap' }, { kind: 'rejected', reason: 'insufficient_fee' }],
    ['400 verification failed, status 404, then 410 tx_signature_not_valid', { status: 400, body: 'Transaction verification failed.' }, notFound, { status: 410, body: 'tx_signature_not_valid' }, { kind: 'rejected', reason: 'invalid' }],
    ['400 verification failed, then 404 and 404', { status: 400, body: 'Transaction verification failed.' }, notFound, notFound, { kind: 'rejected', reason: 'invalid' }],
    ['400 invalid anchor, then 404 and 404', { status: 400, body: 'Invalid anchor (last_tx).' }, notFound, notFound, { kind: 'rejected', reason: 'invalid' }],
    ['404 (no route), then 202 Pending', { status: 404, body: 'Not Found' }, { status: 202, body: 'Pending' }, notFound, { kind: 'already_known' }],
    ['400 refused, status 404, then /tx/{id} 202 Pending', { status: 400, body: 'Bad Request' }, notFound, { status: 202, body: 'Pending' }, { kind: 'already_known' }],
    ['410 (not a node answer), then the mined status', { status: 410, body: '{"code":410}' }, mined, notFound, { kind: 'already_known' }],
    ['400 refused, then a status that times out', { status: 400, body: 'Bad Request' }, 'hang' as const, notFound, { kind: 'rejected', reason: 'timeout' }],
  ])('%s', async (_, post, lookup, tx, expected) => {
    gateway.route('POST', '/tx', post);
    gateway.route('GET', `/tx/${small.txid}/status`, lookup);
    gateway.route('GET', `/tx/${small.txid}`, tx);
    expect(await adapter.broadcast(small)).toMatchObject(expected);
  });

  it.each([
    [{ status: 208, body: 'Transaction already processed.' }, { kind: 'already_known' }],
    [{ status: 400, body: 'Transaction is already on the weave.' }, { kind: 'already_known' }],
    [{ status: 503 }, { kind: 'rejected', reason: 'unavailable' }],
    [{ status: 429 }, { kind: 'rejected', reason: 'rate_limited' }],
    [{ status: 403 }, { kind: 'rejected', reason: 'unauthorized' }],
    ['hang' as const, { kind: 'rejected', reason: 'timeout' }],
  ])('answers %j to the post alone, without asking for the status', async (post, expected) => {
    gateway.route('POST', '/tx', post);
    expect(await adapter.broadcast(small)).toMatchObject(expected);
    expect(gateway.exchanges.filter((e) => e.path.endsWith('/status'))).toEqual([]);
  });

  it('posts data of one chunk inside the transaction, byte for byte the same from any adapter instance', async () => {
    gateway.route('POST', '/tx', { status: 200, body: 'OK' });
    expect(await adapter.broadcast(small)).toEqual({ kind: 'accepted' });
    const fresh = createArweaveAdapter({ gatewayUrl: gateway.url, network: 'fake', wallet, log: quietLog });
    expect(await fresh.broadcast({ txid: small.txid, raw: Buffer.from(small.raw) })).toEqual({ kind: 'accepted' });
    const [first, second] = posts('/tx');
    expect(second?.body).toBe(first?.body);
    const body = JSON.parse(first!.body) as { id: string; data: string };
    expect(body.id).toBe(small.txid);
    expect(Buffer.from(body.data, 'base64url').equals(Buffer.from(decodeRaw(small.raw).data))).toBe(true);
    expect(posts('/chunk')).toEqual([]);
  });

  it('posts a large transaction as its header, then its chunks, also when the header is already known', async () => {
    for (const header of [{ status: 200, body: 'OK' }, { status: 208, body: 'Transaction already processed.' }]) {
      gateway.exchanges.length = 0;
      gateway.route('POST', '/tx', header);
      gateway.route('POST', '/chunk', { status: 200 });
      expect(await adapter.broadcast(large)).toEqual({ kind: header.status === 200 ? 'accepted' : 'already_known' });
      expect(JSON.parse(posts('/tx')[0]!.body)).toMatchObject({ id: large.txid, data: '' });
      const chunks = posts('/chunk').map((e) => JSON.parse(e.body) as { data_root: string; offset: string; chunk: string });
      expect(chunks.length).toBe(2);
      expect(Buffer.concat(chunks.map((c) => Buffer.from(c.chunk, 'base64url'))).equals(Buffer.from(decodeRaw(large.raw).data))).toBe(true);
      expect(chunks.every((c) => c.data_root === decodeRaw(large.raw).header.data_root)).toBe(true);
    }
  });

  /** ar.io's answer when every peer refused with `status` (ar-io-node src/routes/chunk/handlers.ts). */
  const tally = (status: number) => ({
    status,
    body: JSON.stringify({
      successCount: 0,
      preferredSuccessCount: 0,
      failureCount: 3,
      results: [1, 2, 3].map((n) => ({ peer: `http://peer-${n}:1984`, success: false, statusCode: status, canceled: false, timedOut: false })),
    }),
  });
  it.each([
    [{ status: 400, body: '{"error":"data_root_not_found"}' }, 'unavailable'],
    [{ status: 400, body: '{"error":"invalid_proof"}' }, 'invalid'],
    [{ status: 413, body: 'Payload Too Large' }, 'invalid'],
    // An ar.io gateway passes on its peers' status but not their reason: try again later.
    [tally(400), 'unavailable'],
    [tally(499), 'unavailable'],
    [tally(504), 'unavailable'],
    ['hang' as const, 'timeout'],
  ])('stops at a chunk the gateway refuses (%j → %s)', async (reply, reason) => {
    gateway.route('POST', '/tx', { status: 200, body: 'OK' });
    gateway.route('POST', '/chunk', () => (posts('/chunk').length === 1 ? { status: 200 } : reply));
    expect(await adapter.broadcast(large)).toMatchObject({ kind: 'rejected', reason, detail: expect.stringMatching(/^arweave: chunk 2 of 2: /) });
  });

  it('throws on raw bytes that are not the transaction named', async () => {
    await expect(adapter.broadcast({ txid: large.txid, raw: small.raw })).rejects.toThrow(/^arweave: the raw bytes hold transaction/);
  });
});
