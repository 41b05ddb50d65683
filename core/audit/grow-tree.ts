import { hashChildren, EMPTY_ROOT } from './log-hashing.ts';

/** Levels of the Merkle tree per tile level (tlog-tiles: height 8, 256 hashes per full tile). */
export const TILE_HEIGHT = 8;
const TILE_WIDTH = 2 ** TILE_HEIGHT;

/**
 * The right edge of a tree of `size` leaves, as stored: `levels[t]` holds the Merkle-level-8t
 * hashes of the tile still incomplete at tile level t, indices [⌊size_t/256⌋·256, size_t) with
 * size_t = ⌊size/256^t⌋ (level 0: leaf hashes). Every hash of the tree that is not inside a
 * complete stored tile is a function of these, so they are all an append needs.
 */
export interface Frontier {
  size: number;
  levels: readonly (readonly Uint8Array[])[];
}

/** A tile-level hash to store: the root of the complete subtree of leaves [idx·256^level, (idx+1)·256^level). */
export interface TileHash {
  level: number;
  idx: number;
  hash: Buffer;
}

export interface Grown {
  size: number;
  root: Buffer;
  /** New rows for the tile levels ≥ 1, completed by this growth. */
  tileHashes: TileHash[];
  /** Per new leaf, in order, its RFC 6962 inclusion proof in the grown tree (leaf upwards). */
  proofs: Buffer[][];
}

/** Where each tile level's incomplete tile starts, for a tree of `size` leaves (level 0 first). */
export function frontierStarts(size: number): number[] {
  const starts: number[] = [];
  for (let t = 0, width = 1; t === 0 || width <= size; t += 1, width *= TILE_WIDTH) {
    const count = Math.floor(size / width);
    starts.push(count - (count % TILE_WIDTH));
  }
  return starts;
}

/**
 * Appends leaves to a tree known by its frontier: the new root, the tile hashes completed on the
 * way and every new leaf's inclusion proof, computed in memory (each hash once) with no read of
 * the stored tree. RFC 6962 §2.1: MTH splits at the largest power of two below the size, PATH
 * follows the same splits; every subtree it needs is either made of new leaves or lies in the
 * frontier (a sibling left of a new leaf is a subtree of the old size's binary decomposition).
 */
export function growTree(frontier: Frontier, leafHashes: readonly Uint8Array[]): Grown {
  const old = frontier.size;
  const size = old + leafHashes.length;
  const memo = new Map<string, Buffer>();

  // The hash of the perfect subtree of leaves [idx·2^level, (idx+1)·2^level).
  const perfect = (level: number, idx: number): Buffer => {
    const key = `${level}/${idx}`;
    const known = memo.get(key);
    if (known) return known;
    const first = idx * 2 ** level;
    let hash: Buffer;
    if (level === 0 && first >= old) hash = Buffer.from(leafHashes[first - old]!);
    else if (level % TILE_HEIGHT === 0 && first + 2 ** level <= old) hash = Buffer.from(stored(frontier, level / TILE_HEIGHT, idx));
    else hash = hashChildren(perfect(level - 1, 2 * idx), perfect(level - 1, 2 * idx + 1));
    memo.set(key, hash);
    return hash;
  };
  const mth = (lo: number, hi: number): Buffer => {
    const n = hi - lo;
    if (isPowerOfTwo(n) && lo % n === 0) return perfect(Math.log2(n), lo / n);
    const k = largestPowerOfTwoBelow(n);
    return hashChildren(mth(lo, lo + k), mth(lo + k, hi));
  };
  const path = (i: number, lo: number, hi: number): Buffer[] => {
    if (hi - lo === 1) return [];
    const k = largestPowerOfTwoBelow(hi - lo);
    return i < lo + k ? [...path(i, lo, lo + k), mth(lo + k, hi)] : [...path(i, lo + k, hi), mth(lo, lo + k)];
  };

  const proofs = leafHashes.map((_, j) => path(old + j, 0, size));
  const tileHashes: TileHash[] = [];
  for (let t = 1, width = TILE_WIDTH; width <= size; t += 1, width *= TILE_WIDTH) {
    for (let idx = Math.floor(old / width); idx < Math.floor(size / width); idx += 1) tileHashes.push({ level: t, idx, hash: perfect(t * TILE_HEIGHT, idx) });
  }
  return { size, root: size === 0 ? EMPTY_ROOT : mth(0, size), tileHashes, proofs };
}

function stored(frontier: Frontier, tileLevel: number, idx: number): Uint8Array {
  const start = frontierStarts(frontier.size)[tileLevel] ?? 0;
  const hash = frontier.levels[tileLevel]?.[idx - start];
  if (!hash) throw new RangeError(`growTree: the frontier of size ${frontier.size} lacks the hash ${idx} of tile level ${tileLevel}`);
  return hash;
}

const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** The largest power of two strictly below n (n ≥ 2). */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
