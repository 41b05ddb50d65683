import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ChainAdapter, SignedTransaction } from '../../core/adapter/index.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from '../adapters/bsv/support/adapter-on-devnet.ts';
import { batchRecords } from '../conformance/batch-records.ts';
import { startCallbackReceiver } from '../devnet-bsv/support/callback-receiver.ts';
import { ARC_OPENAPI_TEXT, arcCallbackProblems, arcOpenApi, arcRequestProblems, arcResponseProblems } from './arc-openapi.ts';
import type { Exchange } from './http-contract.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';

/**
 * Issue 18: ARC's own published OpenAPI document (arc-openapi.yaml, bitcoin-sv/arc pkg/api/arc.yaml,
 * kept with its licence notice) validates, with a real OpenAPI validator (openapi-request-validator,
 * openapi-response-validator), every request the BSV adapter sends to ARC and every answer the BSV
 * devnet gives, and the callbacks the devnet sends. A real run of the adapter goes through a
 * recording proxy; the test's own probes reach the refusals the run does not meet (their answers
 * are checked, not their requests).
 */
const doc = arcOpenApi();
let t: AdapterOnDevnet;
let proxy: RecordingProxy;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
let adapter: ChainAdapter;
const probes: Exchange[] = [];

beforeAll(async () => {
  // 50 sat/kB, so an adapter told to ignore the policy and pay 1 is refused 465.
  t = await startAdapterOnDevnet({ outputs: 12, devnet: { minFeeSatPerKb: 50, callbackBatchIntervalMs: 50 } });
  proxy = await startRecordingProxy(t.devnet.arcUrl);
  receiver = await startCallbackReceiver();
  adapter = t.adapterWith({ arcUrl: proxy.url, callbackUrl: `${receiver.url}/arc`, callbackToken: 'contract-token' });
  await realRun();
}, 120_000);
afterAll(async () => {
  await receiver?.close();
  await proxy?.close();
  await t?.close();
});

const build = async (a: ChainAdapter, records = 1): Promise<SignedTransaction> => a.build(batchRecords(records, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });

