import { isObject } from '../json/is-object.ts';
import type { AnchorContext, AnchorVerification, AnchorVerifier } from './anchor-verifier.ts';
import type { LogKeySource } from './check-receipt.ts';
import { failure, messageOf } from './check-result.ts';
import { proofChecks, type ComputedMerkleRoot, type OnlineClaim, type ProofCheck } from './proof-report.ts';
import type { IntentFacts } from './read-intent.ts';

export interface AnchorFindings {
  readonly checks: readonly ProofCheck[];
  readonly merkleRoots: readonly ComputedMerkleRoot[];
  readonly onlineOnly: readonly OnlineClaim[];
}

export interface AnchorWalk {
  readonly verifiers: readonly AnchorVerifier[];
  readonly facts: IntentFacts | undefined;
  readonly receipt: unknown;
  readonly blockHeaders: Readonly<Record<string, string>> | undefined;
  readonly logKey?: LogKeySource;
}

/**
 * Hands each anchor to the verifier of its chain. An anchor no verifier takes, a verifier that
 * throws and one that reports no check are failed checks, never a silent pass.
 */
export async function checkAnchors(anchors: readonly unknown[], walk: AnchorWalk): Promise<AnchorFindings> {
  // The last verifier given for a chain wins, so a caller can replace a built-in one.
  const byChain = new Map(walk.verifiers.map((verifier) => [verifier.chain, verifier]));
  const checks: ProofCheck[] = [];
  const merkleRoots: ComputedMerkleRoot[] = [];
  const onlineOnly: OnlineClaim[] = [];
  for (const [index, anchor] of anchors.entries()) {
    const chain = isObject(anchor) ? anchor['chain'] : undefined;
    const verifier = typeof chain === 'string' ? byChain.get(chain) : undefined;
    if (!isObject(anchor) || verifier === undefined) {
      const known = [...byChain.keys()].join(', ') || 'none';
      checks.push({ name: proofChecks.anchorChain, anchor: index, ...failure(`no verifier for chain ${JSON.stringify(chain)} (verifiers given: ${known})`) });
      continue;
    }
    const context: AnchorContext = {
      index,
      facts: walk.facts,
      receipt: walk.receipt,
      ...(walk.blockHeaders === undefined ? {} : { blockHeaders: walk.blockHeaders }),
      ...(walk.logKey?.key === undefined ? {} : { logKey: walk.logKey }),
    };
    const found = await runVerifier(verifier, anchor, context);
    checks.push(...found.checks.map((check) => ({ ...check, anchor: index })));
    if (found.merkleRoot !== undefined) merkleRoots.push({ ...found.merkleRoot, anchor: index });
    if (found.onlineClaim !== undefined) onlineOnly.push({ ...found.onlineClaim, anchor: index });
  }
  return { checks, merkleRoots, onlineOnly };
}

async function runVerifier(verifier: AnchorVerifier, anchor: Readonly<Record<string, unknown>>, context: AnchorContext): Promise<AnchorVerification> {
  const refused = (detail: string): AnchorVerification => ({ checks: [{ name: proofChecks.anchorVerifier, anchor: context.index, ...failure(detail) }] });
  try {
    const found = await verifier.verify(anchor, context);
    return found.checks.length > 0 ? found : refused(`the ${verifier.chain} verifier reported no check`);
  } catch (error) {
    return refused(`the ${verifier.chain} verifier failed: ${messageOf(error)}`);
  }
}
