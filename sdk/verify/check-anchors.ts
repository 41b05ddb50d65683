import { isObject } from '../json/is-object.ts';
import type { AnchorContext, AnchorVerification, AnchorVerifier, CheckpointAnchorContext } from './anchor-verifier.ts';
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

/** What the log's checkpoint anchors are checked against: the anchored checkpoint, read. */
export type CheckpointWalk = Pick<AnchorWalk, 'verifiers' | 'blockHeaders' | 'logKey'> & Omit<CheckpointAnchorContext, 'index' | 'blockHeaders' | 'logKey'>;

/**
 * Hands each anchor to the verifier of its chain. An anchor no verifier takes, a verifier that
 * throws and one that reports no check are failed checks, never a silent pass.
 */
export async function checkAnchors(anchors: readonly unknown[], walk: AnchorWalk): Promise<AnchorFindings> {
  return walkAnchors(anchors, walk.verifiers, 'anchor', (verifier, anchor, index) =>
    verifier.verify(anchor, {
      index,
      facts: walk.facts,
      receipt: walk.receipt,
      ...(walk.blockHeaders === undefined ? {} : { blockHeaders: walk.blockHeaders }),
      ...(walk.logKey?.key === undefined ? {} : { logKey: walk.logKey }),
    } satisfies AnchorContext),
  );
}

/**
 * Hands each anchor of the log's anchored checkpoint (`log.checkpointAnchors`) to its chain's
 * `verifyCheckpoint`; every finding is placed by `checkpointAnchor`, never `anchor`. A chain whose
 * verifier has no `verifyCheckpoint` fails `anchor.chain`, naming the chain.
 */
export async function checkCheckpointAnchors(anchors: readonly unknown[], walk: CheckpointWalk): Promise<AnchorFindings> {
  const { verifiers, blockHeaders, logKey, ...checkpoint } = walk;
  return walkAnchors(anchors, verifiers, 'checkpointAnchor', (verifier, anchor, index) => {
    if (verifier.verifyCheckpoint === undefined) {
      return Promise.resolve({ checks: [{ name: proofChecks.anchorChain, ...failure(`the ${verifier.chain} verifier does not check log checkpoint anchors (it has no verifyCheckpoint)`) }] });
    }
    return verifier.verifyCheckpoint(anchor, {
      index,
      ...checkpoint,
      ...(blockHeaders === undefined ? {} : { blockHeaders }),
      ...(logKey?.key === undefined ? {} : { logKey }),
    });
  });
}

type Place = 'anchor' | 'checkpointAnchor';
type Run = (verifier: AnchorVerifier, anchor: Readonly<Record<string, unknown>>, index: number) => Promise<AnchorVerification>;

async function walkAnchors(anchors: readonly unknown[], verifiers: readonly AnchorVerifier[], place: Place, run: Run): Promise<AnchorFindings> {
  // The last verifier given for a chain wins, so a caller can replace a built-in one.
  const byChain = new Map(verifiers.map((verifier) => [verifier.chain, verifier]));
  const checks: ProofCheck[] = [];
  const merkleRoots: ComputedMerkleRoot[] = [];
  const onlineOnly: OnlineClaim[] = [];
  for (const [index, anchor] of anchors.entries()) {
    const at = { [place]: index };
    const chain = isObject(anchor) ? anchor['chain'] : undefined;
    const verifier = typeof chain === 'string' ? byChain.get(chain) : undefined;
    if (!isObject(anchor) || verifier === undefined) {
      const known = [...byChain.keys()].join(', ') || 'none';
      checks.push({ name: proofChecks.anchorChain, ...at, ...failure(`no verifier for chain ${JSON.stringify(chain)} (verifiers given: ${known})`) });
      continue;
    }
    const found = await runVerifier(verifier, () => run(verifier, anchor, index));
    checks.push(...found.checks.map(({ anchor: _anchor, ...check }) => ({ ...check, ...at })));
    if (found.merkleRoot !== undefined) merkleRoots.push({ ...withoutAnchor(found.merkleRoot), ...at });
    if (found.onlineClaim !== undefined) onlineOnly.push({ ...withoutAnchor(found.onlineClaim), ...at });
  }
  return { checks, merkleRoots, onlineOnly };
}

function withoutAnchor<T extends { readonly anchor?: number }>(value: T): Omit<T, 'anchor'> {
  const { anchor: _anchor, ...rest } = value;
  return rest;
}

async function runVerifier(verifier: AnchorVerifier, run: () => Promise<AnchorVerification>): Promise<AnchorVerification> {
  const refused = (detail: string): AnchorVerification => ({ checks: [{ name: proofChecks.anchorVerifier, ...failure(detail) }] });
  try {
    const found = await run();
    return found.checks.length > 0 ? found : refused(`the ${verifier.chain} verifier reported no check`);
  } catch (error) {
    return refused(`the ${verifier.chain} verifier failed: ${messageOf(error)}`);
  }
}
