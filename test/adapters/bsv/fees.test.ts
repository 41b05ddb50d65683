import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedTransaction } from '../../../core/adapter/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { legacyTransaction } from './support/legacy-bsv.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from './support/adapter-on-devnet.ts';

let t: AdapterOnDevnet;
beforeAll(async () => {
  // A devnet whose policy asks 50 sat/kB, far above the adapter's default of 1.
  t = await startAdapterOnDevnet({ outputs: 6, devnet: { minFeeSatPerKb: 50 } });
}, 120_000);
afterAll(async () => t?.close());

/** The fee the transaction pays, from its bytes (bsv@1.5.6 reads them): inputs − outputs. */
function paidFee(tx: SignedTransaction, inputSatoshis: bigint): bigint {
  return inputSatoshis - legacyTransaction(tx.raw).outputs.reduce((sum, o) => sum + BigInt(o.satoshis), 0n);
}

describe('bsv adapter on the devnet: fees', () => {
  it('pays ARC’s policy miningFee when it is higher than the configured rate, ceil(size × rate / 1000)', async () => {
    const batch = batchRecords(200, ['bsv']);
    const input = t.utxo();
    const estimate = await t.adapter.estimate(batch);
    const tx = await t.adapter.build(batch, { model: 'utxo', inputs: [input] });
    expect(paidFee(tx, input.amount)).toBe(tx.fee);
    expect(tx.fee).toBeGreaterThanOrEqual(BigInt(Math.ceil((tx.raw.byteLength * 50) / 1000)));
    // At most the few bytes a shorter DER signature saves.
    expect(tx.fee).toBeLessThanOrEqual(BigInt(Math.ceil(((tx.raw.byteLength + 3) * 50) / 1000)));
    expect(estimate.amount).toBeGreaterThanOrEqual(tx.fee);
    expect(tx.change[0]!.amount).toBe(input.amount - tx.fee);
    expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
  });

  it('keeps a configured rate above the policy', async () => {
    const generous = t.adapterWith({ feeRateSatPerKb: 120 });
    const tx = await generous.build(batchRecords(20, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
    expect(tx.fee).toBeGreaterThanOrEqual(BigInt(Math.ceil((tx.raw.byteLength * 120) / 1000)));
    expect(await generous.broadcast(tx)).toEqual({ kind: 'accepted' });
  });

  it('is refused insufficient_fee when told to ignore the policy and pay its own lower rate', async () => {
    const stubborn = t.adapterWith({ useArcPolicyFee: false });
    const tx = await stubborn.build(batchRecords(20, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
    expect(await stubborn.broadcast(tx)).toMatchObject({ kind: 'rejected', reason: 'insufficient_fee' });
  });

  it('leaves out change under 1 satoshi: what is left over goes to the fee', async () => {
    const input = t.utxo();
    const probe = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
    const exact = { ...input, amount: probe.fee };
    const tx = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [exact] });
    expect(tx.change).toEqual([]);
    expect(legacyTransaction(tx.raw).outputs).toHaveLength(1);
    expect(tx.fee).toBe(probe.fee);
  });
});
