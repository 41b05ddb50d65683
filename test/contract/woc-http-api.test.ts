import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainAdapter, UtxoFunding } from '../../core/adapter/index.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from '../adapters/bsv/support/adapter-on-devnet.ts';
import { batchRecords } from '../conformance/batch-records.ts';
import { exercised, requestProblems, responseProblems, type Exchange, type HttpContract } from './http-contract.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';

/**
 * Issue 18: the WhatsOnChain API shapes the BSV adapter relies on, kept in woc-http-api.json
 * (rewritten from WhatsOnChain's documentation, cited there). A real run of the adapter against the
 * BSV devnet sends every WhatsOnChain call through a recording proxy (its wocUrl points there; ARC
 * is called directly); every request the adapter sent and every answer the devnet gave must be one
 * the contract describes, so a drift on either side fails here rather than on mainnet.
 */
const contract = JSON.parse(readFileSync(new URL('./woc-http-api.json', import.meta.url), 'utf8')) as HttpContract;
/** Past WhatsOnChain's 1,000-output page, so the confirmed listing takes two pages. */
const FUNDING_OUTPUTS = 1_003;
let t: AdapterOnDevnet;
let proxy: RecordingProxy;
/** Broadcasts to WhatsOnChain and follows status there. */
let viaWoc: ChainAdapter;
/** Broadcasts to ARC; WhatsOnChain gives it the chain tip and block headers. */
let viaArc: ChainAdapter;

beforeAll(async () => {
  t = await startAdapterOnDevnet({ outputs: FUNDING_OUTPUTS, satoshis: 20_000 });
  const woc = new URL(t.devnet.wocUrl);
  proxy = await startRecordingProxy(woc.origin);
  const wocUrl = `${proxy.url}${woc.pathname}`;
  viaWoc = t.adapterWith({ wocUrl, broadcaster: 'woc' });
  viaArc = t.adapterWith({ wocUrl });
  await realRun();
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await t?.close();
});

