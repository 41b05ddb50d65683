import type { LogKeySource } from './check-receipt.ts';
import type { OnlineChecker } from './online-checker.ts';
import type { ComputedMerkleRoot, OnlineClaim, ProofCheck } from './proof-report.ts';
import type { IntentFacts } from './read-intent.ts';

/** What verifyProof hands a chain's verifier with each of that chain's anchors. */
export interface AnchorContext {
  /** The anchor's index in the bundle's `anchors`; every check and claim the verifier returns names it. */
  readonly index: number;
  /** The signed intent, decoded; absent when it could not be decoded (the anchor checks then fail). */
  readonly facts: IntentFacts | undefined;
  /** What the receipt's log entry records, its `data` (recordId, creator, targets): not yet trusted, `receipt.signature` is checked apart. */
  readonly receipt: unknown;
  /**
   * Block headers (hex) by lowercase block hash that the caller fetched online, for chains whose
   * anchors bind to a block header and for anchors made before they carried their own.
   */
  readonly blockHeaders?: Readonly<Record<string, string>>;
  /**
   * The operator's log verifier key as verifyProof has it: given by the caller (`logKey`), or taken
   * from the bundle (`fromBundle`, which cannot vouch for it). For chains whose anchors the operator
   * signs with that key (Arweave's Ed25519 items).
   */
  readonly logKey?: LogKeySource;
}

/**
 * What verifyProof hands a chain's verifier with each of that chain's checkpoint anchors
 * (`log.checkpointAnchors`): the anchored checkpoint the anchor must carry, already read.
 */
export interface CheckpointAnchorContext {
  /** The anchor's index in `log.checkpointAnchors`; the verifier names it as `anchor` in its checks and claims, verifyProof reports it as `checkpointAnchor`. */
  readonly index: number;
  /** The anchored checkpoint's signed note, exactly as the bundle has it (the bytes the chain must carry). */
  readonly note: string;
  /** What its body says (its signature is checked apart, `log.checkpoint-signature`). */
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  /** The operator's log verifier key, as for record anchors: the checkpoint's signer, and an Ed25519 Arweave item's owner. */
  readonly logKey?: LogKeySource;
  /** Block headers (hex) by lowercase block hash, as for record anchors. */
  readonly blockHeaders?: Readonly<Record<string, string>>;
}

/** A verifier's findings about one anchor. */
export interface AnchorVerification {
  /** Named checks, each with `anchor: context.index`; the anchor is sound only if all pass. */
  readonly checks: readonly ProofCheck[];
  /** A Merkle root the verifier computed offline, for an online check to compare with the chain. */
  readonly merkleRoot?: ComputedMerkleRoot;
  /** What only the chain can confirm about this anchor (its block, its depth). */
  readonly onlineClaim?: OnlineClaim;
}

/**
 * One chain's offline anchor verifier, as a chain plugin exports it (plugins.md): browser-safe, so
 * it may use WebCrypto and pure-JS libraries but no Node built-ins. `verify` never throws: every
 * problem is a failed check.
 */
export interface AnchorVerifier {
  /** The chain name the anchors it checks carry in `chain` (a plugin's `name`). */
  readonly chain: string;
  verify(anchor: Readonly<Record<string, unknown>>, context: AnchorContext): Promise<AnchorVerification>;
  /**
   * Checks an anchor of the operator's log checkpoint (transparency-log.md §5): the chain carries
   * exactly `context.note`. Never throws. A chain whose verifier has none cannot vouch for the
   * log's checkpoints: its checkpoint anchors fail `anchor.chain`, naming the chain.
   */
  verifyCheckpoint?(anchor: Readonly<Record<string, unknown>>, context: CheckpointAnchorContext): Promise<AnchorVerification>;
  /** Asks the chain what the anchor's `onlineClaim` says (`publisher verify --online`); a chain with nothing to ask has none. */
  readonly online?: OnlineChecker;
}
