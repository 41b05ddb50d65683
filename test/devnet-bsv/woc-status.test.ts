import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arcStatus, broadcast, fundingUtxos, startTestDevnet, woc, type TestDevnet } from './support/devnet.ts';
import { buildSpend, type Utxo } from './support/wallet.ts';

let t: TestDevnet;
let utxos: Utxo[];
beforeAll(async () => {
  t = await startTestDevnet({ outputs: 4 });
  utxos = await fundingUtxos(t.devnet);
});
afterAll(async () => t?.close());

const postWoc = (hex: string) => fetch(`${t.devnet.wocUrl}/tx/raw`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ txhex: hex }) });

describe('bsv devnet: ARC knows only what ARC received; WhatsOnChain answers for the rest', () => {
  it('a transaction sent through WhatsOnChain is 404 at ARC, pending then mined at WhatsOnChain with a TSC proof; sent to ARC too, ARC knows it', async () => {
    const tx = await buildSpend({ inputs: [utxos[0]!], records: 1 });
    const txid = tx.id('hex');
    expect((await postWoc(tx.toHex())).status).toBe(200);
    expect((await arcStatus(t.devnet, txid)).status).toBe(404);

    const unconfirmed = await woc<Record<string, unknown>>(t.devnet, `/tx/hash/${txid}`);
    expect(unconfirmed).toMatchObject({ txid, hash: txid, version: 1, locktime: 0 });
    expect(unconfirmed).not.toHaveProperty('blockhash');
    expect(unconfirmed).not.toHaveProperty('confirmations');
    const unminedProof = await fetch(`${t.devnet.wocUrl}/tx/${txid}/proof/tsc`);
    expect([unminedProof.status, await unminedProof.text()]).toEqual([200, '']);

    const [block] = t.devnet.mine(1);
    expect(block!.txids).toEqual([txid]);
    expect(await woc(t.devnet, `/tx/hash/${txid}`)).toMatchObject({ blockhash: block!.hash, blockheight: block!.height, confirmations: 1 });
    const proof = await woc<Array<Record<string, unknown>>>(t.devnet, `/tx/${txid}/proof/tsc`);
    expect(proof).toEqual([{ index: 1, txOrId: txid, target: block!.hash, nodes: [expect.stringMatching(/^[0-9a-f]{64}$/)] }]);
    expect((await arcStatus(t.devnet, txid)).status).toBe(404);

    expect((await broadcast(t.devnet, tx.toHex())).body).toMatchObject({ txStatus: 'MINED', blockHash: block!.hash });
    expect((await arcStatus(t.devnet, txid)).body).toMatchObject({ txStatus: 'MINED', blockHash: block!.hash });
  });

  it('a transaction nobody sent is 404 at both', async () => {
    const txid = 'ab'.repeat(32);
    expect((await fetch(`${t.devnet.wocUrl}/tx/hash/${txid}`)).status).toBe(404);
    expect((await fetch(`${t.devnet.wocUrl}/tx/${txid}/proof/tsc`)).status).toBe(404);
    expect((await arcStatus(t.devnet, txid)).status).toBe(404);
  });
});
