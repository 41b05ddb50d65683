import type { JsonObject } from '../canonical/index.ts';

/** What a caller asks to be recorded: one entry of the transparency log (transparency-log.md §1). */
export interface AuditInput {
  /** Dotted, past tense: "intent.accepted", "key.revoked", "tx.broadcast". */
  kind: string;
  /** Who caused it: a creator's address, "admin", "worker:<chain>:<process>", "node". */
  actor: string;
  /** What it is about: a record id, a key, a txid. */
  subject: string;
  /** Public by design: the log is public (an admin's free-text label goes in as its SHA-256). */
  data: JsonObject;
}

/** The fields of an entry; its bytes are the UTF-8 of the JCS of {index, at, kind, actor, subject, data}. */
export interface EntryFields {
  index: number;
  at: Date;
  kind: string;
  actor: string;
  subject: string;
  /** Canonical JSON (RFC 8785) of the data. */
  dataJson: string;
}

/** tlog-tiles entry bundles carry each entry's length in 16 bits. */
export const MAX_ENTRY_BYTES = 65_535;
