import type { Pool } from 'pg';
import type { AuditEvent } from './audit-event.ts';

interface AuditRow {
  seq: string;
  at: Date;
  kind: string;
  actor: string;
  subject: string;
  data_json: string;
  prev_hash: string;
  hash: string;
}

/** Events with seq ≥ fromSeq (a bigint from a request keeps its 64 bits), in order, at most `limit`. */
export async function readAuditEvents(pool: Pool, fromSeq: number | bigint, limit: number): Promise<AuditEvent[]> {
  const { rows } = await pool.query<AuditRow>(
    'SELECT seq, at, kind, actor, subject, data_json, prev_hash, hash FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2',
    [fromSeq, limit],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    kind: r.kind,
    actor: r.actor,
    subject: r.subject,
    dataJson: r.data_json,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}
