import { createHash } from 'node:crypto';
import { Bundle, DataItem } from 'arbundles';
import Arweave from 'arweave';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRaw } from '../../../adapters/arweave/raw-transaction.ts';
import { recordTags } from '../../../adapters/arweave/record-tags.ts';
import type { BatchRecord, ChainAdapter, SignedTransaction, TxStatus } from '../../../core/adapter/index.ts';
import { arweaveRsaPssScheme } from '../../../core/schemes/index.ts';
import { parseDataItem } from '../../../sdk/verify/arweave/parse-data-item.ts';
import { verifyItemSignature } from '../../../sdk/verify/arweave/verify-item-signature.ts';
import { verifyProof } from '../../../sdk/verify/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { graphql, transactionsByTag } from '../../devnet-arweave/support.ts';
import { itemKeyOf, testLogSigner } from '../../support/log-signer.ts';
import { grantFor, indexedByIds, proofOf, startTestChain, type TestChain } from './support.ts';

// Items signed with the operator's Ed25519 log key (type 2, the default) and with the wallet (type 1).
describe.each(['ed25519', 'wallet'] as const)('bundle mode on the devnet, items signed by the %s key', (itemSigner) => {
  const log = testLogSigner();
  const ed25519 = itemSigner === 'ed25519';
  let chain: TestChain;
  let adapter: ChainAdapter;
  let batch: BatchRecord[];
  let tx: SignedTransaction;
  let mined: Extract<TxStatus, { kind: 'mined' }>;
  const anchorOf = (i: number) => adapter.anchor({ txid: tx.txid, raw: tx.raw, locator: tx.locators[i]!, ...mined });

  beforeAll(async () => {
    chain = await startTestChain();
    adapter = chain.adapter(ed25519 ? { itemKey: itemKeyOf(log) } : { itemSigner: 'wallet' });
    // A secp256k1 creator and an RSA (arweave-rsa-pss) creator in one bundle.
    batch = [...batchRecords(3, ['arweave']), ...batchRecords(2, ['arweave'], arweaveRsaPssScheme)];
    tx = await adapter.build(batch, await grantFor(adapter, batch));
    expect(await adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
    await chain.devnet.mine(3);
    const status = await adapter.status(tx.txid);
    if (status.kind !== 'mined') throw new Error(`not mined: ${JSON.stringify(status)}`);
    mined = status;
  }, 120_000);

  afterAll(() => chain?.close());

  it('pays exactly the estimate, the gateway price of the bundle it builds', async () => {
    const bytes = decodeRaw(tx.raw).data.length;
    expect(tx.fee).toBe((await grantFor(adapter, batch)).amount);
    expect(tx.fee).toBe(BigInt(await (await fetch(`${chain.devnet.url}/price/${bytes}`)).text()));
  });

  it('counts confirmations from the tip: n after mine(n), the block holding the bundle counting one', async () => {
    expect(mined).toMatchObject({ confirmations: 3, proof: { items: '5', dataRoot: decodeRaw(tx.raw).header.data_root } });
    await chain.devnet.mine(2);
    expect(await adapter.status(tx.txid)).toMatchObject({ kind: 'mined', blockHeight: mined.blockHeight, blockHash: mined.blockHash, confirmations: 5 });
  });

  it('indexes one item per record once mined, found by Record-Id and by App-Name, at the bundle’s height', async () => {
    for (const [i, record] of batch.entries()) {
      const nodes = await transactionsByTag(chain.devnet.url, 'Record-Id', record.recordId);
      // (arlocal's GraphQL names the block at that height, its status the last block mined.)
      expect(nodes.map((n) => [n.id, n.block?.height])).toEqual([[tx.locators[i], mined.blockHeight]]);
    }
    const byApp = (await transactionsByTag(chain.devnet.url, 'App-Name', 'chain-publisher')).map((n) => n.id);
    expect(byApp).toEqual(expect.arrayContaining(tx.locators));
  });

  it('gives each item exactly the §4 tags, in order, and the envelope exactly as sent as its data', async () => {
    const indexed = await indexedByIds(chain.devnet.url, tx.locators);
    for (const [i, record] of batch.entries()) {
      const node = indexed.find((n) => n.id === tx.locators[i]);
      expect(node?.tags).toEqual(recordTags(record, adapter.operatorAddress, 'item'));
      expect(node?.tags.find((t) => t.name === 'NodeOperator')?.value).toBe(chain.address);
      expect(await (await fetch(`${chain.devnet.url}/${tx.locators[i]}`)).text()).toBe(record.intentJson);
    }
    expect(recordTags(batch[4]!, chain.address, 'item').find((t) => t.name === 'SigningMethod')?.value).toBe('arweave-rsa-pss');
  });

  it('serves the mined bundle back from the gateway: arbundles reads it and verifies every item, of the signer\'s type, owned by its key; GraphQL names that owner', async () => {
    const served = Buffer.from(await (await fetch(`${chain.devnet.url}/${tx.txid}`)).arrayBuffer());
    const bundle = new Bundle(served);
    expect(bundle.getIds()).toEqual(tx.locators);
    expect(await bundle.verify()).toBe(true);
    const owner = ed25519 ? Buffer.from(log.key.publicKey) : Buffer.from(chain.wallet.n, 'base64url');
    for (const item of bundle.items) {
      expect(await DataItem.verify(item.getRaw())).toBe(true);
      expect(item.signatureType).toBe(ed25519 ? 2 : 1);
      expect(item.rawOwner.equals(owner)).toBe(true);
    }
    // Gateways give an item's owner the address base64url(SHA-256(owner)), whatever its key type.
    const data = await graphql<{ transactions: { edges: { node: { id: string; owner: { address: string } } }[] } }>(
      chain.devnet.url,
      'query($ids: [ID!]) { transactions(ids: $ids, first: 100) { edges { node { id owner { address } } } } }',
      { ids: tx.locators },
    );
    expect(data.transactions.edges.map((edge) => edge.node.owner.address)).toEqual(tx.locators.map(() => createHash('sha256').update(owner).digest('base64url')));
  });

  it('anchors each record with its raw item, which verifies on its own with arbundles and the SDK', async () => {
    for (const [i, record] of batch.entries()) {
      const anchor = anchorOf(i);
      expect(anchor).toEqual({
        chain: 'arweave',
        network: 'devnet',
        id: tx.locators[i],
        bundleId: tx.txid,
        item: expect.any(String),
        ...(ed25519 ? { itemSigner: 'ed25519', itemKey: log.verifierKey } : { itemSigner: 'wallet' }),
        tx: expect.objectContaining({ format: 2, id: tx.txid, data_root: decodeRaw(tx.raw).header.data_root }),
        blockHash: mined.blockHash,
        blockHeight: mined.blockHeight,
        confirmations: mined.confirmations,
      });
      const raw = Buffer.from(String(anchor['item']), 'base64url');
      expect(await DataItem.verify(raw)).toBe(true);
      const parsed = parseDataItem(raw);
      expect(await verifyItemSignature(parsed)).toBe(true);
      expect(parsed.signatureType).toBe(ed25519 ? 2 : 1);
      expect(Buffer.from(parsed.owner).toString('base64url')).toBe(ed25519 ? Buffer.from(log.key.publicKey).toString('base64url') : chain.wallet.n);
      expect(Buffer.from(parsed.data).toString()).toBe(record.intentJson);
    }
  });

  it('anchors proofs that the SDK verifies offline: intent, receipt, item, id, signature, data, tags, the bundle\'s signed header', async () => {
    for (const [i, record] of batch.entries()) {
      const report = await verifyProof(proofOf(record, anchorOf(i), ['arweave'], log), { logKey: log.verifierKey });
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      const itemKey = ed25519 ? ['arweave.item-key'] : [];
      expect(report.checks.map((check) => check.name)).toEqual(['intent.signature', 'receipt.signature', 'receipt.matches-intent', 'arweave.item', 'arweave.id', 'arweave.signature', ...itemKey, 'arweave.data', 'arweave.tags', 'arweave.tx', 'proof.targets']);
      expect(report).toMatchObject({ ok: true, recordId: record.recordId });
      expect(report.onlineOnly).toEqual([{ anchor: 0, chain: 'arweave', claim: `bundle ${tx.txid} holds item ${tx.locators[i]} and is in block ${mined.blockHash} at height ${mined.blockHeight} of the best chain, with ${mined.confirmations} or more confirmations` }]);
    }
  });

  it('gives the bundle\'s signed layer-1 header, which arweave-js verifies on its own and the SDK refuses once changed', async () => {
    const arweave = Arweave.init({});
    const anchor = anchorOf(0) as { tx: Record<string, unknown>; bundleId: string };
    expect(await arweave.transactions.verify(arweave.transactions.fromRaw({ ...anchor.tx, data: '' }))).toBe(true);
    expect(anchor.tx['id']).toBe(anchor.bundleId);
    const failedWith = async (change: object) => {
      const report = await verifyProof(proofOf(batch[0]!, { ...anchor, ...change }, ['arweave'], log), { logKey: log.verifierKey });
      return report.checks.filter((check) => !check.ok).map((check) => [check.name, check.detail]);
    };
    // An Ed25519 item names as its operator the wallet that signed the bundle: with no verified header, that cannot be checked.
    const unbound = ed25519 ? [['arweave.tags', 'NodeOperator "' + chain.address + '" cannot be checked: the bundle header does not verify (see arweave.tx)']] : [];
    expect(await failedWith({ tx: { ...anchor.tx, reward: '1' } })).toEqual([...unbound, ['arweave.tx', `the signature of transaction ${tx.txid} does not verify under its owner`]]);
    expect(await failedWith({ bundleId: 'B'.repeat(43) })).toEqual([...unbound, ['arweave.tx', `the transaction is ${tx.txid}, not "${'B'.repeat(43)}" as the anchor claims`]]);
    expect(await failedWith({ tx: { ...anchor.tx, id: 'C'.repeat(43) } })).toEqual([...unbound, ['arweave.tx', expect.stringMatching(/^the transaction's signature hashes to the id/)]]);
  });

  it('refuses to anchor a record the bundle does not hold', () => {
    expect(() => adapter.anchor({ txid: tx.txid, raw: tx.raw, locator: 'x'.repeat(43), ...mined })).toThrow(/^arweave: bundle .* holds no item x{43}/);
  });

  it('builds a full batch of 500 records into one bundle with 500 distinct item ids', async () => {
    const full = batchRecords(500, ['arweave']);
    const built = await adapter.build(full, await grantFor(adapter, full));
    expect(new Set(built.locators).size).toBe(500);
    // An item carries its tags and envelope plus 1,044 bytes of RSA signature and owner, or 112 of Ed25519 ones.
    expect(decodeRaw(built.raw).data.length).toBeGreaterThan(500 * (ed25519 ? 900 : 1800));
  }, 60_000);
});
