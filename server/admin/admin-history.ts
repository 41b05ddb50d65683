import type { Pool } from 'pg';
import type { DatabaseHistory } from './admin-stats-shape.ts';

export const HISTORY_MINUTES = 60;

const WINDOW = `interval '${HISTORY_MINUTES} minutes'`;
const MINUTE = (column: string) => `floor(extract(epoch FROM ${column}) / 60)::bigint::text`;

/** Outputs added to the funding pools and spent from them per minute, all chains summed. */
function readUtxoChurn(pool: Pool) {
  return pool.query<{ kind: 'created' | 'spent'; minute: string; outputs: number }>(
    `SELECT 'created' AS kind, ${MINUTE('created_at')} AS minute, count(*)::int AS outputs FROM funding_utxos WHERE created_at > now() - ${WINDOW} GROUP BY 1, 2
     UNION ALL
     SELECT 'spent', ${MINUTE('t.created_at')}, count(*)::int FROM funding_utxos u JOIN chain_txs t ON t.id = u.spent_by_chain_tx_id WHERE t.created_at > now() - ${WINDOW} GROUP BY 1, 2`,
  );
}

/**
 * Publish throughput and UTXO churn from chain_txs and the funding pool. chain_txs has one row per
 * batch; the pool is read by its outputs' creation time and their spender's: both bounded by the hour.
 */
export async function readDatabaseHistory(pool: Pool): Promise<DatabaseHistory> {
  const [{ rows: now }, { rows: txs }, { rows: utxos }] = await Promise.all([
    pool.query<{ minute: string }>(`SELECT ${MINUTE('now()')} AS minute`),
    pool.query<{ chain: string; kind: 'published' | 'confirmed'; minute: string; records: number }>(
      `SELECT chain, 'published' AS kind, ${MINUTE('broadcast_at')} AS minute, sum(record_count)::int AS records FROM chain_txs WHERE broadcast_at > now() - ${WINDOW} GROUP BY 1, 2, 3
       UNION ALL
       SELECT chain, 'confirmed', ${MINUTE('updated_at')}, sum(record_count)::int FROM chain_txs WHERE status = 'confirmed' AND updated_at > now() - ${WINDOW} GROUP BY 1, 2, 3`,
    ),
    readUtxoChurn(pool),
  ]);
  const last = Number(now[0]?.minute ?? Math.floor(Date.now() / 60_000));
  const minutes = Array.from({ length: HISTORY_MINUTES }, (_, i) => last - HISTORY_MINUTES + 1 + i);
  const slot = (minute: string) => Number(minute) - minutes[0]!;
  const empty = () => new Array<number>(HISTORY_MINUTES).fill(0);
  const history: DatabaseHistory = { minutes, published: {}, confirmed: {}, utxosCreated: empty(), utxosSpent: empty() };
  for (const r of txs) {
    const series = (history[r.kind][r.chain] ??= empty());
    const i = slot(r.minute);
    if (i >= 0 && i < HISTORY_MINUTES) series[i] = (series[i] ?? 0) + r.records;
  }
  for (const r of utxos) {
    const i = slot(r.minute);
    if (i >= 0 && i < HISTORY_MINUTES) (r.kind === 'created' ? history.utxosCreated : history.utxosSpent)[i] = r.outputs;
  }
  return history;
}
