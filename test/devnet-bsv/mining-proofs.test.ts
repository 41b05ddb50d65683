import { MerklePath } from '@bsv/sdk';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arcStatus, broadcast, fundingUtxos, legacyVerdict, startTestDevnet, woc, type TestDevnet } from './support/devnet.ts';
import { buildSpend, changeOf, fundingAddress, type Utxo } from './support/wallet.ts';

interface WocHeader {
  hash: string;
  height: number;
  version: number;
  merkleroot: string;
  time: number;
  bits: string;
  nonce: number;
  confirmations: number;
  previousblockhash?: string;
  nextblockhash?: string;
  nTx: number;
  num_tx: number;
}

let t: TestDevnet;
let utxos: Utxo[];
let next = 0;
const utxo = (): Utxo => utxos[next++]!;
beforeAll(async () => {
  t = await startTestDevnet({ outputs: 60 });
  utxos = await fundingUtxos(t.devnet);
});
afterAll(async () => t?.close());

/** The 80-byte header rebuilt from WoC's fields, hashed: a header is real when it hashes to its id. */
function headerHash(h: WocHeader): string {
  const buf = Buffer.alloc(80);
  buf.writeInt32LE(h.version, 0);
  Buffer.from(h.previousblockhash ?? '0'.repeat(64), 'hex').reverse().copy(buf, 4);
  Buffer.from(h.merkleroot, 'hex').reverse().copy(buf, 36);
  buf.writeUInt32LE(h.time, 68);
  buf.writeUInt32LE(parseInt(h.bits, 16), 72);
  buf.writeUInt32LE(h.nonce, 76);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest();
  return sha(sha(buf)).reverse().toString('hex');
}

async function expectProvenInBlock(txid: string): Promise<WocHeader> {
  const { body } = await arcStatus(t.devnet, txid);
  expect(body.txStatus).toBe('MINED');
  const path = MerklePath.fromHex(body.merklePath!);
  expect(path.blockHeight).toBe(body.blockHeight);
  const header = await woc<WocHeader>(t.devnet, `/block/${body.blockHash}/header`);
  expect(path.computeRoot(txid)).toBe(header.merkleroot);
  expect(headerHash(header)).toBe(header.hash);
  expect(header.height).toBe(body.blockHeight);
  return header;
}

