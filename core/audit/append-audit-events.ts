import type { PoolClient } from 'pg';
import { canonicalJson } from '../canonical/index.ts';
import { GENESIS_HASH, type AuditEvent, type AuditInput } from './audit-event.ts';
import { auditHashOfCanonical } from './audit-hash.ts';

/** Serialises appends across every process on the database; held until the transaction ends. */
const AUDIT_APPEND_LOCK = 7_342_002;

/**
 * Appends events inside the caller's open transaction, so they commit or vanish together with
 * the change they describe. Call it as late as possible in the transaction: the chain's head is
 * locked from here until commit.
 */
export async function appendAuditEvents(client: PoolClient, inputs: readonly AuditInput[], at: Date = new Date()): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  // Everything that does not depend on the chain's head is done before taking its lock.
  const dataJsons = inputs.map((input) => canonicalJson(input.data));
  await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
  const head = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  let seq = head.rows[0] ? Number(head.rows[0].seq) : 0;
  let prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
  const events = inputs.map((input, i): AuditEvent => {
    seq += 1;
    const fields = { seq, at, kind: input.kind, actor: input.actor, subject: input.subject, dataJson: dataJsons[i]!, prevHash };
    const event = { ...fields, hash: auditHashOfCanonical(fields) };
    prevHash = event.hash;
    return event;
  });
  await client.query(
    `INSERT INTO audit_events (seq, at, kind, actor, subject, data_json, prev_hash, hash)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
    [
      events.map((e) => e.seq),
      events.map((e) => e.at),
      events.map((e) => e.kind),
      events.map((e) => e.actor),
      events.map((e) => e.subject),
      events.map((e) => e.dataJson),
      events.map((e) => e.prevHash),
      events.map((e) => e.hash),
    ],
  );
  return events;
}
