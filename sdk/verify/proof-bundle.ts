import type { SignedIntent } from '../intent/intent-envelope.ts';

/**
 * Where a record sits on one chain (wire-format.md §5): `chain` names the chain, and the rest is
 * that chain's own shape, read by that chain's verifier (an `AnchorVerifier`).
 */
export interface Anchor {
  readonly chain: string;
  readonly network?: string;
  readonly [field: string]: unknown;
}

/**
 * The bundle's `log` (transparency-log.md §6). `verifierKey` is there from the start; the other
 * three come together once a checkpoint covering the record is anchored and confirmed on at least
 * one chain, and are absent until then (the log is not yet anchored).
 */
export interface LogSection {
  /** `<origin>+<hex key ID>+<base64(0x01 ‖ key)>`, as the node names its log key: not trusted by itself. */
  readonly verifierKey?: string;
  /** The signed note of the first anchored checkpoint whose tree size exceeds the record's entry index. */
  readonly anchoredCheckpoint?: string;
  /**
   * Standard base64 of 32-byte hashes: RFC 6962 §2.1.2 PROOF(receipt checkpoint's size, tree of
   * the anchored checkpoint's size); empty when the two sizes are equal.
   */
  readonly consistency?: readonly string[];
  /**
   * Chain anchors of `anchoredCheckpoint`, in the shapes of the record's anchors (BsvAnchor,
   * ArweaveAnchor) but locating the checkpoint: BSV, an `OP_FALSE OP_RETURN` output pushing
   * "chainpub", 0x02 and the note's UTF-8 bytes; Arweave, an item (or layer-1 transaction) whose
   * data is the note, tagged Content-Type `text/plain; charset=utf-8`, App-Name `chain-publisher`,
   * App-Version, Type `checkpoint`, Log-Origin, Tree-Size (decimal), Root-Hash (standard base64).
   */
  readonly checkpointAnchors?: readonly Anchor[];
}

/** The proof bundle of wire-format.md §5, as GetProof returns it. */
export interface ProofBundle {
  /** The signed envelope, parsed. */
  readonly intent: SignedIntent;
  /** The c2sp.org/tlog-proof@v1 receipt text (wire-format.md §2). */
  readonly receipt: string;
  /** The operator's log (transparency-log.md §6). */
  readonly log?: LogSection;
  readonly anchors: readonly Anchor[];
}
