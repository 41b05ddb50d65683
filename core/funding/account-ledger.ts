import type { PoolClient } from 'pg';

/** The advisory lock class of account reservations; the second key is the chain's, so each chain's wallet has its own lock. */
const LEDGER_LOCK = 7_342_003;

/**
 * Funding of an account chain: the wallet's on-chain balance minus every unsettled reservation of
 * that chain must cover the batch's price before it is built. Returns false when it does not (the
 * batch waits). Reservations of other chains are neither locked nor summed.
 */
export async function canReserve(client: PoolClient, chain: string, balance: bigint, amount: bigint): Promise<boolean> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LEDGER_LOCK, chain]);
  return balance - (await reservedAmount(client, chain)) >= amount;
}

export async function recordReservation(client: PoolClient, chain: string, chainTxId: number, amount: bigint): Promise<void> {
  await client.query(`INSERT INTO funding_reservations (chain, chain_tx_id, amount, status) VALUES ($1, $2, $3, 'reserved')`, [chain, chainTxId, amount.toString()]);
}

/** settled at confirmation, released when the transaction died. */
export async function closeReservation(client: PoolClient, chainTxId: number, outcome: 'settled' | 'released'): Promise<void> {
  await client.query(`UPDATE funding_reservations SET status = $2, settled_at = now() WHERE chain_tx_id = $1 AND status = 'reserved'`, [chainTxId, outcome]);
}

/** What the chain's unsettled reservations hold, in its unit. */
export async function reservedAmount(client: { query: PoolClient['query'] }, chain: string): Promise<bigint> {
  const { rows } = await client.query<{ reserved: string }>(`SELECT coalesce(sum(amount), 0)::text AS reserved FROM funding_reservations WHERE chain = $1 AND status = 'reserved'`, [chain]);
  return BigInt(rows[0]?.reserved ?? 0);
}
