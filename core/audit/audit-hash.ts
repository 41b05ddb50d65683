import { canonicalJson, sha256, type JsonObject } from '../canonical/index.ts';

/** The fields an event's hash covers. */
export interface HashedFields {
  seq: number;
  at: Date;
  kind: string;
  actor: string;
  subject: string;
  /** Canonical JSON (RFC 8785) of the data, exactly as hashed. */
  dataJson: string;
  prevHash: string;
}

/**
 * hash = hex(SHA-256(JCS({seq, at, kind, actor, subject, data, prevHash}))), `at` as an ISO 8601
 * UTC string with milliseconds and `data` as the parsed object. Each event covers the previous
 * event's hash, so changing, removing or reordering any event breaks every hash after it.
 */
export function auditHash(fields: HashedFields): string {
  const data = JSON.parse(fields.dataJson) as JsonObject;
  const input = canonicalJson({
    seq: fields.seq,
    at: fields.at.toISOString(),
    kind: fields.kind,
    actor: fields.actor,
    subject: fields.subject,
    data,
    prevHash: fields.prevHash,
  });
  return Buffer.from(sha256(input)).toString('hex');
}
