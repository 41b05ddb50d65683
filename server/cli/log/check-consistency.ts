import { consistencyRanges } from '../../../core/audit/log-proofs.ts';
import { describeCheckpoint, nodeHash, type Checkpoint, type TileLog } from './tile-log.ts';

/** RFC 9162 §2.1.4.2: does `proof` show the tree (size1, root1) to be a prefix of (size2, root2)? */
export function verifyConsistency(size1: number, size2: number, proof: readonly Buffer[], root1: Buffer, root2: Buffer): boolean {
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0 || size1 > size2) return size1 === 0 && proof.length === 0;
  const path = Number.isInteger(Math.log2(size1)) ? [root1, ...proof] : [...proof];
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
      while (fn % 2 === 0 && fn !== 0) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
    } else sr = nodeHash(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}

/**
 * Whether checkpoint `next` extends `previous` (both signatures already checked): the same origin,
 * no smaller, and a consistency proof built from `next`'s tiles (which must give `next`'s root)
 * that verifies. Undefined when consistent, else what is wrong, naming both checkpoints.
 */
export async function checkConsistency(log: TileLog, previous: Checkpoint, next: Checkpoint): Promise<string | undefined> {
  const both = `the new checkpoint (${describeCheckpoint(next)}) and the verified one (${describeCheckpoint(previous)})`;
  if (next.origin !== previous.origin) return `another log: ${both} have different origins (${next.origin}, ${previous.origin})`;
  if (next.size < previous.size) return `rollback: the log shrank: ${both}`;
  if (next.size === previous.size) return next.root.equals(previous.root) ? undefined : `fork: two different trees of the same size: ${both}`;
  const mth = log.rangeHash(next.size);
  if (!(await mth(0, next.size)).equals(next.root)) return `the log's tiles do not give the new checkpoint's root, so nothing can be proved: ${both}`;
  const proof = await Promise.all(consistencyRanges(previous.size, next.size).map(([start, end]) => mth(start, end)));
  return verifyConsistency(previous.size, next.size, proof, previous.root, next.root) ? undefined : `fork: the new tree does not extend the verified one (the consistency proof fails): ${both}`;
}
