import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ormConfig } from '../../core/store/index.ts';
import { inject } from 'vitest';
import { withDatabase } from './global-setup.ts';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database built from the migrated template: the same schema production gets. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const template = inject('templateDatabase');
  const name = `publisher_t_${template.split('_').pop()}_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        // Two files copying the template at the same instant: PostgreSQL refuses one; retry.
        if (attempt > 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
      }
    }
  });
  return {
    url: withDatabase(adminUrl, name),
    drop: () => withClient(adminUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/**
 * A fresh database migrated only up to `migration` (included): what a node of an earlier version
 * left behind, for the tests of the migrations that follow it.
 */
export async function createDatabaseAt(migration: string): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `publisher_old_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, async (c) => void (await c.query(`CREATE DATABASE ${name}`)));
  const url = withDatabase(adminUrl, name);
  const orm = await MikroORM.init(ormConfig({ databaseUrl: url }));
  try {
    await orm.getMigrator().up({ to: migration });
  } finally {
    await orm.close();
  }
  return { url, drop: () => withClient(adminUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))) };
}

async function withClient(url: string, fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A connection pool for a test's own queries. A pooled connection that dies while idle is
 * reported on the pool's 'error' event, which crashes the test process when nobody listens; here
 * it is written to stderr with the database named, and the next query that needs it fails.
 */
export function testPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (error) => process.stderr.write(`test pool for ${new URL(url).pathname}: idle connection lost: ${error.message}\n`));
  return pool;
}
