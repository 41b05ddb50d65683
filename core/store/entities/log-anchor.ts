import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ChainTxSchema } from './chain-tx.ts';

const p = defineEntity.properties;

/**
 * One signed checkpoint published on one chain (transparency-log.md §5), moved through the same
 * write-ahead pipeline as records: queued → submitted (its transaction signed and written ahead in
 * chain_txs) → confirmed, back to queued when its transaction is abandoned, failed after too many
 * attempts. At most one row per (chain, checkpoint): a checkpoint is never sent twice to a chain.
 */
export const LogAnchorSchema = defineEntity({
  name: 'LogAnchor',
  tableName: 'log_anchors',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    chain: p.string().length(32),
    /** The checkpoint's size (log_checkpoints.size). No foreign key: log_checkpoints is append-only, and a key would make its TRUNCATE fail on the key instead of on its append-only trigger. */
    treeSize: p.bigint('number'),
    status: p.string().length(16).default('queued'),
    chainTx: p.manyToOne(ChainTxSchema).fieldName('chain_tx_id').nullable(),
    /** Where the note sits in its transaction, in the chain's own form (an output index, an item id). */
    locator: p.text().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    nextAttemptAt: p.datetime().defaultRaw('now()'),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  uniques: [{ properties: ['chain', 'treeSize'] }],
  indexes: [{ properties: ['chainTx'] }],
});

export type ILogAnchor = InferEntity<typeof LogAnchorSchema>;
