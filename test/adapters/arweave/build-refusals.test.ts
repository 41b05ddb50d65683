import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArweaveAdapterError, createArweaveAdapter } from '../../../adapters/arweave/index.ts';
import type { BatchRecord, ChainAdapter } from '../../../core/adapter/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { newWallet, quietLog } from './support.ts';

// No gateway listens here: every refusal below must come before the adapter asks anything.
const nowhere = 'http://127.0.0.1:9';
let wallet: JWKInterface;
const adapter = (mode: 'bundle' | 'l1' = 'bundle', maxRecordsPerTransaction?: number): ChainAdapter =>
  createArweaveAdapter({ gatewayUrl: nowhere, network: 'devnet', wallet, log: quietLog, mode, timeoutMs: 200, ...(maxRecordsPerTransaction ? { maxRecordsPerTransaction } : {}) });
const caught = async (promise: Promise<unknown>): Promise<ArweaveAdapterError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ArweaveAdapterError);
  return error as ArweaveAdapterError;
};

beforeAll(async () => {
  wallet = await newWallet();
});

describe('build refuses, before signing anything', () => {
  it('records whose tags can never fit, naming every one of them (too_large)', async () => {
    const [fine, other] = batchRecords(2, ['arweave']);
    // A creator address no scheme makes today: over ANS-104's 3072 bytes for one tag value.
    const huge: BatchRecord = { ...fine!, recordId: 'f'.repeat(64), creator: 'c'.repeat(3073) };
    const wide: BatchRecord = { ...other!, recordId: 'e'.repeat(64), creator: 'c'.repeat(2000), signatureText: 's'.repeat(2000) };
    const error = await caught(adapter().build([fine!, huge, other!, wide], { model: 'account', amount: 1n }));
    expect(error.reason).toBe('too_large');
    expect(error.recordIds).toEqual([huge.recordId, wide.recordId]);
    expect(error.message).toMatch(/^arweave: 2 record\(s\) can never be published on Arweave: f{64}: tag "Creator" takes 3073 bytes.*e{64}: its tags take \d+ bytes encoded, over ANS-104's 4096/);
  });

  it('a record larger than the adapter carries (capabilities.maxRecordBytes)', async () => {
    const [record] = batchRecords(1, ['arweave']);
    const a = adapter();
    const big: BatchRecord = { ...record!, intentJson: ' '.repeat(a.capabilities.maxRecordBytes + 1) };
    expect(await caught(a.build([big], { model: 'account', amount: 1n }))).toMatchObject({ reason: 'too_large', recordIds: [record!.recordId], message: expect.stringMatching(/its 10485761 bytes exceed the 10485760/) });
  });

  it('a record over 2048 bytes of layer-1 tags in l1 mode', async () => {
    const [record] = batchRecords(1, ['arweave']);
    const error = await caught(adapter('l1').build([{ ...record!, creator: 'c'.repeat(2000) }], { model: 'account', amount: 1n }));
    expect(error).toMatchObject({ reason: 'too_large', recordIds: [record!.recordId] });
    expect(error.message).toMatch(/over the 2048 bytes a layer-1 transaction allows/);
  });

  it('batches the contract does not allow, and UTXO grants', async () => {
    const three = batchRecords(3, ['arweave']);
    expect(await caught(adapter('bundle', 2).build(three, { model: 'account', amount: 1n }))).toMatchObject({ reason: 'batch', message: 'arweave: a batch holds 1 to 2 records, got 3' });
    expect(await caught(adapter('l1').build(three.slice(0, 2), { model: 'account', amount: 1n }))).toMatchObject({ reason: 'batch' });
    expect(await caught(adapter().build([], { model: 'account', amount: 1n }))).toMatchObject({ reason: 'batch' });
    expect(await caught(adapter().build(three, { model: 'utxo', inputs: [] }))).toMatchObject({ reason: 'batch', message: expect.stringMatching(/paid from the wallet balance/) });
    expect(await caught(adapter('l1').estimate(three))).toMatchObject({ reason: 'batch' });
  });

  it('and says so when the gateway cannot answer what it needs (gateway)', async () => {
    expect(await caught(adapter().build(batchRecords(1, ['arweave']), { model: 'account', amount: 1n }))).toMatchObject({ reason: 'gateway', message: expect.stringMatching(/^arweave: GET .*\/tx_anchor failed/) });
    expect(await caught(adapter().estimate(batchRecords(1, ['arweave'])))).toMatchObject({ reason: 'gateway' });
    const funding = adapter().funding;
    expect(funding.model).toBe('account');
    if (funding.model === 'account') expect(await caught(funding.balance())).toMatchObject({ reason: 'gateway' });
  });
});
