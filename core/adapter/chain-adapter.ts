/**
 * The adapter contract: what the chain-agnostic core needs from a chain. Each adapter folder
 * exports one factory returning a ChainAdapter; the core owns nonces, persistence, funding
 * reservations, retries and confirmations (architecture.md, "The adapter contract").
 */

import type { JsonObject } from '../canonical/index.ts';

/** One record of a batch, as the core hands it to an adapter. */
export interface BatchRecord {
  /** Lowercase hex of the digest. */
  recordId: string;
  /** The 32 digest bytes (wire-format.md §1). */
  digest: Uint8Array;
  /** Signer scheme name, e.g. "secp256k1" (core/schemes). */
  scheme: string;
  publicKey: Uint8Array;
  /** The public key as written in the envelope. */
  publicKeyText: string;
  signature: Uint8Array;
  signatureText: string;
  /** The creator address (wire-format.md §1). */
  creator: string;
  /** The signed envelope exactly as the creator sent it. */
  intentJson: string;
}

export interface AdapterCapabilities {
  /** Most records one transaction may carry. */
  maxRecordsPerTransaction: number;
  /** Largest single record this chain can take, in bytes of what goes on chain. */
  maxRecordBytes: number;
  /** Confirmations after which a publication is CONFIRMED. */
  confirmationDepth: number;
}

/** An amount in the chain's smallest unit. */
export interface Cost {
  amount: bigint;
  /** The plugin's `funding.unit` (its smallest unit, e.g. `byte`). */
  unit: string;
}

/** An unspent output of the operator's funding key. */
export interface Utxo {
  txid: string;
  vout: number;
  /** In the chain's unit. */
  amount: bigint;
  /** Hex. */
  lockingScript: string;
}

/** What the core reserved for one transaction, handed to build(). */
export type FundingGrant = { model: 'utxo'; inputs: Utxo[] } | { model: 'account'; amount: bigint } | { model: 'none' };

/** A signed transaction, ready to be persisted (write-ahead) and broadcast. */
export interface SignedTransaction {
  txid: string;
  raw: Uint8Array;
  fee: bigint;
  /** Per record, in batch order: where it sits in the transaction (an output index, an item id: the chain's own form). */
  locators: string[];
  /** Outputs of this transaction that pay the operator back (change): they return to the pool. */
  change: Utxo[];
}

/** Closed set of reasons a broadcast or a transaction can fail for (see reasons.ts). */
export type RejectReason =
  | 'invalid'
  | 'too_large'
  | 'insufficient_fee'
  | 'double_spend'
  | 'missing_inputs'
  | 'unavailable'
  | 'timeout'
  | 'rate_limited'
  | 'unauthorized';

export type BroadcastOutcome =
  | { kind: 'accepted' }
  /** The network already has it: success, never an error. */
  | { kind: 'already_known' }
  | { kind: 'rejected'; reason: RejectReason; detail: string };

export type TxStatus =
  /** The chain does not know it (never seen, or dropped). */
  | { kind: 'unknown' }
  | { kind: 'pending' }
  | {
      kind: 'mined';
      blockHeight: number;
      blockHash: string;
      confirmations: number;
      /** Chain-specific inclusion proof as strings (a Merkle path, a block header, …), stored for GetProof and given back to `anchor()`. */
      proof: Record<string, string>;
    }
  | { kind: 'rejected'; reason: RejectReason; detail: string };

export interface AdapterHealth {
  ok: boolean;
  detail: string;
}

/** UTXO-funded chains: the pool of operator outputs lives in the core's database. */
export interface UtxoFunding {
  model: 'utxo';
  /** Looks outputs up on chain; missing or already spent ones are absent from the result. */
  lookupOutputs(outpoints: readonly { txid: string; vout: number }[]): Promise<Utxo[]>;
  /** Every unspent output paying the operator's funding address. */
  listUnspent(): Promise<Utxo[]>;
  /** A fan-out transaction splitting `inputs` into `count` outputs of about equal value, plus change. */
  buildSplit(inputs: readonly Utxo[], count: number): Promise<SignedTransaction>;
  /**
   * Optional: reads a transaction back from the chain, as the operator's funding sees it;
   * undefined when the chain does not know it. With it, `reconcile` (after a database restore)
   * finds the operator's transactions the database lost by walking back from listUnspent()
   * through operatorInputs; without it the chain is reported as not reconciled.
   */
  readTransaction?(txid: string): Promise<OperatorTransaction | undefined>;
}

/** A transaction read back from the chain by a UTXO-funded adapter (UtxoFunding.readTransaction). */
export interface OperatorTransaction {
  txid: string;
  raw: Uint8Array;
  /** The outputs it spends whose unlocking the operator's funding key signed: none when it is not the operator's. */
  operatorInputs: { txid: string; vout: number }[];
  /** Its outputs paying the operator's funding key (change, deposits), as listUnspent() gives them. */
  operatorOutputs: Utxo[];
  /** The records it carries, in output order: record id (lowercase hex) and locator as build() gives it. */
  records: { recordId: string; locator: string }[];
  /** The log checkpoints it anchors (checkpoints.build()): each signed note, verbatim, and its locator. Absent: none, or the adapter does not say. */
  checkpoints?: { note: string; locator: string }[];
}

/** Account-funded chains: the balance is on chain, reservations in the core's database. */
export interface AccountFunding {
  model: 'account';
  balance(): Promise<bigint>;
}

