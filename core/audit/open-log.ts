import type { Pool } from 'pg';
import { withTransaction } from '../store/index.ts';
import { lockLog } from './append-audit-events.ts';
import type { CheckpointSigner } from './log-key.ts';

/**
 * Run once when a process that appends starts: starts the log if it never was (importing the
 * audit table of earlier versions, start-log.ts) and returns its latest checkpoint, so the caller
 * can check that it was signed with this node's log key and origin before appending under them.
 */
export async function openLog(pool: Pool, signer: CheckpointSigner): Promise<{ size: number; note: string }> {
  return withTransaction(pool, async (client) => {
    await lockLog(client, signer);
    const { rows } = await client.query<{ size: string; note: string }>('SELECT size, note FROM log_checkpoints ORDER BY size DESC LIMIT 1');
    return { size: Number(rows[0]!.size), note: rows[0]!.note };
  });
}
