import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ChainTxSchema } from './chain-tx.ts';

const p = defineEntity.properties;

/** The operator's BSV funding pool. status: available → reserved → spent. */
export const BsvUtxoSchema = defineEntity({
  name: 'BsvUtxo',
  tableName: 'bsv_utxos',
  properties: {
    txid: p.character().length(64).primary(),
    vout: p.integer().primary(),
    satoshis: p.bigint('number'),
    lockingScript: p.text(),
    status: p.string().length(16).default('available'),
    /** The batch transaction that spends (or will spend) this output. */
    spentBy: p.manyToOne(ChainTxSchema).fieldName('spent_by_chain_tx_id').nullable(),
    reservedAt: p.datetime().nullable(),
    /** The chain transaction that created this output, when it is our own change or split. */
    createdBy: p.manyToOne(ChainTxSchema).fieldName('created_by_chain_tx_id').nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [
    { properties: ['spentBy'] },
    {
      name: 'bsv_utxos_available_idx',
      expression: "create index bsv_utxos_available_idx on bsv_utxos (satoshis, txid, vout) where status = 'available'",
    },
  ],
});

export type IBsvUtxo = InferEntity<typeof BsvUtxoSchema>;
