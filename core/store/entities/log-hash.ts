import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * The tree's hashes above the leaves, only those tiles are made of (tlog-tiles, height 8): `level`
 * L ≥ 1 holds the hash of leaves [idx·256^L, (idx+1)·256^L), written once when that subtree is
 * complete. Every other interior hash is computed from at most 256 of these (or of the leaf
 * hashes), so an intent costs its entry row and 1/256 of a row here. Append-only, like the entries.
 */
export const LogHashSchema = defineEntity({
  name: 'LogHash',
  tableName: 'log_hashes',
  properties: {
    level: p.smallint().primary(),
    idx: p.bigint('number').primary().autoincrement(false),
    hash: p.blob(),
  },
});

export type ILogHash = InferEntity<typeof LogHashSchema>;
