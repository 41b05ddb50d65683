import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Utxo } from '../../core/adapter/index.ts';
import { addToPool, markReserved, markSpent, poolBalance, releaseChange, settleDeadTransaction } from '../../core/funding/index.ts';
import { withTransaction } from '../../core/store/index.ts';
import { createTestDatabase, testPool, type TestDatabase } from '../support/database.ts';

/** What `funding balance` prints: available, reserved and spent mean what an operator expects. */
let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url, 2);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const outputs = (count: number, satoshis: bigint): Utxo[] => {
  const txid = randomBytes(32).toString('hex');
  return Array.from({ length: count }, (_, vout) => ({ txid, vout, amount: satoshis, lockingScript: '76a9' }));
};

async function chainTx(id: number): Promise<number> {
  await pool.query(`INSERT INTO chain_txs (id, chain, network, txid, status, record_count, fee) VALUES ($1, 'bsv', 'regtest', $2, 'signed', 0, 0)`, [id, `tx${id}`]);
  return id;
}

const balance = async () => {
  const b = await poolBalance(pool, 'bsv');
  return { available: b.available, reserved: b.reserved, spent: b.spent, total: b.available + b.reserved + b.spent, counts: b.counts };
};

describe('the BSV pool balance', () => {
  it('counts a transaction at what it took out of the pool (its fee), not at its inputs: a split of 1 BTC into 16 spends a few satoshis', async () => {
    const imported = outputs(5, 1_000_000_000n);
    await withTransaction(pool, (client) => addToPool(client, 'bsv', imported, null));
    expect(await balance()).toMatchObject({ available: 5_000_000_000n, reserved: 0n, spent: 0n, total: 5_000_000_000n });

    // The split: one input of 1e9 into 16 outputs and the change, all back to the pool (pending until accepted), less a fee of 10.
    const split = await chainTx(1);
    const change = [...outputs(16, 53_124_999n), ...outputs(1, 150_000_006n)];
    const changeSum = change.reduce((sum, u) => sum + u.amount, 0n);
    const fee = 1_000_000_000n - changeSum;
    expect(fee).toBe(10n);
    await withTransaction(pool, async (client) => {
      await markReserved(client, 'bsv', [imported[0]!], split);
      await addToPool(client, 'bsv', change, split, 'pending');
    });
    expect(await balance()).toMatchObject({ available: 4_000_000_000n, reserved: 1_000_000_000n, spent: 0n, total: 5_000_000_000n });

    // Accepted: the change may fund batches at once; what the split still holds is its fee.
    await withTransaction(pool, (client) => releaseChange(client, split));
    expect(await balance()).toMatchObject({ available: 5_000_000_000n - fee, reserved: fee, spent: 0n, total: 5_000_000_000n });

    // Confirmed: the input is used up, and what was spent is the fee.
    await withTransaction(pool, (client) => markSpent(client, split));
    expect(await balance()).toMatchObject({ available: 5_000_000_000n - fee, reserved: 0n, spent: fee, total: 5_000_000_000n, counts: { available: 21, reserved: 0, spent: 1 } });
  });

  it('gives back what a dead transaction had reserved, and keeps counting the spent at fees across chained transactions', async () => {
    const before = await balance();
    const { rows } = await pool.query<{ txid: string; vout: number; satoshis: string }>(`SELECT txid, vout, amount::text AS satoshis FROM funding_utxos WHERE chain = 'bsv' AND status = 'available' ORDER BY amount LIMIT 2`);
    const [first, second] = rows.map((r) => ({ txid: r.txid, vout: r.vout, amount: BigInt(r.satoshis), lockingScript: '76a9' }));

    // A batch that dies before the network takes it: its input is available again, its change void.
    const dead = await chainTx(2);
    await withTransaction(pool, async (client) => {
      await markReserved(client, 'bsv', [first!], dead);
      await addToPool(client, 'bsv', outputs(1, first!.amount - 7n), dead, 'pending');
    });
    await withTransaction(pool, (client) => settleDeadTransaction(client, dead, [first!]));
    expect(await balance()).toMatchObject({ available: before.available, reserved: 0n, spent: before.spent, total: 5_000_000_000n });

    // A batch (fee 25) whose change funds the next (fee 30) before either confirms.
    const batch = await chainTx(3);
    const batchChange = outputs(1, second!.amount - 25n);
    await withTransaction(pool, async (client) => {
      await markReserved(client, 'bsv', [second!], batch);
      await addToPool(client, 'bsv', batchChange, batch, 'pending');
      await releaseChange(client, batch);
    });
    const next = await chainTx(4);
    await withTransaction(pool, async (client) => {
      await markReserved(client, 'bsv', batchChange, next);
      await addToPool(client, 'bsv', outputs(1, batchChange[0]!.amount - 30n), next, 'pending');
    });
    expect(await balance()).toMatchObject({ reserved: second!.amount, spent: before.spent, total: 5_000_000_000n });
    await withTransaction(pool, async (client) => {
      await releaseChange(client, next);
      await markSpent(client, batch);
      await markSpent(client, next);
    });
    expect(await balance()).toMatchObject({ available: before.available - 55n, reserved: 0n, spent: before.spent + 55n, total: 5_000_000_000n });
  });
});
