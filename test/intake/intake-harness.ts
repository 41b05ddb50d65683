import pg from 'pg';
import { defaultIntentLimits } from '../../core/intent/index.ts';
import { onEventLoop, type IntakeContext } from '../../core/intake/index.ts';
import { openLog, type CheckpointSigner } from '../../core/audit/index.ts';
import { createTestDatabase, testPool, type TestDatabase } from '../support/database.ts';
import { testLogSigner } from '../support/log-signer.ts';

export interface IntakeHarness {
  db: TestDatabase;
  pool: pg.Pool;
  /** The log key intake signs checkpoints with. */
  logSigner: CheckpointSigner;
  ctx(overrides?: Partial<IntakeContext>): IntakeContext;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/** A fresh migrated database with a started log, and an intake context over it, with the real clock unless overridden. */
export async function intakeHarness(): Promise<IntakeHarness> {
  const db = await createTestDatabase();
  const pool = testPool(db.url, 60);
  const logSigner = testLogSigner();
  // As a node does when it starts: the log's first checkpoint (size 0).
  await openLog(pool, logSigner);
  return {
    db,
    pool,
    logSigner,
    ctx: (overrides = {}) => ({
      pool,
      limits: defaultIntentLimits,
      windowMs: 600_000,
      enabledTargets: new Set(['bsv', 'arweave']),
      openRegistration: false,
      auditedRefusalsPerMinute: 10,
      defaultQuota: {},
      network: 'test',
      logSigner,
      compute: onEventLoop,
      now: () => Date.now(),
      ...overrides,
    }),
    count: async (table) => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n),
    close: async () => {
      await pool.end();
      await db.drop();
    },
  };
}

/** Rows in every table intake writes to; a refusal must leave all of them as they were. */
export async function rowCounts(h: IntakeHarness): Promise<Record<string, number>> {
  const tables = ['nonces', 'records', 'publications', 'log_entries', 'log_checkpoints'];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await h.count(t)] as const)));
}
