import type { PoolClient } from 'pg';
import { isRecordsTooLarge, type FundingGrant, type SignedTransaction } from '../adapter/index.ts';
import { appendAuditEvents } from '../audit/index.ts';
import { withTransaction } from '../store/index.ts';
import { toBatchRecord } from './load-batch-records.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { publicErrorText } from './public-error-text.ts';
import { reserveFunding, writeAhead } from './write-ahead.ts';

/** Record ids per log entry of a signed batch: 500 × 67 bytes of JSON stays well under the 64 KiB entry limit. */
const RECORD_IDS_PER_ENTRY = 500;

export type ClaimOutcome =
  | { kind: 'signed'; chainTxId: number; txid: string; records: number }
  /** Nothing queued, or the batch window is still open. */
  | { kind: 'idle' }
  /** Records wait: the operator's funding cannot cover the batch right now. */
  | { kind: 'unfunded'; needed: bigint };

interface Claimed {
  id: string;
  record_id: string;
  creator: string;
  intent_json: string;
  waiting_ms: number;
}

/**
 * Plan, fund, build and write ahead, in ONE database transaction: claim QUEUED publications
 * (SKIP LOCKED, so any number of workers share the queue), reserve funding, have the adapter build
 * and sign one transaction, then persist the signed bytes, the reservation and SUBMITTED
 * publications before anything is broadcast. A crash before commit leaves everything as it was;
 * after commit, the broadcast stage finds the signed bytes and sends exactly those.
 */
export async function claimAndSign(deps: PipelineDeps): Promise<ClaimOutcome> {
  const { adapter, settings, log } = deps;
  const limit = Math.min(settings.batchSize, adapter.capabilities.maxRecordsPerTransaction);
  return withTransaction(deps.pool, async (client) => {
    const { rows } = await client.query<Claimed>(
      `SELECT p.id, p.record_id, r.creator, r.intent_json, (extract(epoch FROM now() - p.next_attempt_at) * 1000)::int AS waiting_ms
         FROM publications p JOIN records r ON r.record_id = p.record_id
        WHERE p.chain = $1 AND p.status = 'queued' AND p.next_attempt_at <= now()
        ORDER BY p.next_attempt_at, p.id LIMIT $2 FOR UPDATE OF p SKIP LOCKED`,
      [adapter.name, limit],
    );
    if (rows.length === 0) return { kind: 'idle' };
    const oldestWaitMs = Math.max(...rows.map((r) => r.waiting_ms));
    if (rows.length < limit && oldestWaitMs < settings.batchWindowMs) return { kind: 'idle' };

    let claimed = rows;
    let signed: { tx: SignedTransaction; grant: FundingGrant } | undefined;
    while (!signed) {
      const batch = claimed.map((r) => toBatchRecord(r.intent_json, r.creator));
      const cost = await adapter.estimate(batch);
      const grant = await reserveFunding(client, adapter, cost);
      if (!grant) return { kind: 'unfunded', needed: cost.amount };
      try {
        signed = { tx: await adapter.build(batch, grant), grant };
      } catch (error) {
        if (!isRecordsTooLarge(error)) throw error;
        // Records no transaction of this chain can carry end FAILED; the rest go on without them.
        const tooLarge = new Set(error.recordIds);
        await failPublications(client, deps, claimed.filter((r) => tooLarge.has(r.record_id)), `too_large: ${error.message}`);
        claimed = claimed.filter((r) => !tooLarge.has(r.record_id));
        if (claimed.length === 0) return { kind: 'idle' };
      }
    }
    const { tx, grant } = signed;
    const rowsSigned = claimed;
    const chainTxId = await writeAhead(client, adapter, tx, grant, rowsSigned.length);
    await client.query(
      `UPDATE publications p SET status = 'submitted', chain_tx_id = $3, locator = v.locator, updated_at = now()
         FROM unnest($1::bigint[], $2::text[]) AS v(id, locator) WHERE p.id = v.id`,
      [rowsSigned.map((r) => r.id), tx.locators, chainTxId],
    );
    // The record ids go in parts: a log entry holds at most 64 KiB (MAX_ENTRY_BYTES), about 950
    // ids, and a batch may hold more. tx.signed names the first part and the count, tx.records the rest.
    const ids = rowsSigned.map((r) => r.record_id);
    const parts = Array.from({ length: Math.ceil(ids.length / RECORD_IDS_PER_ENTRY) }, (_, i) => ids.slice(i * RECORD_IDS_PER_ENTRY, (i + 1) * RECORD_IDS_PER_ENTRY));
    await appendAuditEvents(client, deps.logSigner, [
      {
        kind: 'tx.signed',
        actor: deps.actor,
        subject: tx.txid,
        data: { chain: adapter.name, chainTxId, fee: tx.fee.toString(), recordCount: ids.length, records: parts[0] ?? [] },
      },
      ...parts.slice(1).map((part, i) => ({ kind: 'tx.records', actor: deps.actor, subject: tx.txid, data: { chain: adapter.name, chainTxId, part: i + 2, records: part } })),
    ]);
    log.info({ txid: tx.txid, records: rowsSigned.length, fee: tx.fee.toString() }, 'batch signed and written ahead');
    deps.observer.batchSigned(adapter.name, rowsSigned.length);
    return { kind: 'signed', chainTxId, txid: tx.txid, records: rowsSigned.length };
  });
}

async function failPublications(client: PoolClient, deps: PipelineDeps, rows: readonly Claimed[], why: string): Promise<void> {
  await client.query(`UPDATE publications SET status = 'failed', last_error = $2, attempts = attempts + 1, updated_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id), publicErrorText(why)]);
  await appendAuditEvents(
    client,
    deps.logSigner,
    rows.map((r) => ({ kind: 'publication.failed', actor: deps.actor, subject: r.record_id, data: { chain: deps.adapter.name, reason: why } })),
  );
  deps.log.warn({ records: rows.map((r) => r.record_id), why }, 'records can never be published on this chain');
}
