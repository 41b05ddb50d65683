import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ChainTxSchema } from './chain-tx.ts';

const p = defineEntity.properties;

/**
 * The operator's funding outputs of every UTXO chain, keyed by chain: a pool per chain, amounts in
 * the chain's unit. status: available → reserved → spent; pending (change not yet accepted), void.
 */
export const FundingUtxoSchema = defineEntity({
  name: 'FundingUtxo',
  tableName: 'funding_utxos',
  properties: {
    chain: p.string().length(32).primary(),
    txid: p.string().length(128).primary(),
    vout: p.integer().primary(),
    amount: p.decimal('string').precision(40).scale(0),
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
      name: 'funding_utxos_available_idx',
      expression: "create index funding_utxos_available_idx on funding_utxos (chain, amount, txid, vout) where status = 'available'",
    },
  ],
});

export type IFundingUtxo = InferEntity<typeof FundingUtxoSchema>;
