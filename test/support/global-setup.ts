import type { TestProject } from 'vitest/node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../devnet/postgres/index.ts';
import { openStore } from '../../core/store/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server-level URL (database part replaced per test file). */
    adminDatabaseUrl: string;
    /** A database with every migration applied, used as the template for each test database. */
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set, otherwise an embedded one in a temp
 * directory. The real migrations build a template database; each test file copies it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'warn' });
  const dir = await mkdtemp(join(tmpdir(), 'publisher-test-'));
  const embedded = process.env['DATABASE_URL']
    ? undefined
    : await startEmbeddedPostgres({ dir, log, settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
  const adminUrl = withDatabase(process.env['DATABASE_URL'] ?? embedded!.url, 'postgres');
  const template = `publisher_tpl_${process.pid}`;
  await admin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${template}`);
    await c.query(`CREATE DATABASE ${template}`);
  });
  const store = await openStore({ databaseUrl: withDatabase(adminUrl, template), log });
  await store.close();
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    await admin(adminUrl, async (c) => {
      const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2", [`publisher_t_${process.pid}_%`, template]);
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    });
    await embedded?.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
