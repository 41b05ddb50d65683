import { isObject } from '../json/is-object.ts';
import type { AnchorVerifier } from './anchor-verifier.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { checkCheckpointAnchors, type AnchorFindings } from './check-anchors.ts';
import { checkNoteSignature } from './check-note-signature.ts';
import type { LogKeySource } from './check-receipt.ts';
import { failure, guarded, messageOf, pass, type CheckResult } from './check-result.ts';
import { proofChecks, type CheckpointSummary, type LogReport, type ProofCheck } from './proof-report.ts';
import { readCheckpoint, type Checkpoint } from './read-checkpoint.ts';
import type { TlogReceipt } from './read-tlog-receipt.ts';
import { verifyConsistency } from './verify-consistency.ts';

export interface LogFindings extends AnchorFindings {
  readonly report: LogReport;
}

export interface LogWalk {
  readonly verifiers: readonly AnchorVerifier[];
  readonly blockHeaders: Readonly<Record<string, string>> | undefined;
  readonly logKey: LogKeySource;
}

const fromBundleNote = " (the key was taken from the bundle itself, which cannot vouch for it: compare it with the operator's, or pass --log-key)";

/**
 * The bundle's `log` section (transparency-log.md §6). Without an anchored checkpoint there is
 * nothing to check and the report says the log is not yet anchored. With one: it is signed with
 * the operator's log key (`log.checkpoint-signature`), extends the receipt's checkpoint and
 * covers its entry (`log.checkpoint`), the consistency proof shows the receipt's checkpoint a
 * prefix of it (`log.consistency`), and it has chain anchors (`log.anchors`), each checked by its
 * chain's `verifyCheckpoint`.
 */
export async function checkLog(log: unknown, receipt: TlogReceipt | Error, walk: LogWalk): Promise<LogFindings> {
  const section = isObject(log) ? log : {};
  const base = {
    keyFromBundle: walk.logKey.fromBundle,
    ...(receipt instanceof Error ? {} : { checkpoint: summary(receipt) }),
  };
  const note = section['anchoredCheckpoint'];
  const anchors = section['checkpointAnchors'];
  const consistency = section['consistency'];
  if (note === undefined) {
    const checks: ProofCheck[] =
      anchors === undefined && consistency === undefined
        ? []
        : [{ name: proofChecks.logCheckpointSignature, ...failure('the log section has checkpoint anchors or a consistency proof but no anchoredCheckpoint') }];
    return { checks, merkleRoots: [], onlineOnly: [], report: { anchored: false, ...base, anchorChains: [] } };
  }
  let read: Checkpoint;
  try {
    if (typeof note !== 'string') throw new Error('anchoredCheckpoint is not the signed note text');
    read = readCheckpoint(note);
  } catch (error) {
    const unread = failure(`the anchored checkpoint could not be read: ${messageOf(error)}`);
    const checks = [proofChecks.logCheckpointSignature, proofChecks.logCheckpoint, proofChecks.logConsistency, proofChecks.logAnchors].map((name) => ({ name, ...unread }));
    return { checks, merkleRoots: [], onlineOnly: [], report: { anchored: true, ...base, anchorChains: chainsOf(anchors) } };
  }
  const checks: ProofCheck[] = [
    { name: proofChecks.logCheckpointSignature, ...checkSignature(note, read, walk.logKey) },
    { name: proofChecks.logCheckpoint, ...checkExtends(read, receipt) },
    { name: proofChecks.logConsistency, ...checkConsistency(consistency, read, receipt) },
    { name: proofChecks.logAnchors, ...checkAnchorList(anchors) },
  ];
  const report: LogReport = { anchored: true, ...base, anchoredCheckpoint: summary(read), anchorChains: chainsOf(anchors) };
  if (!Array.isArray(anchors)) return { checks, merkleRoots: [], onlineOnly: [], report };
  const { origin, size: treeSize, rootHash } = read;
  const found = await checkCheckpointAnchors(anchors, { verifiers: walk.verifiers, blockHeaders: walk.blockHeaders, logKey: walk.logKey, note, origin, treeSize, rootHash });
  return { checks: [...checks, ...found.checks], merkleRoots: found.merkleRoots, onlineOnly: found.onlineOnly, report };
}

