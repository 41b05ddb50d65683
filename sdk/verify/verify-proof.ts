import { isObject } from '../json/is-object.ts';
import type { AnchorVerifier } from './anchor-verifier.ts';
import { builtInVerifiers } from './built-in-verifiers.ts';
import { checkAnchors } from './check-anchors.ts';
import { checkLog } from './check-log.ts';
import { checkReceiptMatches, checkReceiptSignature, parseReceipt } from './check-receipt.ts';
import { failure, messageOf, pass, type CheckResult } from './check-result.ts';
import type { ProofBundle } from './proof-bundle.ts';
import type { ComputedMerkleRoot, LogReport, OnlineClaim, ProofCheck, ProofReport } from './proof-report.ts';
import { readIntent } from './read-intent.ts';

export interface VerifyProofOptions {
  /**
   * The anchor verifiers to use, one per chain (the last one given for a chain wins); by default
   * the built-in ones (`builtInVerifiers`). Pass `[...builtInVerifiers, pluginVerifier]` to add a
   * chain. An anchor of a chain with no verifier here fails `anchor.chain`.
   */
  readonly verifiers?: readonly AnchorVerifier[];
  /**
   * Block headers (hex) by block hash, for anchors without their own (proofs made before anchors
   * carried `blockHeader`): headers the caller fetched online. An anchor's own header wins.
   */
  readonly blockHeaders?: Readonly<Record<string, string>>;
  /**
   * The operator's log verifier key (`<origin>+<hex key ID>+<base64 key>`, GetInfo.log_verifier_key)
   * the receipt's checkpoint and the anchored checkpoint must be signed with. Without it the
   * bundle's own `log.verifierKey` is used, and the `receipt.signature` and
   * `log.checkpoint-signature` checks say so (and `report.log.keyFromBundle`): a bundle cannot
   * vouch for its own key.
   */
  readonly logKey?: string;
}

/**
 * Verifies a proof bundle (wire-format.md §5) offline, with no network: the creator signature,
 * the receipt, each anchor with its chain's verifier, and the operator's log (transparency-log.md
 * §6: the anchored checkpoint, its consistency with the receipt's, and its chain anchors; a log
 * not yet anchored is said in `report.log`, not failed). Never throws: every problem is a failed
 * check in the report. What only the chain can confirm is listed in `onlineOnly`.
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
  if (!isObject(value) || !isObject(value['intent']) || typeof value['receipt'] !== 'string' || !Array.isArray(value['anchors'])) {
    return report([{ name: 'proof.shape', ...failure('a proof is an object with an intent object, the receipt text and an anchors array') }], [], []);
  }
  const { intent, anchors } = value as { intent: unknown; anchors: unknown[] };
  const { signature, facts } = await readIntent(intent);
  const receipt = parseReceipt(value['receipt']);
  const bundleKey = isObject(value['log']) && typeof value['log']['verifierKey'] === 'string' ? value['log']['verifierKey'] : undefined;
  const logKey = { key: options.logKey ?? bundleKey, fromBundle: options.logKey === undefined && bundleKey !== undefined };
  const checks: ProofCheck[] = [
    { name: 'intent.signature', ...signature },
    { name: 'receipt.signature', ...checkReceiptSignature(receipt, logKey) },
    { name: 'receipt.matches-intent', ...(facts === undefined ? failure('the intent could not be decoded') : checkReceiptMatches(receipt, facts)) },
  ];
  // Anchor verifiers compare with what the receipt's entry records (its creator, say), not yet trusted.
  const recorded = receipt instanceof Error ? undefined : receipt.entry['data'];
  const found = await checkAnchors(anchors, { verifiers: options.verifiers ?? builtInVerifiers, facts, receipt: recorded, blockHeaders: options.blockHeaders, logKey });
  checks.push(...found.checks);
  if (facts !== undefined) checks.push({ name: 'proof.targets', ...checkTargets(facts.targets, anchors) });
  const log = await checkLog(value['log'], receipt, { verifiers: options.verifiers ?? builtInVerifiers, blockHeaders: options.blockHeaders, logKey });
  checks.push(...log.checks);
  return report(checks, [...found.merkleRoots, ...log.merkleRoots], [...found.onlineOnly, ...log.onlineOnly], facts?.recordId, log.report);
}

function checkTargets(targets: readonly string[], anchors: readonly unknown[]): CheckResult {
  const missing = targets.filter((target) => !anchors.some((anchor) => isObject(anchor) && anchor['chain'] === target));
  return missing.length === 0 ? pass(`an anchor for every target: ${targets.join(', ')}`) : failure(`no anchor yet for ${missing.join(', ')}`);
}

function report(checks: ProofCheck[], merkleRoots: ComputedMerkleRoot[], onlineOnly: OnlineClaim[], recordId?: string, log?: LogReport): ProofReport {
  return { ok: checks.every((check) => check.ok), ...(recordId === undefined ? {} : { recordId }), checks, merkleRoots, onlineOnly, ...(log === undefined ? {} : { log }) };
}
