import type { Pool } from 'pg';

/**
 * The chain has news of these transactions (a service's callback): those still followed are due
 * now instead of at their next poll; the workers' next round asks the adapter. Returns how many.
 */
export async function followNow(pool: Pool, chain: string, txids: readonly string[]): Promise<number> {
  const result = await pool.query(
    `UPDATE chain_txs SET next_attempt_at = now() WHERE chain = $1 AND txid = ANY($2::text[]) AND status IN ('broadcast', 'mined') AND next_attempt_at > now()`,
    [chain, [...txids]],
  );
  return result.rowCount ?? 0;
}