function summary({ origin, size, rootHash }: Checkpoint): CheckpointSummary {
  return { origin, size, rootHash: encodeBase64(rootHash) };
}

function checkSignature(note: string, read: Checkpoint, logKey: LogKeySource): CheckResult {
  if (logKey.key === undefined) return failure("no log verifier key to check the anchored checkpoint with: pass the operator's (--log-key, or GetInfo.log_verifier_key)");
  if (!logKey.key.startsWith(`${read.origin}+`)) return failure(`the anchored checkpoint is of the log ${read.origin}, not of ${logKey.key.split('+')[0]}`);
  const signed = checkNoteSignature(note, logKey.key);
  if (!signed.ok) return failure(`anchored checkpoint: ${signed.detail}`);
  return pass(`the anchored checkpoint (tree size ${read.size}) is signed by ${logKey.key.split('+').slice(0, 2).join('+')}${logKey.fromBundle ? fromBundleNote : ''}`);
}

function checkExtends(read: Checkpoint, receipt: TlogReceipt | Error): CheckResult {
  if (receipt instanceof Error) return failure(`the receipt could not be read, so there is no checkpoint to extend: ${receipt.message}`);
  const problems: string[] = [];
  if (read.origin !== receipt.origin) problems.push(`it is of the log ${read.origin}, the receipt's checkpoint of ${receipt.origin}`);
  if (read.size < receipt.size) problems.push(`its tree size ${read.size} is smaller than the receipt's checkpoint's ${receipt.size}`);
  if (read.size <= receipt.index) problems.push(`its tree size ${read.size} does not cover entry ${receipt.index}`);
  return problems.length === 0
    ? pass(`the anchored checkpoint of ${read.origin} (tree size ${read.size}) covers entry ${receipt.index} and is no smaller than the receipt's (tree size ${receipt.size})`)
    : failure(`the anchored checkpoint does not extend the receipt's: ${problems.join('; ')}`);
}

function checkConsistency(consistency: unknown, read: Checkpoint, receipt: TlogReceipt | Error): CheckResult {
  if (receipt instanceof Error) return failure(`the receipt could not be read, so there is no checkpoint to prove consistent: ${receipt.message}`);
  if (!Array.isArray(consistency) || consistency.some((hash) => typeof hash !== 'string')) return failure('consistency is not a list of base64 hashes');
  if (read.origin !== receipt.origin || read.size < receipt.size) return failure('the anchored checkpoint cannot extend the receipt\'s (see log.checkpoint)');
  return guarded(() => {
    const proof = (consistency as string[]).map(decodeBase64);
    if (proof.some((hash) => hash.length !== 32)) return failure('a hash of the consistency proof is not 32 bytes');
    if (!verifyConsistency(receipt.size, read.size, proof, receipt.rootHash, read.rootHash)) {
      return failure(`the consistency proof (${proof.length} hashes) does not show the receipt's tree of ${receipt.size} to be a prefix of the anchored tree of ${read.size}`);
    }
    return read.size === receipt.size
      ? pass(`the anchored checkpoint is the receipt's own tree (size ${read.size}, same root)`)
      : pass(`the receipt's tree of ${receipt.size} is a prefix of the anchored tree of ${read.size} (consistency proof of ${proof.length} hashes, RFC 9162 §2.1.4.2)`);
  });
}

function checkAnchorList(anchors: unknown): CheckResult {
  if (!Array.isArray(anchors)) return failure('checkpointAnchors is not a list: nothing shows the checkpoint on a chain');
  if (anchors.length === 0) return failure('the anchored checkpoint has no chain anchor');
  return pass(`the anchored checkpoint has ${anchors.length} chain anchor${anchors.length === 1 ? '' : 's'} (${chainsOf(anchors).join(', ')}), each checked as a checkpoint anchor`);
}

function chainsOf(anchors: unknown): string[] {
  return Array.isArray(anchors) ? anchors.map((anchor: unknown) => (isObject(anchor) && typeof anchor['chain'] === 'string' ? anchor['chain'] : '?')) : [];
}
