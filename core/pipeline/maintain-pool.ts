import { appendAuditEvents } from '../audit/index.ts';
import { reserveUtxos } from '../funding/index.ts';
import { withTransaction } from '../store/index.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { writeAhead } from './write-ahead.ts';

export interface PoolTarget {
  /** Keep at least this many spendable outputs, so concurrent batches do not queue behind one chain of change. */
  minUtxos: number;
  /** Value of each output a split creates, in the chain's unit. */
  splitAmount: bigint;
}

/**
 * Splits one large output into many when the pool runs low on spendable outputs. The fan-out
 * transaction is written ahead like a batch (same broadcast and confirmation stages); its
 * outputs join the pool as soon as the network has accepted it.
 */
export async function maintainPool(deps: PipelineDeps, target: PoolTarget): Promise<boolean> {
  const funding = deps.adapter.funding;
  if (funding.model !== 'utxo' || target.minUtxos <= 0) return false;
  return withTransaction(deps.pool, async (client) => {
    // One split at a time per chain across all workers; the others skip this round.
    const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(7342004, hashtext($1)) AS ok', [deps.adapter.name]);
    if (!lock[0]?.ok) return false;
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM funding_utxos WHERE chain = $2 AND status IN ('available', 'pending') AND amount >= $1`,
      [target.splitAmount.toString(), deps.adapter.name],
    );
    const have = rows[0]?.n ?? 0;
    if (have >= target.minUtxos) return false;
    const count = target.minUtxos - have;
    const inputs = await reserveUtxos(client, deps.adapter.name, target.splitAmount * BigInt(count + 1), 1);
    if (!inputs) return false;
    const tx = await funding.buildSplit(inputs, count);
    await writeAhead(client, deps.adapter, tx, { model: 'utxo', inputs }, 0);
    await appendAuditEvents(client, deps.logSigner, [{ kind: 'funding.split', actor: deps.actor, subject: tx.txid, data: { chain: deps.adapter.name, outputs: tx.change.length, fee: tx.fee.toString() } }]);
    deps.log.info({ txid: tx.txid, outputs: tx.change.length }, 'split a funding output to keep the pool wide');
    return true;
  });
}
