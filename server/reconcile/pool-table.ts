import type { PoolClient } from 'pg';

/** One output of a UTXO chain's funding pool, as reconciliation reads and writes it. */
export interface PoolOutput {
  txid: string;
  vout: number;
  status: string;
  spentBy: number | null;
}

export interface PoolTable {
  outputs(): Promise<PoolOutput[]>;
  /** Adds outputs (ignored when the pool has them), with the transaction that made them when it is the operator's. */
  add(outputs: readonly { txid: string; vout: number; amount: bigint; lockingScript: string }[], createdBy: number | null): Promise<number>;
  /** Marks outputs spent by a transaction: `reserved` until it confirms (the pipeline settles it), or `spent`. */
  spend(outpoints: readonly { txid: string; vout: number }[], by: number | null, status: 'reserved' | 'spent'): Promise<number>;
}

/** One chain's rows of `funding_utxos`, for reconciliation. */
export function poolTable(client: PoolClient, chain: string): PoolTable {
  return {
    async outputs() {
      const { rows } = await client.query<PoolOutput>('SELECT txid, vout, status, spent_by_chain_tx_id::int AS "spentBy" FROM funding_utxos WHERE chain = $1', [chain]);
      return rows;
    },
    async add(outputs, createdBy) {
      if (outputs.length === 0) return 0;
      const result = await client.query(
        `INSERT INTO funding_utxos (chain, txid, vout, amount, locking_script, status, created_by_chain_tx_id)
         SELECT $1, t, v, a::numeric, s, 'available', $6::bigint FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS u(t, v, a, s)
         ON CONFLICT DO NOTHING`,
        [chain, outputs.map((o) => o.txid), outputs.map((o) => o.vout), outputs.map((o) => o.amount.toString()), outputs.map((o) => o.lockingScript), createdBy],
      );
      return result.rowCount ?? 0;
    },
    async spend(outpoints, by, status) {
      if (outpoints.length === 0) return 0;
      const result = await client.query(
        `UPDATE funding_utxos SET status = $5, spent_by_chain_tx_id = coalesce($4::bigint, spent_by_chain_tx_id), reserved_at = coalesce(reserved_at, now())
          FROM unnest($2::text[], $3::int[]) AS o(t, v) WHERE chain = $1 AND txid = o.t AND vout = o.v`,
        [chain, outpoints.map((o) => o.txid), outpoints.map((o) => o.vout), by, status],
      );
      return result.rowCount ?? 0;
    },
  };
}
