import type { Pool } from 'pg';

/** An entry as stored: its bytes and the leaf hash stored beside them. */
export interface StoredEntry {
  index: number;
  entry: Buffer;
  leafHash: Buffer;
}

/** Entries with index ≥ from (a bigint from a request keeps its 64 bits), in order, at most `limit`. */
export async function readLogEntries(pool: Pool, from: number | bigint, limit: number): Promise<StoredEntry[]> {
  const { rows } = await pool.query<{ idx: string; entry: Buffer; leaf_hash: Buffer }>('SELECT idx, entry, leaf_hash FROM log_entries WHERE idx >= $1 ORDER BY idx LIMIT $2', [from, limit]);
  return rows.map((r) => ({ index: Number(r.idx), entry: r.entry, leafHash: r.leaf_hash }));
}

/** The latest signed checkpoint, if the log was ever started. */
export async function readLatestCheckpoint(pool: Pool): Promise<{ size: number; note: string } | undefined> {
  const { rows } = await pool.query<{ size: string; note: string }>('SELECT size, note FROM log_checkpoints ORDER BY size DESC LIMIT 1');
  return rows[0] && { size: Number(rows[0].size), note: rows[0].note };
}
