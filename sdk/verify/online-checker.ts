import type { ComputedMerkleRoot } from './proof-report.ts';

/** One comparison of a proof anchor with what a chain's API says. */
export interface OnlineCheck {
  /** `<chain>.<check>`, like the offline checks. */
  readonly name: string;
  /** Index into `anchors` (a checker sets it to its context's `index`); for a checkpoint's anchor the caller replaces it with `checkpointAnchor`. */
  readonly anchor?: number;
  /** Index into `log.checkpointAnchors`. */
  readonly checkpointAnchor?: number;
  /** `unchecked`: the API could not be asked or gave no usable answer, so nothing was decided. */
  readonly outcome: 'ok' | 'failed' | 'unchecked';
  readonly detail: string;
}

export interface OnlineContext {
  /** The anchor's index in its list: `anchors`, or `log.checkpointAnchors` for a checkpoint's anchor. */
  readonly index: number;
  /** The API the caller named for this chain; without one the checker picks the public API of the anchor's network, if any. */
  readonly api: string | undefined;
  /** The Merkle root verifyProof computed offline for this anchor, when the chain has one. */
  readonly merkleRoot: ComputedMerkleRoot | undefined;
  /** The other kind of API the caller chose (an `OnlineSource`'s option), with `api` its URL; absent: the checker's own kind. */
  readonly source?: string;
  /** The key the chosen source needs, from its `keyOption`. */
  readonly apiKey?: string;
}

/** Another kind of API a checker can ask instead of its own, chosen on the command line by its option. */
export interface OnlineSource {
  /** `publisher verify --online --<option> <url>`: ask this API; the checker gets `source: option`. */
  readonly option: string;
  /** For help texts: "a Block Headers Service". */
  readonly api: string;
  /** `--<keyOption> <key>`: the key the API needs, given to the checker as `apiKey`. */
  readonly keyOption?: string;
}

export interface OnlineFinding {
  readonly check: OnlineCheck;
  /** Block headers (hex, by lowercase block hash) fetched for an anchor that carries none: verifyProof's `blockHeaders`. */
  readonly blockHeaders?: Readonly<Record<string, string>>;
}

/**
 * What a chain's verifier can ask its chain about an anchor (its `onlineClaim`): that the block it
 * names is in the best chain, deep enough. Uses `fetch` only, so it runs where verifyProof runs.
 */
export interface OnlineChecker {
  /** The API it asks, for help texts: "a WhatsOnChain-compatible API". */
  readonly api: string;
  /** A command-line option naming that API (`publisher verify --<option> <url>`), besides `--api <chain>=<url>`. */
  readonly option?: string;
  /** Other kinds of API it can ask, each chosen by its own option. */
  readonly sources?: readonly OnlineSource[];
  check(anchor: Readonly<Record<string, unknown>>, context: OnlineContext): Promise<OnlineFinding>;
}
