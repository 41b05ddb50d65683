import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markReserved, reserveUtxos } from '../../core/funding/index.ts';
import { withTransaction } from '../../core/store/index.ts';
import { createTestDatabase, testPool, type TestDatabase } from '../support/database.ts';

/**
 * The pool's one promise under concurrency: 8 workers, each on its own connections, reserve
 * 10,000 outputs between them with FOR UPDATE SKIP LOCKED, and no output is ever handed to two
 * reservations. (That no transaction double-spends on chain is shown by the crash test.)
 */
let db: TestDatabase;
let pools: pg.Pool[];
const OUTPUTS = 10_000;

beforeAll(async () => {
  db = await createTestDatabase();
  pools = Array.from({ length: 8 }, () => testPool(db.url, 2));
  const txids = Array.from({ length: OUTPUTS }, () => randomBytes(32).toString('hex'));
  await pools[0]!.query(
    `INSERT INTO funding_utxos (chain, txid, vout, amount, locking_script, status) SELECT 'bsv', t, 0, 1000 + (random() * 1000)::int, '76a9', 'available' FROM unnest($1::text[]) AS t`,
    [txids],
  );
  await pools[0]!.query(`INSERT INTO chain_txs (id, chain, network, txid, status, record_count, fee) SELECT g, 'bsv', 'regtest', 'tx' || g, 'signed', 0, 0 FROM generate_series(1, $1) AS g`, [OUTPUTS]);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await db?.drop();
});

describe('UTXO reservation under concurrency', () => {
  it('8 workers make 10,000 reservations and no output is reserved twice', async () => {
    let next = 0;
    const reservations: { chainTxId: number; outpoints: string[] }[] = [];
    await Promise.all(
      pools.map(async (pool) => {
        for (;;) {
          const chainTxId = ++next;
          if (chainTxId > OUTPUTS) return;
          const taken = await withTransaction(pool, async (client) => {
            const inputs = await reserveUtxos(client, 'bsv', 1n, 1);
            if (!inputs) return null;
            await markReserved(client, 'bsv', inputs, chainTxId);
            return inputs.map((u) => `${u.txid}:${u.vout}`);
          });
          if (!taken) return;
          reservations.push({ chainTxId, outpoints: taken });
        }
      }),
    );
    const all = reservations.flatMap((r) => r.outpoints);
    expect(reservations).toHaveLength(OUTPUTS);
    expect(new Set(all).size).toBe(all.length);
    const { rows } = await pools[0]!.query<{ reserved: number; owners: number; available: number }>(
      `SELECT count(*) FILTER (WHERE status = 'reserved')::int AS reserved, count(DISTINCT spent_by_chain_tx_id)::int AS owners,
              count(*) FILTER (WHERE status = 'available')::int AS available FROM funding_utxos`,
    );
    expect(rows[0]).toEqual({ reserved: OUTPUTS, owners: OUTPUTS, available: 0 });
  }, 120_000);
});
