import type { Pool } from 'pg';
import { TILE_HEIGHT } from './grow-tree.ts';
import { hashChildren } from './log-hashing.ts';

/**
 * The stored log read back for serving: checkpoints, entries, tree hashes. `readHashes` takes a
 * Merkle level (0: leaf hashes; level L: roots of the complete subtrees of 2^L leaves): levels
 * that are multiples of the tile height are stored, the others are computed from at most
 * 2^7 stored hashes each, the way tiles hold them.
 */
export interface PgLogReader {
  latestCheckpoint(): Promise<{ size: bigint; note: string } | undefined>;
  readHashes(level: number, from: bigint, count: number): Promise<Uint8Array[]>;
  readEntries(from: bigint, count: number): Promise<Uint8Array[]>;
  findIndexByRecordId(recordId: string): Promise<bigint | undefined>;
}

export function pgLogReader(pool: Pool): PgLogReader {
  const storedHashes = async (tileLevel: number, from: bigint, count: number): Promise<Buffer[]> => {
    const { rows } =
      tileLevel === 0
        ? await pool.query<{ hash: Buffer }>('SELECT leaf_hash AS hash FROM log_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx', [from, from + BigInt(count)])
        : await pool.query<{ hash: Buffer }>('SELECT hash FROM log_hashes WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx', [tileLevel, from, from + BigInt(count)]);
    if (rows.length !== count) throw new RangeError(`the log stores ${rows.length} of the ${count} hashes of tile level ${tileLevel} from ${from}: beyond the tree`);
    return rows.map((r) => r.hash);
  };
  return {
    async latestCheckpoint() {
      const { rows } = await pool.query<{ size: string; note: string }>('SELECT size, note FROM log_checkpoints ORDER BY size DESC LIMIT 1');
      return rows[0] && { size: BigInt(rows[0].size), note: rows[0].note };
    },
    async readHashes(level, from, count) {
      if (count === 0) return [];
      const below = level % TILE_HEIGHT;
      const width = 2 ** below;
      const base = await storedHashes((level - below) / TILE_HEIGHT, from * BigInt(width), count * width);
      return Array.from({ length: count }, (_, i) => perfectRoot(base.slice(i * width, (i + 1) * width)));
    },
    async readEntries(from, count) {
      const { rows } = await pool.query<{ entry: Buffer }>('SELECT entry FROM log_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx', [from, from + BigInt(count)]);
      return rows.map((r) => r.entry);
    },
    async findIndexByRecordId(recordId) {
      const { rows } = await pool.query<{ log_index: string }>('SELECT log_index FROM records WHERE record_id = $1', [recordId]);
      return rows[0] && BigInt(rows[0].log_index);
    },
  };
}

/** The root of a perfect tree over 2^k hashes. */
function perfectRoot(hashes: readonly Buffer[]): Buffer {
  let level = [...hashes];
  while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => hashChildren(level[2 * i]!, level[2 * i + 1]!));
  return level[0]!;
}
