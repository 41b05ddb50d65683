import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * Every checkpoint the node signed (transparency-log.md §2), one per tree size: the primary key
 * is what makes two different checkpoints for one size impossible. `note` is the signed note,
 * verbatim. Append-only, like the entries.
 */
export const LogCheckpointSchema = defineEntity({
  name: 'LogCheckpoint',
  tableName: 'log_checkpoints',
  properties: {
    size: p.bigint('number').primary().autoincrement(false),
    rootHash: p.blob(),
    note: p.text(),
    signedAt: p.datetime().defaultRaw('now()'),
  },
});

export type ILogCheckpoint = InferEntity<typeof LogCheckpointSchema>;
