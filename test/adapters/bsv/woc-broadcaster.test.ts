import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainAdapter } from '../../../core/adapter/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from './support/adapter-on-devnet.ts';

let t: AdapterOnDevnet;
let viaWoc: ChainAdapter;
beforeAll(async () => {
  t = await startAdapterOnDevnet({ outputs: 6 });
  viaWoc = t.adapterWith({ broadcaster: 'woc' });
}, 120_000);
afterAll(async () => t?.close());

const build = () => viaWoc.build(batchRecords(2, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });

describe('bsv adapter on the devnet: WhatsOnChain as the broadcaster', () => {
  it('publishes through WhatsOnChain; a resubmission is already_known, before and after mining', async () => {
    const tx = await build();
    await t.expectLegacyValid(tx.raw);
    expect(await viaWoc.broadcast(tx)).toEqual({ kind: 'accepted' });
    expect(await viaWoc.broadcast(tx)).toEqual({ kind: 'already_known' });
    expect(await viaWoc.status(tx.txid)).toEqual({ kind: 'pending' });
    t.devnet.mine(1);
    expect(await viaWoc.status(tx.txid)).toMatchObject({ kind: 'mined', confirmations: 1 });
    expect(await viaWoc.broadcast(tx)).toEqual({ kind: 'already_known' });
  });

  it('maps the node’s refusals: mempool conflict → double_spend, missing inputs, garbage → invalid, 5xx → unavailable', async () => {
    const input = t.utxo();
    const a = await viaWoc.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
    const b = await viaWoc.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
    expect(await viaWoc.broadcast(a)).toEqual({ kind: 'accepted' });
    expect(await viaWoc.broadcast(b)).toEqual({ kind: 'rejected', reason: 'double_spend', detail: 'bsv: WhatsOnChain 400: 258: txn-mempool-conflict' });

    const ghost = { txid: randomBytes(32).toString('hex'), vout: 0, satoshis: 5_000n, lockingScript: input.lockingScript };
    const orphan = await viaWoc.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [ghost] });
    expect(await viaWoc.broadcast(orphan)).toMatchObject({ kind: 'rejected', reason: 'missing_inputs' });

    expect(await viaWoc.broadcast({ txid: randomBytes(32).toString('hex'), raw: randomBytes(80) })).toEqual({ kind: 'rejected', reason: 'invalid', detail: 'bsv: WhatsOnChain 400: TX decode failed' });

    const tx = await build();
    t.devnet.faults.status5xx(1);
    expect(await viaWoc.broadcast(tx)).toMatchObject({ kind: 'rejected', reason: 'unavailable' });
    expect(await viaWoc.broadcast(tx)).toEqual({ kind: 'accepted' });
  });
});
