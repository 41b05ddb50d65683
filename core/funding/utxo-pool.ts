import type { PoolClient } from 'pg';
import type { Utxo } from '../adapter/index.ts';

/**
 * The funding pools of UTXO chains (funding_utxos), one per chain: available → reserved (by a
 * signed transaction) → spent (when that transaction confirms). Outputs of a transaction that
 * never made it are 'void'. Amounts are in the chain's unit.
 */

interface UtxoRow {
  txid: string;
  vout: number;
  amount: string;
  locking_script: string;
}

const toUtxo = (r: UtxoRow): Utxo => ({ txid: r.txid, vout: r.vout, amount: BigInt(r.amount), lockingScript: r.locking_script });

/**
 * Locks available outputs, largest first, until they cover `amount`; SKIP LOCKED so concurrent
 * workers never pick the same output. Returns null when the pool cannot cover it right now.
 */
export async function reserveUtxos(client: PoolClient, chain: string, amount: bigint, maxInputs = 50): Promise<Utxo[] | null> {
  const { rows } = await client.query<UtxoRow>(
    `SELECT txid, vout, amount::text AS amount, locking_script FROM funding_utxos WHERE chain = $2 AND status = 'available'
      ORDER BY amount DESC, txid, vout LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [maxInputs, chain],
  );
  const chosen: Utxo[] = [];
  let sum = 0n;
  for (const row of rows) {
    chosen.push(toUtxo(row));
    sum += BigInt(row.amount);
    if (sum >= amount) return chosen;
  }
  return null;
}

export async function markReserved(client: PoolClient, chain: string, utxos: readonly Utxo[], chainTxId: number): Promise<void> {
  await client.query(
    `UPDATE funding_utxos SET status = 'reserved', spent_by_chain_tx_id = $3, reserved_at = now()
      WHERE chain = $4 AND (txid, vout) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
    [utxos.map((u) => u.txid), utxos.map((u) => u.vout), chainTxId, chain],
  );
}

/**
 * Adds outputs paying the operator; ones already known are left alone. Imports are `available` at
 * once; the change of a signed transaction is `pending` until the network has accepted it.
 */
export async function addToPool(client: PoolClient, chain: string, utxos: readonly Utxo[], createdBy: number | null, status: 'available' | 'pending' = 'available'): Promise<number> {
  if (utxos.length === 0) return 0;
  const result = await client.query(
    `INSERT INTO funding_utxos (chain, txid, vout, amount, locking_script, status, created_by_chain_tx_id)
     SELECT $7, t, v, s, l, $6, $5 FROM unnest($1::text[], $2::int[], $3::numeric[], $4::text[]) AS x(t, v, s, l)
     ON CONFLICT (chain, txid, vout) DO NOTHING`,
    [utxos.map((u) => u.txid), utxos.map((u) => u.vout), utxos.map((u) => u.amount.toString()), utxos.map((u) => u.lockingScript), createdBy, status, chain],
  );
  return result.rowCount ?? 0;
}

/** The network accepted the transaction: its change may now fund other batches. */
export async function releaseChange(client: PoolClient, chainTxId: number): Promise<void> {
  await client.query(`UPDATE funding_utxos SET status = 'available' WHERE created_by_chain_tx_id = $1 AND status = 'pending'`, [chainTxId]);
}

/** The inputs of a transaction that confirmed are gone for good. */
export async function markSpent(client: PoolClient, chainTxId: number): Promise<void> {
  await client.query(`UPDATE funding_utxos SET status = 'spent' WHERE spent_by_chain_tx_id = $1`, [chainTxId]);
}

/** The inputs a dead transaction had reserved, and its change outputs (which never existed). */
export async function inputsOf(client: PoolClient, chainTxId: number): Promise<Utxo[]> {
  const { rows } = await client.query<UtxoRow>(`SELECT txid, vout, amount::text AS amount, locking_script FROM funding_utxos WHERE spent_by_chain_tx_id = $1 AND status = 'reserved'`, [chainTxId]);
  return rows.map(toUtxo);
}

/**
 * After a transaction died: inputs the chain still shows unspent return to the pool, the others
 * are marked spent; its change outputs are void.
 */
export async function settleDeadTransaction(client: PoolClient, chainTxId: number, stillUnspent: readonly Utxo[]): Promise<void> {
  await client.query(
    `UPDATE funding_utxos SET status = CASE WHEN (txid, vout) IN (SELECT * FROM unnest($2::text[], $3::int[])) THEN 'available' ELSE 'spent' END,
            spent_by_chain_tx_id = CASE WHEN (txid, vout) IN (SELECT * FROM unnest($2::text[], $3::int[])) THEN NULL ELSE spent_by_chain_tx_id END,
            reserved_at = NULL
      WHERE spent_by_chain_tx_id = $1 AND status = 'reserved'`,
    [chainTxId, stillUnspent.map((u) => u.txid), stillUnspent.map((u) => u.vout)],
  );
  await client.query(`UPDATE funding_utxos SET status = 'void' WHERE created_by_chain_tx_id = $1 AND status IN ('available', 'pending')`, [chainTxId]);
}

/**
 * One chain's pool in the chain's unit, so that available + reserved + spent is everything ever added to it.
 * A transaction's inputs count less the change that came back to the pool: a split of one output
 * into sixteen spends its fee, not the output.
 */
export interface PoolBalance {
  /** Spendable outputs now. */
  available: bigint;
  /** What transactions signed but not yet confirmed will take out of the pool (inputs less change already back). */
  reserved: bigint;
  /** What confirmed transactions took out of the pool: fees, and any amount paid elsewhere. */
  spent: bigint;
  /** Outputs: spendable, held as inputs of a pending transaction, used up. */
  counts: { available: number; reserved: number; spent: number };
}

export async function poolBalance(client: PoolClient | { query: PoolClient['query'] }, chain: string): Promise<PoolBalance> {
  // Change is "back" once the network accepted its transaction (not pending) and it was not voided.
  const { rows } = await client.query<{ status: string; n: number; inputs: string; back: string }>(
    `WITH inputs AS (
       SELECT status, spent_by_chain_tx_id AS tx, count(*)::int AS n, sum(amount) AS sats FROM funding_utxos WHERE chain = $1 GROUP BY status, spent_by_chain_tx_id
     ), back AS (
       SELECT created_by_chain_tx_id AS tx, sum(amount) AS sats FROM funding_utxos
        WHERE chain = $1 AND created_by_chain_tx_id IS NOT NULL AND status NOT IN ('pending', 'void') GROUP BY created_by_chain_tx_id
     )
     SELECT i.status, sum(i.n)::int AS n, sum(i.sats)::text AS inputs,
            coalesce(sum(b.sats) FILTER (WHERE i.status IN ('reserved', 'spent')), 0)::text AS back
       FROM inputs i LEFT JOIN back b ON b.tx = i.tx
      GROUP BY i.status`,
    [chain],
  );
  const by = (s: string) => rows.find((r) => r.status === s);
  const net = (s: string) => BigInt(by(s)?.inputs ?? 0) - BigInt(by(s)?.back ?? 0);
  return {
    available: BigInt(by('available')?.inputs ?? 0),
    reserved: net('reserved'),
    spent: net('spent'),
    counts: { available: by('available')?.n ?? 0, reserved: by('reserved')?.n ?? 0, spent: by('spent')?.n ?? 0 },
  };
}
