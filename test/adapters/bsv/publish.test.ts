import { MerklePath } from '@bsv/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchRecord, SignedTransaction } from '../../../core/adapter/index.ts';
import { arweaveRsaPssScheme } from '../../../core/schemes/index.ts';
import { verifyProof } from '../../../sdk/verify/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { startCallbackReceiver } from '../../devnet-bsv/support/callback-receiver.ts';
import { woc } from '../../devnet-bsv/support/devnet.ts';
import { legacyHeader } from '../../sdk/support/legacy-header.ts';
import { standaloneReceipt, testLogSigner } from '../../support/log-signer.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from './support/adapter-on-devnet.ts';

let t: AdapterOnDevnet;
beforeAll(async () => {
  t = await startAdapterOnDevnet({ outputs: 20, adapter: { maxRecordsPerTransaction: 5000 } });
}, 120_000);
afterAll(async () => t?.close());

/** Builds, checks with bsv@1.5.6, broadcasts (accepted) and mines one block. */
async function publishAndMine(batch: BatchRecord[]): Promise<SignedTransaction> {
  const tx = await t.adapter.build(batch, { model: 'utxo', inputs: [t.utxo()] });
  await t.expectLegacyValid(tx.raw);
  expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
  t.devnet.mine(1);
  return tx;
}

async function expectPathToBlock(txid: string): Promise<void> {
  const status = await t.adapter.status(txid);
  if (status.kind !== 'mined') throw new Error(`${txid} is ${status.kind}, not mined`);
  const header = await woc<{ merkleroot: string; height: number }>(t.devnet, `/block/${status.blockHash}/header`);
  expect(header.height).toBe(status.blockHeight);
  expect(MerklePath.fromHex(status.proof['merklePath']!).computeRoot(txid)).toBe(header.merkleroot);
  // The 80 bytes stored with the path, read by bsv@1.5.6: the block's id, its root, real work.
  expect(legacyHeader(status.proof['blockHeader']!)).toEqual({ hash: status.blockHash, merkleRoot: header.merkleroot, validProofOfWork: true });
}

