import type { PgLogReader } from './pg-log-reader.ts';
import { TILE_HEIGHT } from './grow-tree.ts';
import { TILE_WIDTH, type TilePath } from './tile-path.ts';

/**
 * A tile's bytes (its hashes, 32 bytes each) or an entry bundle's (each entry as a big-endian
 * uint16 length and its bytes), per c2sp.org/tlog-tiles, for a log of `size` entries (its latest
 * checkpoint); undefined when the tree of that size does not hold the whole resource. Read from
 * the stored rows, at most 256 of them: level-0 hashes are the entries' leaf hashes, the hashes of
 * tile levels 1 and up are stored as such (log_hashes), none is recomputed.
 */
export async function readTile(reader: PgLogReader, size: bigint, { level, index, width }: TilePath): Promise<Buffer | undefined> {
  const hashesAtLevel = level === 'entries' ? size : size >> BigInt(TILE_HEIGHT * level);
  const from = index * BigInt(TILE_WIDTH);
  if (from + BigInt(width) > hashesAtLevel) return undefined;
  if (level !== 'entries') return Buffer.concat(await reader.readHashes(TILE_HEIGHT * level, from, width));
  const entries = await reader.readEntries(from, width);
  if (entries.length !== width) throw new RangeError(`the log stores ${entries.length} of the ${width} entries from ${from} under a checkpoint of size ${size}`);
  return Buffer.concat(entries.flatMap((entry) => [lengthPrefix(entry.length), entry]));
}

function lengthPrefix(length: number): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(length);
  return prefix;
}
