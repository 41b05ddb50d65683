/**
 * Generates a migration from the difference between the entities and a database that has every
 * existing migration applied. Usage: npm run migration:create -- <name>
 * Uses DATABASE_URL, or a throwaway embedded PostgreSQL.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../../devnet/postgres/index.ts';
import { ormConfig } from '../orm-config.ts';

const name = process.argv[2];

/** MikroORM names the class Migration<ts>_<name>; ours read Migration<ts><Name>. */
async function pascalCaseClassName(file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/class (Migration\d+)_([\w-]+)/, (_m, head: string, tail: string) => `class ${head}${tail.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`));
}
const log = pino();
const dir = await mkdtemp(join(tmpdir(), 'publisher-migration-'));
const embedded = process.env['DATABASE_URL'] ? undefined : await startEmbeddedPostgres({ dir, log });
const orm = await MikroORM.init(ormConfig({ databaseUrl: process.env['DATABASE_URL'] ?? embedded!.url }));
try {
  await orm.getMigrator().up();
  const result = await orm.getMigrator().createMigration(undefined, false, false, name);
  if (result.fileName) await pascalCaseClassName(join('core/store/migrations', result.fileName));
  log.info({ file: result.fileName, statements: result.diff.up.length }, result.fileName ? 'migration written: add it to core/store/migrations/index.ts' : 'no changes');
} finally {
  await orm.close();
  await embedded?.stop();
  await rm(dir, { recursive: true, force: true });
}
