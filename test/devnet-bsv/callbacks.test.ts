import { MerklePath } from '@bsv/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcast, fundingUtxos, startTestDevnet, woc, type TestDevnet } from './support/devnet.ts';
import { startCallbackReceiver } from './support/callback-receiver.ts';
import { buildSpend, type Utxo } from './support/wallet.ts';

let t: TestDevnet;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
let utxos: Utxo[];
let next = 0;
const utxo = (): Utxo => utxos[next++]!;
beforeAll(async () => {
  t = await startTestDevnet({ outputs: 16, callbackBatchIntervalMs: 50 });
  utxos = await fundingUtxos(t.devnet);
  receiver = await startCallbackReceiver((path, count) => (path.startsWith('/flaky') && count === 1 ? 500 : path.startsWith('/moved') ? 302 : 200));
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

const statusesAt = (path: string) => receiver.received.filter((r) => r.path === path).map((r) => r.body['txStatus']);

describe('bsv devnet: ARC callbacks', () => {
  it('POSTs MINED to X-CallbackUrl with the X-CallbackToken as bearer and a verifiable Merkle path', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1 });
    await broadcast(t.devnet, tx.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/mined?ref=1`, 'X-CallbackToken': 'cb-token' } });
    const [block] = t.devnet.mine(1);
    await receiver.until(() => statusesAt('/mined?ref=1').length === 1);
    const [callback] = receiver.received.filter((r) => r.path === '/mined?ref=1');
    expect(callback!.headers['authorization']).toBe('Bearer cb-token');
    expect(callback!.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(Object.keys(callback!.body)).toEqual(['timestamp', 'txid', 'txStatus', 'extraInfo', 'merklePath', 'blockHash', 'blockHeight']);
    expect(callback!.body).toMatchObject({ txid: tx.id('hex'), txStatus: 'MINED', extraInfo: '', blockHash: block!.hash, blockHeight: block!.height });
    const header = await woc<{ merkleroot: string }>(t.devnet, `/block/${block!.hash}/header`);
    expect(MerklePath.fromHex(callback!.body['merklePath'] as string).computeRoot(tx.id('hex'))).toBe(header.merkleroot);
  });

  it('reports a double spend: DOUBLE_SPEND_ATTEMPTED with X-FullStatusUpdates, then MINED for the winner and REJECTED for the loser', async () => {
    const shared = utxo();
    const winner = await buildSpend({ inputs: [shared], records: 1 });
    const loser = await buildSpend({ inputs: [shared], records: 2 });
    await broadcast(t.devnet, winner.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/winner`, 'X-FullStatusUpdates': 'true' } });
    await broadcast(t.devnet, loser.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/loser` } });
    await receiver.until(() => statusesAt('/winner').includes('DOUBLE_SPEND_ATTEMPTED'));
    t.devnet.mine(1);
    await receiver.until(() => statusesAt('/winner').includes('MINED') && statusesAt('/loser').includes('REJECTED'));
    expect(statusesAt('/winner')).toEqual(['SEEN_ON_NETWORK', 'DOUBLE_SPEND_ATTEMPTED', 'MINED']);
    expect(statusesAt('/loser')).toEqual(['REJECTED']); // without full updates: only from REJECTED on, as ARC
    const byStatus = (path: string, status: string) => receiver.received.find((r) => r.path === path && r.body['txStatus'] === status)!.body;
    expect(byStatus('/winner', 'DOUBLE_SPEND_ATTEMPTED')['competingTxs']).toEqual([loser.id('hex')]);
    expect(byStatus('/winner', 'MINED')).toMatchObject({ extraInfo: 'previously double spend attempted' });
    expect(byStatus('/winner', 'MINED')['competingTxs']).toBeUndefined();
    expect(byStatus('/loser', 'REJECTED')).toMatchObject({ extraInfo: 'double spend attempted', competingTxs: [winner.id('hex')] });
  });

  it('registers a callback given when a known transaction is submitted again', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1 });
    await broadcast(t.devnet, tx.toHex());
    await broadcast(t.devnet, tx.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/later` } });
    t.devnet.mine(1);
    await receiver.until(() => statusesAt('/later').includes('MINED'));
  });

  it('retries a callback the receiver did not take, and never follows a redirect elsewhere', async () => {
    const flaky = await buildSpend({ inputs: [utxo()], records: 1 });
    const moved = await buildSpend({ inputs: [utxo()], records: 1 });
    await broadcast(t.devnet, flaky.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/flaky` } });
    await broadcast(t.devnet, moved.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/moved` } });
    t.devnet.mine(1);
    await receiver.until(() => statusesAt('/flaky').length === 2 && statusesAt('/moved').length >= 2);
    expect(statusesAt('/flaky')).toEqual(['MINED', 'MINED']);
    expect(statusesAt('/elsewhere')).toEqual([]);
  });

  it('sends batched callbacks (X-CallbackBatch: true) as ARC’s BatchCallback {count, callbacks}', async () => {
    const txs = [await buildSpend({ inputs: [utxo()], records: 1 }), await buildSpend({ inputs: [utxo()], records: 1 }), await buildSpend({ inputs: [utxo()], records: 1 })];
    for (const tx of txs) await broadcast(t.devnet, tx.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/batched`, 'X-CallbackToken': 'batch-token', 'X-CallbackBatch': 'true' } });
    const [block] = t.devnet.mine(1);
    const mined = () => receiver.received.filter((r) => r.path === '/batched').flatMap((r) => r.body['callbacks'] as Array<Record<string, unknown>>);
    await receiver.until(() => mined().length === 3);
    for (const r of receiver.received.filter((x) => x.path === '/batched')) {
      expect(r.headers['authorization']).toBe('Bearer batch-token');
      expect(Object.keys(r.body)).toEqual(['count', 'callbacks']);
      expect(r.body['count']).toBe((r.body['callbacks'] as unknown[]).length);
    }
    expect(mined().map((c) => c['txid']).sort()).toEqual(txs.map((tx) => tx.id('hex')).sort());
    for (const c of mined()) {
      expect(Object.keys(c)).toEqual(['timestamp', 'txid', 'txStatus', 'extraInfo', 'merklePath', 'blockHash', 'blockHeight']);
      expect(c).toMatchObject({ txStatus: 'MINED', blockHash: block!.hash, blockHeight: block!.height });
    }
  });

  it('refuses a callback URL holding http://localhost or https://localhost with 400, as ARC’s default rejectCallbackContaining, and takes 127.0.0.1', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1 });
    for (const url of ['http://localhost:9999/cb', 'https://localhost/cb', 'http://example.com/?next=http://localhost']) {
      const answer = await broadcast(t.devnet, tx.toHex(), { headers: { 'X-CallbackUrl': url } });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ status: 400, title: 'Bad request', extraInfo: 'callback URL not acceptable' });
    }
    expect((await broadcast(t.devnet, tx.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/loopback` } })).status).toBe(200);
  });

  it('loses callbacks while dropCallbacks is set (best effort, as ARC’s), and sends the next ones', async () => {
    const lost = await buildSpend({ inputs: [utxo()], records: 1 });
    const sent = await buildSpend({ inputs: [utxo()], records: 1 });
    t.devnet.mine(1); // earlier tests' transactions: their callbacks are not the ones to lose
    t.devnet.faults.dropCallbacks(1);
    await broadcast(t.devnet, lost.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/dropped` } });
    t.devnet.mine(1);
    await broadcast(t.devnet, sent.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/dropped` } });
    t.devnet.mine(1);
    await receiver.until(() => statusesAt('/dropped').length === 1);
    expect(receiver.received.filter((r) => r.path === '/dropped').map((r) => r.body['txid'])).toEqual([sent.id('hex')]);
    expect(t.devnet.faults.pending().dropCallbacks).toBe(0);
  });
});
