import type { PoolClient } from 'pg';

/** The pool's outputs by where they stand; `pending_change` is change of a transaction the network has not accepted yet. */
export type UtxoStanding = 'available' | 'reserved' | 'pending_change' | 'spent';

export interface UtxoTotal {
  status: UtxoStanding;
  /** In the chain's unit. */
  amount: bigint;
  outputs: number;
}

const standing: Readonly<Record<string, UtxoStanding>> = { available: 'available', reserved: 'reserved', pending: 'pending_change', spent: 'spent' };

/** Sums and counts of one chain's pool by status, leaving out void outputs (change of transactions that died). */
export async function utxoTotals(client: { query: PoolClient['query'] }, chain: string): Promise<UtxoTotal[]> {
  const { rows } = await client.query<{ status: string; amount: string; outputs: number }>(
    `SELECT status, coalesce(sum(amount), 0)::text AS amount, count(*)::int AS outputs FROM funding_utxos WHERE chain = $1 AND status <> 'void' GROUP BY status`,
    [chain],
  );
  return rows.flatMap((r) => {
    const status = standing[r.status];
    return status ? [{ status, amount: BigInt(r.amount), outputs: r.outputs }] : [];
  });
}