async function realRun(): Promise<void> {
  expect(await adapter.health()).toMatchObject({ ok: true });
  await adapter.estimate(batchRecords(2, ['bsv']));
  const tx = await build(adapter, 3);
  expect(await adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
  expect(['accepted', 'already_known']).toContain((await adapter.broadcast(tx)).kind); // sent again: ARC answers its current status
  expect(await adapter.status(tx.txid)).toEqual({ kind: 'pending' });
  expect(await adapter.status(randomBytes(32).toString('hex'))).toEqual({ kind: 'unknown' });

  const stubborn = t.adapterWith({ arcUrl: proxy.url, useArcPolicyFee: false });
  expect(await stubborn.broadcast(await build(stubborn))).toMatchObject({ kind: 'rejected', reason: 'insufficient_fee' });

  // A double spend: both answered DOUBLE_SPEND_ATTEMPTED with competingTxs.
  const input = t.utxo();
  const first = await adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
  const second = await adapter.build(batchRecords(2, ['bsv']), { model: 'utxo', inputs: [input] });
  expect(await adapter.broadcast(first)).toEqual({ kind: 'accepted' });
  expect(await adapter.broadcast(second)).toEqual({ kind: 'accepted' });
  expect(await adapter.status(first.txid)).toEqual({ kind: 'pending' });

  t.devnet.mine(1);
  expect(await adapter.status(tx.txid)).toMatchObject({ kind: 'mined', confirmations: 1 });
  expect(await adapter.status(second.txid)).toMatchObject({ kind: 'rejected', reason: 'double_spend' });
  await receiver.until((all) => all.filter((r) => r.path === '/arc' && r.body['txStatus'] === 'MINED').length >= 2);

  // Batched callbacks, asked for with X-CallbackBatch.
  const batched = await build(adapter);
  await probe('POST', '/v1/tx', { 'content-type': 'text/plain', 'x-callbackurl': `${receiver.url}/batched`, 'x-callbackbatch': 'true' }, Buffer.from(batched.raw).toString('hex'));
  t.devnet.mine(1);
  await receiver.until((all) => all.some((r) => r.path === '/batched'));

  // Refusals the run does not meet.
  await probe('POST', '/v1/tx', { 'content-type': 'text/plain' }, 'not hex');
  const orphan = await build(adapter);
  const raw = Buffer.from(orphan.raw);
  raw.fill(0xcd, 5, 37); // the first input's previous txid: a parent nobody knows
  await probe('POST', '/v1/tx', { 'content-type': 'application/octet-stream' }, raw);
  await probe('POST', '/v1/tx', { 'content-type': 'text/plain', 'x-callbackurl': 'http://localhost:9/cb' }, Buffer.from((await build(adapter)).raw).toString('hex'));
  await probe('GET', `/v1/tx/${'00'.repeat(32)}`, {});
}

async function probe(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<void> {
  const response = await fetch(`${t.devnet.arcUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const responseBody = Buffer.from(await response.arrayBuffer());
  probes.push({ method, path, requestHeaders: headers, requestBody: Buffer.from(body ?? ''), status: response.status, responseBody });
}

describe('ARC’s published OpenAPI document against the BSV adapter and the devnet', () => {
  it('still has the defect corrected in memory (an upstream fix shows here)', () => {
    const raw = parse(ARC_OPENAPI_TEXT) as { components: { schemas: Record<string, { allOf?: Array<{ additionalProperties?: boolean }> }> } };
    expect(raw.components.schemas['PolicyResponse']!.allOf![1]!.additionalProperties).toBe(false);
  });

  it('the run met what it should: statuses 200, 404 and 465 from the adapter, 400 and 460 from the probes', () => {
    const statuses = new Set([...proxy.exchanges, ...probes].map((e) => `${e.method} ${e.path.replace(/[0-9a-f]{64}/, '{txid}')} ${e.status}`));
    for (const expected of ['GET /v1/health 200', 'GET /v1/policy 200', 'POST /v1/tx 200', 'POST /v1/tx 465', 'GET /v1/tx/{txid} 200', 'GET /v1/tx/{txid} 404', 'POST /v1/tx 400', 'POST /v1/tx 460']) {
      expect(statuses).toContain(expected);
    }
  });

  it('every request the adapter sent is one ARC documents', () => {
    expect(proxy.exchanges.length).toBeGreaterThan(10);
    expect(proxy.exchanges.flatMap((e) => arcRequestProblems(doc, e))).toEqual([]);
  });

  it('every answer the devnet gave, to the adapter and to the probes, is one ARC documents', () => {
    expect([...proxy.exchanges, ...probes].flatMap((e) => arcResponseProblems(doc, e))).toEqual([]);
  });

  it('every callback the devnet sent, single and batched, is ARC’s Callback or BatchedCallbacks', () => {
    const bodies = receiver.received.map((r) => r.body);
    expect(bodies.some((b) => 'count' in b)).toBe(true);
    expect(bodies.some((b) => b['txStatus'] === 'MINED')).toBe(true);
    expect(bodies.flatMap((b) => arcCallbackProblems(doc, b))).toEqual([]);
  });

  it('catches a drift: an undocumented status, a field of the wrong type, an unknown operation, a header of the wrong type', () => {
    const ok = proxy.exchanges.find((e) => e.method === 'GET' && e.path.startsWith('/v1/tx/') && e.status === 200)!;
    const body = JSON.parse(ok.responseBody.toString('utf8')) as Record<string, unknown>;
    expect(arcResponseProblems(doc, { ...ok, status: 402 })).toEqual([expect.stringMatching(/status 402 is not one ARC documents/)]);
    expect(arcResponseProblems(doc, { ...ok, responseBody: Buffer.from(JSON.stringify({ ...body, txStatus: 'PAID' })) })).not.toEqual([]);
    expect(arcResponseProblems(doc, { ...ok, responseBody: Buffer.from(JSON.stringify({ ...body, blockHeight: 'tall' })) })).not.toEqual([]);
    expect(arcRequestProblems(doc, { ...ok, path: '/v1/transaction' })).toEqual([expect.stringMatching(/no such operation/)]);
    const post = proxy.exchanges.find((e) => e.method === 'POST' && e.path === '/v1/tx')!;
    expect(arcRequestProblems(doc, { ...post, requestHeaders: { ...post.requestHeaders, 'x-maxtimeout': 'soon' } })).not.toEqual([]);
    expect(arcCallbackProblems(doc, { txid: 'ab', txStatus: 'MINED' })).not.toEqual([]);
  });
});
