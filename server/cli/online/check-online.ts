import { isObject } from '../../../sdk/json/is-object.ts';
import type { AnchorVerifier, OnlineCheck, OnlineClaim, ProofReport } from '../../../sdk/verify/index.ts';

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
 * the chain can confirm (`report.onlineOnly`): the record's anchors and the log checkpoint's
 * anchors alike, each finding placed by `anchor` or `checkpointAnchor` as the claim is. A claim no
 * checker can ask about is left unchecked.
 */
export async function checkOnline(proofText: string, report: ProofReport, verifiers: readonly AnchorVerifier[], apis: ReadonlyMap<string, ChosenApi>): Promise<OnlineResult> {
  const byChain = new Map(verifiers.map((verifier) => [verifier.chain, verifier]));
  const lists = anchorsOf(proofText);
  const findings = await Promise.all(
    report.onlineOnly.map(async (claim) => {
      const { index, place } = placeOf(claim);
      const at = { [place]: index };
      const online = byChain.get(claim.chain)?.online;
      if (online === undefined) return { check: { name: 'anchor.online', ...at, outcome: 'unchecked' as const, detail: `the ${claim.chain} verifier has no online check` } };
      const merkleRoot = report.merkleRoots.find((root) => root[place] === index);
      const chosen = apis.get(claim.chain);
      const source = chosen?.source === undefined ? {} : { source: chosen.source, ...(chosen.apiKey === undefined ? {} : { apiKey: chosen.apiKey }) };
      const found = await online.check(lists[place][index] ?? {}, { index, api: chosen?.url, merkleRoot, ...source });
      const { anchor: _anchor, ...check } = found.check;
      return { ...found, check: { ...check, ...at } };
    }),
  );
  // The record's anchors first, then the checkpoint's.
  const order = (check: OnlineCheck) => (check.anchor !== undefined ? check.anchor : 1e9 + (check.checkpointAnchor ?? 0));
  return {
    checks: findings.map((finding) => finding.check).sort((a, b) => order(a) - order(b)),
    blockHeaders: Object.assign({}, ...findings.map((finding) => ('blockHeaders' in finding ? finding.blockHeaders : undefined) ?? {})) as Record<string, string>,
  };
}

function placeOf(claim: OnlineClaim): { index: number; place: 'anchor' | 'checkpointAnchor' } {
  return claim.checkpointAnchor === undefined ? { index: claim.anchor ?? -1, place: 'anchor' } : { index: claim.checkpointAnchor, place: 'checkpointAnchor' };
}

type Anchors = readonly Record<string, unknown>[];

/** The record's anchors and the log checkpoint's, as loosely as verifyProof reads them; none if the proof does not parse. */
function anchorsOf(proofText: string): { anchor: Anchors; checkpointAnchor: Anchors } {
  const list = (value: unknown): Anchors => (Array.isArray(value) ? value.map((anchor: unknown) => (isObject(anchor) ? anchor : {})) : []);
  try {
    const value: unknown = JSON.parse(proofText);
    const log = isObject(value) ? value['log'] : undefined;
    return { anchor: list(isObject(value) ? value['anchors'] : undefined), checkpointAnchor: list(isObject(log) ? log['checkpointAnchors'] : undefined) };
  } catch {
    return { anchor: [], checkpointAnchor: [] };
  }
}
