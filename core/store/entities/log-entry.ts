import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * The operator's transparency log (transparency-log.md §1): entry `idx` (from 0, no gaps) holds the
 * UTF-8 of the JCS of {index, at, kind, actor, subject, data} and its RFC 6962 leaf hash, which
 * is level 0 of the tiles. Append-only: a trigger (see the migrations) refuses UPDATE, DELETE and
 * TRUNCATE. `kind` and `subject` repeat the entry's fields for queries; the entry is what counts.
 */
export const LogEntrySchema = defineEntity({
  name: 'LogEntry',
  tableName: 'log_entries',
  properties: {
    idx: p.bigint('number').primary().autoincrement(false),
    kind: p.string().length(64),
    subject: p.text(),
    entry: p.blob(),
    leafHash: p.blob(),
  },
});

export type ILogEntry = InferEntity<typeof LogEntrySchema>;
