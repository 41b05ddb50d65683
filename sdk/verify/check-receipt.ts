import { toHex } from '../encoding/hex.ts';
import { checkNoteSignature } from './check-note-signature.ts';
import { failure, guarded, pass, type CheckResult } from './check-result.ts';
import type { IntentFacts } from './read-intent.ts';
import { readTlogReceipt, rootFromInclusion, type TlogReceipt } from './read-tlog-receipt.ts';

/** Where the log's verifier key came from: the caller (trusted), or the bundle itself (a bundle cannot vouch for its own key). */
export interface LogKeySource {
  readonly key: string | undefined;
  readonly fromBundle: boolean;
}

/** The receipt read, or why it cannot be. */
export function parseReceipt(receipt: unknown): TlogReceipt | Error {
  try {
    if (typeof receipt !== 'string') throw new Error('the receipt is not tlog-proof text');
    return readTlogReceipt(receipt);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The receipt's checkpoint is signed by the operator's log key and its inclusion proof puts the
 * entry in the tree of that checkpoint (c2sp.org/tlog-proof, RFC 9162 §2.1.3.2).
 */
export function checkReceiptSignature(receipt: TlogReceipt | Error, logKey: LogKeySource): CheckResult {
  if (receipt instanceof Error) return failure(receipt.message);
  if (logKey.key === undefined) return failure('no log verifier key to check the checkpoint with: pass the operator\'s (--log-key, or GetInfo.log_verifier_key)');
  if (!logKey.key.startsWith(`${receipt.origin}+`)) return failure(`the checkpoint is of the log ${receipt.origin}, not of ${logKey.key.split('+')[0]}`);
  const signed = checkNoteSignature(receipt.checkpoint, logKey.key);
  if (!signed.ok) return signed;
  return guarded(() => {
    const root = rootFromInclusion(receipt.index, receipt.size, receipt.entryBytes, receipt.proof);
    if (root === undefined || toHex(root) !== toHex(receipt.rootHash)) return failure(`the inclusion proof of entry ${receipt.index} does not give the root of the checkpoint (size ${receipt.size})`);
    const whose = logKey.fromBundle ? ' (the key was taken from the bundle itself, which cannot vouch for it: compare it with the operator\'s, or pass --log-key)' : '';
    return pass(`${signed.detail}; entry ${receipt.index} is in its tree of ${receipt.size}${whose}`);
  });
}

/** The receipt's entry records this intent's acceptance: its index, kind, record id, creator address and targets. */
export function checkReceiptMatches(receipt: TlogReceipt | Error, facts: IntentFacts): CheckResult {
  if (receipt instanceof Error) return failure(receipt.message);
  const { entry } = receipt;
  const data = (typeof entry['data'] === 'object' && entry['data'] !== null ? entry['data'] : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (entry['index'] !== receipt.index) problems.push(`the entry says index ${JSON.stringify(entry['index'])}, the proof ${receipt.index}`);
  if (entry['kind'] !== 'intent.accepted') problems.push(`the entry is ${JSON.stringify(entry['kind'])}, not intent.accepted`);
  if (data['recordId'] !== facts.recordId) problems.push(`recordId ${JSON.stringify(data['recordId'])} is not the intent's ${facts.recordId}`);
  const addresses = creatorAddresses(facts);
  if (typeof data['creator'] !== 'string' || !addresses.includes(data['creator'])) {
    problems.push(`creator ${JSON.stringify(data['creator'])} is not the signer's address (${addresses.join(' or ')})`);
  }
  const sorted = JSON.stringify([...facts.targets].sort());
  if (JSON.stringify(data['targets']) !== sorted) problems.push(`targets ${JSON.stringify(data['targets'])} are not the intent's ${sorted}`);
  return problems.length === 0 ? pass(`log entry ${receipt.index} records the acceptance of ${facts.recordId} by ${String(data['creator'])}`) : failure(problems.join('; '));
}

/** The signer's address on every network; which one a node uses depends on its configuration. */
export function creatorAddresses(facts: IntentFacts): string[] {
  return [...new Set([facts.scheme.address(facts.publicKey, 'mainnet'), facts.scheme.address(facts.publicKey, 'test')])];
}
