import type { Pool, PoolClient } from 'pg';
import type { PublicationStatus, PublicationView } from './record-view.ts';

interface PublicationRow {
  record_id: string;
  chain: string;
  status: PublicationStatus;
  txid: string | null;
  chain_tx_id: string | null;
  locator: string | null;
  confirmations: number | null;
  block_height: string | null;
  block_hash: string | null;
  last_error: string | null;
  attempts: number;
  updated_at: Date;
}

/** Publications of the given records, by record id, each list ordered by chain name. */
export async function readPublications(db: Pool | PoolClient, recordIds: readonly string[]): Promise<Map<string, PublicationView[]>> {
  const { rows } = await db.query<PublicationRow>(
    `SELECT p.record_id, p.chain, p.status, t.txid, p.chain_tx_id, p.locator, t.confirmations, t.block_height, t.block_hash,
            p.last_error, p.attempts, p.updated_at
       FROM publications p LEFT JOIN chain_txs t ON t.id = p.chain_tx_id
      WHERE p.record_id = ANY($1::char(64)[]) ORDER BY p.record_id, p.chain`,
    [recordIds],
  );
  const byRecord = new Map<string, PublicationView[]>();
  for (const row of rows) {
    const list = byRecord.get(row.record_id) ?? [];
    list.push({
      chain: row.chain,
      status: row.status,
      txid: row.txid,
      batchId: row.chain_tx_id,
      locator: row.locator,
      confirmations: row.confirmations ?? 0,
      blockHeight: row.block_height === null ? null : Number(row.block_height),
      blockHash: row.block_hash,
      lastError: row.last_error,
      attempts: row.attempts,
      updatedAt: row.updated_at,
    });
    byRecord.set(row.record_id, list);
  }
  return byRecord;
}
