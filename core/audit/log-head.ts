import type { PoolClient } from 'pg';
import { frontierStarts, type Frontier } from './grow-tree.ts';

/** Serialises appends across every process on the database; held until the transaction ends (the hash chain's lock before). */
export const LOG_APPEND_LOCK = 7_342_002;

/** Tile levels read for the frontier: 256^6 leaves is more than any log here will hold. */
const MAX_TILE_LEVEL = 6;

/**
 * The log's size (that of its latest checkpoint: every append stores its checkpoint in the same
 * transaction) and the stored right edge of its tree, in one statement. Undefined when the log
 * has no checkpoint yet: it was never started (core/audit/start-log.ts).
 */
export const READ_HEAD = `WITH head AS (SELECT max(size) AS size FROM log_checkpoints)
  SELECT -1 AS level, size AS idx, NULL::bytea AS hash FROM head
  UNION ALL SELECT 0, e.idx, e.leaf_hash FROM head JOIN log_entries e ON e.idx >= head.size - head.size % 256
  UNION ALL SELECT h.level, h.idx, h.hash FROM head CROSS JOIN generate_series(1, ${MAX_TILE_LEVEL}) AS l(level)
    JOIN log_hashes h ON h.level = l.level AND h.idx >= (head.size >> (8 * l.level)) - (head.size >> (8 * l.level)) % 256`;

interface HeadRow {
  level: number;
  idx: string | null;
  hash: Buffer | null;
}

/** Takes the log's lock and reads its head in one round trip (two statements: the read sees what committed before the lock). */
export async function lockLogHead(client: PoolClient): Promise<Frontier | undefined> {
  const results = (await client.query(`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK}); ${READ_HEAD}`)) as unknown as { rows: HeadRow[] }[];
  return frontierOf(results[1]!.rows);
}

export async function readLogHead(client: PoolClient): Promise<Frontier | undefined> {
  return frontierOf((await client.query<HeadRow>(READ_HEAD)).rows);
}

function frontierOf(rows: readonly HeadRow[]): Frontier | undefined {
  const sizeRow = rows.find((r) => r.level === -1);
  if (!sizeRow || sizeRow.idx === null) return undefined;
  const size = Number(sizeRow.idx);
  const starts = frontierStarts(size);
  const levels: Uint8Array[][] = starts.map((start, t) => new Array<Uint8Array>(Math.floor(size / 256 ** t) - start));
  for (const row of rows) {
    if (row.level < 0 || row.level >= starts.length) continue;
    const at = Number(row.idx) - starts[row.level]!;
    if (at < levels[row.level]!.length) levels[row.level]![at] = row.hash!;
  }
  levels.forEach((level, t) => {
    for (let i = 0; i < level.length; i += 1) if (!level[i]) throw new RangeError(`the log's stored tree lacks hash ${starts[t]! + i} of tile level ${t} (size ${size})`);
  });
  return { size, levels };
}
