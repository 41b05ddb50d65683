import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ChainTxSchema } from './chain-tx.ts';
import { RecordSchema } from './record.ts';

const p = defineEntity.properties;

/** One (record, target chain) pair. status: queued → submitted → confirmed, or failed. */
export const PublicationSchema = defineEntity({
  name: 'Publication',
  tableName: 'publications',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    record: p.manyToOne(RecordSchema).fieldName('record_id'),
    chain: p.string().length(32),
    status: p.string().length(16).default('queued'),
    chainTx: p.manyToOne(ChainTxSchema).fieldName('chain_tx_id').nullable(),
    /** Where the record sits in its transaction, in the chain's own form (an output index, an item id). */
    locator: p.text().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    nextAttemptAt: p.datetime().defaultRaw('now()'),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  uniques: [{ properties: ['record', 'chain'] }],
  indexes: [
    // Partial: a publication has no transaction while it is queued, and intake inserts every one
    // queued, so a full index would take an entry per publication that no lookup (always
    // `chain_tx_id = $1`) can use.
    {
      name: 'publications_chain_tx_id_index',
      expression: 'create index publications_chain_tx_id_index on publications (chain_tx_id) where chain_tx_id is not null',
    },
    {
      name: 'publications_queued_idx',
      expression: "create index publications_queued_idx on publications (chain, next_attempt_at, id) where status = 'queued'",
    },
  ],
});

export type IPublication = InferEntity<typeof PublicationSchema>;
