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
  | 'arweave.item'
  | 'arweave.id'
  | 'arweave.signature'
  | 'arweave.data'
  | 'arweave.tags';

export interface ProofCheck {
  readonly name: CheckName;
  readonly ok: boolean;
  /** What was checked and, on failure, what differed. */
  readonly detail: string;
  /** Index into `anchors` for the anchor checks. */
  readonly anchor?: number;
}

/**
 * A Merkle root computed offline from a BSV anchor's path. Offline it proves nothing by itself:
 * an online check compares it with the merkle root of the block header at `blockHeight`.
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

export interface ProofReport {
  /**
   * True only when every check passed, including `proof.targets` (an anchor for every target), so
   * a proof of a record not yet on every chain is not ok even if what it holds verifies.
   */
  readonly ok: boolean;
  readonly recordId?: string;
  readonly checks: readonly ProofCheck[];
  readonly merkleRoots: readonly ComputedMerkleRoot[];
}
