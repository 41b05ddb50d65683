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
  /** The anchored checkpoint (`log.anchoredCheckpoint`) is a checkpoint signed with the operator's log key. */
  logCheckpointSignature: 'log.checkpoint-signature',
  /** It is of the receipt's log (same origin), no smaller than the receipt's checkpoint, and covers the entry (size > index). */
  logCheckpoint: 'log.checkpoint',
  /** `log.consistency` proves the receipt's checkpoint a prefix of the anchored one (RFC 9162 §2.1.4.2). */
  logConsistency: 'log.consistency',
  /** The anchored checkpoint has at least one chain anchor (`log.checkpointAnchors`); each is checked by its chain's `verifyCheckpoint`. */
  logAnchors: 'log.anchors',
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
  /** Index into `log.checkpointAnchors` for the checks of a checkpoint's anchor (then there is no `anchor`). */
  readonly checkpointAnchor?: number;
}

/**
 * A Merkle root a chain's verifier computed offline from an anchor's inclusion path; the verifier
 * compares it with the anchor's block header, and an online check can compare it with the best
 * chain's block.
 */
export interface ComputedMerkleRoot {
  /** Index into `anchors`; absent for a checkpoint's anchor, which has `checkpointAnchor`. */
  readonly anchor?: number;
  /** Index into `log.checkpointAnchors`. */
  readonly checkpointAnchor?: number;
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
  /** Index into `anchors`; absent for a checkpoint's anchor, which has `checkpointAnchor`. */
  readonly anchor?: number;
  /** Index into `log.checkpointAnchors`. */
  readonly checkpointAnchor?: number;
  readonly chain: string;
  readonly claim: string;
}

/** A checkpoint as its body reads (its signature is a check of its own). */
export interface CheckpointSummary {
  readonly origin: string;
  readonly size: number;
  /** Standard base64, as the checkpoint writes it. */
  readonly rootHash: string;
}

/** What verifyProof found of the operator's log (transparency-log.md §6), besides its checks. */
export interface LogReport {
  /**
   * False when the bundle carries no anchored checkpoint yet: the log is not yet anchored, and the
   * receipt is checked against its own checkpoint only. Not a failure (`ok` does not depend on it).
   */
  readonly anchored: boolean;
  /** The operator's log key was taken from the bundle itself (no `logKey` option), which cannot vouch for it. */
  readonly keyFromBundle: boolean;
  /** The receipt's checkpoint, when the receipt could be read. */
  readonly checkpoint?: CheckpointSummary;
  /** The anchored checkpoint, when the bundle has one that could be read. */
  readonly anchoredCheckpoint?: CheckpointSummary;
  /** The chain each of its anchors names, in `log.checkpointAnchors` order ("?" for one naming none); empty when not anchored. */
  readonly anchorChains: readonly string[];
}

export interface ProofReport {
  /**
   * True only when every check passed, including `proof.targets` (an anchor for every target), so
   * a proof of a record not yet on every chain is not ok even if what it holds verifies. A log not
   * yet anchored (`log.anchored` false) does not make it false; a log section that fails does.
   */
  readonly ok: boolean;
  readonly recordId?: string;
  readonly checks: readonly ProofCheck[];
  readonly merkleRoots: readonly ComputedMerkleRoot[];
  /** Left for an online check, whatever the offline checks found. */
  readonly onlineOnly: readonly OnlineClaim[];
  /** The log section's findings; absent only when the proof is not a bundle at all (`proof.shape`). */
  readonly log?: LogReport;
}