async function realRun(): Promise<void> {
  const funding = viaWoc.funding as UtxoFunding;
  // Funding listing: confirmed/unspent page by page, unconfirmed/unspent, tx/{txid}/hex.
  expect(await funding.listUnspent()).toHaveLength(FUNDING_OUTPUTS);

  const tx = await viaWoc.build(batchRecords(2, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
  expect(await viaWoc.broadcast(tx)).toEqual({ kind: 'accepted' });
  expect(await viaWoc.broadcast(tx)).toEqual({ kind: 'already_known' });
  expect(await viaWoc.status(tx.txid)).toEqual({ kind: 'pending' });
  // The new change is unconfirmed: listed by unconfirmed/unspent.
  expect((await funding.lookupOutputs(tx.change)).map((u) => u.txid)).toEqual(tx.change.map((u) => u.txid));
  expect(await funding.readTransaction!(tx.txid)).toMatchObject({ txid: tx.txid });

  const other = await viaArc.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
  expect(await viaArc.broadcast(other)).toEqual({ kind: 'accepted' });
  t.devnet.mine(1);
  // Mined: tx/hash, tx/{txid}/proof/tsc, chain/info and block/{hash}/header.
  expect(await viaWoc.status(tx.txid)).toMatchObject({ kind: 'mined', confirmations: 1 });
  expect(await viaArc.status(other.txid)).toMatchObject({ kind: 'mined', confirmations: 1 });

  // Refusals: unknown transactions, a node's rejections, an outage.
  const unknown = randomBytes(32).toString('hex');
  expect(await viaWoc.status(unknown)).toEqual({ kind: 'unknown' });
  expect(await funding.readTransaction!(unknown)).toBeUndefined();
  expect(await viaWoc.broadcast({ txid: unknown, raw: randomBytes(80) })).toMatchObject({ kind: 'rejected', reason: 'invalid' });
  const next = await viaWoc.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
  t.devnet.faults.status5xx(1);
  expect(await viaWoc.broadcast(next)).toMatchObject({ kind: 'rejected', reason: 'unavailable' });
  expect(await viaWoc.broadcast(next)).toEqual({ kind: 'accepted' });
}

const seen = (exchanges: Exchange[]) => exercised(contract, exchanges);

describe('the WhatsOnChain API contract (test/contract/woc-http-api.json)', () => {
  it('holds for every request the adapter sent in a real run against the devnet', () => {
    expect(proxy.exchanges.flatMap((exchange) => requestProblems(contract, exchange))).toEqual([]);
  });

  it('holds for every answer the devnet gave', () => {
    expect(proxy.exchanges.flatMap((exchange) => responseProblems(contract, exchange))).toEqual([]);
  });

  it('was exercised on every endpoint the adapter calls, refusals included', () => {
    const statuses = seen(proxy.exchanges);
    for (const expected of [
      'GET /chain/info 200',
      'GET /block/{hash}/header 200',
      'GET /tx/{txid}/hex 200',
      'GET /tx/{txid}/hex 404',
      'GET /tx/hash/{txid} 200',
      'GET /tx/hash/{txid} 404',
      'GET /tx/{txid}/proof/tsc 200',
      'GET /address/{address}/confirmed/unspent 200',
      'GET /address/{address}/unconfirmed/unspent 200',
      'POST /tx/raw 200',
      'POST /tx/raw 400',
      'POST /tx/raw 503',
    ]) {
      expect(statuses).toContain(expected);
    }
    // The confirmed listing was read past its first page, with the token WhatsOnChain gave.
    const pages = proxy.exchanges.filter((e) => e.path.includes('/confirmed/unspent'));
    expect(pages.some((e) => /[?&]token=/.test(e.path))).toBe(true);
  });

  it('fails on the drifts it exists to catch', () => {
    const exchange = (method: string, path: string, status: number, response: string, request = ''): Exchange => ({
      method,
      path,
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: Buffer.from(request),
      status,
      responseBody: Buffer.from(response),
    });
    const base = '/v1/bsv/main';
    const address = '1L2F8wYxTRagCZLnsm2engg8ngGECSeuE5';
    const txid = 'ab'.repeat(32);
    const item = { height: 861499, tx_pos: 1, tx_hash: txid, value: 154, isSpentInMempoolTx: false };
    // The bare-array listing of old, and its retired endpoint.
    expect(responseProblems(contract, exchange('GET', `${base}/address/${address}/confirmed/unspent`, 200, JSON.stringify([item])))).not.toEqual([]);
    expect(requestProblems(contract, exchange('GET', `${base}/address/${address}/unspent`, 200, JSON.stringify([item])))).not.toEqual([]);
    // Items without the fields the adapter reads, or under other names.
    const renamed = { result: [{ txid, vout: 1, satoshis: 154 }], error: '' };
    expect(responseProblems(contract, exchange('GET', `${base}/address/${address}/unconfirmed/unspent`, 200, JSON.stringify(renamed)))).not.toEqual([]);
    // A tip without bestblockhash, a header with bits as a number, a proof as an object of another format.
    expect(responseProblems(contract, exchange('GET', `${base}/chain/info`, 200, JSON.stringify({ chain: 'main', blocks: 1, headers: 1 })))).not.toEqual([]);
    const header = { hash: txid, height: 1, version: 1, merkleroot: txid, time: 1, bits: 0x207fffff, nonce: 0 };
    expect(responseProblems(contract, exchange('GET', `${base}/block/${txid}/header`, 200, JSON.stringify(header)))).not.toEqual([]);
    expect(responseProblems(contract, exchange('GET', `${base}/tx/${txid}/proof/tsc`, 200, JSON.stringify({ blockHeight: 1, path: [] })))).not.toEqual([]);
    // A status WhatsOnChain is not known to give, and a broadcast body under ARC's field name.
    expect(responseProblems(contract, exchange('GET', `${base}/tx/hash/${txid}`, 410, 'gone'))).not.toEqual([]);
    expect(requestProblems(contract, exchange('POST', `${base}/tx/raw`, 200, `"${txid}"`, JSON.stringify({ rawTx: '00' })))).not.toEqual([]);
  });
});
