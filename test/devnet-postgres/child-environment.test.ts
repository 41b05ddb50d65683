import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../devnet/postgres/index.ts';

const SECRETS = {
  DATABASE_URL: 'postgres://owner:database-secret-0123@db.internal:5432/publisher',
  PUBLISHER_ADMIN_TOKEN: 'admin-secret-0123456789abcdef',
  PUBLISHER_LOG_KEY: '5ec2e7'.padEnd(64, '0'),
  PUBLISHER_BSV_FUNDING_KEY: 'cVt4o7BGAig1UXywgGSmARhxMdzP5qvQsxKkSsc1XEkw3tDTQFpy',
  PGPASSWORD: 'libpq-secret-0123',
};

let dir: string | undefined;
let server: EmbeddedPostgres | undefined;
const saved = Object.fromEntries(Object.keys(SECRETS).map((name) => [name, process.env[name]]));
afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe.skipIf(process.platform !== 'linux')('the embedded PostgreSQL', () => {
  it("runs without the node's secrets in its environment, with its search path and locale", async () => {
    Object.assign(process.env, SECRETS);
    dir = await mkdtemp(join(tmpdir(), 'publisher-pg-env-'));
    server = await startEmbeddedPostgres({ dir, log: pino({ level: 'silent' }), settings: { fsync: 'off' } });
    const pid = (await readFile(join(dir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0];
    const environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0').filter(Boolean);
    const names = environ.map((entry) => entry.slice(0, entry.indexOf('=')));

    for (const [name, value] of Object.entries(SECRETS)) {
      expect(names).not.toContain(name);
      expect(environ.filter((entry) => entry.includes(value))).toEqual([]);
    }
    expect(names.filter((name) => !/^(PATH|LANG|LANGUAGE|LC_[A-Z_]+|TZ|TMPDIR|PG_GRANDPARENT_PID)$/.test(name))).toEqual([]);
    if (process.env['PATH']) expect(names).toContain('PATH');
  }, 120_000);
});
