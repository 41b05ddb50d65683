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
 *
 * This is the general form, for stored events whose `dataJson` is read back (verification): the
 * data is parsed and canonicalised again, so only its meaning counts.
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

/**
 * The same hash for an event being appended, whose `dataJson` this process has just produced with
 * `canonicalJson` (so it is canonical by construction). The JCS text is assembled directly, keys in
 * RFC 8785 order (actor, at, data, kind, prevHash, seq, subject) and strings escaped by
 * `JSON.stringify` exactly as the `canonicalize` library escapes them: it runs while the chain's
 * head is locked, where parsing and re-canonicalising every event cost ~12 µs each
 * (test/unit/fast-canonical-forms.test.ts checks that both forms agree).
 */
export function auditHashOfCanonical(fields: HashedFields): string {
  if (!Number.isSafeInteger(fields.seq) || fields.seq < 0) throw new TypeError(`auditHashOfCanonical: seq must be a non-negative safe integer, got ${fields.seq}`);
  // canonicalize refuses lone surrogates; so does this, to agree with it on every input.
  if (!fields.actor.isWellFormed() || !fields.kind.isWellFormed() || !fields.subject.isWellFormed() || !fields.prevHash.isWellFormed()) {
    throw new TypeError('auditHashOfCanonical: lone surrogate in an event field');
  }
  const input =
    `{"actor":${JSON.stringify(fields.actor)},"at":${JSON.stringify(fields.at.toISOString())},"data":${fields.dataJson},` +
    `"kind":${JSON.stringify(fields.kind)},"prevHash":${JSON.stringify(fields.prevHash)},"seq":${fields.seq},"subject":${JSON.stringify(fields.subject)}}`;
  return Buffer.from(sha256(input)).toString('hex');
}
