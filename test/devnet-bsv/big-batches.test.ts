import { MerklePath } from '@bsv/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arcStatus, broadcast, broadcastMany, fundingUtxos, legacyVerdict, startTestDevnet, woc, type TestDevnet } from './support/devnet.ts';
import { buildSpend, fundingLock, type Utxo } from './support/wallet.ts';

let t: TestDevnet;
let utxos: Utxo[];
beforeAll(async () => {
  t = await startTestDevnet({ outputs: 2 });
  utxos = await fundingUtxos(t.devnet);
});
afterAll(async () => t?.close());

describe('bsv devnet: big transactions and blocks', () => {
  it('accepts and mines a batch transaction of 1,000 OP_RETURN records', async () => {
    const tx = await buildSpend({ inputs: [utxos[0]!], records: 1000 });
    expect(tx.outputs).toHaveLength(1001);
    const answer = await broadcast(t.devnet, Buffer.from(tx.toBinary()), { contentType: 'application/octet-stream' });
    expect(answer.body.txStatus).toBe('SEEN_ON_NETWORK');
    expect(await legacyVerdict(t.devnet, tx.toHex())).toEqual([]);
    const [block] = t.devnet.mine(1);
    const mined = (await arcStatus(t.devnet, tx.id('hex'))).body;
    const header = await woc<{ merkleroot: string }>(t.devnet, `/block/${block!.hash}/header`);
    expect(MerklePath.fromHex(mined.merklePath!).computeRoot(tx.id('hex'))).toBe(header.merkleroot);
  });

  it('takes 1,000 transactions in one /v1/txs request and mines them into one block, each provable', async () => {
    const fanOut = await buildSpend({ inputs: [utxos[1]!], extra: Array.from({ length: 1000 }, () => ({ satoshis: 500, lockingScript: fundingLock })) });
    expect((await broadcast(t.devnet, fanOut.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    const spends = [];
    for (let vout = 0; vout < 1000; vout++) spends.push(await buildSpend({ inputs: [{ txid: fanOut.id('hex'), vout, satoshis: 500 }], records: 1, nativeSigning: true }));
    const batch = await broadcastMany(t.devnet, spends.map((tx) => tx.toHex()));
    expect(batch.body.filter((r) => r.txStatus === 'SEEN_ON_NETWORK')).toHaveLength(1000);

    const [block] = t.devnet.mine(1);
    expect(block!.txids).toHaveLength(1001);
    const header = await woc<{ merkleroot: string; num_tx: number }>(t.devnet, `/block/${block!.hash}/header`);
    expect(header.num_tx).toBe(1002);
    for (const tx of [fanOut, ...spends.filter((_, i) => i % 97 === 0), spends[999]!]) {
      const { body } = await arcStatus(t.devnet, tx.id('hex'));
      expect(MerklePath.fromHex(body.merklePath!).computeRoot(tx.id('hex'))).toBe(header.merkleroot);
    }
  });
});
