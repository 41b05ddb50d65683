import { join } from 'node:path';
import type { Logger } from 'pino';
import type { NodeConfig } from './config/index.ts';

export interface Database {
  url: string;
  /** Stops the embedded server, if this process started one. */
  stop(): Promise<void>;
}

/** DATABASE_URL when given; otherwise an embedded PostgreSQL in the data directory (loaded lazily). */
export async function resolveDatabase(config: NodeConfig, log: Logger): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const { startEmbeddedPostgres } = await import('../devnet/postgres/index.ts');
  const embedded = await startEmbeddedPostgres({ dir: config.dataDir, log: log.child({ component: 'embedded-postgres' }) });
  return { url: embedded.url, stop: () => embedded.stop() };
}

export function dataPath(config: NodeConfig, name: string): string {
  return join(config.dataDir, name);
}
