/** The checks verifyProof runs whatever the chains, by stable name (branch on these, not on `detail`). */
export const proofChecks = {
  shape: 'proof.shape',
  targets: 'proof.targets',
  intentSignature: 'intent.signature',
  receiptSignature: 'receipt.signature',
  receiptMatchesIntent: 'receipt.matches-intent',
  /** An anchor no registered verifier checks, or not an anchor object at all. */
  anchorChain: 'anchor.chain',
  /** The chain's verifier threw or reported nothing about the anchor. */
  anchorVerifier: 'anchor.verifier',
} as const;

/**
 * A check's stable name: one of `proofChecks`, or `<chain>.<check>` from that chain's verifier
 * (the built-in ones list theirs as constants beside their verifier: `bsvChecks`, `arweaveChecks`).
 */
export type CheckName = string;

export interface ProofCheck {
  readonly name: CheckName;
  readonly ok: boolean;
  /** What was checked and, on failure, what differed. */
  readonly detail: string;
  /** Index into `anchors` for the anchor checks. */
  readonly anchor?: number;
}

/**
 * A Merkle root a chain's verifier computed offline from an anchor's inclusion path; the verifier
 * compares it with the anchor's block header, and an online check can compare it with the best
 * chain's block.
 */
export interface ComputedMerkleRoot {
  readonly anchor: number;
  /** Display (reversed) hex, as block explorers and block headers' JSON show it. */
  readonly merkleRoot: string;
  readonly txid: string;
  /** The height the BUMP names. */
  readonly blockHeight: number;
  /** The block hash the proof claims, if any. */
  readonly blockHash?: string;
}

/**
 * What an anchor claims that no offline check can decide: that its block is in the chain that
 * counts, at that height, with those confirmations. `publisher verify --online` asks the chain.
 */
export interface OnlineClaim {
  readonly anchor: number;
  readonly chain: string;
  readonly claim: string;
}

export interface ProofReport {
  /**
   * True only when every check passed, including `proof.targets` (an anchor for every target), so
   * a proof of a record not yet on every chain is not ok even if what it holds verifies.
   */
  readonly ok: boolean;
  readonly recordId?: string;
  readonly checks: readonly ProofCheck[];
  readonly merkleRoots: readonly ComputedMerkleRoot[];
  /** Left for an online check, whatever the offline checks found. */
  readonly onlineOnly: readonly OnlineClaim[];
}
