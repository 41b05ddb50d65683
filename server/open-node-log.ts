import type { Pool } from 'pg';
import { openLog, signedBy, type CheckpointSigner } from '../core/audit/index.ts';
import { ConfigError } from './config/index.ts';

/**
 * Starts the log if it never was (an older data directory's audit events become its first
 * entries) and refuses to append under another key or origin than the log's own: a checkpoint
 * the log's verifiers cannot check would look like a forged one. A new key or origin is a new log.
 */
export async function openNodeLog(pool: Pool, signer: CheckpointSigner): Promise<{ size: number; note: string }> {
  const latest = await openLog(pool, signer);
  if (!signedBy(latest.note, signer)) {
    const origin = latest.note.slice(0, latest.note.indexOf('\n'));
    throw new ConfigError(
      `the log in this database is "${origin}", signed with another key than ${signer.verifierKey}: configure its log key and origin (a new key or origin is a new log, in a new database)`,
    );
  }
  return latest;
}
