import type { PoolClient } from 'pg';
import { rejectAction, type TxStatus } from '../adapter/index.ts';
import { appendAuditEvents } from '../audit/index.ts';
import { closeReservation, markSpent } from '../funding/index.ts';
import { withTransaction } from '../store/index.ts';
import { abandonTransaction } from './abandon-transaction.ts';
import type { PipelineDeps } from './pipeline-deps.ts';

export interface ConfirmRound {
  checked: number;
  confirmed: number;
  abandoned: number;
}

interface InFlight {
  id: string;
  txid: string;
  status: 'broadcast' | 'mined';
  since_broadcast_ms: number;
}

/**
 * Asks the chain about every broadcast transaction that is due and moves it on: mined (with its
 * depth and proof), confirmed at the configured depth (publications CONFIRMED, funding settled),
 * back to broadcast after a reorg, rebroadcast with the same bytes when the chain forgot it, and
 * abandoned (publications requeued) when the chain refused it for good.
 */
export async function followConfirmations(deps: PipelineDeps, pollMs: number, limit = 100): Promise<ConfirmRound> {
  const round: ConfirmRound = { checked: 0, confirmed: 0, abandoned: 0 };
  const { rows } = await deps.pool.query<{ id: string }>(
    `SELECT id FROM chain_txs WHERE chain = $1 AND status IN ('broadcast', 'mined') AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $2`,
    [deps.adapter.name, limit],
  );
  for (const { id } of rows) {
    await withTransaction(deps.pool, async (client) => {
      const locked = await client.query<InFlight>(
        `SELECT id, txid, status, (extract(epoch FROM now() - broadcast_at) * 1000)::bigint AS since_broadcast_ms
           FROM chain_txs WHERE id = $1 AND status IN ('broadcast', 'mined') FOR UPDATE SKIP LOCKED`,
        [id],
      );
      const tx = locked.rows[0];
      if (!tx) return;
      round.checked += 1;
      const status = await deps.adapter.status(tx.txid);
      const outcome = await apply(client, deps, tx, status);
      if (outcome === 'confirmed') round.confirmed += 1;
      if (outcome === 'abandoned') round.abandoned += 1;
      if (outcome !== 'abandoned' && outcome !== 'confirmed') {
        await client.query(`UPDATE chain_txs SET next_attempt_at = now() + make_interval(secs => $2 / 1000.0) WHERE id = $1`, [tx.id, pollMs]);
      }
    });
  }
  return round;
}

async function apply(client: PoolClient, deps: PipelineDeps, tx: InFlight, status: TxStatus): Promise<'confirmed' | 'mined' | 'waiting' | 'abandoned'> {
  const { adapter } = deps;
  const id = Number(tx.id);
  switch (status.kind) {
    case 'mined': {
      const confirmed = status.confirmations >= adapter.capabilities.confirmationDepth;
      await client.query(
        `UPDATE chain_txs SET status = $2, block_height = $3, block_hash = $4, confirmations = $5, proof = $6, mined_at = coalesce(mined_at, now()), updated_at = now() WHERE id = $1`,
        [id, confirmed ? 'confirmed' : 'mined', status.blockHeight, status.blockHash, status.confirmations, JSON.stringify(status.proof)],
      );
      if (!confirmed) return 'mined';
      await client.query(`UPDATE publications SET status = 'confirmed', updated_at = now() WHERE chain_tx_id = $1 AND status = 'submitted'`, [id]);
      await client.query(`UPDATE log_anchors SET status = 'confirmed', updated_at = now() WHERE chain_tx_id = $1 AND status = 'submitted'`, [id]);
      if (adapter.funding.model === 'utxo') await markSpent(client, id);
      else if (adapter.funding.model === 'account') await closeReservation(client, id, 'settled');
      await appendAuditEvents(client, deps.logSigner, [
        { kind: 'tx.confirmed', actor: deps.actor, subject: tx.txid, data: { chain: adapter.name, blockHeight: status.blockHeight, blockHash: status.blockHash, confirmations: status.confirmations } },
      ]);
      return 'confirmed';
    }
    case 'pending':
    case 'unknown': {
      if (tx.status === 'mined') await reorged(client, deps, tx, status.kind === 'pending' ? 'back in the mempool' : 'unknown to the chain');
      else if (Number(tx.since_broadcast_ms) < deps.settings.dropAfterMs) return 'waiting';
      // Forgotten, dropped or stuck (e.g. still "mined in a stale block" after a reorg that evicted
      // it): offer the same bytes again. Harmless if the network has them; only a real refusal kills it.
      // The bytes are read only now: most polls find the transaction pending or mined, and a
      // bundle's raw bytes are megabytes that every poll used to carry from the database.
      const { rows: raw } = await client.query<{ raw_tx: Buffer }>('SELECT raw_tx FROM chain_txs WHERE id = $1', [id]);
      const again = await adapter.broadcast({ txid: tx.txid, raw: raw[0]!.raw_tx });
      if (again.kind !== 'rejected') {
        await client.query(`UPDATE chain_txs SET status = 'broadcast', broadcast_at = now(), attempts = attempts + 1 WHERE id = $1`, [id]);
        await appendAuditEvents(client, deps.logSigner, [{ kind: 'tx.rebroadcast', actor: deps.actor, subject: tx.txid, data: { chain: adapter.name, outcome: again.kind, was: status.kind } }]);
        return 'waiting';
      }
      const action = rejectAction(again.reason);
      if (action === 'retry') return 'waiting';
      await abandonTransaction(client, deps, { id, txid: tx.txid }, action, `${again.reason}: ${again.detail}`);
      return 'abandoned';
    }
    case 'rejected': {
      const action = rejectAction(status.reason);
      if (action === 'retry') return 'waiting';
      await abandonTransaction(client, deps, { id, txid: tx.txid }, action, `${status.reason}: ${status.detail}`);
      return 'abandoned';
    }
  }
}

async function reorged(client: PoolClient, deps: PipelineDeps, tx: InFlight, how: string): Promise<void> {
  await client.query(`UPDATE chain_txs SET status = 'broadcast', confirmations = 0, block_height = NULL, block_hash = NULL, proof = NULL, mined_at = NULL, updated_at = now() WHERE id = $1`, [tx.id]);
  await appendAuditEvents(client, deps.logSigner, [{ kind: 'tx.reorged', actor: deps.actor, subject: tx.txid, data: { chain: deps.adapter.name, how } }]);
  deps.log.warn({ txid: tx.txid, how }, 'a mined transaction left the chain (reorg)');
}
