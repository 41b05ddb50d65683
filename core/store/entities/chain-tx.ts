import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * One chain transaction carrying a batch of records. The signed raw bytes are written here
 * before the first broadcast, so a restart rebroadcasts the same bytes and never re-signs.
 * status: signed → broadcast → mined → confirmed, or rejected / dropped.
 */
export const ChainTxSchema = defineEntity({
  name: 'ChainTx',
  tableName: 'chain_txs',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    chain: p.string().length(32),
    network: p.string().length(32),
    txid: p.text(),
    rawTx: p.blob().nullable(),
    status: p.string().length(16),
    recordCount: p.integer(),
    fee: p.decimal('string').precision(40).scale(0),
    attempts: p.integer().default(0),
    /** When a worker should next broadcast (status signed) or check (broadcast, mined) it. */
    nextAttemptAt: p.datetime().defaultRaw('now()'),
    lastError: p.text().nullable(),
    blockHeight: p.bigint('number').nullable(),
    blockHash: p.text().nullable(),
    confirmations: p.integer().default(0),
    /** Chain-specific inclusion proof (the adapter's `proof` strings), e.g. a Merkle path. */
    proof: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    broadcastAt: p.datetime().nullable(),
    minedAt: p.datetime().nullable(),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  uniques: [{ properties: ['chain', 'txid'] }],
  indexes: [{ properties: ['chain', 'status', 'nextAttemptAt'] }],
});

export type IChainTx = InferEntity<typeof ChainTxSchema>;
