import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Utxo, UtxoFunding } from '../../../core/adapter/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from './support/adapter-on-devnet.ts';

let t: AdapterOnDevnet;
let funding: UtxoFunding;
beforeAll(async () => {
  t = await startAdapterOnDevnet({ outputs: 6, satoshis: 500_000 });
  if (t.adapter.funding.model !== 'utxo') throw new Error('utxo funding expected');
  funding = t.adapter.funding;
}, 120_000);
afterAll(async () => t?.close());

const key = (u: { txid: string; vout: number }) => `${u.txid}:${u.vout}`;

describe('bsv adapter on the devnet: UTXO funding', () => {
  it('lists the funding key’s unspent outputs with satoshis and locking script read from their transactions', async () => {
    const listed = await funding.listUnspent();
    expect(listed).toHaveLength(6);
    for (const utxo of listed) expect(utxo).toMatchObject({ amount: 500_000n, lockingScript: listed[0]!.lockingScript });
    expect(listed[0]!.lockingScript).toMatch(/^76a914[0-9a-f]{40}88ac$/);
  });

  it('looks outputs up: spent (also in the mempool) and unknown ones are absent, new change is present', async () => {
    const [spent, kept] = [t.utxo(), t.utxo()];
    const tx = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [spent] });
    expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
    const unknown = { txid: 'ab'.repeat(32), vout: 0 };
    const found = await funding.lookupOutputs([spent, kept, unknown, tx.change[0]!]);
    expect(found.map(key).sort()).toEqual([key(kept), key(tx.change[0]!)].sort());
    expect(found.find((u) => key(u) === key(tx.change[0]!))).toEqual(tx.change[0]);
    expect((await funding.listUnspent()).map(key)).not.toContain(key(spent));
  });

  // WhatsOnChain lists confirmed outputs 1,000 to a page (confirmed/unspent, nextPageToken) and keeps
  // outputs spent in the mempool, flagged isSpentInMempoolTx: both must be read as such.
  it('lists every output of a pool past 1,000 confirmed ones, page by page, and none spent in the mempool', async () => {
    const big = await startAdapterOnDevnet({ outputs: 2_345, satoshis: 1_000 });
    try {
      if (big.adapter.funding.model !== 'utxo') throw new Error('utxo funding expected');
      const listed = await big.adapter.funding.listUnspent();
      expect(listed).toHaveLength(2_345);
      expect(new Set(listed.map(key)).size).toBe(2_345);
      const spent = big.utxo();
      const tx = await big.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [spent] });
      expect(await big.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
      const after = (await big.adapter.funding.listUnspent()).map(key);
      expect(after).not.toContain(key(spent));
      expect(after).toContain(key(tx.change[0]!));
    } finally {
      await big.close();
    }
  }, 120_000);

  it('splits funding into count equal outputs plus change, all back to the pool, and batches can spend them unconfirmed', async () => {
    const input = t.utxo();
    const split = await funding.buildSplit([input], 10);
    await t.expectLegacyValid(split.raw);
    expect(split.locators).toEqual([]);
    expect(split.change).toHaveLength(11);
    const values = split.change.map((u) => u.amount);
    expect(new Set(values.slice(0, 10)).size).toBe(1);
    expect(values[10]! - values[0]!).toBeLessThan(11n);
    expect(values.reduce((sum, v) => sum + v, 0n) + split.fee).toBe(input.amount);
    expect(await t.adapter.broadcast(split)).toEqual({ kind: 'accepted' });
    expect((await funding.lookupOutputs(split.change)).map(key)).toEqual(split.change.map(key));

    const spend: Utxo = split.change[3]!;
    const child = await t.adapter.build(batchRecords(2, ['bsv']), { model: 'utxo', inputs: [spend] });
    await t.expectLegacyValid(child.raw);
    expect(await t.adapter.broadcast(child)).toEqual({ kind: 'accepted' });
    await expect(funding.buildSplit([input], 0)).rejects.toThrow('bsv: a split needs a count from 1 to 100000, got 0');
    await expect(funding.buildSplit([split.change[0]!], 1_000_000 - 1)).rejects.toThrow(/^bsv: a split needs a count/);
    await expect(funding.buildSplit([{ ...split.change[0]!, amount: 50n }], 100)).rejects.toThrow('bsv: 50 satoshis cannot be split into 101 outputs after a fee of 4');
  });

  it('after a restart, still sends Extended Format: the spent outputs come from WhatsOnChain', async () => {
    const parent = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
    expect(await t.adapter.broadcast(parent)).toEqual({ kind: 'accepted' });
    const child = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [parent.change[0]!] });

    // A fresh adapter (another process) sends to an ARC that records what it gets.
    const bodies: Buffer[] = [];
    const arc = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ txid: child.txid, txStatus: 'SEEN_ON_NETWORK', extraInfo: '' }));
      });
    });
    await new Promise<void>((resolve) => arc.listen(0, '127.0.0.1', resolve));
    try {
      const restarted = t.adapterWith({ arcUrl: `http://127.0.0.1:${(arc.address() as AddressInfo).port}`, useArcPolicyFee: false });
      expect(await restarted.broadcast({ txid: child.txid, raw: child.raw })).toEqual({ kind: 'accepted' });
    } finally {
      await new Promise<void>((resolve) => arc.close(() => resolve()));
    }
    const ef = bodies[0]!;
    expect(ef.subarray(4, 10).toString('hex')).toBe('0000000000ef');
    // The input's source: 8-byte satoshis and the P2PKH script, right after its sequence.
    const source = Buffer.alloc(8);
    source.writeBigUInt64LE(parent.change[0]!.amount);
    expect(ef.includes(Buffer.concat([Buffer.from('ffffffff', 'hex'), source, Buffer.from([25]), Buffer.from(parent.change[0]!.lockingScript, 'hex')]))).toBe(true);
    expect(await t.adapter.broadcast(child)).toEqual({ kind: 'accepted' });
  });
});