/** Chains that cost the operator nothing the core must keep track of (a local log, a free ledger). */
export interface NoFunding {
  model: 'none';
}

/** A signed checkpoint of the operator's transparency log, to be published on chain (transparency-log.md §5). */
export interface LogCheckpoint {
  /** The signed note (c2sp.org/tlog-checkpoint), verbatim: what goes on chain, byte for byte (UTF-8). */
  note: string;
  /** The note's first line, the log's origin. */
  origin: string;
  treeSize: number;
  /** The 32-byte root hash the note commits to. */
  rootHash: Uint8Array;
}

/**
 * Optional: a chain that can carry the log's checkpoints (transparency-log.md §5). The core
 * anchors the latest checkpoint on every chain that has this, through the same write-ahead
 * pipeline as records: it reserves funding, has the transaction built and signed here, writes it
 * ahead, broadcasts and follows it like a batch; `anchor()` gives the checkpoint's proof anchor
 * from the locator returned here. Chains without it are left out of anchoring.
 */
export interface CheckpointPublishing {
  /** What publishing this checkpoint will cost, for reservation. */
  estimate(checkpoint: LogCheckpoint): Promise<Cost>;
  /** Builds and signs one transaction carrying the checkpoint; `locators` holds one entry, where the note sits. */
  build(checkpoint: LogCheckpoint, grant: FundingGrant): Promise<SignedTransaction>;
}

/** What `reconcile` asks an adapter's findPublished() for (after a database restore). */
export interface PublishedQuery {
  /** Transactions the database knows (txids): they need not be read, and are not returned. */
  known: ReadonlySet<string>;
  /**
   * The lowest block height at which a transaction unknown to the database can be: the
   * database's highest mined height less the confirmation depth (a reorg margin). Undefined: from
   * the chain's start. A hint: returning transactions below it is harmless.
   */
  sinceHeight?: number;
}

/** The operator's transactions found on chain by findPublished(). */
export interface PublishedFound {
  /** Mined transactions, read back in full. */
  transactions: PublishedTransaction[];
  /** Transactions of the operator seen but not read back (pending, data not served yet), and why: run reconcile again later. */
  unread: { txid: string; why: string }[];
}

/** A transaction this adapter built, read back from the chain. */
export interface PublishedTransaction {
  txid: string;
  /** Its bytes as build() gave them (SignedTransaction.raw): the core rebroadcasts them and hands them to anchor(). */
  raw: Uint8Array;
  /** What it cost the operator, in the chain's unit (an account chain's reservation). */
  fee: bigint;
  /** The block height it is mined at. */
  blockHeight: number;
  /** The records it carries, in order: record id (lowercase hex) and locator as build() gives them. */
  records: { recordId: string; locator: string }[];
  /** The log checkpoints it anchors (checkpoints.build()): each signed note, verbatim, and its locator. Absent: none, or the adapter does not say. */
  checkpoints?: { note: string; locator: string }[];
}

/** What the core stored about a mined transaction, for building one record's proof anchor. */
export interface AnchorInput {
  txid: string;
  raw: Uint8Array;
  /** The record's locator from build(). */
  locator: string;
  blockHash: string;
  blockHeight: number;
  confirmations: number;
  /** The proof status() returned when the transaction was mined. */
  proof: Record<string, string>;
}

export interface ChainAdapter {
  /** The adapter name intents use as a target: its plugin's name. */
  readonly name: string;
  /** e.g. "mainnet", "testnet", "regtest". */
  readonly network: string;
  /** The operator's address on this chain (funding address, wallet address). */
  readonly operatorAddress: string;
  readonly capabilities: AdapterCapabilities;
  /** What a verifier of its anchors needs to know about how the operator signs (GetInfo's ChainInfo.attributes), named by the chain. */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly funding: UtxoFunding | AccountFunding | NoFunding;
  /** Publishes the log's checkpoints on this chain, when the chain can (transparency-log.md §5). */
  readonly checkpoints?: CheckpointPublishing;
  /** What publishing this batch will cost, for reservation. */
  estimate(batch: readonly BatchRecord[]): Promise<Cost>;
  /** Builds and signs one transaction carrying the whole batch, paid by `grant`. */
  build(batch: readonly BatchRecord[], grant: FundingGrant): Promise<SignedTransaction>;
  /** Idempotent: broadcasting a transaction the network knows is `already_known`. */
  broadcast(tx: { txid: string; raw: Uint8Array }): Promise<BroadcastOutcome>;
  status(txid: string): Promise<TxStatus>;
  /**
   * The proof bundle's anchor for one record (wire-format.md §5): a JSON object with `chain`,
   * `network` and everything the chain's verifier needs offline (the transaction, where the record
   * sits in it, the block and its proof of inclusion, in the chain's own form).
   */
  anchor(input: AnchorInput): JsonObject;
  health(): Promise<AdapterHealth>;
  /**
   * Optional: the operator's transactions on chain that this adapter built and the database does
   * not know (`query.known`), read back with the records they carry. `reconcile` (after a
   * database restore) uses it on chains whose funding cannot lead to them (account-funded,
   * unfunded); a UTXO chain is reconciled through funding.readTransaction instead. Without it the
   * chain is reported as not reconciled.
   */
  findPublished?(query: PublishedQuery): Promise<PublishedFound>;
}
