import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRaw } from '../../../adapters/arweave/raw-transaction.ts';
import type { SignedTransaction } from '../../../core/adapter/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { grantFor, indexedByIds, newWallet, startTestChain, type TestChain } from './support.ts';

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain();
}, 120_000);

afterAll(() => chain?.close());

/** Signed by one adapter instance, then, as after a crash, only its stored bytes are left. */
async function writtenAhead(records: number): Promise<SignedTransaction> {
  const before = chain.adapter();
  const batch = batchRecords(records, ['arweave']);
  const tx = await before.build(batch, await grantFor(before, batch));
  return { ...tx, raw: Buffer.from(tx.raw) };
}

async function expectMinedWithItems(tx: SignedTransaction): Promise<void> {
  const status = await chain.adapter().status(tx.txid);
  expect(status).toMatchObject({ kind: 'mined', proof: { items: String(tx.locators.length) } });
  const indexed = await indexedByIds(chain.devnet.url, tx.locators);
  expect(new Set(indexed.filter((n) => n.block !== null).map((n) => n.id))).toEqual(new Set(tx.locators));
}

describe('after a crash, the bytes written ahead', () => {
  it('are sent by a new adapter instance when they never were, and mined with the item ids signed', async () => {
    const tx = await writtenAhead(4);
    expect(await chain.adapter().broadcast(tx)).toEqual({ kind: 'accepted' });
    await chain.devnet.mine();
    await expectMinedWithItems(tx);
  });

  it('are already known when sent again, before and after mining, and change nothing', async () => {
    const tx = await writtenAhead(3);
    const balance = async () => (chain.adapter().funding as { balance(): Promise<bigint> }).balance();
    expect(await chain.adapter().broadcast(tx)).toEqual({ kind: 'accepted' });
    const paid = await balance();
    expect(await chain.adapter().broadcast(tx)).toEqual({ kind: 'already_known' });
    await chain.devnet.mine();
    expect(await chain.adapter().broadcast(tx)).toEqual({ kind: 'already_known' });
    expect(await balance()).toBe(paid);
    await expectMinedWithItems(tx);
  });

  it('finish an upload cut short after the header: pending while the data is missing, mined once sent again', async () => {
    const tx = await writtenAhead(200);
    const { headerText, data } = decodeRaw(tx.raw);
    expect(data.length).toBeGreaterThan(256 * 1024);
    const header = await fetch(`${chain.devnet.url}/tx`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: headerText });
    expect(header.status).toBe(200);
    // The gateway holds the header but not the data: pending, and no block takes it.
    await chain.devnet.mine();
    expect(await chain.adapter().status(tx.txid)).toEqual({ kind: 'pending' });
    // Sent again by whichever worker picks it up: the header is taken again, the chunks complete it.
    expect((await chain.adapter().broadcast(tx)).kind).toMatch(/^(accepted|already_known)$/);
    await chain.devnet.mine();
    await expectMinedWithItems(tx);
  }, 60_000);
});

describe('large bundles', () => {
  it('go up in chunks (300 records, over 256 KiB) and are mined with every item indexed', async () => {
    const tx = await writtenAhead(300);
    expect(decodeRaw(tx.raw).data.length).toBeGreaterThan(512 * 1024);
    expect(await chain.adapter().broadcast(tx)).toEqual({ kind: 'accepted' });
    await chain.devnet.mine();
    await expectMinedWithItems(tx);
  }, 60_000);
});

describe('funding', () => {
  it('reads the wallet balance, and a wallet that cannot pay is refused with insufficient_fee, when posted and on its status', async () => {
    const funding = chain.adapter().funding;
    expect(funding.model).toBe('account');
    if (funding.model === 'account') expect(await funding.balance()).toBeGreaterThan(0n);
    const poor = chain.adapter({ wallet: await newWallet() });
    const batch = batchRecords(1, ['arweave']);
    const tx = await poor.build(batch, await grantFor(poor, batch));
    expect(await poor.broadcast(tx)).toMatchObject({ kind: 'rejected', reason: 'insufficient_fee' });
    // The node keeps why it refused it (410 overspend on GET /tx/{id}), which the status reads too.
    expect(await poor.status(tx.txid)).toMatchObject({ kind: 'rejected', reason: 'insufficient_fee' });
  });
});
