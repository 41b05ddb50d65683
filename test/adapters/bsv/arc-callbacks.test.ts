import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArcCallbackBook } from '../../../adapters/bsv/arc-callback-book.ts';
import { arcCallbackRoute } from '../../../adapters/bsv/arc-callback-route.ts';
import type { ChainAdapter, SignedTransaction } from '../../../core/adapter/index.ts';
import { chainRoutes } from '../../../server/http/chain-routes.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { startRecordingProxy, type RecordingProxy } from '../../contract/recording-proxy.ts';
import { broadcast, testLog } from '../../devnet-bsv/support/devnet.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from './support/adapter-on-devnet.ts';

const TOKEN = 'cb-token-0123456789';
let t: AdapterOnDevnet;
let proxy: RecordingProxy;
let server: Server;
let callbackUrl: string;
let book: ArcCallbackBook;
let adapter: ChainAdapter;
const news: string[] = [];

beforeAll(async () => {
  t = await startAdapterOnDevnet({ outputs: 12, devnet: { callbackBatchIntervalMs: 50 } });
  proxy = await startRecordingProxy(t.devnet.arcUrl);
  book = new ArcCallbackBook();
  const routes = new Map([['bsv', [arcCallbackRoute(book, TOKEN, testLog)]]]);
  server = createServer(chainRoutes({ routes, maxBodyBytes: 1 << 20, onNews: async (_chain, txids) => void news.push(...txids), log: testLog }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chains/bsv/arc-callback`;
  // The adapter asks ARC through the recording proxy, so a status lookup it makes shows.
  adapter = t.adapterWith({ arcUrl: proxy.url, callbackUrl, callbackToken: TOKEN, callbackBook: book });
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await proxy?.close();
  await t?.close();
});

const statusLookups = (txid: string) => proxy.exchanges.filter((e) => e.method === 'GET' && e.path === `/v1/tx/${txid}`).length;
const until = async (predicate: () => boolean) => {
  const deadline = Date.now() + 10_000; // a hang guard only
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('not reached in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const post = (body: unknown, authorization?: string) =>
  fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8', ...(authorization === undefined ? {} : { authorization }) }, body: JSON.stringify(body) });

async function published(): Promise<SignedTransaction> {
  const tx = await adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
  expect(await adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
  return tx;
}

/** ARC's status answer for `txid`, straight from the devnet (not through the proxy). */
async function arcView(txid: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${t.devnet.arcUrl}/v1/tx/${txid}`, { headers: t.devnet.apiKey ? { authorization: `Bearer ${t.devnet.apiKey}` } : {} });
  return (await response.json()) as Record<string, unknown>;
}

describe('bsv: ARC callbacks received by the node', () => {
  it('takes a MINED callback and answers the status from its Merkle path without asking ARC', async () => {
    const tx = await published();
    const [block] = t.devnet.mine(1);
    await until(() => news.includes(tx.txid));
    const status = await adapter.status(tx.txid);
    expect(status).toMatchObject({ kind: 'mined', blockHash: block!.hash, blockHeight: block!.height, confirmations: 1 });
    expect(statusLookups(tx.txid)).toBe(0);
    if (status.kind !== 'mined') throw new Error('not mined');
    expect((status.proof as { merklePath: string }).merklePath).toBe((await arcView(tx.txid))['merklePath']);
  });

  it('takes ARC’s batched callbacks ({count, callbacks}, X-CallbackBatch) the same way', async () => {
    const txs = [await adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [t.utxo()] }), await adapter.build(batchRecords(2, ['bsv']), { model: 'utxo', inputs: [t.utxo()] })];
    for (const tx of txs) {
      const answer = await broadcast(t.devnet, Buffer.from(tx.raw).toString('hex'), { headers: { 'X-CallbackUrl': callbackUrl, 'X-CallbackToken': TOKEN, 'X-CallbackBatch': 'true' } });
      expect(answer.status).toBe(200);
    }
    t.devnet.mine(1);
    await until(() => txs.every((tx) => news.includes(tx.txid)));
    for (const tx of txs) {
      expect(await adapter.status(tx.txid)).toMatchObject({ kind: 'mined', confirmations: 1 });
      expect(statusLookups(tx.txid)).toBe(0);
    }
  });

  it('refuses a missing or wrong token with 401 and takes nothing from the body', async () => {
    // Sent without a callback URL, so the only callbacks about it are the test's.
    const other = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
    expect(await t.adapter.broadcast(other)).toEqual({ kind: 'accepted' });
    const [block] = t.devnet.mine(1);
    const view = await arcView(other.txid);
    const body = { timestamp: new Date().toISOString(), txid: other.txid, txStatus: 'MINED', merklePath: view['merklePath'], blockHash: block!.hash, blockHeight: block!.height };
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, TOKEN, `Bearer ${TOKEN.slice(1)}`, 'Basic abc']) {
      const answer = await post(body, authorization);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ reason: 'UNAUTHENTICATED' });
    }
    expect(book.minedOf(other.txid)).toBeUndefined();
    expect(news).not.toContain(other.txid);
    expect((await post(body, `Bearer ${TOKEN}`)).status).toBe(200);
    expect(book.minedOf(other.txid)).toMatchObject({ blockHash: block!.hash });
  });

  it('is idempotent: a replayed MINED callback and an older SEEN_ON_NETWORK arriving late change nothing', async () => {
    const tx = await published();
    const [block] = t.devnet.mine(1);
    await until(() => news.includes(tx.txid));
    const before = await adapter.status(tx.txid);
    const view = await arcView(tx.txid);
    const mined = { timestamp: view['timestamp'], txid: tx.txid, txStatus: 'MINED', extraInfo: '', merklePath: view['merklePath'], blockHash: block!.hash, blockHeight: block!.height };
    const replay = await post(mined, `Bearer ${TOKEN}`);
    expect(replay.status).toBe(200);
    const late = await post({ timestamp: new Date(Date.parse(view['timestamp'] as string) - 60_000).toISOString(), txid: tx.txid, txStatus: 'SEEN_ON_NETWORK', extraInfo: '' }, `Bearer ${TOKEN}`);
    expect(await late.json()).toEqual({ received: 1, taken: 0 });
    expect(await adapter.status(tx.txid)).toEqual(before);
    expect(statusLookups(tx.txid)).toBe(0);
  });

  it('does not use a MINED callback whose Merkle path does not hold the txid: ARC is asked', async () => {
    const tx = await published();
    const decoy = await published();
    const [block] = t.devnet.mine(1);
    await until(() => news.includes(tx.txid) && news.includes(decoy.txid));
    const fresh = await published(); // not mined: ARC says SEEN_ON_NETWORK
    const forged = { timestamp: new Date().toISOString(), txid: fresh.txid, txStatus: 'MINED', merklePath: (await arcView(decoy.txid))['merklePath'], blockHash: block!.hash, blockHeight: block!.height };
    expect(await (await post(forged, `Bearer ${TOKEN}`)).json()).toEqual({ received: 1, taken: 0 });
    expect(await adapter.status(fresh.txid)).toEqual({ kind: 'pending' });
    expect(statusLookups(fresh.txid)).toBe(1);
  });

  it('refuses bodies that are not ARC’s callback with 400 and a reason', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ txid: 'zz', txStatus: 'MINED', timestamp: new Date().toISOString() }, /txid/],
      [{ txid: 'ab'.repeat(32), txStatus: 'PAID', timestamp: new Date().toISOString() }, /txStatus/],
      [{ txid: 'ab'.repeat(32), txStatus: 'MINED' }, /timestamp/],
      [{ count: 2, callbacks: [] }, /count/],
      [[1, 2], /object/],
    ];
    for (const [body, reason] of cases) {
      const answer = await post(body, `Bearer ${TOKEN}`);
      expect(answer.status).toBe(400);
      const json = (await answer.json()) as { reason: string; message: string };
      expect(json.reason).toBe('MALFORMED_CALLBACK');
      expect(json.message).toMatch(reason);
    }
  });

  it('the node’s /chains/ routes: 404 for another chain or path, 405 for GET, 413 past the body limit', async () => {
    const base = callbackUrl.replace('/chains/bsv/arc-callback', '');
    expect((await fetch(`${base}/chains/arweave/arc-callback`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/chains/bsv/other`, { method: 'POST', body: '{}' })).status).toBe(404);
    const get = await fetch(callbackUrl);
    expect(get.status).toBe(405);
    expect(await get.text()).toMatch(/^METHOD_NOT_ALLOWED: /);
    const big = await fetch(callbackUrl, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: 'x'.repeat((1 << 20) + 1) });
    expect(big.status).toBe(413);
    expect(await big.text()).toMatch(/^REQUEST_TOO_LARGE: /);
  });
});
