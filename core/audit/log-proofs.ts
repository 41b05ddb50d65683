import type { Pool } from 'pg';
import { TILE_HEIGHT } from './grow-tree.ts';
import { EMPTY_ROOT, hashChildren } from './log-hashing.ts';

/** A range of leaves [start, end) whose Merkle Tree Hash a proof carries. */
type Range = readonly [start: number, end: number];

/** The largest power of two smaller than n (n > 1): where RFC 6962 splits a tree of n leaves. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The ranges of PATH(m, D[0:n]), RFC 6962 §2.1.1, leaf upwards. */
export function inclusionRanges(m: number, n: number): Range[] {
  const siblings: Range[] = [];
  let [start, end] = [0, n];
  while (end - start > 1) {
    const k = split(end - start);
    if (m < start + k) {
      siblings.push([start + k, end]);
      end = start + k;
    } else {
      siblings.push([start, start + k]);
      start += k;
    }
  }
  return siblings.reverse();
}

/** The ranges of PROOF(m, D[0:n]), RFC 6962 §2.1.2 (empty when m is 0 or n). */
export function consistencyRanges(m: number, n: number): Range[] {
  if (m === 0 || m === n) return [];
  const siblings: Range[] = [];
  let [start, end, whole] = [0, n, true];
  while (m !== end) {
    const k = split(end - start);
    if (m <= start + k) {
      siblings.push([start + k, end]);
      end = start + k;
    } else {
      siblings.push([start, start + k]);
      start += k;
      whole = false;
    }
  }
  // SUBPROOF(m, D[start:end], false) of the subtree the old tree ends on is that subtree's hash.
  return [...(whole ? [] : [[start, end] as const]), ...siblings.reverse()];
}

/** A perfect subtree: 2^height leaves from index · 2^height. */
interface Subtree {
  height: number;
  index: number;
}

/**
 * A range of a tree grown by RFC 6962's splits as its perfect subtrees, largest first: its hash is
 * their right fold. Ranges that proofs name start on a multiple of their largest subtree.
 */
function subtreesOf([start, end]: Range): Subtree[] {
  const subtrees: Subtree[] = [];
  for (let at = start; at < end; ) {
    let height = 0;
    while (at % 2 ** (height + 1) === 0 && at + 2 ** (height + 1) <= end) height += 1;
    subtrees.push({ height, index: at / 2 ** height });
    at += 2 ** height;
  }
  return subtrees;
}

/**
 * The Merkle Tree Hashes of `ranges` of the stored tree, from the stored rows: a perfect subtree of
 * height h is 2^(h mod 8) stored hashes of tile level ⌊h/8⌋ (level 0: the entries' leaf hashes;
 * above: log_hashes), hashed up. One query per tile level involved; at most 128 rows per subtree.
 * The ranges must lie within a signed checkpoint's tree, whose rows are all stored.
 */
export async function readRangeHashes(pool: Pool, ranges: readonly Range[]): Promise<Buffer[]> {
  const perRange = ranges.map(subtreesOf);
  const wanted = new Map<number, Set<number>>();
  for (const { height, index } of perRange.flat()) {
    const level = Math.floor(height / TILE_HEIGHT);
    const width = 2 ** (height % TILE_HEIGHT);
    const set = wanted.get(level) ?? new Set<number>();
    for (let i = index * width; i < (index + 1) * width; i += 1) set.add(i);
    wanted.set(level, set);
  }
  const stored = new Map<string, Buffer>();
  for (const [level, set] of wanted) {
    const indices = [...set];
    const { rows } =
      level === 0
        ? await pool.query<{ idx: string; hash: Buffer }>('SELECT idx, leaf_hash AS hash FROM log_entries WHERE idx = ANY($1::bigint[])', [indices])
        : await pool.query<{ idx: string; hash: Buffer }>('SELECT idx, hash FROM log_hashes WHERE level = $1 AND idx = ANY($2::bigint[])', [level, indices]);
    if (rows.length !== indices.length) throw new RangeError(`the log stores ${rows.length} of the ${indices.length} hashes of tile level ${level} a proof needs`);
    for (const row of rows) stored.set(`${level}/${row.idx}`, row.hash);
  }
  const subtreeHash = ({ height, index }: Subtree): Buffer => {
    const level = Math.floor(height / TILE_HEIGHT);
    const width = 2 ** (height % TILE_HEIGHT);
    let hashes = Array.from({ length: width }, (_, i) => stored.get(`${level}/${index * width + i}`)!);
    while (hashes.length > 1) hashes = Array.from({ length: hashes.length / 2 }, (_, i) => hashChildren(hashes[2 * i]!, hashes[2 * i + 1]!));
    return hashes[0]!;
  };
  return perRange.map((subtrees) => {
    if (subtrees.length === 0) return EMPTY_ROOT;
    return subtrees
      .map(subtreeHash)
      .reduceRight((right, left) => hashChildren(left, right));
  });
}
