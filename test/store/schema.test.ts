import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../../core/store/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('the checked-in migrations', () => {
  it('build exactly the schema the entities describe (no pending diff)', async () => {
    const orm = await MikroORM.init(ormConfig({ databaseUrl: db.url }));
    try {
      const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim()).toBe('');
      expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
    } finally {
      await orm.close();
    }
  });

  it('create every table of architecture.md', async () => {
    const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    expect(rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(['keys', 'nonces', 'records', 'publications', 'chain_txs', 'funding_utxos', 'funding_reservations', 'audit_events', 'log_entries', 'log_hashes', 'log_checkpoints']),
    );
  });

  it('have partial indexes on the rows workers claim (queued publications, available UTXOs)', async () => {
    const { rows } = await client.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname IN ('publications_queued_idx', 'funding_utxos_available_idx') ORDER BY indexname",
    );
    expect(rows.map((r) => r.indexdef)).toEqual([
      expect.stringMatching(/WHERE \(\(status\)::text = 'available'::text\)/),
      expect.stringMatching(/WHERE \(\(status\)::text = 'queued'::text\)/),
    ]);
  });

  it('index publications by transaction only where they have one, and the lookups by transaction use that index', async () => {
    const { rows } = await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'publications_chain_tx_id_index'");
    expect(rows.map((r) => r.indexdef)).toEqual([expect.stringMatching(/\(chain_tx_id\) WHERE \(chain_tx_id IS NOT NULL\)$/)]);
    // A generic plan (what a parameterised statement gets) must still prove the index applies.
    const session = new pg.Client({ connectionString: db.url });
    await session.connect();
    try {
      await session.query('SET plan_cache_mode = force_generic_plan');
      await session.query('SET enable_seqscan = off');
      await session.query('PREPARE by_tx(bigint) AS UPDATE publications SET updated_at = now() WHERE chain_tx_id = $1 AND status = \'submitted\'');
      const plan = await session.query<{ 'QUERY PLAN': string }>('EXPLAIN EXECUTE by_tx(1)');
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/publications_chain_tx_id_index/);
    } finally {
      await session.end();
    }
  });
});

describe('audit_events is append-only at the database level', () => {
  beforeAll(async () => {
    await client.query(
      "INSERT INTO audit_events (seq, at, kind, actor, subject, data_json, prev_hash, hash) VALUES (1, now(), 'test', 'node', 'x', '{}', $1, $1)",
      ['0'.repeat(64)],
    );
  });

  it.each([
    ['UPDATE', "UPDATE audit_events SET kind = 'edited' WHERE seq = 1"],
    ['DELETE', 'DELETE FROM audit_events WHERE seq = 1'],
    ['TRUNCATE', 'TRUNCATE audit_events'],
  ])('refuses %s, whoever connects', async (op, sql) => {
    await expect(client.query(sql)).rejects.toThrow(`audit_events is append-only: ${op} refused`);
    const { rows } = await client.query<{ kind: string }>('SELECT kind FROM audit_events WHERE seq = 1');
    expect(rows).toEqual([{ kind: 'test' }]);
  });
});

describe('the transparency log\'s tables are append-only at the database level', () => {
  beforeAll(async () => {
    await client.query("INSERT INTO log_entries (idx, kind, subject, entry, leaf_hash) VALUES (0, 'test', 'x', '\\x7b7d', '\\x00')");
    await client.query("INSERT INTO log_hashes (level, idx, hash) VALUES (1, 0, '\\x00')");
    await client.query("INSERT INTO log_checkpoints (size, root_hash, note) VALUES (1, '\\x00', 'note')");
  });

  it.each([
    ['log_entries', "UPDATE log_entries SET kind = 'edited'"],
    ['log_hashes', "UPDATE log_hashes SET hash = '\\x01'"],
    ['log_checkpoints', "UPDATE log_checkpoints SET note = 'forged'"],
  ])('%s refuses UPDATE, DELETE and TRUNCATE, whoever connects', async (table, update) => {
    for (const [op, sql] of [['UPDATE', update], ['DELETE', `DELETE FROM ${table}`], ['TRUNCATE', `TRUNCATE ${table}`]] as const) {
      await expect(client.query(sql)).rejects.toThrow(`${table} is append-only: ${op} refused`);
    }
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('refuses a second checkpoint for the same tree size', async () => {
    await expect(client.query("INSERT INTO log_checkpoints (size, root_hash, note) VALUES (1, '\\x01', 'another')")).rejects.toThrow(/duplicate key/);
  });
});
