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

describe('status once mined checks the data served against the signed header', () => {
  const serve = (tx: SignedTransaction, data: Uint8Array | undefined, header = decodeRaw(tx.raw).header) => {
    gateway.route('GET', `/tx/${tx.txid}/status`, mined);
    gateway.route('GET', `/tx/${tx.txid}`, { status: 200, body: JSON.stringify(header) });
    gateway.route('GET', `/${tx.txid}`, data === undefined ? { status: 404 } : { status: 200, body: data });
  };

  it('is mined when the data hashes to the signed data root, its confirmations those of the status body', async () => {
    serve(small, decodeRaw(small.raw).data);
    const status = await adapter.status(small.txid);
    expect(status).toEqual({ kind: 'mined', blockHeight: 90, blockHash: 'b'.repeat(64), confirmations: 10, proof: { dataRoot: decodeRaw(small.raw).header.data_root, dataSize: String(decodeRaw(small.raw).data.length), items: '3' } });
  });

  it('takes number_of_confirmations from the status, not the tip of /info (an ar.io gateway caches /info up to 120 s)', async () => {
    serve(small, decodeRaw(small.raw).data);
    gateway.route('GET', `/tx/${small.txid}/status`, { status: 200, body: JSON.stringify({ block_height: 90, block_indep_hash: 'b'.repeat(64), number_of_confirmations: 25 }) });
    gateway.route('GET', '/info', { status: 200, body: JSON.stringify({ network: 'fake', height: 95 }) });
    expect(await adapter.status(small.txid)).toMatchObject({ kind: 'mined', confirmations: 25 });
    expect(gateway.exchanges.filter((e) => e.path === '/info')).toEqual([]);
  });

  it('is unknown while the data is not served (the core then broadcasts the same bytes again)', async () => {
    const fresh = createArweaveAdapter({ gatewayUrl: gateway.url, network: 'fake', wallet, log: quietLog });
    serve(large, undefined);
    expect(await fresh.status(large.txid)).toEqual({ kind: 'unknown' });
  });

  it('is retried later when the gateway serves other bytes, or a header the operator did not sign', async () => {
    const fresh = () => createArweaveAdapter({ gatewayUrl: gateway.url, network: 'fake', wallet, log: quietLog });
    const data = Buffer.from(decodeRaw(large.raw).data);
    data[data.length - 1] = data[data.length - 1]! ^ 1;
    serve(large, data);
    expect(await fresh().status(large.txid)).toMatchObject({ kind: 'rejected', reason: 'unavailable', detail: expect.stringMatching(/do not hash to the signed data root/) });
    serve(large, decodeRaw(large.raw).data, { ...decodeRaw(large.raw).header, reward: '1' });
    expect(await fresh().status(large.txid)).toMatchObject({ kind: 'rejected', reason: 'unavailable', detail: expect.stringMatching(/did not sign/) });
  });

  it('is unknown for an id that is not an Arweave id, without asking', async () => {
    expect(await adapter.status('ab'.repeat(32))).toEqual({ kind: 'unknown' });
    expect(gateway.exchanges).toEqual([]);
  });

  it.each([
    [{ status: 202, body: 'Pending' }, { kind: 'pending' }],
    [{ status: 503, body: 'ArQL unavailable.' }, { kind: 'rejected', reason: 'unavailable' }],
    [{ status: 400, body: 'Invalid address.' }, { kind: 'rejected', reason: 'unavailable' }],
    // A node's status never answers 410 (handle_get_tx_status): nothing here is a refusal.
    [{ status: 410, body: 'overspend' }, { kind: 'rejected', reason: 'unavailable' }],
    [{ status: 410, body: 'tx_signature_not_valid' }, { kind: 'rejected', reason: 'unavailable' }],
    // A 200 without number_of_confirmations is not a node's mined status.
    [{ status: 200, body: JSON.stringify({ block_height: 90, block_indep_hash: 'b'.repeat(64) }) }, { kind: 'rejected', reason: 'unavailable' }],
    ['hang' as const, { kind: 'rejected', reason: 'timeout' }],
  ])('reads %j from /tx/{id}/status as %j', async (reply, expected) => {
    gateway.route('GET', `/tx/${small.txid}/status`, reply);
    expect(await adapter.status(small.txid)).toMatchObject(expected);
  });

  it.each([
    [{ status: 404, body: 'Not Found.' }, { kind: 'unknown' }],
    [{ status: 410, body: 'overspend' }, { kind: 'rejected', reason: 'insufficient_fee' }],
    [{ status: 410, body: 'tx_too_cheap tx_fields_too_large' }, { kind: 'rejected', reason: 'insufficient_fee' }],
    [{ status: 410, body: 'tx_signature_not_valid' }, { kind: 'rejected', reason: 'invalid' }],
    [{ status: 202, body: 'Pending' }, { kind: 'pending' }],
    [{ status: 503 }, { kind: 'unknown' }],
  ])('after a 404 status, reads %j from GET /tx/{id} (where a node keeps why it refused) as %j', async (reply, expected) => {
    gateway.route('GET', `/tx/${small.txid}/status`, { status: 404, body: 'Not Found.' });
    gateway.route('GET', `/tx/${small.txid}`, reply);
    expect(await adapter.status(small.txid)).toMatchObject(expected);
  });
});
