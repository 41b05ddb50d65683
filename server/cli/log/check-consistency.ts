import { consistencyRanges } from '../../../core/audit/log-proofs.ts';
import { verifyConsistency } from '../../../sdk/verify/verify-consistency.ts';
import { describeCheckpoint, type Checkpoint, type TileLog } from './tile-log.ts';

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
