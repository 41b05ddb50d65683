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

/**
 * The pool is `bsv_utxos` (BSV only, `satoshis`) until issue 19's chain-neutral `funding_utxos`
 * (`chain`, `amount`) replaces it; reconciliation works on whichever the database has.
 */
export async function poolTable(client: PoolClient, chain: string): Promise<PoolTable> {
  const { rows } = await client.query<{ neutral: boolean }>("SELECT to_regclass('funding_utxos') IS NOT NULL AS neutral");
  const neutral = rows[0]?.neutral === true;
  const table = neutral ? 'funding_utxos' : 'bsv_utxos';
  const ofChain = neutral ? 'chain = $1' : '$1::text IS NOT NULL';
  return {
    async outputs() {
      const { rows: found } = await client.query<PoolOutput>(`SELECT txid, vout, status, spent_by_chain_tx_id::int AS "spentBy" FROM ${table} WHERE ${ofChain}`, [chain]);
      return found;
    },
    async add(outputs, createdBy) {
      if (outputs.length === 0) return 0;
      const columns = neutral ? '(chain, txid, vout, amount, locking_script, status, created_by_chain_tx_id)' : '(txid, vout, satoshis, locking_script, status, created_by_chain_tx_id)';
      const values = neutral ? `$1::text, t, v, a::numeric, s, 'available', $6::bigint` : `t, v, a::bigint, s, 'available', $6::bigint`;
      const sql = `INSERT INTO ${table} ${columns} SELECT ${values} FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS u(t, v, a, s) WHERE $1::text IS NOT NULL ON CONFLICT DO NOTHING`;
      const result = await client.query(sql, [chain, outputs.map((o) => o.txid), outputs.map((o) => o.vout), outputs.map((o) => o.amount.toString()), outputs.map((o) => o.lockingScript), createdBy]);
      return result.rowCount ?? 0;
    },
    async spend(outpoints, by, status) {
      if (outpoints.length === 0) return 0;
      const result = await client.query(
        `UPDATE ${table} SET status = $5, spent_by_chain_tx_id = coalesce($4::bigint, spent_by_chain_tx_id), reserved_at = coalesce(reserved_at, now())
          FROM unnest($2::text[], $3::int[]) AS o(t, v) WHERE ${ofChain} AND txid = o.t AND vout = o.v`,
        [chain, outpoints.map((o) => o.txid), outpoints.map((o) => o.vout), by, status],
      );
      return result.rowCount ?? 0;
    },
  };
}
