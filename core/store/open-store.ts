import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';
import { ormConfig } from './orm-config.ts';

export interface Store {
  orm: MikroORM;
  /** A plain pg pool for the hot paths (batched inserts, SKIP LOCKED claims). */
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  databaseUrl: string;
  log: Logger;
  /** Apply pending migrations before returning (serialised across processes by an advisory lock). */
  migrate?: boolean;
  poolSize?: number;
  /** PostgreSQL application_name of the pool's sessions (pg_stat_activity): how operators and the node's gauges tell processes apart. */
  applicationName?: string;
}

const MIGRATION_LOCK = 7_342_001;

export async function openStore({ databaseUrl, log, migrate = true, poolSize = 20, applicationName }: OpenStoreOptions): Promise<Store> {
  const orm = await MikroORM.init(ormConfig({ databaseUrl, poolSize: 5 }));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000, ...(applicationName === undefined ? {} : { application_name: applicationName }) });
  // An idle client losing its connection (database restart) must not crash the process. The
  // reason, not the error: pg's error carries its client, whose dump is kilobytes per line.
  pool.on('error', (error: Error & { code?: string }) => log.warn({ reason: error.message, ...(error.code === undefined ? {} : { code: error.code }) }, 'idle database connection lost; the pool opens a new one when needed'));
  try {
    if (migrate) await migrateWithLock(orm, pool, log);
  } catch (error) {
    await Promise.allSettled([orm.close(), pool.end()]);
    throw error;
  }
  return {
    orm,
    pool,
    async close() {
      await Promise.allSettled([orm.close(), pool.end()]);
    },
  };
}

async function migrateWithLock(orm: MikroORM, pool: pg.Pool, log: Logger): Promise<void> {
  const lock = await pool.connect();
  lock.on('error', () => undefined); // a lost connection fails the next statement; it must not crash the process
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'database migrations applied');
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lock.release();
  }
}
