import type { Pool } from 'pg';
import type { ChainAdapter } from '../adapter/index.ts';
import { consistencyProof } from '../audit/index.ts';
import type { JsonObject } from '../canonical/index.ts';
import { getRecord } from '../records/index.ts';
import { receiptPosition } from '../receipts/index.ts';
import { asStoreError } from '../store/index.ts';
import { anchorOf, type StoredAnchor } from './anchor-of.ts';

export interface ProofBundle {
  /** wire-format.md §5, as JSON text. */
  json: string;
  /** Every target chain has a confirmed anchor. */
  complete: boolean;
}

interface AnchorRow extends StoredAnchor {
  status: string;
}

/**
 * The proof bundle of one record: the creator's signed intent, the operator's receipt (its tlog
 * proof), the log section (transparency-log.md §6: its verifier key, and once anchored the anchored
 * checkpoint, consistency and checkpoint anchors), and an anchor for each chain whose transaction
 * is mined (added as soon as it exists).
 */
export async function buildProof(pool: Pool, adapters: ReadonlyMap<string, ChainAdapter>, recordId: string, logVerifierKey: string): Promise<ProofBundle> {
  const record = await getRecord(pool, recordId);
  let rows: AnchorRow[];
  try {
    ({ rows } = await pool.query<AnchorRow>(
      `SELECT p.chain, p.locator, p.status, t.txid, t.raw_tx, t.block_hash, t.block_height, t.confirmations, t.proof
         FROM publications p JOIN chain_txs t ON t.id = p.chain_tx_id
        WHERE p.record_id = $1 AND t.status IN ('mined', 'confirmed') ORDER BY p.chain`,
      [recordId],
    ));
  } catch (error) {
    throw asStoreError(error);
  }
  const anchors = rows.map((row) => anchorOf(adapters, row));
  const log = { verifierKey: logVerifierKey, ...(await anchoredLog(pool, adapters, record.receipt)) };
  const bundle = { intent: JSON.parse(record.intentJson) as JsonObject, receipt: record.receipt, log, anchors };
  const confirmed = new Set(record.publications.filter((p) => p.status === 'confirmed').map((p) => p.chain));
  return { json: JSON.stringify(bundle), complete: record.targets.every((t) => confirmed.has(t)) };
}

/**
 * transparency-log.md §6: the first checkpoint anchored (confirmed on at least one chain) whose
 * size exceeds the record's entry index, the consistency proof from the receipt's checkpoint to
 * it, and its confirmed chain anchors; nothing while no such checkpoint is confirmed anywhere.
 */
async function anchoredLog(pool: Pool, adapters: ReadonlyMap<string, ChainAdapter>, receipt: string): Promise<JsonObject> {
  const { index, size } = receiptPosition(receipt);
  try {
    const { rows } = await pool.query<StoredAnchor & { tree_size: string; note: string }>(
      `SELECT a.chain, a.locator, a.tree_size, c.note, t.txid, t.raw_tx, t.block_hash, t.block_height, t.confirmations, t.proof
         FROM log_anchors a JOIN log_checkpoints c ON c.size = a.tree_size JOIN chain_txs t ON t.id = a.chain_tx_id
        WHERE a.status = 'confirmed' AND a.tree_size = (SELECT min(tree_size) FROM log_anchors WHERE status = 'confirmed' AND tree_size > $1)
        ORDER BY a.chain`,
      [index],
    );
    const first = rows[0];
    if (first === undefined) return {};
    const anchoredSize = Number(first.tree_size);
    const consistency = anchoredSize === size ? [] : (await consistencyProof(pool, size, anchoredSize)).proof.map((hash) => hash.toString('base64'));
    return { anchoredCheckpoint: first.note, consistency, checkpointAnchors: rows.map((row) => anchorOf(adapters, row)) };
  } catch (error) {
    throw asStoreError(error);
  }
}
