import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../devnet/postgres/index.ts';

export interface BenchPostgres {
  /** Server-level URL; each scenario gets a database of its own on it. */
  adminUrl: string;
  version: string;
  /** fsync, synchronous_commit, full_page_writes, wal_sync_method, shared_buffers: what "durably committed" meant. */
  settings: Record<string, string>;
  embedded: boolean;
  /** The postmaster's pid when we started it (to add up PostgreSQL's CPU time), else undefined. */
  postmasterPid: number | undefined;
  createDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }>;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set (its role must be allowed to CREATE DATABASE), else an embedded
 * PostgreSQL in a temp directory with the server's DEFAULT durability: fsync on,
 * synchronous_commit on. The test suite turns those off for speed; a benchmark that claims
 * "durably committed" must not.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const given = process.env['DATABASE_URL'];
  const dir = given ? undefined : await mkdtemp(join(tmpdir(), 'publisher-bench-pg-'));
  const embedded = dir ? await startEmbeddedPostgres({ dir, log: pino({ level: 'warn' }) }) : undefined;
  const adminUrl = withDatabase(given ?? embedded!.url, 'postgres');
  const settings: Record<string, string> = {};
  let version = '';
  await withClient(adminUrl, async (c) => {
    version = (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    for (const name of ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections']) {
      settings[name] = (await c.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
    }
  });
  const postmasterPid = dir ? Number((await readFile(join(dir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]) : undefined;
  const created: string[] = [];
  return {
    adminUrl,
    version,
    settings,
    embedded: Boolean(embedded),
    postmasterPid,
    async createDatabase(label) {
      const name = `bench_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(3).toString('hex')}`;
      await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
      created.push(name);
      return {
        url: withDatabase(adminUrl, name),
        drop: () => withClient(adminUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
      };
    },
    async stop() {
      // Databases left by an interrupted scenario go too (on a shared DATABASE_URL server).
      await withClient(adminUrl, async (c) => {
        for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }).catch(() => undefined);
      await embedded?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
