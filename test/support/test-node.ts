import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { loadConfig, type NodeConfig } from '../../server/config/index.ts';
import { startNode, type RunningNode } from '../../server/node.ts';
import { createTestDatabase } from './database.ts';

export interface TestNode extends RunningNode {
  config: NodeConfig;
  stop(): Promise<void>;
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A node in this process on a free port, with its own fresh database; silent unless given a logger. */
export async function startTestNode(env: Record<string, string> = {}, options: { mapDatabaseUrl?: (url: string) => string; log?: Logger } = {}): Promise<TestNode> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'publisher-node-'));
  const config = loadConfig({
    PUBLISHER_PORT: '0',
    PUBLISHER_DATA_DIR: dataDir,
    DATABASE_URL: options.mapDatabaseUrl ? options.mapDatabaseUrl(database.url) : database.url,
    PUBLISHER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    // Closed, as production runs (the dev profile's default is open); tests that want it open say so.
    PUBLISHER_OPEN_REGISTRATION: 'false',
    ...env,
  });
  const node = await startNode(config, options.log ?? pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }));
  return {
    ...node,
    databaseUrl: database.url,
    config,
    async stop() {
      await node.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
