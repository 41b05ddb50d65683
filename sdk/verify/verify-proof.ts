import { isObject } from '../json/is-object.ts';
import { checkArweaveAnchor } from './arweave/check-arweave-anchor.ts';
import { checkBsvAnchor } from './bsv/check-bsv-anchor.ts';
import { checkReceiptMatches, checkReceiptSignature } from './check-receipt.ts';
import { failure, messageOf, pass, type CheckResult } from './check-result.ts';
import type { ProofBundle } from './proof-bundle.ts';
import { onlineClaim } from './online-claims.ts';
import type { ComputedMerkleRoot, OnlineClaim, ProofCheck, ProofReport } from './proof-report.ts';
import { readIntent } from './read-intent.ts';

export interface VerifyProofOptions {
  /**
   * 80-byte BSV block headers (hex) by block hash, for anchors without `blockHeader` (proofs made
   * before anchors carried it): headers the caller fetched online. An anchor's own header wins.
   */
  readonly blockHeaders?: Readonly<Record<string, string>>;
}

/**
 * Verifies a proof bundle (wire-format.md §5) offline, with no network: the creator signature,
 * the receipt, and each anchor, BSV ones up to their block header. Never throws: every problem is
 * a failed check in the report. What only the chain can confirm is listed in `onlineOnly`.
 */
export async function verifyProof(proof: ProofBundle | string, options: VerifyProofOptions = {}): Promise<ProofReport> {
  let value: unknown = proof;
  if (typeof proof === 'string') {
    try {
      value = JSON.parse(proof);
    } catch (error) {
      return report([{ name: 'proof.shape', ...failure(`the proof is not JSON: ${messageOf(error)}`) }], [], []);
    }
  }
  if (!isObject(value) || !isObject(value['intent']) || !isObject(value['receipt']) || !Array.isArray(value['anchors'])) {
    return report([{ name: 'proof.shape', ...failure('a proof is an object with intent and receipt objects and an anchors array') }], [], []);
  }
  const { intent, receipt, anchors } = value as { intent: unknown; receipt: unknown; anchors: unknown[] };
  const { signature, facts } = await readIntent(intent);
  const checks: ProofCheck[] = [
    { name: 'intent.signature', ...signature },
    { name: 'receipt.signature', ...(await checkReceiptSignature(receipt)) },
    { name: 'receipt.matches-intent', ...(facts === undefined ? failure('the intent could not be decoded') : checkReceiptMatches(receipt, facts)) },
  ];
  const roots: ComputedMerkleRoot[] = [];
  const claims: OnlineClaim[] = [];
  const creator = isObject(receipt) ? receipt['creator'] : undefined;
  for (const [index, anchor] of anchors.entries()) {
    const chain = isObject(anchor) ? anchor['chain'] : undefined;
    if (isObject(anchor) && chain === 'bsv') {
      const blockHash = typeof anchor['blockHash'] === 'string' ? anchor['blockHash'].toLowerCase() : undefined;
      const result = checkBsvAnchor(anchor, index, facts, blockHash === undefined ? undefined : options.blockHeaders?.[blockHash]);
      checks.push(...result.checks);
      if (result.merkleRoot !== undefined) roots.push(result.merkleRoot);
      claims.push(onlineClaim('bsv', anchor, index, result.merkleRoot?.blockHeight));
    } else if (isObject(anchor) && chain === 'arweave') {
      checks.push(...(await checkArweaveAnchor(anchor, index, facts, creator)));
      claims.push(onlineClaim('arweave', anchor, index));
    } else {
      checks.push({ name: 'anchor.chain', anchor: index, ...failure(`anchor chain ${JSON.stringify(chain)} cannot be verified by this SDK`) });
    }
  }
  if (facts !== undefined) checks.push({ name: 'proof.targets', ...checkTargets(facts.targets, anchors) });
  return report(checks, roots, claims, facts?.recordId);
}

function checkTargets(targets: readonly string[], anchors: readonly unknown[]): CheckResult {
  const missing = targets.filter((target) => !anchors.some((anchor) => isObject(anchor) && anchor['chain'] === target));
  return missing.length === 0 ? pass(`an anchor for every target: ${targets.join(', ')}`) : failure(`no anchor yet for ${missing.join(', ')}`);
}

function report(checks: ProofCheck[], merkleRoots: ComputedMerkleRoot[], onlineOnly: OnlineClaim[], recordId?: string): ProofReport {
  return { ok: checks.every((check) => check.ok), ...(recordId === undefined ? {} : { recordId }), checks, merkleRoots, onlineOnly };
}
