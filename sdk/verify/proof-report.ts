/** Every check verifyProof can report, by stable name (branch on these, not on `detail`). */
export type CheckName =
  | 'proof.shape'
  | 'proof.targets'
  | 'intent.signature'
  | 'receipt.signature'
  | 'receipt.matches-intent'
  | 'anchor.chain'
  | 'bsv.txid'
  | 'bsv.output'
  | 'bsv.merkle-path'
  | 'bsv.header'
  | 'bsv.merkle-root'
  | 'bsv.proof-of-work'
  | 'arweave.item'
  | 'arweave.id'
  | 'arweave.signature'
  | 'arweave.data'
  | 'arweave.tags'
  | 'arweave.tx'
  | 'arweave.data-root';

export interface ProofCheck {
  readonly name: CheckName;
  readonly ok: boolean;
  /** What was checked and, on failure, what differed. */
  readonly detail: string;
  /** Index into `anchors` for the anchor checks. */
  readonly anchor?: number;
}

/**
 * A Merkle root computed offline from a BSV anchor's path; the `bsv.merkle-root` check compares it
 * with the anchor's block header, and an online check can compare it with the best chain's block.
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
  readonly chain: 'bsv' | 'arweave';
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