describe('bsv adapter on the devnet: publishing batches', () => {
  it('publishes 1,000 records in one transaction that is accepted, mined and provable', async () => {
    const tx = await publishAndMine(batchRecords(1000, ['bsv']));
    expect(tx.locators).toEqual(Array.from({ length: 1000 }, (_, i) => String(i)));
    expect(tx.change[0]!.vout).toBe(1000);
    await expectPathToBlock(tx.txid);
  });

  it('builds 5,000 records in one transaction, which the devnet takes and mines', async () => {
    const batch = batchRecords(5000, ['bsv']);
    const tx = await publishAndMine(batch);
    // Each secp256k1 record output: 8 satoshi bytes, a 1-byte length, a 155-byte script.
    expect(tx.raw.byteLength).toBeGreaterThan(5000 * 164);
    await expectPathToBlock(tx.txid);
    await expect(t.adapter.build([...batch, ...batchRecords(1, ['bsv'])], { model: 'utxo', inputs: [t.utxo()] })).rejects.toThrow('bsv: a batch holds 1 to 5000 records, got 5001');
  });

  it('pays at least the policy fee on the real size, with change = inputs − outputs − fee, within the estimate', async () => {
    const batch = batchRecords(300, ['bsv']);
    const inputs = [t.utxo(), t.utxo()];
    const tx = await t.adapter.build(batch, { model: 'utxo', inputs });
    const totalIn = inputs.reduce((sum, u) => sum + u.amount, 0n);
    expect(tx.change).toHaveLength(1);
    expect(tx.change[0]!.amount).toBe(totalIn - tx.fee);
    expect(tx.fee).toBeGreaterThanOrEqual(BigInt(Math.ceil(tx.raw.byteLength / 1000)));
    expect(tx.fee).toBeLessThanOrEqual((await t.adapter.estimate(batch)).amount);
    expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
  });

  it('answers a resubmission as success: accepted while in the mempool, already_known once mined', async () => {
    const tx = await t.adapter.build(batchRecords(2, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
    expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
    expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
    t.devnet.mine(1);
    expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'already_known' });
  });

  it('follows a transaction: pending, mined with confirmations from the tip, pending after a reorg, mined again', async () => {
    const tx = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
    await t.adapter.broadcast(tx);
    expect(await t.adapter.status(tx.txid)).toEqual({ kind: 'pending' });
    const [block] = t.devnet.mine(1);
    expect(await t.adapter.status(tx.txid)).toMatchObject({ kind: 'mined', blockHeight: block!.height, blockHash: block!.hash, confirmations: 1 });
    t.devnet.mine(2);
    expect(await t.adapter.status(tx.txid)).toMatchObject({ kind: 'mined', blockHash: block!.hash, confirmations: 3 });

    t.devnet.faults.reorg(3);
    expect(await t.adapter.status(tx.txid)).toEqual({ kind: 'pending' });
    const [again] = t.devnet.mine(1);
    expect(again!.hash).not.toBe(block!.hash);
    expect(await t.adapter.status(tx.txid)).toMatchObject({ kind: 'mined', blockHash: again!.hash, blockHeight: again!.height, confirmations: 1 });
    await expectPathToBlock(tx.txid);
  });

  it('gives anchors the SDK verifies offline, Merkle path included, for secp256k1 and RSA creators', async () => {
    const batch = [...batchRecords(2, ['bsv']), ...batchRecords(1, ['bsv'], arweaveRsaPssScheme)];
    const tx = await publishAndMine(batch);
    const status = await t.adapter.status(tx.txid);
    if (status.kind !== 'mined') throw new Error(`not mined: ${status.kind}`);
    const log = testLogSigner();
    for (const [i, record] of batch.entries()) {
      const anchor = t.adapter.anchor({ txid: tx.txid, raw: tx.raw, locator: tx.locators[i]!, ...status });
      expect(Object.keys(anchor)).toEqual(['chain', 'network', 'txid', 'vout', 'rawTx', 'blockHash', 'blockHeight', 'blockHeader', 'merklePath', 'confirmations']);
      const receipt = standaloneReceipt(log, { recordId: record.recordId, creator: record.creator, targets: ['bsv'] });
      const report = await verifyProof(JSON.stringify({ intent: JSON.parse(record.intentJson), receipt, anchors: [anchor] }), { logKey: log.verifierKey });
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.checks.filter((c) => c.name.startsWith('bsv.')).map((c) => c.name)).toEqual(['bsv.txid', 'bsv.output', 'bsv.merkle-path', 'bsv.header', 'bsv.merkle-root', 'bsv.proof-of-work']);
      const header = await woc<{ merkleroot: string }>(t.devnet, `/block/${status.blockHash}/header`);
      expect(report.merkleRoots[0]).toMatchObject({ merkleRoot: header.merkleroot, txid: tx.txid, blockHeight: status.blockHeight });
    }
    // Another record's output is not this intent's.
    const wrong = t.adapter.anchor({ txid: tx.txid, raw: tx.raw, locator: tx.locators[1]!, ...status });
    const receipt = standaloneReceipt(log, { recordId: batch[0]!.recordId, creator: batch[0]!.creator, targets: ['bsv'] });
    const report = await verifyProof(JSON.stringify({ intent: JSON.parse(batch[0]!.intentJson), receipt, anchors: [wrong] }), { logKey: log.verifierKey });
    expect(report.checks.find((c) => c.name === 'bsv.output')).toMatchObject({ ok: false });
  });

  it('asks ARC to call back with the configured URL and token', async () => {
    const receiver = await startCallbackReceiver();
    try {
      const adapter = t.adapterWith({ callbackUrl: `${receiver.url}/bsv?node=1`, callbackToken: 'cb-secret' });
      const tx = await adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });
      expect(await adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
      t.devnet.mine(1);
      await receiver.until((all) => all.length === 1);
      expect(receiver.received[0]).toMatchObject({ path: '/bsv?node=1', headers: { authorization: 'Bearer cb-secret' }, body: { txid: tx.txid, txStatus: 'MINED' } });
    } finally {
      await receiver.close();
    }
  });

  it('reports itself healthy', async () => {
    expect(await t.adapter.health()).toEqual({ ok: true, detail: `bsv: ARC at ${t.devnet.arcUrl} is healthy` });
  });
});
