import type { PoolClient } from 'pg';

/** What adopting the checkpoint anchors of one transaction found. */
export interface CheckpointAdoption {
  /** Anchors of checkpoints the restored log holds: recorded in log_anchors, never anchored again. */
  adopted: number;
  /** Anchors of checkpoints the restored log does not hold: the rolled-back tail's (transparency-log.md §5). */
  lost: { treeSize: number; txid: string; locator: string }[];
}

/**
 * The checkpoint anchors an adopted transaction carries (chain_txs row `chainTxId`): the restored
 * log's own checkpoint (same size, same signed note) gets its log_anchors row, so the workers
 * never anchor it again; any other note is the lost log's, reported.
 */
export async function adoptCheckpointAnchors(
  tx: PoolClient,
  chain: string,
  chainTxId: number,
  txid: string,
  checkpoints: readonly { note: string; locator: string }[],
): Promise<CheckpointAdoption> {
  const found: CheckpointAdoption = { adopted: 0, lost: [] };
  for (const { note, locator } of checkpoints) {
    const size = Number(note.split('\n')[1]);
    const treeSize = Number.isSafeInteger(size) ? size : -1;
    const { rowCount } = await tx.query(
      `INSERT INTO log_anchors (chain, tree_size, status, chain_tx_id, locator)
       SELECT $1, c.size, 'submitted', $3, $4 FROM log_checkpoints c WHERE c.size = $2 AND c.note = $5
       ON CONFLICT (chain, tree_size) DO UPDATE SET status = 'submitted', chain_tx_id = $3, locator = $4, last_error = NULL, updated_at = now()
        WHERE log_anchors.status IN ('queued', 'failed')`,
      [chain, treeSize, chainTxId, locator, note],
    );
    const { rows: held } = await tx.query('SELECT 1 FROM log_checkpoints WHERE size = $1 AND note = $2', [treeSize, note]);
    if (held.length === 0) found.lost.push({ treeSize: size, txid, locator });
    else found.adopted += rowCount ?? 0;
  }
  return found;
}
