import { TILE_WIDTH } from '../../../core/audit/tile-path.ts';
import { hashesAt, leafHash, nodeHash, TileError, type Checkpoint, type TileLog } from './tile-log.ts';

/** What `publisher log verify` found, each named by kind. */
export interface LogProblem {
  kind: 'tampered entry' | 'tampered tile' | 'root mismatch' | 'malformed tile';
  detail: string;
}

/** At most this many problems of one kind are listed; the count says how many there were. */
const LISTED = 10;

/**
 * The whole tree of `checkpoint` downloaded and recomputed: every entry bundle against its level-0
 * tile (an entry whose bytes do not hash to its leaf hash was tampered with), every hash of the
 * tiles of level 1 and up against the full tile below it (a tile that disagrees was tampered
 * with), the entries' own index, and the root from the tiles against the checkpoint's.
 */
export async function verifyTiles(log: TileLog, checkpoint: Checkpoint, progress: (done: number) => void = () => {}): Promise<{ problems: LogProblem[]; counts: Record<LogProblem['kind'], number> }> {
  const { size } = checkpoint;
  const problems: LogProblem[] = [];
  const counts = { 'tampered entry': 0, 'tampered tile': 0, 'root mismatch': 0, 'malformed tile': 0 };
  const found = (kind: LogProblem['kind'], detail: string) => {
    counts[kind] += 1;
    if (counts[kind] <= LISTED) problems.push({ kind, detail });
  };
  const guarded = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof TileError)) throw error;
      found('malformed tile', error.message);
    }
  };
  for (let n = 0; n * TILE_WIDTH < size; n += 1) {
    await guarded(async () => {
      const [entries, hashes] = await Promise.all([log.entries(n, size), log.tile(0, n, size)]);
      entries.forEach((entry, i) => {
        const index = n * TILE_WIDTH + i;
        if (!leafHash(entry).equals(hashes[i]!)) found('tampered entry', `entry ${index} (in entry bundle ${n}) does not hash to its leaf hash in tile 0/${n}`);
        const said = indexOf(entry);
        if (said !== undefined && said !== index) found('tampered entry', `entry ${index} says it is entry ${said}`);
      });
    });
    progress(Math.min(size, (n + 1) * TILE_WIDTH));
  }
  for (let level = 1; hashesAt(level, size) > 0; level += 1) {
    for (let m = 0; m * TILE_WIDTH < hashesAt(level, size); m += 1) {
      await guarded(async () => {
        const hashes = await log.tile(level, m, size);
        for (const [j, hash] of hashes.entries()) {
          const below = m * TILE_WIDTH + j;
          const children = await log.tile(level - 1, below, size);
          if (!perfectRoot(children).equals(hash)) found('tampered tile', `hash ${j} of tile ${level}/${m} is not the hash of tile ${level - 1}/${below}: one of them was altered`);
        }
      });
    }
  }
  if (counts['malformed tile'] === 0) {
    const root = await log.rangeHash(size)(0, size);
    if (!root.equals(checkpoint.root)) found('root mismatch', `the tiles give the root ${root.toString('base64')}, not the signed checkpoint's ${checkpoint.root.toString('base64')}: entries and their hashes were rewritten after it was signed`);
  }
  return { problems, counts };
}

function perfectRoot(hashes: readonly Buffer[]): Buffer {
  let level = [...hashes];
  while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => nodeHash(level[2 * i]!, level[2 * i + 1]!));
  return level[0]!;
}

/** The `index` an entry of this node's log states (transparency-log.md §1); undefined for other entry formats. */
function indexOf(entry: Buffer): number | undefined {
  try {
    const parsed = JSON.parse(entry.toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { index?: unknown }).index === 'number' ? (parsed as { index: number }).index : undefined;
  } catch {
    return undefined;
  }
}
