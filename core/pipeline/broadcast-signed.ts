import { rejectAction } from '../adapter/index.ts';
import { appendAuditEvents } from '../audit/index.ts';
import { releaseChange } from '../funding/index.ts';
import { withTransaction } from '../store/index.ts';
import { abandonTransaction } from './abandon-transaction.ts';
import { backoffMs, type PipelineDeps } from './pipeline-deps.ts';

export interface BroadcastRound {
  broadcast: number;
  retrying: number;
  abandoned: number;
}

/**
 * Sends every signed transaction that is due, oldest first (a batch may spend its predecessor's
 * change), with the exact bytes written ahead — never re-signed. The row stays locked while it is
 * sent, so two workers never send the same one at once; sending it twice anyway would be harmless
 * (already known is success).
 */
export async function broadcastSigned(deps: PipelineDeps, limit = 20): Promise<BroadcastRound> {
  const round: BroadcastRound = { broadcast: 0, retrying: 0, abandoned: 0 };
  for (let i = 0; i < limit; i++) {
    const outcome = await withTransaction(deps.pool, async (client) => {
      const { rows } = await client.query<{ id: string; txid: string; raw_tx: Buffer; attempts: number }>(
        `SELECT id, txid, raw_tx, attempts FROM chain_txs WHERE chain = $1 AND status = 'signed' AND next_attempt_at <= now()
          ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [deps.adapter.name],
      );
      const row = rows[0];
      if (!row) return 'none' as const;
      const tx = { id: Number(row.id), txid: row.txid };
      const started = performance.now();
      const result = await deps.adapter.broadcast({ txid: row.txid, raw: row.raw_tx });
      deps.observer.broadcastDone(deps.adapter.name, result.kind === 'rejected' ? result.reason : result.kind, (performance.now() - started) / 1000);
      if (result.kind !== 'rejected') {
        await client.query(`UPDATE chain_txs SET status = 'broadcast', broadcast_at = now(), attempts = attempts + 1, last_error = NULL, updated_at = now(), next_attempt_at = now() WHERE id = $1`, [tx.id]);
        if (deps.adapter.funding.model === 'utxo') await releaseChange(client, tx.id);
        await appendAuditEvents(client, deps.logSigner, [{ kind: 'tx.broadcast', actor: deps.actor, subject: tx.txid, data: { chain: deps.adapter.name, outcome: result.kind } }]);
        return 'broadcast' as const;
      }
      const action = rejectAction(result.reason);
      const why = `${result.reason}: ${result.detail}`;
      if (action === 'retry') {
        await client.query(`UPDATE chain_txs SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3 / 1000.0), updated_at = now() WHERE id = $1`, [
          tx.id,
          why,
          backoffMs(deps.settings, row.attempts + 1),
        ]);
        deps.log.warn({ txid: tx.txid, reason: why }, 'broadcast failed; will retry with the same bytes');
        return 'retrying' as const;
      }
      await abandonTransaction(client, deps, tx, action, why);
      deps.log.warn({ txid: tx.txid, reason: why, action }, 'transaction rejected; its records are requeued');
      return 'abandoned' as const;
    });
    if (outcome === 'none') break;
    round[outcome] += 1;
    // A retryable failure means the broadcaster is unwell: later transactions (possibly spending
    // this one's change) wait for the next round rather than failing behind it.
    if (outcome === 'retrying') break;
  }
  return round;
}
