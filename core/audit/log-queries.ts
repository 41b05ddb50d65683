import type { Pool } from 'pg';
import { PublisherError } from '../errors/index.ts';
import { consistencyRanges, inclusionRanges, readRangeHashes } from './log-proofs.ts';

/** A checkpoint as stored. */
export interface StoredCheckpoint {
  size: number;
  rootHash: Buffer;
  note: string;
}

/** The latest signed checkpoint; NOT_FOUND before the log was ever started (a node starts it before serving). */
export async function latestCheckpoint(pool: Pool): Promise<StoredCheckpoint> {
  const { rows } = await pool.query<{ size: string; root_hash: Buffer; note: string }>('SELECT size, root_hash, note FROM log_checkpoints ORDER BY size DESC LIMIT 1');
  if (!rows[0]) throw new PublisherError('NOT_FOUND', 'the log has no checkpoint yet');
  return { size: Number(rows[0].size), rootHash: rows[0].root_hash, note: rows[0].note };
}

/** The signed notes of these sizes, where one was signed (every signed checkpoint is stored). */
export async function checkpointNotes(pool: Pool, sizes: readonly number[]): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ size: string; note: string }>('SELECT size, note FROM log_checkpoints WHERE size = ANY($1::bigint[])', [sizes]);
  return new Map(rows.map((r) => [Number(r.size), r.note]));
}

/** The root of the tree of `size` (within a signed checkpoint's) and PATH(index, D[0:size]). */
export async function inclusionProof(pool: Pool, index: number, size: number): Promise<{ root: Buffer; proof: Buffer[] }> {
  const ranges = inclusionRanges(index, size);
  const [root, ...proof] = await readRangeHashes(pool, [[0, size], ...ranges]);
  return { root: root!, proof };
}

/** The roots of both trees and PROOF(oldSize, D[0:newSize]). */
export async function consistencyProof(pool: Pool, oldSize: number, newSize: number): Promise<{ oldRoot: Buffer; newRoot: Buffer; proof: Buffer[] }> {
  const [oldRoot, newRoot, ...proof] = await readRangeHashes(pool, [[0, oldSize], [0, newSize], ...consistencyRanges(oldSize, newSize)]);
  return { oldRoot: oldRoot!, newRoot: newRoot!, proof };
}
