import type { PoolClient } from 'pg';
import type { RejectAction } from '../adapter/index.ts';
import { appendAuditEvents } from '../audit/index.ts';
import { closeReservation, inputsOf, settleDeadTransaction } from '../funding/index.ts';
import { backoffMs, type PipelineDeps } from './pipeline-deps.ts';
import { publicErrorText } from './public-error-text.ts';

/**
 * A transaction that will never confirm: its publications go back to QUEUED (or end FAILED when
 * the action is `fail`, or after too many attempts), its funding returns to the pool. Runs inside
 * the caller's transaction, which holds the chain_txs row.
 */
export async function abandonTransaction(
  client: PoolClient,
  deps: PipelineDeps,
  tx: { id: number; txid: string },
  action: Exclude<RejectAction, 'retry'>,
  why: string,
): Promise<void> {
  const { adapter, settings } = deps;
  await client.query(`UPDATE chain_txs SET status = 'rejected', last_error = $2, updated_at = now() WHERE id = $1`, [tx.id, why]);
  const { rows } = await client.query<{ id: string; attempts: number }>(
    `SELECT id, attempts FROM publications WHERE chain_tx_id = $1 AND status = 'submitted' FOR UPDATE`,
    [tx.id],
  );
  const shown = publicErrorText(why);
  const finalIds = rows.filter((p) => action === 'fail' || p.attempts + 1 >= settings.maxAttempts).map((p) => p.id);
  const retryIds = rows.filter((p) => !finalIds.includes(p.id));
  if (finalIds.length > 0) {
    await client.query(
      `UPDATE publications SET status = 'failed', last_error = $2, attempts = attempts + 1, updated_at = now() WHERE id = ANY($1::bigint[])`,
      [finalIds, shown],
    );
  }
  if (retryIds.length > 0) {
    await client.query(
      `UPDATE publications p SET status = 'queued', chain_tx_id = NULL, locator = NULL, last_error = $2, attempts = p.attempts + 1,
              next_attempt_at = now() + make_interval(secs => v.delay / 1000.0), updated_at = now()
         FROM unnest($1::bigint[], $3::int[]) AS v(id, delay) WHERE p.id = v.id`,
      [retryIds.map((p) => p.id), shown, retryIds.map((p) => backoffMs(settings, p.attempts + 1))],
    );
  }
  // A checkpoint anchor goes back to the queue like a record (the anchor stage retries it before
  // any newer checkpoint), or ends failed: the next checkpoint covers its entries anyway.
  await client.query(
    `UPDATE log_anchors SET status = CASE WHEN $3 OR attempts + 1 >= $4 THEN 'failed' ELSE 'queued' END, chain_tx_id = NULL, locator = NULL, last_error = $2,
            attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $5 / 1000.0), updated_at = now()
      WHERE chain_tx_id = $1 AND status = 'submitted'`,
    [tx.id, shown, action === 'fail', settings.maxAttempts, backoffMs(settings, 1)],
  );
  if (adapter.funding.model === 'utxo') {
    const inputs = await inputsOf(client, tx.id);
    const unspent = inputs.length > 0 ? await adapter.funding.lookupOutputs(inputs) : [];
    await settleDeadTransaction(client, tx.id, unspent);
  } else if (adapter.funding.model === 'account') {
    await closeReservation(client, tx.id, 'released');
  }
  await appendAuditEvents(client, deps.logSigner, [
    {
      kind: 'tx.abandoned',
      actor: deps.actor,
      subject: tx.txid,
      data: { chain: adapter.name, reason: why, action, requeued: retryIds.length, failed: finalIds.length },
    },
  ]);
}
