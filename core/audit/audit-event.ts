import type { JsonObject } from '../canonical/index.ts';
import type { HashedFields } from './audit-hash.ts';

/** What a caller asks to be recorded. */
export interface AuditInput {
  /** Dotted, past tense: "intent.accepted", "key.revoked", "tx.broadcast". */
  kind: string;
  /** Who caused it: "creator:<address>", "admin", "worker:<chain>", "node". */
  actor: string;
  /** What it is about: a record id, a key, a txid. */
  subject: string;
  data: JsonObject;
}

/** An event as stored: sequence-numbered and linked to the previous one by hash. */
export interface AuditEvent extends HashedFields {
  hash: string;
}

/** The prevHash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);