describe('bsv devnet: mining and proofs', () => {
  it('mines accepted transactions into a block whose header the Merkle path of each of them verifies against', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 4 });
    await broadcast(t.devnet, tx.toHex());
    const [block] = t.devnet.mine(1);
    expect(block!.txids).toEqual([tx.id('hex')]);
    const header = await expectProvenInBlock(tx.id('hex'));
    expect(header).toMatchObject({ hash: block!.hash, confirmations: 1, bits: '207fffff', nTx: 0, num_tx: 2 });
    // WhatsOnChain's fields and order (wallet-toolbox's quoted answer; no nextblockhash at the tip).
    expect(Object.keys(header)).toEqual(['hash', 'confirmations', 'size', 'height', 'version', 'versionHex', 'merkleroot', 'time', 'mediantime', 'nonce', 'bits', 'difficulty', 'chainwork', 'previousblockhash', 'nTx', 'num_tx']);
    expect(await woc<WocHeader>(t.devnet, `/block/${header.height}/header`)).toEqual(header);
    expect(BigInt(`0x${header.hash}`) <= 0x7fffffn << 232n).toBe(true); // real proof of work at regtest difficulty
    expect(header.previousblockhash).toBe((await woc<WocHeader>(t.devnet, `/block/height/${header.height - 1}`)).hash);
    expect(await legacyVerdict(t.devnet, tx.toHex())).toEqual([]);
  });

  it('proves every transaction of a block of many, including parents and children and an odd count', async () => {
    const txs = [];
    for (let i = 0; i < 20; i++) {
      const parent = await buildSpend({ inputs: [utxo()], records: 2 });
      txs.push(parent, await buildSpend({ inputs: [changeOf(parent)], records: 1 }));
    }
    txs.push(await buildSpend({ inputs: [utxo()], records: 1 }));
    for (const tx of txs) expect((await broadcast(t.devnet, tx.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    const [block] = t.devnet.mine(1);
    const listed = await woc<{ tx: string[]; txcount: number; height: number }>(t.devnet, `/block/height/${block!.height}`);
    expect(listed.txcount).toBe(42);
    expect(listed.tx.slice(1)).toEqual(txs.map((tx) => tx.id('hex')));
    for (const tx of txs) await expectProvenInBlock(tx.id('hex'));
    const tip = await woc<{ blocks: number; bestblockhash: string; chain: string }>(t.devnet, '/chain/info');
    expect(tip).toMatchObject({ blocks: block!.height, bestblockhash: block!.hash, chain: 'regtest' });
  });

  it('serves raw transactions and the funding address’s UTXOs as WhatsOnChain does', async () => {
    const spent = utxo();
    const tx = await buildSpend({ inputs: [spent], records: 1 });
    await broadcast(t.devnet, tx.toHex());
    expect(await woc<string>(t.devnet, `/tx/${tx.id('hex')}/hex`)).toBe(tx.toHex());
    type Listed = { address: string; script: string; result: Array<Record<string, unknown>>; error: string; nextPageToken?: string };
    const list = (path: string) => woc<Listed>(t.devnet, `/address/${fundingAddress}/${path}`);
    const change = changeOf(tx);
    // WoC's documented shapes: spent-in-mempool outputs stay listed, flagged; mempool outputs carry their script.
    const confirmed = await list('confirmed/unspent');
    expect(confirmed).toMatchObject({ address: fundingAddress, script: expect.stringMatching(/^[0-9a-f]{64}$/), error: '' });
    expect(confirmed.result.find((u) => u['tx_hash'] === spent.txid && u['tx_pos'] === spent.vout)).toEqual({ height: 1, tx_pos: spent.vout, tx_hash: spent.txid, value: spent.satoshis, isSpentInMempoolTx: true });
    const unconfirmed = await list('unconfirmed/unspent');
    expect(unconfirmed.result.find((u) => u['tx_hash'] === change.txid)).toEqual({ tx_pos: change.vout, tx_hash: change.txid, value: change.satoshis, isSpentInMempoolTx: false, hex: expect.stringMatching(/^76a914[0-9a-f]{40}88ac$/) });
    const all = await list('unspent/all');
    expect(all.result.filter((u) => u['tx_hash'] === change.txid)).toMatchObject([{ status: 'unconfirmed' }]);
    expect(all.result.length).toBe(confirmed.result.length + unconfirmed.result.length);

    const [block] = t.devnet.mine(1);
    const after = await list('confirmed/unspent');
    expect(after.result.find((u) => u['tx_hash'] === change.txid)).toMatchObject({ height: block!.height, isSpentInMempoolTx: false });
    expect(after.result.find((u) => u['tx_hash'] === spent.txid && u['tx_pos'] === spent.vout)).toBeUndefined();

    // Confirmed outputs come in pages: limit, then the token of the next page.
    const pages: Array<Record<string, unknown>> = [];
    let token: string | undefined;
    do {
      const page = await list(`confirmed/unspent?limit=3${token ? `&token=${token}` : ''}`);
      expect(page.result.length).toBeLessThanOrEqual(3);
      pages.push(...page.result);
      token = page.nextPageToken;
    } while (token);
    expect(pages).toEqual(after.result);
    expect((await fetch(`${t.devnet.wocUrl}/tx/${'ef'.repeat(32)}/hex`)).status).toBe(404);
  });

  it('broadcasts through WhatsOnChain’s tx/raw with its answers: the txid, or the node’s reason as text', async () => {
    const shared = utxo();
    const tx = await buildSpend({ inputs: [shared], records: 1 });
    const post = (txhex: string) => fetch(`${t.devnet.wocUrl}/tx/raw`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ txhex }) });
    const ok = await post(tx.toHex());
    expect([ok.status, await ok.json()]).toEqual([200, tx.id('hex')]);
    const again = await post(tx.toHex());
    expect([again.status, await again.text()]).toEqual([400, '257: txn-already-known']);
    const rival = await post((await buildSpend({ inputs: [shared], records: 2 })).toHex());
    expect([rival.status, await rival.text()]).toEqual([400, '258: txn-mempool-conflict']);
    const orphan = await post((await buildSpend({ inputs: [{ txid: '12'.repeat(32), vout: 1, satoshis: 1000 }] })).toHex());
    expect([orphan.status, await orphan.text()]).toEqual([400, 'Missing inputs']);
  });
});

describe('bsv devnet: interval mining', () => {
  it('mines on its own every blockIntervalMs, so X-WaitFor: MINED answers MINED', async () => {
    const timed = await startTestDevnet({ blockIntervalMs: 200 });
    try {
      const [input] = await fundingUtxos(timed.devnet);
      const tx = await buildSpend({ inputs: [input!], records: 1 });
      const answer = await broadcast(timed.devnet, tx.toHex(), { headers: { 'X-WaitFor': 'MINED', 'X-MaxTimeout': '10' } });
      expect(answer.body.txStatus).toBe('MINED');
      expect(MerklePath.fromHex(answer.body.merklePath!).computeRoot(tx.id('hex'))).toBe(
        (await woc<WocHeader>(timed.devnet, `/block/${answer.body.blockHash}/header`)).merkleroot,
      );
    } finally {
      await timed.close();
    }
  });
});
