import { isObject } from '../../../sdk/json/is-object.ts';
import type { AnchorVerifier, OnlineCheck, ProofReport } from '../../../sdk/verify/index.ts';

export interface OnlineResult {
  readonly checks: OnlineCheck[];
  /** Headers fetched for anchors that carry none, by block hash, for the offline header checks. */
  readonly blockHeaders: Record<string, string>;
}

/** The API named for a chain: its URL, and which of its checker's other sources it is, with that source's key. */
export interface ChosenApi {
  readonly url: string;
  readonly source?: string;
  readonly apiKey?: string;
}

/**
 * Asks each anchor's chain, through its verifier's online checker, what the proof claims only
 * the chain can confirm (`report.onlineOnly`). A claim no checker can ask about is left unchecked.
 */
export async function checkOnline(proofText: string, report: ProofReport, verifiers: readonly AnchorVerifier[], apis: ReadonlyMap<string, ChosenApi>): Promise<OnlineResult> {
  const byChain = new Map(verifiers.map((verifier) => [verifier.chain, verifier]));
  const anchors = anchorsOf(proofText);
  const findings = await Promise.all(
    report.onlineOnly.map(async ({ anchor: index, chain }) => {
      const online = byChain.get(chain)?.online;
      if (online === undefined) return { check: { name: 'anchor.online', anchor: index, outcome: 'unchecked' as const, detail: `the ${chain} verifier has no online check` } };
      const merkleRoot = report.merkleRoots.find((root) => root.anchor === index);
      const chosen = apis.get(chain);
      const source = chosen?.source === undefined ? {} : { source: chosen.source, ...(chosen.apiKey === undefined ? {} : { apiKey: chosen.apiKey }) };
      return online.check(anchors[index] ?? {}, { index, api: chosen?.url, merkleRoot, ...source });
    }),
  );
  return {
    checks: findings.map((finding) => finding.check).sort((a, b) => a.anchor - b.anchor),
    blockHeaders: Object.assign({}, ...findings.map((finding) => finding.blockHeaders ?? {})) as Record<string, string>,
  };
}

/** The anchors of a proof's text, as loosely as verifyProof reads them; none if it does not parse. */
function anchorsOf(proofText: string): readonly Record<string, unknown>[] {
  try {
    const value: unknown = JSON.parse(proofText);
    const anchors = isObject(value) ? value['anchors'] : undefined;
    return Array.isArray(anchors) ? anchors.map((anchor: unknown) => (isObject(anchor) ? anchor : {})) : [];
  } catch {
    return [];
  }
}
