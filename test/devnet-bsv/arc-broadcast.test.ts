import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arcStatus, broadcast, broadcastMany, fundingUtxos, legacyVerdict, startTestDevnet, woc, type TestDevnet } from './support/devnet.ts';
import { buildSpend, changeOf, fundingAddress, toEF, type Utxo } from './support/wallet.ts';

let t: TestDevnet;
let utxos: Utxo[];
beforeAll(async () => {
  t = await startTestDevnet();
  utxos = await fundingUtxos(t.devnet);
});
afterAll(async () => t?.close());

describe('bsv devnet: ARC broadcast', () => {
  it('funds the configured address through the coinbase of block 1', async () => {
    expect(utxos).toHaveLength(10);
    const { result: listed } = await woc<{ result: Array<{ height: number; status: string }> }>(t.devnet, `/address/${fundingAddress}/unspent/all`);
    expect(listed.every((u) => u.height === 1 && u.status === 'confirmed')).toBe(true);
    expect(utxos.every((u) => u.satoshis === 1_000_000)).toBe(true);
  });

  it('accepts a signed batch transaction as hex text and answers SEEN_ON_NETWORK in ARC’s shape', async () => {
    const tx = await buildSpend({ inputs: [utxos[0]!], records: 5 });
    const answer = await broadcast(t.devnet, tx.toHex());
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['blockHash', 'blockHeight', 'competingTxs', 'extraInfo', 'merklePath', 'status', 'timestamp', 'title', 'txStatus', 'txid']);
    expect(answer.body).toMatchObject({ blockHash: '', blockHeight: 0, competingTxs: null, extraInfo: '', merklePath: '', status: 200, title: 'OK', txStatus: 'SEEN_ON_NETWORK', txid: tx.id('hex') });
    expect(await legacyVerdict(t.devnet, tx.toHex())).toEqual([]);

    const status = await arcStatus(t.devnet, tx.id('hex'));
    expect(status.status).toBe(200);
    expect(Object.keys(status.body)).toEqual(['blockHash', 'blockHeight', 'competingTxs', 'extraInfo', 'merklePath', 'timestamp', 'txStatus', 'txid']);
    expect(status.body.txStatus).toBe('SEEN_ON_NETWORK');
  });

  it('accepts {"rawTx"} JSON, octet-stream bytes and Extended Format alike', async () => {
    const asJson = await buildSpend({ inputs: [utxos[1]!], records: 1 });
    const asBytes = await buildSpend({ inputs: [utxos[2]!], records: 1 });
    const asEf = await buildSpend({ inputs: [utxos[3]!], records: 1 });
    const answers = [
      await broadcast(t.devnet, JSON.stringify({ rawTx: asJson.toHex() }), { contentType: 'application/json' }),
      await broadcast(t.devnet, Buffer.from(asBytes.toBinary()), { contentType: 'application/octet-stream' }),
      await broadcast(t.devnet, toEF(asEf, [utxos[3]!]), { contentType: 'text/plain' }),
    ];
    expect(answers.map((a) => [a.status, a.body.txStatus, a.body.txid])).toEqual([
      [200, 'SEEN_ON_NETWORK', asJson.id('hex')],
      [200, 'SEEN_ON_NETWORK', asBytes.id('hex')],
      [200, 'SEEN_ON_NETWORK', asEf.id('hex')],
    ]);
    for (const tx of [asJson, asBytes, asEf]) expect(await legacyVerdict(t.devnet, tx.toHex())).toEqual([]);
  });

  it('answers the status reached first at or after X-WaitFor (STORED) and SEEN_ON_NETWORK afterwards', async () => {
    const tx = await buildSpend({ inputs: [utxos[4]!], records: 1 });
    const answer = await broadcast(t.devnet, tx.toHex(), { headers: { 'X-WaitFor': 'STORED' } });
    expect(answer.body.txStatus).toBe('STORED');
    expect((await arcStatus(t.devnet, tx.id('hex'))).body.txStatus).toBe('SEEN_ON_NETWORK');
  });

  it('answers a known transaction with its current status, again and again (idempotent)', async () => {
    const tx = await buildSpend({ inputs: [utxos[5]!], records: 2 });
    const first = await broadcast(t.devnet, tx.toHex());
    const again = await broadcast(t.devnet, tx.toHex());
    const asEf = await broadcast(t.devnet, toEF(tx, [utxos[5]!]));
    expect([first, again, asEf].map((a) => [a.status, a.body.txStatus, a.body.txid])).toEqual(Array(3).fill([200, 'SEEN_ON_NETWORK', tx.id('hex')]));
    t.devnet.mine(1);
    const mined = await broadcast(t.devnet, tx.toHex());
    expect(mined.status).toBe(200);
    expect(mined.body.txStatus).toBe('MINED');
  });

  it('accepts chains of unconfirmed spends, one by one and as one /v1/txs batch of EF transactions', async () => {
    const a = await buildSpend({ inputs: [utxos[6]!], records: 1 });
    const b = await buildSpend({ inputs: [changeOf(a)], records: 1 });
    expect((await broadcast(t.devnet, a.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    expect((await broadcast(t.devnet, b.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    expect(await legacyVerdict(t.devnet, b.toHex())).toEqual([]);

    const chain = [await buildSpend({ inputs: [changeOf(b)], records: 3 })];
    for (let i = 0; i < 4; i++) chain.push(await buildSpend({ inputs: [changeOf(chain[i]!)], records: 3 }));
    const hexes = chain.map((tx, i) => toEF(tx, [i === 0 ? changeOf(b) : changeOf(chain[i - 1]!)]));
    const batch = await broadcastMany(t.devnet, hexes);
    expect(batch.status).toBe(200);
    expect(batch.body.map((r) => [r.txid, r.txStatus])).toEqual(chain.map((tx) => [tx.id('hex'), 'SEEN_ON_NETWORK']));
  });

  it('refuses, as ARC does, a raw child whose parent is sent in the same /v1/txs request (ARC cannot extend it)', async () => {
    const parent = await buildSpend({ inputs: [utxos[7]!], records: 1 });
    const child = await buildSpend({ inputs: [changeOf(parent)], records: 1 });
    const batch = await broadcastMany(t.devnet, [parent.toHex(), child.toHex()]);
    expect(batch.body.map((r) => [r.txid, r.txStatus ?? r.status])).toEqual([
      [parent.id('hex'), 'SEEN_ON_NETWORK'],
      [child.id('hex'), 460],
    ]);
  });

  it('serves ARC’s policy and health documents', async () => {
    const policy = (await (await fetch(`${t.devnet.arcUrl}/v1/policy`)).json()) as { policy: Record<string, unknown>; timestamp: string };
    expect(policy.policy).toEqual({
      maxscriptsizepolicy: 500_000,
      maxtxsigopscountspolicy: 4_294_967_295,
      maxtxsizepolicy: 10_000_000,
      miningFee: { bytes: 1000, satoshis: 1 },
      standardFormatSupported: true,
    });
    expect(await (await fetch(`${t.devnet.arcUrl}/v1/health`)).json()).toEqual({ healthy: true, reason: null, version: 'bsv-devnet' });
  });

  it('answers 404 in ARC’s error shape for an unknown transaction', async () => {
    const answer = await arcStatus(t.devnet, 'ab'.repeat(32));
    expect(answer).toEqual({
      status: 404,
      body: { detail: 'The requested resource could not be found', extraInfo: 'transaction not found', instance: null, status: 404, title: 'Not found', txid: null, type: 'https://bitcoin-sv.github.io/arc/#/errors?id=_404' },
    });
  });
});
