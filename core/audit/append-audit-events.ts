import type { PoolClient } from 'pg';
import { canonicalJson } from '../canonical/index.ts';
import { GENESIS_HASH, type AuditEvent, type AuditInput } from './audit-event.ts';
import { auditHashOfCanonical } from './audit-hash.ts';

/** Serialises appends across every process on the database; held until the transaction ends. */
const AUDIT_APPEND_LOCK = 7_342_002;

/** The newest event of the chain: where the next append links. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * Takes the chain's lock (held until the transaction ends) and reads its head, in one round trip:
 * two statements in one simple query, each with its own snapshot under READ COMMITTED, so the head
 * is read after the lock is held and no other appender can move it until commit.
 */
export async function lockAuditHead(client: PoolClient): Promise<AuditHead> {
  const results = (await client.query(
    `SELECT pg_advisory_xact_lock(${AUDIT_APPEND_LOCK}); SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`,
  )) as unknown as { rows: { seq: string; hash: string }[] }[];
  const row = results[1]?.rows[0];
  return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** Each input canonicalised, for `chainEvents`: done before the lock is taken. */
export function auditDataJsons(inputs: readonly AuditInput[]): string[] {
  return inputs.map((input) => canonicalJson(input.data));
}

/** The events that follow `head`, numbered and hash-linked (pure: nothing is stored). */
export function chainEvents(head: AuditHead, inputs: readonly AuditInput[], dataJsons: readonly string[], at: Date): AuditEvent[] {
  let seq = head.seq;
  let prevHash = head.hash;
  return inputs.map((input, i): AuditEvent => {
    seq += 1;
    const fields = { seq, at, kind: input.kind, actor: input.actor, subject: input.subject, dataJson: dataJsons[i]!, prevHash };
    const event = { ...fields, hash: auditHashOfCanonical(fields) };
    prevHash = event.hash;
    return event;
  });
}

/** Stores events made by `chainEvents` under the lock `lockAuditHead` took. */
export async function insertAuditEvents(client: PoolClient, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO audit_events (seq, at, kind, actor, subject, data_json, prev_hash, hash)
     SELECT * FROM ROWS FROM (unnest($1::bigint[]), unnest($2::timestamptz[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
                              json_array_elements_text($6::json), unnest($7::text[]), unnest($8::text[]))`,
    [
      events.map((e) => e.seq),
      events.map((e) => e.at),
      events.map((e) => e.kind),
      events.map((e) => e.actor),
      events.map((e) => e.subject),
      JSON.stringify(events.map((e) => e.dataJson)),
      events.map((e) => e.prevHash),
      events.map((e) => e.hash),
    ],
  );
}

/**
 * Appends events inside the caller's open transaction, so they commit or vanish together with
 * the change they describe. Call it as late as possible in the transaction: the chain's head is
 * locked from here until commit.
 */
export async function appendAuditEvents(client: PoolClient, inputs: readonly AuditInput[], at: Date = new Date()): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  // Everything that does not depend on the chain's head is done before taking its lock.
  const dataJsons = auditDataJsons(inputs);
  const events = chainEvents(await lockAuditHead(client), inputs, dataJsons, at);
  await insertAuditEvents(client, events);
  return events;
}
