import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolBalance, reservedAmount, utxoTotals } from '../../core/funding/index.ts';
import { ormConfig } from '../../core/store/index.ts';
import { createDatabaseAt, type TestDatabase } from '../support/database.ts';

/** The last migration before funding was keyed by chain: what an earlier version's database has applied. */
const BEFORE = 'migration-20261204042714-transparency-log';

let database: TestDatabase;
let url: string;
let sql: pg.Pool;
const txid = (n: number) => n.toString(16).padStart(64, '0');

beforeAll(async () => {
  database = await createDatabaseAt(BEFORE);
  url = database.url;
  sql = new pg.Pool({ connectionString: url, max: 2 });
  // An earlier dev database: a BSV pool (imported outputs, one spent by a confirmed batch whose change
  // is back, one reserved by a signed batch with pending change) and Arweave reservations.
  await sql.query(`INSERT INTO chain_txs (id, chain, network, txid, status, record_count, fee) VALUES
    (1, 'bsv', 'regtest', $1, 'confirmed', 2, 100), (2, 'bsv', 'regtest', $2, 'signed', 1, 50),
    (3, 'arweave', 'devnet', 'a1', 'confirmed', 3, 7000), (4, 'arweave', 'devnet', 'a2', 'signed', 1, 9000)`, [txid(101), txid(102)]);
  await sql.query(`INSERT INTO bsv_utxos (txid, vout, satoshis, locking_script, status, spent_by_chain_tx_id, created_by_chain_tx_id) VALUES
    ($1, 0, 1000000, '76a9aa', 'spent', 1, NULL), ($1, 1, 2000000, '76a9aa', 'available', NULL, NULL),
    ($2, 0, 999900, '76a9aa', 'available', NULL, 1), ($3, 0, 500000, '76a9aa', 'reserved', 2, NULL),
    ($4, 0, 499950, '76a9aa', 'pending', NULL, 2)`, [txid(1), txid(101), txid(2), txid(102)]);
  await sql.query(`INSERT INTO arweave_reservations (chain_tx_id, winston, status) VALUES (3, 7000, 'settled'), (4, 123456789012345678901234567890, 'reserved')`);
  const orm2 = await MikroORM.init(ormConfig({ databaseUrl: url }));
  await orm2.getMigrator().up();
  await orm2.close();
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await database?.drop();
});

describe('an earlier dev database migrated to chain-keyed funding', () => {
  it("keeps every BSV output as chain 'bsv', with the same amounts, statuses and links, and the same balance", async () => {
    const { rows } = await sql.query<{ chain: string; txid: string; vout: number; amount: string; status: string; spent: string | null; created: string | null }>(
      'SELECT chain, txid, vout, amount::text, status, spent_by_chain_tx_id::text AS spent, created_by_chain_tx_id::text AS created FROM funding_utxos ORDER BY txid, vout',
    );
    expect(rows).toEqual([
      { chain: 'bsv', txid: txid(1), vout: 0, amount: '1000000', status: 'spent', spent: '1', created: null },
      { chain: 'bsv', txid: txid(1), vout: 1, amount: '2000000', status: 'available', spent: null, created: null },
      { chain: 'bsv', txid: txid(2), vout: 0, amount: '500000', status: 'reserved', spent: '2', created: null },
      { chain: 'bsv', txid: txid(101), vout: 0, amount: '999900', status: 'available', spent: null, created: '1' },
      { chain: 'bsv', txid: txid(102), vout: 0, amount: '499950', status: 'pending', spent: null, created: '2' },
    ]);
    expect(await poolBalance(sql, 'bsv')).toEqual({ available: 2_999_900n, reserved: 500_000n, spent: 100n, counts: { available: 2, reserved: 1, spent: 1 } });
    expect(await utxoTotals(sql, 'other')).toEqual([]);
  });

  it("keeps every Arweave reservation as chain 'arweave', amounts past 64 bits intact, and new reservations get new ids", async () => {
    const { rows } = await sql.query<{ id: string; chain: string; tx: string; amount: string; status: string }>('SELECT id::text, chain, chain_tx_id::text AS tx, amount::text, status FROM funding_reservations ORDER BY id');
    expect(rows).toEqual([
      { id: '1', chain: 'arweave', tx: '3', amount: '7000', status: 'settled' },
      { id: '2', chain: 'arweave', tx: '4', amount: '123456789012345678901234567890', status: 'reserved' },
    ]);
    expect(await reservedAmount(sql, 'arweave')).toBe(123456789012345678901234567890n);
    expect(await reservedAmount(sql, 'bsv')).toBe(0n);
    await sql.query(`INSERT INTO chain_txs (id, chain, network, txid, status, record_count, fee) VALUES (5, 'arweave', 'devnet', 'a3', 'signed', 1, 1)`);
    const inserted = await sql.query<{ id: string }>(`INSERT INTO funding_reservations (chain, chain_tx_id, amount) VALUES ('arweave', 5, 1) RETURNING id::text`);
    expect(inserted.rows[0]!.id).toBe('3');
  });

  it('leaves no table of the earlier shape', async () => {
    const { rows } = await sql.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('bsv_utxos', 'arweave_reservations')");
    expect(rows).toEqual([]);
  });
});
