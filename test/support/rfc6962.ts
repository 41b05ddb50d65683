import { createHash } from 'node:crypto';

/**
 * RFC 6962 §2.1 (= RFC 9162 §2.1) written from the RFC, apart from the node's code, so that tests
 * check the node's tree, tiles and proofs against a second implementation. Hashes are Buffers; a
 * tree is known through `mth(start, end)`, the Merkle Tree Hash of D[start:end], so the same
 * proofs can be built from leaves in memory or from a log's tiles.
 */
export type RangeHash = (start: number, end: number) => Promise<Buffer>;

const sha = (...parts: Uint8Array[]) => parts.reduce((hash, p) => hash.update(p), createHash('sha256')).digest();
export const leafHash = (entry: Uint8Array): Buffer => sha(Buffer.of(0), entry);
/** The empty tree's root: SHA-256 of the empty string. */
export const EMPTY_ROOT = sha();
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha(Buffer.of(1), left, right);

/** The largest power of two smaller than n (n > 1). */
export function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes in memory, by the RFC's recursion. */
export function memoryTree(leafHashes: readonly Buffer[]): RangeHash {
  const known = new Map<string, Buffer>();
  const mth = (start: number, end: number): Buffer => {
    if (end - start === 0) return EMPTY_ROOT;
    if (end - start === 1) return leafHashes[start]!;
    const key = `${start}:${end}`;
    let hash = known.get(key);
    if (!hash) {
      const k = split(end - start);
      hash = nodeHash(mth(start, start + k), mth(start + k, end));
      known.set(key, hash);
    }
    return hash;
  };
  return async (start, end) => mth(start, end);
}

/** PATH(m, D[0:n]), RFC 6962 §2.1.1: the audit path of leaf m in the tree of size n, leaf upwards. */
export async function inclusionPath(mth: RangeHash, m: number, n: number): Promise<Buffer[]> {
  const path = async (m: number, start: number, end: number): Promise<Buffer[]> => {
    if (end - start <= 1) return [];
    const k = split(end - start);
    return m < k ? [...(await path(m, start, start + k)), await mth(start + k, end)] : [...(await path(m - k, start + k, end)), await mth(start, start + k)];
  };
  return path(m, 0, n);
}

/** PROOF(m, D[0:n]), RFC 6962 §2.1.2: the consistency proof from size m to size n. */
export async function consistencyProof(mth: RangeHash, m: number, n: number): Promise<Buffer[]> {
  const subproof = async (m: number, start: number, end: number, whole: boolean): Promise<Buffer[]> => {
    const n = end - start;
    if (m === n) return whole ? [] : [await mth(start, end)];
    const k = split(n);
    return m <= k
      ? [...(await subproof(m, start, start + k, whole)), await mth(start + k, end)]
      : [...(await subproof(m - k, start + k, end, false)), await mth(start, start + k)];
  };
  return m === 0 || m === n ? [] : subproof(m, 0, n, true);
}

/** RFC 9162 §2.1.3.2: does `path` prove leaf `index` (hash `leaf`) in the tree of `size` with `root`? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, path: readonly Buffer[], root: Buffer): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (size1, root1) to be a prefix of (size2, root2)? */
export function verifyConsistency(size1: number, size2: number, proof: readonly Buffer[], root1: Buffer, root2: Buffer): boolean {
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0;
  let path = [...proof];
  if (Number.isInteger(Math.log2(size1))) path = [root1, ...path];
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
    } else sr = nodeHash(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}
