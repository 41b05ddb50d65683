import { randomBytes } from 'node:crypto';
import Arweave from 'arweave';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArweaveAdapter } from '../../adapters/arweave/index.ts';
import type { ChainAdapter, SignedTransaction } from '../../core/adapter/index.ts';
import { batchRecords } from '../../kit/batch-records.ts';
import { testOperatorKey } from '../../kit/start-plugin.ts';
import { testLogSigner } from '../support/log-signer.ts';
import { grantFor, newWallet, quietLog, startTestChain, type TestChain } from '../adapters/arweave/support.ts';

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain();
}, 120_000);
afterAll(async () => {
  await chain?.close();
});

async function publish(adapter: ChainAdapter, count: number): Promise<{ tx: SignedTransaction; recordIds: string[] }> {
  const batch = batchRecords(count, ['arweave']);
  const tx = await adapter.build(batch, await grantFor(adapter, batch));
  expect((await adapter.broadcast(tx)).kind).toBe('accepted');
  return { tx, recordIds: batch.map((r) => r.recordId) };
}

/** A checkpoint of `size` signed by a test log key, anchored through the adapter's checkpoints.build. */
async function anchor(adapter: ChainAdapter, size: number): Promise<{ tx: SignedTransaction; note: string }> {
  const signer = testLogSigner();
  const rootHash = randomBytes(32);
  const note = signer.signCheckpoint(size, rootHash);
  const checkpoint = { note, origin: note.slice(0, note.indexOf('\n')), treeSize: size, rootHash };
  const tx = await adapter.checkpoints!.build(checkpoint, { model: 'account', amount: (await adapter.checkpoints!.estimate(checkpoint)).amount });
  expect((await adapter.broadcast(tx)).kind).toBe('accepted');
  return { tx, note };
}

describe('the Arweave adapter finds its own transactions on the gateway (findPublished, for reconcile)', () => {
  it('reads back the mined bundles (Ed25519 and wallet items) and l1 transactions of the operator wallet with their records and checkpoint anchors, skips known ones and those below the height hint, and lists pending ones as unread', async () => {
    const ed25519 = chain.adapter({ itemKey: testOperatorKey() });
    const walletItems = chain.adapter({ itemSigner: 'wallet' });
    const l1 = chain.adapter({ mode: 'l1', maxRecordsPerTransaction: 1 });
    const published = [await publish(ed25519, 3), await publish(walletItems, 2), await publish(l1, 1)];
    // Checkpoint anchors (transparency-log.md §5): a bundle of one item, and a layer-1 transaction.
    const anchors = [await anchor(ed25519, 7), await anchor(l1, 9)];
    await chain.devnet.mine(1);
    // Someone else's bundle at the same gateway is not the operator's.
    const stranger = await newWallet();
    await chain.devnet.mint(await Arweave.init({}).wallets.jwkToAddress(stranger), 10n ** 14n);
    await publish(createArweaveAdapter({ gatewayUrl: chain.devnet.url, network: 'devnet', wallet: stranger, log: quietLog }), 1);
    await chain.devnet.mine(1);
    const pending = await publish(ed25519, 1);

    const found = await ed25519.findPublished!({ known: new Set() });
    const byTxid = new Map(found.transactions.map((t) => [t.txid, t]));
    expect([...byTxid.keys()].sort()).toEqual([...published, ...anchors].map((p) => p.tx.txid).sort());
    for (const { tx, recordIds } of published) {
      const back = byTxid.get(tx.txid)!;
      // The same bytes as written ahead: header and data as the adapter built them.
      expect(Buffer.from(back.raw).equals(Buffer.from(tx.raw))).toBe(true);
      expect(back.fee).toBe(tx.fee);
      expect(back.records).toEqual(recordIds.map((recordId, i) => ({ recordId, locator: tx.locators[i] })));
      expect(back.blockHeight).toBeGreaterThan(0);
      expect(back.checkpoints).toEqual([]);
    }
    for (const { tx, note } of anchors) {
      const back = byTxid.get(tx.txid)!;
      expect([back.records, back.checkpoints]).toEqual([[], [{ note, locator: tx.locators[0] }]]);
      expect(Buffer.from(back.raw).equals(Buffer.from(tx.raw))).toBe(true);
    }
    expect(found.unread).toEqual([{ txid: pending.tx.txid, why: 'pending: not mined yet' }]);

    const [first, ...rest] = published;
    const skipping = await l1.findPublished!({ known: new Set([first!.tx.txid, pending.tx.txid]) });
    expect(skipping.transactions.map((t) => t.txid).sort()).toEqual([...rest, ...anchors].map((p) => p.tx.txid).sort());
    expect(skipping.unread).toEqual([]);

    const above = await ed25519.findPublished!({ known: new Set([pending.tx.txid]), sinceHeight: Math.max(...found.transactions.map((t) => t.blockHeight)) + 1 });
    expect(above.transactions).toEqual([]);
  }, 300_000);

  it('follows the GraphQL cursor past a page (100 transactions)', async () => {
    const adapter = chain.adapter({ itemKey: testOperatorKey(), maxRecordsPerTransaction: 1 });
    const earlier = await adapter.findPublished!({ known: new Set() });
    const before = new Set([...earlier.transactions, ...earlier.unread].map((t) => t.txid));
    const posted: string[] = [];
    for (let i = 0; i < 105; i++) posted.push((await publish(adapter, 1)).tx.txid);
    await chain.devnet.mine(1);
    const found = await adapter.findPublished!({ known: before });
    expect(found.transactions.map((t) => t.txid).sort()).toEqual(posted.sort());
    expect(found.unread).toEqual([]);
  }, 300_000);
});
