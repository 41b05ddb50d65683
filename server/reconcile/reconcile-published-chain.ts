import type { Pool } from 'pg';
import type { ChainAdapter } from '../../core/adapter/index.ts';
import { recordReservation } from '../../core/funding/index.ts';
import { withTransaction } from '../../core/store/index.ts';
import { adoptCarried } from './adopt-carried.ts';

/** What reconciliation found and did for a chain read through its adapter's findPublished (docs/operations.md, "Restoring from a backup"). */
export interface PublishedChainReconciliation {
  chain: string;
  /** The operator's mined transactions on chain that the database did not know, now recorded in it. */
  adoptedTransactions: { txid: string; records: number; blockHeight: number }[];
  /** Records the database has whose publication was in one of those: attached to it, never published again. */
  adoptedRecords: number;
  /** Records on chain in the operator's transactions that the database does not have: acknowledged after the backup. */
  lostRecords: { recordId: string; txid: string; locator: string }[];
  /** Anchors of checkpoints the restored log holds, found in those transactions: recorded (log_anchors), never anchored again. */
  adoptedCheckpoints: number;
  /**
   * Anchors of checkpoints the restored log does not hold: signed after the backup, by the log
   * that was lost (transparency-log.md §5). Public evidence of the rolled-back tail: announce the
   * restore to those who follow the log.
   */
  lostCheckpoints: { treeSize: number; txid: string; locator: string }[];
  /** Account chains: the adopted transactions' fees, reserved until they confirm and then settled (the chain's unit, decimal). */
  fundingReserved: string;
  /** The operator's transactions seen but not read back (still pending, data not served): run reconcile again once they are mined. */
  unread: { txid: string; why: string }[];
}

/** An adapter that can find its own transactions on chain (the optional capability). */
export type FindingAdapter = ChainAdapter & Required<Pick<ChainAdapter, 'findPublished'>>;

/**
 * After a restore, before any worker runs: asks the adapter for the operator's transactions the
 * database does not know (from the database's highest mined height less the confirmation depth),
 * adopts each (a chain_txs row in `broadcast`, so the workers follow it to its confirmation, and
 * on an account chain a reservation of its fee, settled then), attaches to it the publications
 * the backup still had QUEUED (or FAILED) for records it carries, lowest block first so a record
 * found twice is attached once, and reports the records it carries that the database has no row for.
 * Checkpoint anchors it carries are recorded in log_anchors when the restored log holds that very
 * checkpoint, and reported as lost otherwise (the rolled-back tail's).
 */
export async function reconcilePublishedChain(db: Pool, adapter: FindingAdapter, confirmationDepth: number): Promise<PublishedChainReconciliation> {
  const chain = adapter.name;
  const { rows: known } = await db.query<{ txid: string }>('SELECT txid FROM chain_txs WHERE chain = $1', [chain]);
  const { rows: top } = await db.query<{ height: number | null }>('SELECT max(block_height)::int AS height FROM chain_txs WHERE chain = $1', [chain]);
  const height = top[0]?.height ?? null;
  const knownTxids = new Set(known.map((r) => r.txid));
  const found = await adapter.findPublished({ known: knownTxids, ...(height === null ? {} : { sinceHeight: Math.max(0, height - confirmationDepth) }) });
  const adopt = found.transactions.filter((t) => !knownTxids.has(t.txid)).sort((a, b) => a.blockHeight - b.blockHeight || (a.txid < b.txid ? -1 : 1));

  return withTransaction(db, async (tx) => {
    const report: PublishedChainReconciliation = {
      chain,
      adoptedTransactions: [],
      adoptedRecords: 0,
      lostRecords: [],
      adoptedCheckpoints: 0,
      lostCheckpoints: [],
      fundingReserved: '0',
      unread: found.unread,
    };
    let reserved = 0n;
    for (const chainTx of adopt) {
      const { records } = chainTx;
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO chain_txs (chain, network, txid, raw_tx, status, record_count, fee, broadcast_at, last_error)
         VALUES ($1, $2, $3, $4, 'broadcast', $5, $6, now(), 'adopted by publisher reconcile after a restore') RETURNING id`,
        [chain, adapter.network, chainTx.txid, Buffer.from(chainTx.raw), records.length, chainTx.fee.toString()],
      );
      const id = Number(rows[0]!.id);
      if (adapter.funding.model === 'account') {
        await recordReservation(tx, chain, id, chainTx.fee);
        reserved += chainTx.fee;
      }
      await adoptCarried(tx, chain, id, chainTx, report);
      report.adoptedTransactions.push({ txid: chainTx.txid, records: records.length, blockHeight: chainTx.blockHeight });
    }
    report.fundingReserved = reserved.toString();
    return report;
  });
}
