import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities/index.ts';
import { migrationsList } from './migrations/index.ts';

export interface OrmConfigOptions {
  databaseUrl: string;
  /** Connections in the ORM's pool. */
  poolSize?: number;
}

/** The one MikroORM configuration used by the node, the workers, the tests and the migration tool. */
export function ormConfig({ databaseUrl, poolSize = 10 }: OrmConfigOptions): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: poolSize },
    migrations: {
      tableName: 'schema_migrations',
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: 'ts',
      path: 'core/store/migrations',
      fileName: (timestamp, name) => `migration-${timestamp}${name ? `-${name}` : ''}`,
    },
    // Every query states its own transaction; no implicit global EntityManager.
    allowGlobalContext: false,
  });
}
