import type { Pool } from 'pg';
import type { UtxoFunding } from '../adapter/index.ts';
import { appendAuditEvents, type CheckpointSigner } from '../audit/index.ts';
import { PG_INT_MAX, PublisherError } from '../errors/index.ts';
import { withTransaction } from '../store/index.ts';
import { addToPool } from './utxo-pool.ts';

export interface ImportResult {
  imported: number;
  skipped: number;
  /** In the chain's unit. */
  importedAmount: bigint;
}

/**
 * Adds funding outputs to a UTXO chain's pool: the given outpoints (each looked up on chain, so
 * only real, unspent outputs paying the funding key enter), or every unspent output of the funding
 * address.
 */
export async function importUtxos(
  pool: Pool,
  chain: string,
  funding: UtxoFunding,
  request: { outpoints: readonly { txid: string; vout: number }[]; scan: boolean },
  actor: string,
  signer: CheckpointSigner,
): Promise<ImportResult> {
  for (const o of request.outpoints) {
    // vout is an int column: a larger index cannot be an output we could store.
    if (!/^[0-9a-f]{64}$/.test(o.txid) || !Number.isInteger(o.vout) || o.vout < 0 || o.vout > PG_INT_MAX) {
      throw new PublisherError('INVALID_REQUEST', `outpoint ${o.txid}:${o.vout} is not a lowercase hex txid and an output index`, { metadata: { field: 'outpoints' } });
    }
  }
  if (request.outpoints.length === 0 && !request.scan) {
    throw new PublisherError('INVALID_REQUEST', 'give outpoints to import, or set scan_funding_address', { metadata: { field: 'outpoints' } });
  }
  const found = [...(request.outpoints.length > 0 ? await funding.lookupOutputs(request.outpoints) : []), ...(request.scan ? await funding.listUnspent() : [])];
  const unique = [...new Map(found.map((u) => [`${u.txid}:${u.vout}`, u])).values()];
  const missing = request.outpoints.filter((o) => !unique.some((u) => u.txid === o.txid && u.vout === o.vout));
  if (missing.length > 0) {
    throw new PublisherError('NOT_FOUND', `not unspent outputs of the funding address: ${missing.map((o) => `${o.txid}:${o.vout}`).join(', ')}`, { metadata: { field: 'outpoints' } });
  }
  return withTransaction(pool, async (client) => {
    const imported = await addToPool(client, chain, unique, null);
    const total = unique.reduce((sum, u) => sum + u.amount, 0n);
    const result = { imported, skipped: unique.length - imported, importedAmount: imported === unique.length ? total : await importedSum(client, chain, unique) };
    if (imported > 0) {
      await appendAuditEvents(client, signer, [{ kind: 'funding.imported', actor, subject: chain, data: { outputs: imported, amount: result.importedAmount.toString() } }]);
    }
    return result;
  });
}

/** When some outputs were already known, count only those this call added (created by no transaction, just now). */
async function importedSum(client: Parameters<typeof addToPool>[0], chain: string, utxos: readonly { txid: string; vout: number }[]): Promise<bigint> {
  const { rows } = await client.query<{ sats: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS sats FROM funding_utxos
      WHERE chain = $3 AND (txid, vout) IN (SELECT * FROM unnest($1::text[], $2::int[])) AND created_at = now()`,
    [utxos.map((u) => u.txid), utxos.map((u) => u.vout), chain],
  );
  return BigInt(rows[0]?.sats ?? 0);
}
