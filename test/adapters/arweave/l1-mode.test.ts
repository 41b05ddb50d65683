import Arweave from 'arweave';
import { computeRootHash } from 'arweave/node/lib/merkle.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRaw } from '../../../adapters/arweave/raw-transaction.ts';
import { recordTags } from '../../../adapters/arweave/record-tags.ts';
import type { BatchRecord, ChainAdapter, SignedTransaction, TxStatus } from '../../../core/adapter/index.ts';
import { arweaveRsaPssScheme } from '../../../core/schemes/index.ts';
import { verifyProof } from '../../../sdk/verify/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { transactionsByTag } from '../../devnet-arweave/support.ts';
import { grantFor, proofOf, startTestChain, type TestChain } from './support.ts';

let chain: TestChain;
let adapter: ChainAdapter;
const published: { record: BatchRecord; tx: SignedTransaction; status: Extract<TxStatus, { kind: 'mined' }> }[] = [];

beforeAll(async () => {
  chain = await startTestChain();
  adapter = chain.adapter({ mode: 'l1', confirmationDepth: 2 });
  for (const record of [...batchRecords(1, ['arweave']), ...batchRecords(1, ['arweave'], arweaveRsaPssScheme)]) {
    const tx = await adapter.build([record], await grantFor(adapter, [record]));
    expect(await adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
    expect(await adapter.status(tx.txid)).toEqual({ kind: 'pending' });
    await chain.devnet.mine(2);
    const status = await adapter.status(tx.txid);
    if (status.kind !== 'mined') throw new Error(`not mined: ${JSON.stringify(status)}`);
    published.push({ record, tx, status });
  }
}, 120_000);

afterAll(() => chain?.close());

describe('l1 mode on the devnet', () => {
  it('publishes each record as one layer-1 transaction located by its own id, paying its estimate', async () => {
    for (const { record, tx, status } of published) {
      expect(tx.locators).toEqual([tx.txid]);
      expect(tx.fee).toBe(BigInt(await (await fetch(`${chain.devnet.url}/price/${Buffer.byteLength(record.intentJson)}`)).text()));
      expect(status).toMatchObject({ confirmations: 2, proof: { dataRoot: decodeRaw(tx.raw).header.data_root } });
      expect(status.proof).not.toHaveProperty('items');
    }
  });

  it('signs a transaction that arweave-js verifies, with the envelope exactly as sent as its data', async () => {
    const arweave = Arweave.init({});
    for (const { record, tx } of published) {
      const header = (await (await fetch(`${chain.devnet.url}/tx/${tx.txid}`)).json()) as Record<string, unknown>;
      expect(await arweave.transactions.verify(arweave.transactions.fromRaw(header))).toBe(true);
      expect(header['owner']).toBe(chain.wallet.n);
      expect(await (await fetch(`${chain.devnet.url}/${tx.txid}`)).text()).toBe(record.intentJson);
    }
  });

  it('tags each transaction per §4, an RSA creator’s CreatorPubKey left out', async () => {
    const [secp, rsa] = published;
    const tagsOf = async (p: (typeof published)[number]) => {
      const nodes = await transactionsByTag(chain.devnet.url, 'Record-Id', p.record.recordId);
      expect(nodes.map((n) => [n.id, n.block?.height])).toEqual([[p.tx.txid, p.status.blockHeight]]);
      return nodes[0]!.tags;
    };
    expect(await tagsOf(secp!)).toEqual(recordTags(secp!.record, chain.address, 'item'));
    const rsaTags = await tagsOf(rsa!);
    expect(rsaTags.map((t) => t.name)).toEqual(['App-Name', 'App-Version', 'Content-Type', 'Record-Id', 'Creator', 'CreatorSig', 'SigningMethod', 'NodeOperator']);
    expect(rsaTags).toEqual(recordTags(rsa!.record, chain.address, 'l1'));
    expect(rsaTags.find((t) => t.name === 'SigningMethod')?.value).toBe('arweave-rsa-pss');
  });

  it('anchors a record with its signed transaction and data, which arweave-js and the SDK verify offline', async () => {
    const arweave = Arweave.init({});
    for (const { record, tx, status } of published) {
      const anchor = adapter.anchor({ txid: tx.txid, raw: tx.raw, locator: tx.txid, ...status }) as { tx: Record<string, unknown>; data: string };
      const { data: _none, ...header } = decodeRaw(tx.raw).header;
      expect(anchor).toEqual({ chain: 'arweave', network: 'devnet', id: tx.txid, tx: header, data: Buffer.from(record.intentJson).toString('base64url'), blockHash: status.blockHash, blockHeight: status.blockHeight, confirmations: status.confirmations });
      // Independently: arweave-js verifies the header's signature and computes the same data root.
      expect(await arweave.transactions.verify(arweave.transactions.fromRaw({ ...anchor.tx, data: '' }))).toBe(true);
      expect(Buffer.from(await computeRootHash(Buffer.from(anchor.data, 'base64url'))).toString('base64url')).toBe(anchor.tx['data_root']);
      const report = await verifyProof(proofOf(record, anchor));
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      expect(report.checks.filter((check) => check.name.startsWith('arweave.')).map((check) => check.name)).toEqual(['arweave.tx', 'arweave.data', 'arweave.data-root', 'arweave.tags']);
      expect(report.onlineOnly[0]?.claim).toBe(`transaction ${tx.txid} is in block ${status.blockHash} at height ${status.blockHeight} of the best chain, with ${status.confirmations} or more confirmations`);

      const changed = Buffer.from(record.intentJson.replace('"record":{', '"record":{"x":1,'));
      const tampered = await verifyProof(proofOf(record, { ...anchor, data: changed.toString('base64url') }));
      expect(tampered.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(['arweave.data', 'arweave.data-root']);
      const { tx: _tx, data: _data, ...older } = anchor;
      const bare = await verifyProof(proofOf(record, older));
      expect(bare.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(['arweave.item']);
    }
    const { tx, status } = published[0]!;
    expect(() => adapter.anchor({ txid: tx.txid, raw: tx.raw, locator: 'x'.repeat(43), ...status })).toThrow(/carries one record, located by its own id/);
  });
});
