import type { PoolClient } from 'pg';

/** Serialises reservations against one wallet across every worker process. */
const LEDGER_LOCK = 7_342_003;

/**
 * Arweave funding: the wallet's on-chain balance minus every unsettled reservation must cover the
 * batch's price before it is built. Returns false when it does not (the batch waits).
 */
export async function canReserve(client: PoolClient, balance: bigint, amount: bigint): Promise<boolean> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK]);
  const { rows } = await client.query<{ reserved: string }>(`SELECT coalesce(sum(winston), 0)::text AS reserved FROM arweave_reservations WHERE status = 'reserved'`);
  return balance - BigInt(rows[0]?.reserved ?? 0) >= amount;
}

export async function recordReservation(client: PoolClient, chainTxId: number, amount: bigint): Promise<void> {
  await client.query(`INSERT INTO arweave_reservations (chain_tx_id, winston, status) VALUES ($1, $2, 'reserved')`, [chainTxId, amount.toString()]);
}

/** settled at confirmation, released when the transaction died. */
export async function closeReservation(client: PoolClient, chainTxId: number, outcome: 'settled' | 'released'): Promise<void> {
  await client.query(`UPDATE arweave_reservations SET status = $2, settled_at = now() WHERE chain_tx_id = $1 AND status = 'reserved'`, [chainTxId, outcome]);
}

export async function reservedAmount(client: { query: PoolClient['query'] }): Promise<bigint> {
  const { rows } = await client.query<{ reserved: string }>(`SELECT coalesce(sum(winston), 0)::text AS reserved FROM arweave_reservations WHERE status = 'reserved'`);
  return BigInt(rows[0]?.reserved ?? 0);
}
