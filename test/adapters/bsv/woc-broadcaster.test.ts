import { randomBytes } from 'node:crypto';
import { MerklePath } from '@bsv/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTscProof, tscToBump } from '../../../adapters/bsv/tsc-proof.ts';
import type { ChainAdapter } from '../../../core/adapter/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from './support/adapter-on-devnet.ts';

let t: AdapterOnDevnet;
let viaWoc: ChainAdapter;
beforeAll(async () => {
  t = await startAdapterOnDevnet({ outputs: 12 });
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

  // ARC's GET /v1/tx/{txid} knows only what ARC received: a transaction sent to WhatsOnChain alone is
  // 404 there, so its status must come from WhatsOnChain (tx/hash, then tx/{txid}/proof/tsc).
  it('follows a transaction sent only to WhatsOnChain to mined, from WhatsOnChain, though ARC never heard of it', async () => {
    const first = await build();
    const second = await build();
    expect(await viaWoc.broadcast(first)).toEqual({ kind: 'accepted' });
    expect(await viaWoc.broadcast(second)).toEqual({ kind: 'accepted' });
    expect((await fetch(`${t.devnet.arcUrl}/v1/tx/${first.txid}`)).status).toBe(404);
    expect(await t.adapter.status(first.txid)).toEqual({ kind: 'unknown' });
    expect(await viaWoc.status(first.txid)).toEqual({ kind: 'pending' });
    const [block] = t.devnet.mine(1);
    expect(block!.txids).toEqual([first.txid, second.txid]);
    const mined = [await viaWoc.status(first.txid), await viaWoc.status(second.txid)];
    expect(mined).toMatchObject([
      { kind: 'mined', blockHash: block!.hash, blockHeight: block!.height, confirmations: 1 },
      { kind: 'mined', blockHash: block!.hash, blockHeight: block!.height, confirmations: 1 },
    ]);
    // The path built from WhatsOnChain's TSC proof is the BUMP ARC gives once it has the transaction too.
    for (const [i, tx] of [first, second].entries()) {
      expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'already_known' });
      const fromArc = await t.adapter.status(tx.txid);
      expect(fromArc).toMatchObject({ kind: 'mined', proof: { merklePath: (mined[i] as { proof: Record<string, string> }).proof['merklePath'] } });
    }
    expect(await viaWoc.status(randomBytes(32).toString('hex'))).toEqual({ kind: 'unknown' });
  });

  it('reads a TSC proof with "*" for a duplicated node as WhatsOnChain’s proof with the node in full', async () => {
    const tx = await build();
    const other = await build();
    await viaWoc.broadcast(tx);
    await viaWoc.broadcast(other);
    const [block] = t.devnet.mine(1);
    const last = block!.txids[block!.txids.length - 1]!;
    const answer = (await (await fetch(`${t.devnet.wocUrl}/tx/${last}/proof/tsc`)).json()) as unknown[];
    const proof = readTscProof(answer);
    if (typeof proof === 'string') throw new Error(proof);
    expect(proof).toMatchObject({ index: 2, txOrId: last, target: block!.hash });
    const starred = { ...proof, nodes: ['*', ...proof.nodes.slice(1)] };
    const root = (p: typeof proof) => MerklePath.fromHex(tscToBump(last, p, block!.height)).computeRoot(last);
    expect(root(starred)).toBe(root(proof));
    expect(readTscProof([])).toBe('no proof in the answer');
  });

  it('maps the node’s refusals: mempool conflict → double_spend, missing inputs, garbage → invalid, 5xx → unavailable', async () => {
    const input = t.utxo();
    const a = await viaWoc.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
    const b = await viaWoc.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
    expect(await viaWoc.broadcast(a)).toEqual({ kind: 'accepted' });
    expect(await viaWoc.broadcast(b)).toEqual({ kind: 'rejected', reason: 'double_spend', detail: 'bsv: WhatsOnChain 400: 258: txn-mempool-conflict' });

    const ghost = { txid: randomBytes(32).toString('hex'), vout: 0, amount: 5_000n, lockingScript: input.lockingScript };
    const orphan = await viaWoc.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [ghost] });
    expect(await viaWoc.broadcast(orphan)).toMatchObject({ kind: 'rejected', reason: 'missing_inputs' });

    expect(await viaWoc.broadcast({ txid: randomBytes(32).toString('hex'), raw: randomBytes(80) })).toEqual({ kind: 'rejected', reason: 'invalid', detail: 'bsv: WhatsOnChain 400: TX decode failed' });

    const tx = await build();
    t.devnet.faults.status5xx(1);
    expect(await viaWoc.broadcast(tx)).toMatchObject({ kind: 'rejected', reason: 'unavailable' });
    expect(await viaWoc.broadcast(tx)).toEqual({ kind: 'accepted' });
  });
});
