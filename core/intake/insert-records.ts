import type { PoolClient } from 'pg';
import type { IntakeIntent } from './prepare-intents.ts';

/** An accepted intent as stored: the envelope as sent, its receipt and its log entry. */
export interface AcceptedRow {
  intent: IntakeIntent;
  text: string;
  receipt: string;
  logIndex: number;
}

/**
 * Records with their receipts, and a QUEUED publication per target, in one statement (the
 * foreign key is checked at the end of the statement, when the records are in). The long texts
 * (envelope, receipt) travel as one JSON array each rather than as PostgreSQL array literals,
 * whose escaping pg does in JavaScript, character class by character class (docs/decisions.md,
 * "Long texts as JSON parameters"); ROWS FROM pairs the columns up by position.
 */
export async function insertRecords(client: PoolClient, rows: readonly AcceptedRow[], acceptedAt: Date): Promise<void> {
  if (rows.length === 0) return;
  const pairs = rows.flatMap((row) => row.intent.targets.map((chain) => [row.intent.recordId, chain] as const));
  await client.query(
    `WITH stored AS (
       INSERT INTO records (record_id, creator, scheme, public_key, nonce, targets, signed_at, accepted_at, intent_json, size_bytes, receipt, log_index)
       SELECT r, c, s, k, n, string_to_array(t, ','), sa, $12, j, z, rc, q
         FROM ROWS FROM (unnest($1::char(64)[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]), unnest($6::text[]),
                         unnest($7::timestamptz[]), json_array_elements_text($8::json), unnest($9::int[]), json_array_elements_text($10::json), unnest($11::bigint[]))
           AS x(r, c, s, k, n, t, sa, j, z, rc, q)
     )
     INSERT INTO publications (record_id, chain, created_at, updated_at, next_attempt_at)
     SELECT r, ch, $12, $12, $12 FROM unnest($13::char(64)[], $14::text[]) AS y(r, ch)`,
    [
      rows.map((row) => row.intent.recordId),
      rows.map((row) => row.intent.creator),
      rows.map((row) => row.intent.schemeName),
      rows.map((row) => row.intent.publicKeyText),
      rows.map((row) => row.intent.nonceText),
      rows.map((row) => row.intent.targets.join(',')),
      rows.map((row) => row.intent.timestamp),
      JSON.stringify(rows.map((row) => row.text)),
      rows.map((row) => row.intent.sizeBytes),
      JSON.stringify(rows.map((row) => row.receipt)),
      rows.map((row) => row.logIndex),
      acceptedAt,
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ],
  );
}
