import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchRecord, ChainAdapter, FundingGrant } from '../../core/adapter/index.ts';
import { batchRecords } from './batch-records.ts';

/** What a chain's conformance file provides: its adapter wired to its devnet chain. */
export interface ConformanceSetup {
  adapter: ChainAdapter;
  /** Mines blocks on the devnet chain. */
  mine(blocks: number): Promise<void>;
  /** Funding for a batch, as the core would reserve it (fresh UTXOs, or an amount). */
  grant(batch: readonly BatchRecord[]): Promise<FundingGrant>;
  close(): Promise<void>;
}

/**
 * The shared suite every adapter runs against its devnet chain (style.md: one suite, each
 * driver's own file a few lines). Chain-specific behaviour is tested beside each adapter.
 */
export function adapterConformance(name: string, setup: () => Promise<ConformanceSetup>): void {
  describe(`adapter conformance: ${name}`, () => {
    let s: ConformanceSetup;
    beforeAll(async () => {
      s = await setup();
    }, 180_000);
    afterAll(async () => {
      await s?.close();
    });
    const target = () => s.adapter.name;

    it('describes itself: name, network, operator address and sane capabilities', () => {
      expect(s.adapter.name).toBe(name);
      expect(s.adapter.network).not.toBe('');
      expect(s.adapter.operatorAddress).not.toBe('');
      expect(s.adapter.capabilities.maxRecordsPerTransaction).toBeGreaterThanOrEqual(1);
      expect(s.adapter.capabilities.maxRecordBytes).toBeGreaterThan(0);
      expect(s.adapter.capabilities.confirmationDepth).toBeGreaterThanOrEqual(1);
    });

    it('reports itself healthy when its chain answers', async () => {
      expect(await s.adapter.health()).toMatchObject({ ok: true });
    });

    it('estimates a positive cost that grows with the batch', async () => {
      const one = await s.adapter.estimate(batchRecords(1, [target()]));
      const ten = await s.adapter.estimate(batchRecords(10, [target()]));
      expect(one.amount).toBeGreaterThan(0n);
      expect(ten.amount).toBeGreaterThan(one.amount);
      expect(ten.unit).toBe(one.unit);
    });

    it('builds one signed transaction for a batch, with a distinct locator per record, in order', async () => {
      const batch = batchRecords(5, [target()]);
      const tx = await s.adapter.build(batch, await s.grant(batch));
      expect(tx.txid).toMatch(/^[0-9a-zA-Z_-]{40,}$/);
      expect(tx.raw.byteLength).toBeGreaterThan(0);
      expect(tx.locators).toHaveLength(5);
      expect(new Set(tx.locators).size).toBe(5);
      expect(tx.fee).toBeGreaterThanOrEqual(0n);
    });

    it('broadcasts idempotently and follows the transaction to the confirmation depth', async () => {
      const batch = batchRecords(3, [target()]);
      const tx = await s.adapter.build(batch, await s.grant(batch));
      expect(await s.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
      expect((await s.adapter.broadcast(tx)).kind).toMatch(/^(already_known|accepted)$/);
      expect((await s.adapter.status(tx.txid)).kind).toBe('pending');
      await s.mine(s.adapter.capabilities.confirmationDepth);
      const status = await s.adapter.status(tx.txid);
      expect(status.kind).toBe('mined');
      if (status.kind !== 'mined') return;
      expect(status.confirmations).toBeGreaterThanOrEqual(s.adapter.capabilities.confirmationDepth);
      expect(status.blockHeight).toBeGreaterThan(0);
      expect(status.blockHash).not.toBe('');
    });

    it('reports a transaction the chain never saw as unknown', async () => {
      const batch = batchRecords(1, [target()]);
      const tx = await s.adapter.build(batch, await s.grant(batch));
      expect(await s.adapter.status(tx.txid)).toEqual({ kind: 'unknown' });
      expect((await s.adapter.status(randomBytes(32).toString('hex'))).kind).toBe('unknown');
    });

    it('never confirms two spends of the same funding: the loser ends with the closed reason double_spend (UTXO chains)', async () => {
      if (s.adapter.funding.model !== 'utxo') {
        expect(s.adapter.funding.model).toBe('account'); // account chains have no double spend to cause
        return;
      }
      const first = batchRecords(1, [target()]);
      const grant = await s.grant(first);
      const a = await s.adapter.build(first, grant);
      const b = await s.adapter.build(batchRecords(1, [target()]), grant);
      expect(await s.adapter.broadcast(a)).toEqual({ kind: 'accepted' });
      const second = await s.adapter.broadcast(b);
      if (second.kind === 'rejected') {
        expect(second).toMatchObject({ reason: 'double_spend' });
        return;
      }
      // Taken while the race is open (ARC's DOUBLE_SPEND_ATTEMPTED): a block settles it.
      expect(second.kind).toBe('accepted');
      await s.mine(1);
      expect(await s.adapter.status(a.txid)).toMatchObject({ kind: 'mined' });
      expect(await s.adapter.status(b.txid)).toMatchObject({ kind: 'rejected', reason: 'double_spend' });
    });
  });
}
