/**
 * Every change of the devnet's chain state is one of these events: written to the log first, then
 * applied. Replaying the log through the same code rebuilds the same state after a restart.
 */
export type ChainEvent = BlockEvent | TxEvent | CallbackEvent | ArcSeenEvent | ReorgEvent;

/** A block on top of the tip; `txids` leave out the coinbase and must all be in the mempool. */
export interface BlockEvent {
  e: 'block';
  version: number;
  prevHash: string;
  time: number;
  bits: number;
  nonce: number;
  coinbase: string;
  txids: string[];
}

/** A transaction the node took in: into the mempool, stored as a double spend, or rejected. */
export interface TxEvent {
  e: 'tx';
  hex: string;
  status: 'SEEN_ON_NETWORK' | 'DOUBLE_SPEND_ATTEMPTED' | 'REJECTED';
  competingTxs: string[];
  extraInfo: string;
  callbacks: CallbackTarget[];
  /**
   * A DOUBLE_SPEND_ATTEMPTED the miner saw first (fault `doubleSpendWins`): it takes its unmined
   * competitors' place in the mempool, so the next block mines it and rejects them.
   */
  wins?: true;
  /** Sent through WhatsOnChain's `tx/raw`: the node has it, ARC does not (absent: through ARC). */
  via?: 'woc';
}

/** ARC received a transaction the node already had from WhatsOnChain: ARC's status lookup knows it now. */
export interface ArcSeenEvent {
  e: 'arc-seen';
  txid: string;
}

/** A known transaction submitted again with a callback it did not have. */
export interface CallbackEvent {
  e: 'callback';
  txid: string;
  callback: CallbackTarget;
}

/** The last `depth` blocks replaced by `blocks`; `drop` leaves the network (with descendants). */
export interface ReorgEvent {
  e: 'reorg';
  depth: number;
  drop: string[];
  blocks: BlockEvent[];
}

export interface CallbackTarget {
  url: string;
  token: string;
  /** X-FullStatusUpdates: also the statuses before REJECTED (SEEN_ON_NETWORK, DOUBLE_SPEND_ATTEMPTED). */
  full: boolean;
  /** X-CallbackBatch: sent in batches `{count, callbacks}` (absent in events written before it existed). */
  batch?: true;
}
