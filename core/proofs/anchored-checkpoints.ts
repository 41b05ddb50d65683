import type { Pool } from 'pg';
import type { ChainAdapter } from '../adapter/index.ts';
import type { JsonObject } from '../canonical/index.ts';
import { asStoreError } from '../store/index.ts';
import { anchorOf, type StoredAnchor } from './anchor-of.ts';

export interface CheckpointAnchorView {
  chain: string;
  status: 'queued' | 'submitted' | 'confirmed' | 'failed';
  txid: string;
  locator: string;
  blockHeight: number;
  confirmations: number;
  lastError: string;
  /** The chain's proof anchor once the transaction is mined. */
  anchor: JsonObject | undefined;
}

export interface AnchoredCheckpointView {
  treeSize: number;
  rootHash: Buffer;
  note: string;
  anchors: CheckpointAnchorView[];
}

interface Row extends Omit<StoredAnchor, 'txid'> {
  tree_size: string;
  root_hash: Buffer;
  note: string;
  status: CheckpointAnchorView['status'];
  last_error: string | null;
  txid: string | null;
  tx_status: string | null;
}

/** The checkpoints sent to a chain (transparency-log.md §5), newest first, below `beforeSize` (0: all), `limit` of them. */
export async function listAnchoredCheckpoints(pool: Pool, adapters: ReadonlyMap<string, ChainAdapter>, beforeSize: number, limit: number): Promise<AnchoredCheckpointView[]> {
  let rows: Row[];
  try {
    ({ rows } = await pool.query<Row>(
      `WITH sizes AS (SELECT DISTINCT tree_size FROM log_anchors WHERE $1 = 0 OR tree_size < $1 ORDER BY tree_size DESC LIMIT $2)
       SELECT a.tree_size, c.root_hash, c.note, a.chain, a.status, a.locator, a.last_error,
              t.txid, t.status AS tx_status, t.raw_tx, t.block_hash, t.block_height, t.confirmations, t.proof
         FROM sizes s JOIN log_anchors a ON a.tree_size = s.tree_size JOIN log_checkpoints c ON c.size = a.tree_size
         LEFT JOIN chain_txs t ON t.id = a.chain_tx_id
        ORDER BY a.tree_size DESC, a.chain`,
      [beforeSize, limit],
    ));
  } catch (error) {
    throw asStoreError(error);
  }
  const views: AnchoredCheckpointView[] = [];
  for (const row of rows) {
    let view = views.at(-1);
    if (view?.treeSize !== Number(row.tree_size)) views.push((view = { treeSize: Number(row.tree_size), rootHash: row.root_hash, note: row.note, anchors: [] }));
    const mined = row.txid !== null && (row.tx_status === 'mined' || row.tx_status === 'confirmed') && adapters.has(row.chain);
    view.anchors.push({
      chain: row.chain,
      status: row.status,
      txid: row.txid ?? '',
      locator: row.locator ?? '',
      blockHeight: mined ? Number(row.block_height) : 0,
      confirmations: mined ? row.confirmations : 0,
      lastError: row.last_error ?? '',
      anchor: mined ? anchorOf(adapters, { ...row, txid: row.txid! }) : undefined,
    });
  }
  return views;
}
