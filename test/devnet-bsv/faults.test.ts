import { MerklePath } from '@bsv/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallbackReceiver } from './support/callback-receiver.ts';
import { arcStatus, broadcast, fundingUtxos, startTestDevnet, woc, type TestDevnet } from './support/devnet.ts';
import { buildSpend, changeOf, fundingAddress, type Utxo } from './support/wallet.ts';

let t: TestDevnet;
let utxos: Utxo[];
let next = 0;
const utxo = (): Utxo => utxos[next++]!;
beforeAll(async () => {
  t = await startTestDevnet({ outputs: 20 });
  utxos = await fundingUtxos(t.devnet);
});
afterAll(async () => t?.close());

const admin = async (path: string, body: unknown) => {
  const response = await fetch(`${t.devnet.arcUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('bsv devnet: faults', () => {
  it('answers 503 to the next N broadcasts without taking their transactions', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1 });
    t.devnet.faults.status5xx(1);
    expect((await broadcast(t.devnet, tx.toHex())).status).toBe(503);
    expect((await admin('/devnet/faults', { status5xx: 1 })).body['faults']).toMatchObject({ status5xx: 1 });
    expect((await fetch(`${t.devnet.wocUrl}/tx/raw`, { method: 'POST', body: JSON.stringify({ txhex: tx.toHex() }) })).status).toBe(503);
    expect((await arcStatus(t.devnet, tx.id('hex'))).status).toBe(404);
    expect((await broadcast(t.devnet, tx.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
  });

  it('holds answers past a client’s timeout while taking the transaction, so a retry finds it known', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1 });
    t.devnet.faults.delay(2_000, 1);
    const impatient = fetch(`${t.devnet.arcUrl}/v1/tx`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: tx.toHex(), signal: AbortSignal.timeout(200) });
    await expect(impatient).rejects.toThrow(/timeout|aborted/i);
    expect((await arcStatus(t.devnet, tx.id('hex'))).body.txStatus).toBe('SEEN_ON_NETWORK');
    expect((await broadcast(t.devnet, tx.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
  });

  it('hangs a broadcast as long as asked, and still stops at once', async () => {
    const other = await startTestDevnet({ outputs: 1 });
    const [input] = await fundingUtxos(other.devnet);
    const tx = await buildSpend({ inputs: [input!], records: 1 });
    other.devnet.faults.delay(600_000);
    const hanging = broadcast(other.devnet, tx.toHex()).then(
      () => 'answered',
      () => 'cut off',
    );
    while ((await arcStatus(other.devnet, tx.id('hex'))).status === 404) await new Promise((resolve) => setTimeout(resolve, 20));
    await other.close();
    expect(await hanging).toBe('cut off');
  });

  it('lets a later double spend win the race: both answered DOUBLE_SPEND_ATTEMPTED, then the later one mined and the first rejected', async () => {
    const shared = utxo();
    const first = await buildSpend({ inputs: [shared], records: 1 });
    const second = await buildSpend({ inputs: [shared], records: 2 });
    expect((await broadcast(t.devnet, first.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    expect((await admin('/devnet/faults', { doubleSpendWins: 1 })).body['faults']).toMatchObject({ doubleSpendWins: 1 });
    expect((await broadcast(t.devnet, second.toHex())).body).toMatchObject({ txStatus: 'DOUBLE_SPEND_ATTEMPTED', competingTxs: [first.id('hex')] });
    expect((await arcStatus(t.devnet, first.id('hex'))).body).toMatchObject({ txStatus: 'DOUBLE_SPEND_ATTEMPTED', competingTxs: [second.id('hex')] });
    const [block] = t.devnet.mine(1);
    expect(block!.txids).toContain(second.id('hex'));
    expect(block!.txids).not.toContain(first.id('hex'));
    expect((await arcStatus(t.devnet, second.id('hex'))).body).toMatchObject({ txStatus: 'MINED', extraInfo: 'previously double spend attempted' });
    expect((await arcStatus(t.devnet, first.id('hex'))).body).toMatchObject({ txStatus: 'REJECTED', extraInfo: 'double spend attempted' });
    expect(t.devnet.faults.pending()).toMatchObject({ doubleSpendWins: 0 });
  });

  it('accepts and then drops a transaction: it is never mined, is unknown afterwards, and its inputs stay unspent', async () => {
    const input = utxo();
    const tx = await buildSpend({ inputs: [input], records: 1 });
    await admin('/devnet/faults', { drop: 1 });
    expect((await broadcast(t.devnet, tx.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    expect((await arcStatus(t.devnet, tx.id('hex'))).status).toBe(404);
    const [block] = t.devnet.mine(1);
    expect(block!.txids).not.toContain(tx.id('hex'));
    const { result: unspent } = await woc<{ result: Array<{ tx_hash: string; tx_pos: number }> }>(t.devnet, `/address/${fundingAddress}/unspent/all`);
    expect(unspent.some((u) => u.tx_hash === input.txid && u.tx_pos === input.vout)).toBe(true);
    expect((await broadcast(t.devnet, tx.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK'); // a rebroadcast gets it in
    expect(t.devnet.mine(1)[0]!.txids).toEqual([tx.id('hex')]);
  });

  it('reorganises: a replaced inclusion reads MINED_IN_STALE_BLOCK (with callbacks), then MINED in a block of the new chain', async () => {
    const receiver = await startCallbackReceiver();
    try {
      const tx = await buildSpend({ inputs: [utxo()], records: 1 });
      await broadcast(t.devnet, tx.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/reorg` } });
      const [stale] = t.devnet.mine(1);
      const replaced = t.devnet.faults.reorg(1);
      expect(replaced.map((b) => b.height)).toEqual([stale!.height, stale!.height + 1]);
      expect(replaced.every((b) => b.txids.length === 0)).toBe(true);
      expect(t.devnet.tip()).toEqual({ height: stale!.height + 1, hash: replaced[1]!.hash });

      const staleStatus = (await arcStatus(t.devnet, tx.id('hex'))).body;
      expect(staleStatus).toMatchObject({ txStatus: 'MINED_IN_STALE_BLOCK', blockHash: stale!.hash, blockHeight: stale!.height });
      expect((await woc<{ confirmations: number }>(t.devnet, `/block/${stale!.hash}/header`)).confirmations).toBe(-1);

      const [again] = t.devnet.mine(1);
      const mined = (await arcStatus(t.devnet, tx.id('hex'))).body;
      expect(mined).toMatchObject({ txStatus: 'MINED', blockHash: again!.hash, blockHeight: stale!.height + 2 });
      const header = await woc<{ merkleroot: string }>(t.devnet, `/block/${again!.hash}/header`);
      expect(MerklePath.fromHex(mined.merklePath!).computeRoot(tx.id('hex'))).toBe(header.merkleroot);
      await receiver.until((all) => all.length === 3);
      expect(receiver.received.map((r) => [r.body['txStatus'], r.body['blockHash']])).toEqual([
        ['MINED', stale!.hash],
        ['MINED_IN_STALE_BLOCK', stale!.hash],
        ['MINED', again!.hash],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('reorganises with remine: the replaced transactions are in the first block of the new chain', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1 });
    await broadcast(t.devnet, tx.toHex());
    const [stale] = t.devnet.mine(1);
    const answer = await admin('/devnet/faults', { reorg: { depth: 1, remine: true } });
    const blocks = answer.body['reorg'] as Array<{ hash: string; height: number; txids: string[] }>;
    expect(blocks[0]).toMatchObject({ height: stale!.height, txids: [tx.id('hex')] });
    expect(blocks[0]!.hash).not.toBe(stale!.hash);
    expect((await arcStatus(t.devnet, tx.id('hex'))).body).toMatchObject({ txStatus: 'MINED', blockHash: blocks[0]!.hash });
  });

  it('reorganises dropping a transaction: it stays MINED_IN_STALE_BLOCK, its mempool child is rejected, its input is free again', async () => {
    const input = utxo();
    const parent = await buildSpend({ inputs: [input], records: 1 });
    const child = await buildSpend({ inputs: [changeOf(parent)], records: 1 });
    await broadcast(t.devnet, parent.toHex());
    t.devnet.mine(1);
    await broadcast(t.devnet, child.toHex());
    t.devnet.faults.reorg(1, { drop: [parent.id('hex')], remine: true });
    expect((await arcStatus(t.devnet, parent.id('hex'))).body.txStatus).toBe('MINED_IN_STALE_BLOCK');
    expect((await arcStatus(t.devnet, child.id('hex'))).body).toMatchObject({ txStatus: 'REJECTED', extraInfo: 'dropped from the network by a devnet reorg' });
    const { result: unspent } = await woc<{ result: Array<{ tx_hash: string; tx_pos: number }> }>(t.devnet, `/address/${fundingAddress}/unspent/all`);
    expect(unspent.some((u) => u.tx_hash === input.txid && u.tx_pos === input.vout)).toBe(true);
    expect(t.devnet.mine(1)[0]!.txids).toEqual([]);
    // Rebroadcast after the reorg: both are validated again and taken in.
    expect((await broadcast(t.devnet, parent.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    expect((await broadcast(t.devnet, child.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    expect(t.devnet.mine(1)[0]!.txids).toEqual([parent.id('hex'), child.id('hex')]);
  });

  it('refuses admin requests it cannot carry out with 400 and a message', async () => {
    expect(await admin('/devnet/faults', { reorg: { depth: 10_000 } })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/reorg depth must be an integer from 1 to/) } });
    expect(await admin('/devnet/faults', { drop: -1 })).toMatchObject({ status: 400, body: { message: 'bsv-devnet: drop must be a whole number ≥ 0, got -1' } });
    expect((await admin('/devnet/mine', { blocks: 2 })).body['blocks']).toHaveLength(2);
    t.devnet.faults.status5xx(3);
    expect((await admin('/devnet/faults', { clear: true })).body['faults']).toEqual({ status5xx: 0, delayMs: 0, delayCount: 0, drop: 0, doubleSpendWins: 0, dropCallbacks: 0 });
  });
});
