import type { PoolClient } from 'pg';

/** What a transaction adopted by reconcile carries: records and checkpoint anchors, at their locators. */
export interface Carried {
  txid: string;
  records: readonly { recordId: string; locator: string }[];
  checkpoints?: readonly { note: string; locator: string }[];
}

/** The part of a chain's reconciliation report about what its adopted transactions carry. */
export interface CarriedReport {
  adoptedRecords: number;
  lostRecords: { recordId: string; txid: string; locator: string }[];
  adoptedCheckpoints: number;
  lostCheckpoints: { treeSize: number; txid: string; locator: string }[];
}

/**
 * What an adopted transaction (chain_txs row `chainTxId`) carries, into the restored database:
 * the publications the backup still had QUEUED (or FAILED) for its records are attached to it
 * (SUBMITTED, never published again), records the database has no row for are reported lost
 * (acknowledged after the backup), and its checkpoint anchors adopted or reported.
 */
export async function adoptCarried(tx: PoolClient, chain: string, chainTxId: number, carried: Carried, report: CarriedReport): Promise<void> {
  const { records } = carried;
  const { rows: attached } = await tx.query<{ record_id: string }>(
    `UPDATE publications p SET status = 'submitted', chain_tx_id = $2, locator = v.locator, last_error = NULL, updated_at = now()
       FROM unnest($3::text[], $4::text[]) AS v(record_id, locator)
      WHERE p.chain = $1 AND p.record_id = v.record_id AND p.status IN ('queued', 'failed') RETURNING p.record_id`,
    [chain, chainTxId, records.map((r) => r.recordId), records.map((r) => r.locator)],
  );
  const { rows: present } = await tx.query<{ record_id: string }>('SELECT record_id FROM records WHERE record_id = ANY($1::text[])', [records.map((r) => r.recordId)]);
  const have = new Set(present.map((r) => r.record_id));
  for (const r of records) if (!have.has(r.recordId)) report.lostRecords.push({ recordId: r.recordId, txid: carried.txid, locator: r.locator });
  report.adoptedRecords += attached.length;
  const anchors = await adoptCheckpointAnchors(tx, chain, chainTxId, carried.txid, carried.checkpoints ?? []);
  report.adoptedCheckpoints += anchors.adopted;
  report.lostCheckpoints.push(...anchors.lost);
}

interface CheckpointAdoption {
  adopted: number;
  lost: { treeSize: number; txid: string; locator: string }[];
}

/**
 * The checkpoint anchors an adopted transaction carries (chain_txs row `chainTxId`): the restored
 * log's own checkpoint (same size, same signed note) gets its log_anchors row, so the workers
 * never anchor it again; any other note is the lost log's, reported.
 */
async function adoptCheckpointAnchors(
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
