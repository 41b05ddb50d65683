import type { ChainAdapter } from '../adapter/index.ts';
import type { JsonObject } from '../canonical/index.ts';
import { PublisherError } from '../errors/index.ts';

/** A mined transaction as stored, with where a record or a checkpoint sits in it. */
export interface StoredAnchor {
  chain: string;
  locator: string;
  txid: string;
  raw_tx: Buffer;
  block_hash: string;
  block_height: string;
  confirmations: number;
  proof: Record<string, string>;
}

/** The proof anchor of what sits at `locator` (wire-format.md §5), in the shape its chain's adapter gives. */
export function anchorOf(adapters: ReadonlyMap<string, ChainAdapter>, row: StoredAnchor): JsonObject {
  const adapter = adapters.get(row.chain);
  if (!adapter) throw new PublisherError('NOT_FOUND', `the record was published to ${row.chain}, which this node no longer runs an adapter for`);
  return adapter.anchor({
    txid: row.txid,
    raw: row.raw_tx,
    locator: row.locator,
    blockHash: row.block_hash,
    blockHeight: Number(row.block_height),
    confirmations: row.confirmations,
    proof: row.proof,
  });
}
