import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { checkpointSigner, generateLogKeyHex, lockLog, logKeyFromSeedHex, storeAppended, withTree } from '../../core/audit/index.ts';
import { withTransaction } from '../../core/store/index.ts';
import { loadConfig } from '../../server/config/index.ts';
import { startNode, type RunningNode } from '../../server/node.ts';
import { createTestDatabase } from './database.ts';

export interface VectorLogNode extends RunningNode {
  stop(): Promise<void>;
}

/**
 * A node whose log starts with the given entries (raw bytes, such as test vectors' leaves), stored
 * as the node stores its own: appended in `groups` (each a transaction with its signed checkpoint)
 * under the node's log key, before the node starts on that database.
 */
export async function startVectorLogNode(entries: readonly Buffer[], groups: readonly number[], env: Record<string, string> = {}): Promise<VectorLogNode> {
  const database = await createTestDatabase();
  const seed = generateLogKeyHex();
  const origin = 'log.test.example/vectors';
  const signer = checkpointSigner(logKeyFromSeedHex(seed), origin);
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  try {
    let from = 0;
    for (const count of groups) {
      const group = entries.slice(from, from + count);
      await withTransaction(pool, async (client) => {
        const frontier = await lockLog(client, signer);
        await storeAppended(client, withTree(frontier, signer, { entries: [...group], kinds: group.map(() => 'test.vector'), subjects: group.map(() => '') }));
      });
      from += count;
    }
  } finally {
    await pool.end();
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'publisher-vectors-'));
  const config = loadConfig({ PUBLISHER_PORT: '0', PUBLISHER_DATA_DIR: dataDir, DATABASE_URL: database.url, PUBLISHER_ADMIN_TOKEN: 'vector-log-admin-token-0123', PUBLISHER_LOG_KEY: seed, PUBLISHER_LOG_ORIGIN: origin, PUBLISHER_INLINE_WORKERS: 'false', ...env });
  const node = await startNode(config, pino({ level: 'silent' }));
  return {
    ...node,
    async stop() {
      await node.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
