import type { Pool } from 'pg';
import type { OperatorTransaction, UtxoFunding } from '../../core/adapter/index.ts';
import { withTransaction } from '../../core/store/index.ts';
import { adoptCarried } from './adopt-carried.ts';
import { poolTable } from './pool-table.ts';

/** What reconciliation found and did for one UTXO chain (docs/operations.md, "Restoring from a backup"). */
export interface ChainReconciliation {
  chain: string;
  /** The operator's transactions on chain that the database did not know, now recorded in it. */
  adoptedTransactions: { txid: string; records: number }[];
  /** Records the database has whose publication was in one of those: attached to it, never published again. */
  adoptedRecords: number;
  /** Records on chain in the operator's transactions that the database does not have: acknowledged after the backup. */
  lostRecords: { recordId: string; txid: string; locator: string }[];
  /** Anchors of checkpoints the restored log holds, found in those transactions: recorded (log_anchors), never anchored again. */
  adoptedCheckpoints: number;
  /** Anchors of checkpoints the restored log does not hold: the lost log's tail, public on chain (transparency-log.md §5). */
  lostCheckpoints: { treeSize: number; txid: string; locator: string }[];
  /** Pool outputs the chain says are spent, by those transactions or others. */
  fundingSpent: number;
  /** Unspent outputs of the operator the pool did not have (change of those transactions, deposits). */
  fundingAdded: number;
}

/** At most this many unknown transactions are followed back: a restore from a very old backup is refused rather than walked for ever. */
const MAX_UNKNOWN = 10_000;

/** A UTXO chain's funding that can read transactions back (the adapter's optional capability). */
export type ReadableUtxoFunding = UtxoFunding & Required<Pick<UtxoFunding, 'readTransaction'>>;

/**
 * After a restore, before any worker runs: finds the operator's transactions the restored database
 * does not know by following the funding key's unspent outputs back through the operator's inputs
 * of the transactions that made them (every batch pays its change to the key), adopts them (chain_txs rows, publications SUBMITTED in
 * them, their inputs reserved and their change in the pool), and reports the records they carry
 * that the database has no row for.
 */
export async function reconcileUtxoChain(
  db: Pool,
  chain: string,
  network: string,
  funding: ReadableUtxoFunding,
): Promise<ChainReconciliation> {
  const unspent = await funding.listUnspent();
  const { rows: known } = await db.query<{ txid: string }>('SELECT txid FROM chain_txs WHERE chain = $1', [chain]);
  const knownTxids = new Set(known.map((r) => r.txid));
  const client = await db.connect();
  let pool;
  try {
    pool = await poolTable(client, chain).outputs();
  } finally {
    client.release();
  }
  const inPool = new Set(pool.map((o) => `${o.txid}:${o.vout}`));

  // Operator transactions the database does not know: those holding an unspent output of the key
  // the pool lacks, and, walking back through inputs signed by the key, the unknown ones they spend.
  const found = new Map<string, OperatorTransaction>();
  const visit = async (txid: string): Promise<void> => {
    if (found.has(txid) || knownTxids.has(txid)) return;
    if (found.size >= MAX_UNKNOWN) throw new Error(`more than ${MAX_UNKNOWN} transactions of ${chain} unknown to the database: restore a newer backup`);
    const tx = await funding.readTransaction(txid);
    if (tx === undefined || tx.operatorInputs.length === 0) return; // a deposit from elsewhere: only its outputs matter
    found.set(txid, tx);
    for (const input of tx.operatorInputs) if (!inPool.has(`${input.txid}:${input.vout}`)) await visit(input.txid);
  };
  for (const output of unspent) if (!inPool.has(`${output.txid}:${output.vout}`)) await visit(output.txid);

  // Parents first, so a child's inputs are in the pool when it is adopted.
  const ordered: OperatorTransaction[] = [];
  const place = (tx: OperatorTransaction) => {
    if (ordered.includes(tx)) return;
    for (const input of tx.operatorInputs) {
      const parent = found.get(input.txid);
      if (parent) place(parent);
    }
    ordered.push(tx);
  };
  for (const tx of found.values()) place(tx);

  const unspentKeys = new Set(unspent.map((o) => `${o.txid}:${o.vout}`));
  return withTransaction(db, async (tx) => {
    const table = poolTable(tx, chain);
    const report: ChainReconciliation = { chain, adoptedTransactions: [], adoptedRecords: 0, lostRecords: [], adoptedCheckpoints: 0, lostCheckpoints: [], fundingSpent: 0, fundingAdded: 0 };
    for (const chainTx of ordered) {
      const { records } = chainTx;
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO chain_txs (chain, network, txid, raw_tx, status, record_count, fee, broadcast_at, last_error)
         VALUES ($1, $2, $3, $4, 'broadcast', $5, 0, now(), 'adopted by publisher reconcile after a restore') RETURNING id`,
        [chain, network, chainTx.txid, Buffer.from(chainTx.raw), records.length],
      );
      const id = Number(rows[0]!.id);
      await adoptCarried(tx, chain, id, chainTx, report);
      report.adoptedTransactions.push({ txid: chainTx.txid, records: records.length });
      // Its inputs are reserved until it confirms (the pipeline settles them then); its outputs to
      // the key join the pool, spendable while the chain lists them unspent.
      report.fundingSpent += await table.spend(chainTx.operatorInputs, id, 'reserved');
      report.fundingAdded += await table.add(chainTx.operatorOutputs, id);
    }
    // What else the chain says: pool outputs no longer unspent (spent by transactions the walk
    // could not reach) are spent; unspent outputs the pool lacks (deposits) join it.
    const after = await table.outputs();
    const stale = after.filter((o) => o.status === 'available' && !unspentKeys.has(`${o.txid}:${o.vout}`));
    report.fundingSpent += await table.spend(stale, null, 'spent');
    const poolKeys = new Set(after.map((o) => `${o.txid}:${o.vout}`));
    report.fundingAdded += await table.add(
      unspent.filter((o) => !poolKeys.has(`${o.txid}:${o.vout}`)).map((o) => ({ txid: o.txid, vout: o.vout, amount: o.amount, lockingScript: o.lockingScript })),
      null,
    );
    return report;
  });
}
