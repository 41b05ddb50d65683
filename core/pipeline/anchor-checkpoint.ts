import type { PoolClient } from 'pg';
import type { LogCheckpoint } from '../adapter/index.ts';
import { appendAuditEvents } from '../audit/index.ts';
import { withTransaction } from '../store/index.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { reserveFunding, writeAhead } from './write-ahead.ts';

export type AnchorOutcome =
  | { kind: 'signed'; chainTxId: number; txid: string; treeSize: number }
  /** Nothing to anchor: the chain cannot carry checkpoints, the interval has not passed, or the log has not grown. */
  | { kind: 'idle' }
  /** The checkpoint waits: the operator's funding cannot cover it right now. */
  | { kind: 'unfunded'; needed: bigint };

interface Due {
  /** The log_anchors row, when a requeued anchor is retried. */
  id: string | null;
  tree_size: string;
  note: string;
  root_hash: Buffer;
}

/**
 * Publishes the log's latest signed checkpoint on this chain (transparency-log.md §5) when the
 * log has grown since the last checkpoint anchored here and `intervalMs` has passed since that
 * anchor; first, a checkpoint whose transaction was abandoned is sent again. Like a batch, in ONE
 * database transaction: reserve funding, have the chain build and sign the transaction, write it
 * ahead with its log_anchors row (submitted), so the broadcast and confirmation stages take it
 * from there, and a crash before commit leaves nothing. One row per (chain, checkpoint) and a
 * per-chain lock: a checkpoint is never sent twice to a chain, whatever the number of workers.
 *
 * The checkpoint is the newest one another chain anchored since this chain's last, else the
 * latest: chains anchored on the same interval end up carrying the same checkpoints.
 *
 * "Grown" leaves out the `tx.*` events: anchoring writes those itself (signed, broadcast,
 * confirmed), and counting them would anchor a new checkpoint every interval forever.
 */
export async function anchorCheckpoint(deps: PipelineDeps, intervalMs: number): Promise<AnchorOutcome> {
  const { adapter } = deps;
  const publishing = adapter.checkpoints;
  if (publishing === undefined || intervalMs <= 0) return { kind: 'idle' };
  return withTransaction(deps.pool, async (client) => {
    const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(7342005, hashtext($1)) AS ok', [adapter.name]);
    if (!lock[0]?.ok) return { kind: 'idle' };
    const due = await dueCheckpoint(client, adapter.name, intervalMs);
    if (due === undefined) return { kind: 'idle' };
    const checkpoint: LogCheckpoint = { note: due.note, origin: due.note.slice(0, due.note.indexOf('\n')), treeSize: Number(due.tree_size), rootHash: due.root_hash };
    const cost = await publishing.estimate(checkpoint);
    const grant = await reserveFunding(client, adapter, cost);
    if (!grant) return { kind: 'unfunded', needed: cost.amount };
    const tx = await publishing.build(checkpoint, grant);
    const chainTxId = await writeAhead(client, adapter, tx, grant, 0);
    const locator = tx.locators[0] ?? null;
    if (due.id === null) {
      await client.query(`INSERT INTO log_anchors (chain, tree_size, status, chain_tx_id, locator) VALUES ($1, $2, 'submitted', $3, $4)`, [adapter.name, checkpoint.treeSize, chainTxId, locator]);
    } else {
      await client.query(`UPDATE log_anchors SET status = 'submitted', chain_tx_id = $2, locator = $3, updated_at = now() WHERE id = $1`, [due.id, chainTxId, locator]);
    }
    await appendAuditEvents(client, deps.logSigner, [
      { kind: 'tx.signed', actor: deps.actor, subject: tx.txid, data: { chain: adapter.name, chainTxId, fee: tx.fee.toString(), checkpoint: checkpoint.treeSize } },
    ]);
    deps.log.info({ txid: tx.txid, treeSize: checkpoint.treeSize, fee: tx.fee.toString() }, 'log checkpoint signed for anchoring and written ahead');
    return { kind: 'signed', chainTxId, txid: tx.txid, treeSize: checkpoint.treeSize };
  });
}

async function dueCheckpoint(client: PoolClient, chain: string, intervalMs: number): Promise<Due | undefined> {
  const retried = await client.query<Due>(
    `SELECT a.id, a.tree_size, c.note, c.root_hash FROM log_anchors a JOIN log_checkpoints c ON c.size = a.tree_size
      WHERE a.chain = $1 AND a.status = 'queued' AND a.next_attempt_at <= now() ORDER BY a.tree_size LIMIT 1 FOR UPDATE OF a`,
    [chain],
  );
  if (retried.rows[0]) return retried.rows[0];
  const { rows: last } = await client.query<{ tree_size: string; age_ms: string; waiting: boolean }>(
    `SELECT tree_size, (extract(epoch FROM now() - created_at) * 1000)::bigint AS age_ms,
            EXISTS (SELECT 1 FROM log_anchors WHERE chain = $1 AND status = 'queued') AS waiting
       FROM log_anchors WHERE chain = $1 ORDER BY tree_size DESC LIMIT 1`,
    [chain],
  );
  const previous = last[0];
  // A requeued anchor waiting for its retry goes before any newer checkpoint.
  if (previous !== undefined && (previous.waiting || Number(previous.age_ms) < intervalMs)) return undefined;
  const since = previous === undefined ? 0 : Number(previous.tree_size);
  const { rows: grown } = await client.query<{ yes: boolean }>(`SELECT EXISTS (SELECT 1 FROM log_entries WHERE idx >= $1 AND kind NOT LIKE 'tx.%') AS yes`, [since]);
  if (!grown[0]?.yes) return undefined;
  // The newest checkpoint another chain anchored since, if any, so that the chains carry the same
  // checkpoints (a proof's anchored checkpoint then sits on every chain); else the latest one.
  const followed = await client.query<Due>(
    `SELECT NULL AS id, c.size AS tree_size, c.note, c.root_hash FROM log_checkpoints c
      WHERE c.size > $1 AND c.size IN (SELECT tree_size FROM log_anchors WHERE chain <> $2 AND status <> 'failed') ORDER BY c.size DESC LIMIT 1`,
    [since, chain],
  );
  if (followed.rows[0]) return followed.rows[0];
  const { rows } = await client.query<Due>(`SELECT NULL AS id, c.size AS tree_size, c.note, c.root_hash FROM log_checkpoints c WHERE c.size > $1 ORDER BY c.size DESC LIMIT 1`, [since]);
  return rows[0];
}
