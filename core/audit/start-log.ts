import type { PoolClient } from 'pg';
import { withTree, receiptOf, storeAppended } from './append-entries.ts';
import { MAX_ENTRY_BYTES } from './audit-event.ts';
import { entryText } from './entry-text.ts';
import type { CheckpointSigner } from './log-key.ts';
import { readLogHead } from './log-head.ts';
import type { Frontier } from './grow-tree.ts';

interface LegacyEvent {
  seq: string;
  at: Date;
  kind: string;
  actor: string;
  subject: string;
  data_json: string;
}

/**
 * Starts a log that has no checkpoint yet, under the log's lock: the events of the hash-chained
 * audit table of earlier versions (if any) become entries 0…n-1 (seq - 1), in order, with their
 * time, kind, actor, subject and data; the first checkpoint is signed (size 0 for a new node);
 * and the records accepted before get their tlog-proof receipts against it, in place of their
 * v1 receipts, which named an audit seq. One transaction: a node stopped halfway starts over.
 */
export async function startLog(client: PoolClient, signer: CheckpointSigner): Promise<Frontier> {
  const { rows } = await client.query<LegacyEvent>('SELECT seq, at, kind, actor, subject, data_json FROM audit_events ORDER BY seq');
  const entries = rows.map((row, i) => {
    if (Number(row.seq) !== i + 1) throw new RangeError(`the audit table has no event ${i + 1} (next is ${row.seq}): repair it before the log can be started`);
    const bytes = Buffer.from(entryText({ index: i, at: row.at, kind: row.kind, actor: row.actor, subject: row.subject, dataJson: row.data_json }), 'utf8');
    if (bytes.length > MAX_ENTRY_BYTES) throw new RangeError(`audit event ${row.seq} makes an entry of ${bytes.length} bytes, over ${MAX_ENTRY_BYTES}`);
    return bytes;
  });
  const appended = withTree({ size: 0, levels: [[]] }, signer, { entries, kinds: rows.map((r) => r.kind), subjects: rows.map((r) => r.subject) });
  await storeAppended(client, appended);
  const records = await client.query<{ record_id: string; log_index: string }>('SELECT record_id, log_index FROM records ORDER BY log_index');
  if (records.rows.length > 0) {
    await client.query('UPDATE records SET receipt = r.receipt FROM unnest($1::char(64)[], $2::text[]) AS r(id, receipt) WHERE records.record_id = r.id', [
      records.rows.map((r) => r.record_id),
      records.rows.map((r) => receiptOf(appended, Number(r.log_index))),
    ]);
  }
  const frontier = await readLogHead(client);
  if (!frontier) throw new RangeError('the log has no checkpoint right after it was started');
  return frontier;
}
