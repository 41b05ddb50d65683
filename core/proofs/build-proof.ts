import type { Pool } from 'pg';
import type { ChainAdapter } from '../adapter/index.ts';
import type { JsonObject } from '../canonical/index.ts';
import { PublisherError } from '../errors/index.ts';
import { getRecord } from '../records/index.ts';
import { asStoreError } from '../store/index.ts';

export interface ProofBundle {
  /** wire-format.md §5, as JSON text. */
  json: string;
  /** Every target chain has a confirmed anchor. */
  complete: boolean;
}

interface AnchorRow {
  chain: string;
  locator: string;
  status: string;
  txid: string;
  raw_tx: Buffer;
  block_hash: string;
  block_height: string;
  confirmations: number;
  proof: Record<string, string>;
}

/**
 * The proof bundle of one record: the creator's signed intent, the operator's receipt (its tlog
 * proof), the log's verifier key (transparency-log.md §6; the anchored checkpoint comes with
 * anchoring), and an anchor for each chain whose transaction is mined (added as soon as it exists).
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
  const anchors = rows.map((row) => {
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
  });
  const bundle = { intent: JSON.parse(record.intentJson) as JsonObject, receipt: record.receipt, log: { verifierKey: logVerifierKey }, anchors };
  const confirmed = new Set(record.publications.filter((p) => p.status === 'confirmed').map((p) => p.chain));
  return { json: JSON.stringify(bundle), complete: record.targets.every((t) => confirmed.has(t)) };
}
