import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArweaveAdapter } from '../../adapters/arweave/index.ts';
import type { ChainAdapter } from '../../core/adapter/index.ts';
import { grantFor, newWallet, quietLog, startTestChain, type TestChain } from '../adapters/arweave/support.ts';
import { batchRecords } from '../conformance/batch-records.ts';
import { exercised, requestProblems, responseProblems, type Exchange, type HttpContract } from './http-contract.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';

/**
 * Issue 18: the Arweave HTTP API shapes the adapter relies on, kept in arweave-http-api.json
 * (rewritten from the Arweave node's and ar-io-node's sources, cited there). A real run of the
 * adapter against the devnet goes through a recording proxy; every request the adapter sent and
 * every answer the devnet gave must be one the contract describes, so a drift on either side (the
 * adapter's requests, or our stand-in's answers) fails here rather than on mainnet.
 */
const contract = JSON.parse(readFileSync(new URL('./arweave-http-api.json', import.meta.url), 'utf8')) as HttpContract;
let chain: TestChain;
let proxy: RecordingProxy;
let adapter: ChainAdapter;
/** Requests the test itself sends to reach answers the adapter's run does not meet: their answers are checked, not their requests. */
const probes: Exchange[] = [];

beforeAll(async () => {
  chain = await startTestChain();
  proxy = await startRecordingProxy(chain.devnet.url);
  adapter = createArweaveAdapter({ gatewayUrl: proxy.url, network: 'devnet', wallet: chain.wallet, log: quietLog, confirmationDepth: 2 });
  await realRun();
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await chain?.close();
});

async function realRun(): Promise<void> {
  expect(await adapter.health()).toMatchObject({ ok: true });
  if (adapter.funding.model === 'account') await adapter.funding.balance();
  const smallBatch = batchRecords(3, ['arweave']);
  const small = await adapter.build(smallBatch, await grantFor(adapter, smallBatch));
  expect(await adapter.broadcast(small)).toEqual({ kind: 'accepted' });
  expect(await adapter.status(small.txid)).toEqual({ kind: 'pending' });

  const largeBatch = batchRecords(200, ['arweave']);
  const large = await adapter.build(largeBatch, await grantFor(adapter, largeBatch));
  chain.devnet.faults.unseenHeaders(1);
  expect(await adapter.broadcast(large)).toMatchObject({ kind: 'rejected', reason: 'unavailable' });
  expect(await adapter.broadcast(large)).toEqual({ kind: 'already_known' });

  await chain.devnet.mine(2);
  for (const tx of [small, large]) expect(await adapter.status(tx.txid)).toMatchObject({ kind: 'mined', confirmations: 2 });
  expect(await adapter.broadcast(small)).toEqual({ kind: 'already_known' });

  const poor = createArweaveAdapter({ gatewayUrl: proxy.url, network: 'devnet', wallet: await newWallet(), log: quietLog });
  const unpaid = await poor.build(smallBatch, await grantFor(poor, smallBatch));
  expect(await poor.broadcast(unpaid)).toMatchObject({ kind: 'rejected', reason: 'insufficient_fee' });
  expect(await poor.status(unpaid.txid)).toMatchObject({ kind: 'rejected', reason: 'insufficient_fee' });
  expect(await adapter.status(randomBytes(32).toString('base64url'))).toEqual({ kind: 'unknown' });

  const before = proxy.exchanges.length;
  const oversized = JSON.stringify({ data_root: 'x', data_size: '1', data_path: 'x', offset: '0', chunk: 'x'.repeat(400_000) });
  await fetch(`${proxy.url}/chunk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: oversized });
  await fetch(`${proxy.url}/tx`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  probes.push(...proxy.exchanges.slice(before));
}

const adapterExchanges = () => proxy.exchanges.filter((exchange) => !probes.includes(exchange));
const seen = (exchanges: Exchange[]) => exercised(contract, exchanges);

describe('the Arweave HTTP API contract (test/contract/arweave-http-api.json)', () => {
  it('holds for every request the adapter sent in a real run against the devnet', () => {
    expect(adapterExchanges().flatMap((exchange) => requestProblems(contract, exchange))).toEqual([]);
  });

  it('holds for every answer the devnet gave', () => {
    expect(proxy.exchanges.flatMap((exchange) => responseProblems(contract, exchange))).toEqual([]);
  });

  it('was exercised on every endpoint the adapter calls, refusals included', () => {
    const statuses = seen(proxy.exchanges);
    for (const expected of [
      'GET /info 200',
      'GET /wallet/{address}/balance 200',
      'GET /price/{bytes} 200',
      'GET /tx_anchor 200',
      'POST /tx 200',
      'POST /tx 208',
      'POST /tx 400',
      'POST /chunk 200',
      'POST /chunk 400',
      'POST /chunk 413',
      'GET /tx/{id}/status 200',
      'GET /tx/{id}/status 202',
      'GET /tx/{id}/status 404',
      'GET /tx/{id} 200',
      'GET /tx/{id} 404',
      'GET /tx/{id} 410',
      'GET /{id} (data) 200',
    ]) {
      expect(statuses).toContain(expected);
    }
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
    const id = 'a'.repeat(43);
    // arlocal's own answers, which the devnet front must not let through.
    expect(responseProblems(contract, exchange('GET', `/tx/${id}/status`, 200, 'Pending'))).not.toEqual([]);
    expect(responseProblems(contract, exchange('GET', `/tx/${id}/status`, 410, 'overspend'))).not.toEqual([]);
    expect(responseProblems(contract, exchange('POST', '/chunk', 400, '{"error":"data_root_not_found"}'))).not.toEqual([]);
    expect(responseProblems(contract, exchange('POST', '/tx', 410, '{"code":410,"msg":"You don\'t have enough tokens"}'))).not.toEqual([]);
    // Requests a node would misread: a tag with its keys swapped is dropped (and the signature
    // fails), offsets must be strings, accept: application/json turns /price into JSON.
    const header = JSON.parse(new TextDecoder().decode(adapterExchanges().find((e) => e.method === 'POST' && e.path === '/tx')!.requestBody)) as Record<string, unknown>;
    const swapped = { ...header, tags: [{ value: 'eA', name: 'eA' }] };
    expect(requestProblems(contract, exchange('POST', '/tx', 200, 'OK', JSON.stringify(swapped)))).toEqual([expect.stringMatching(/tags\[0\]: keys in the order value, name/)]);
    expect(requestProblems(contract, exchange('POST', '/chunk', 200, '', JSON.stringify({ data_root: 'x', data_size: '1', data_path: 'x', offset: 0, chunk: 'x' })))).not.toEqual([]);
    expect(requestProblems(contract, { ...exchange('GET', '/price/100', 200, '1'), requestHeaders: { accept: 'application/json' } })).not.toEqual([]);
  });
});
