import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperatorTransaction, SignedTransaction } from '../../../core/adapter/index.ts';
import { arweaveRsaPssScheme } from '../../../core/schemes/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from './support/adapter-on-devnet.ts';

let t: AdapterOnDevnet;
let read: (txid: string) => Promise<OperatorTransaction | undefined>;
beforeAll(async () => {
  t = await startAdapterOnDevnet({ outputs: 6, satoshis: 500_000 });
  const { funding } = t.adapter;
  if (funding.model !== 'utxo' || funding.readTransaction === undefined) throw new Error('the BSV adapter must read transactions back');
  read = funding.readTransaction.bind(funding);
}, 120_000);
afterAll(async () => t?.close());

/** What a read gives, with the bytes as hex (a Buffer and a Uint8Array of the same bytes compare equal so). */
async function readHex(txid: string): Promise<(Omit<OperatorTransaction, 'raw'> & { raw: string }) | undefined> {
  const tx = await read(txid);
  return tx && { ...tx, raw: Buffer.from(tx.raw).toString('hex') };
}

/** What the adapter built, as readTransaction must give it back. */
function asBuilt(tx: SignedTransaction, inputs: readonly { txid: string; vout: number }[], recordIds: readonly string[]) {
  return {
    txid: tx.txid,
    raw: Buffer.from(tx.raw).toString('hex'),
    operatorInputs: inputs.map(({ txid, vout }) => ({ txid, vout })),
    operatorOutputs: tx.change,
    records: recordIds.map((recordId, i) => ({ recordId, locator: tx.locators[i]! })),
    checkpoints: [],
  };
}

describe('bsv adapter on the devnet: reading a transaction back (funding.readTransaction)', () => {
  it('reads a published batch back, pending and once mined: its records at their locators, the inputs the key signed, its change', async () => {
    const batch = [...batchRecords(2, ['bsv']), ...batchRecords(1, ['bsv'], arweaveRsaPssScheme)];
    const inputs = [t.utxo(), t.utxo()];
    const tx = await t.adapter.build(batch, { model: 'utxo', inputs });
    expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
    const expected = asBuilt(tx, inputs, batch.map((r) => r.recordId));
    expect(expected.records.map((r) => r.locator)).toEqual(['0', '1', '2']);
    expect(expected.operatorOutputs).toHaveLength(1);
    expect(await readHex(tx.txid)).toEqual(expected);
    t.devnet.mine(1);
    expect(await readHex(tx.txid)).toEqual(expected);
  });

  it('reads a split back: the key signed its input, every output pays the key, no records', async () => {
    if (t.adapter.funding.model !== 'utxo') throw new Error('utxo funding expected');
    const input = t.utxo();
    const split = await t.adapter.funding.buildSplit([input], 3);
    expect(await t.adapter.broadcast(split)).toEqual({ kind: 'accepted' });
    const back = await readHex(split.txid);
    expect(back).toEqual(asBuilt(split, [input], []));
    expect(back!.operatorOutputs.length).toBeGreaterThanOrEqual(3);
  });

  it('reads the devnet’s funding transaction as no spend of the key, with its outputs to the key', async () => {
    const funded = t.utxo();
    const back = await read(funded.txid);
    expect(back?.operatorInputs).toEqual([]);
    expect(back?.records).toEqual([]);
    expect(back?.operatorOutputs).toContainEqual(funded);
  });

  it('answers undefined for a transaction the chain does not know', async () => {
    expect(await read('ab'.repeat(32))).toBeUndefined();
  });
});
