import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ChainTxSchema } from './chain-tx.ts';

const p = defineEntity.properties;

/** An amount (in the chain's unit) set aside from an account chain's balance for one transaction. status: reserved → settled | released. */
export const FundingReservationSchema = defineEntity({
  name: 'FundingReservation',
  tableName: 'funding_reservations',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    chain: p.string().length(32),
    chainTx: p.manyToOne(ChainTxSchema).fieldName('chain_tx_id').unique(),
    amount: p.decimal('string').precision(40).scale(0),
    status: p.string().length(16).default('reserved'),
    createdAt: p.datetime().defaultRaw('now()'),
    settledAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['chain', 'status'] }],
});

export type IFundingReservation = InferEntity<typeof FundingReservationSchema>;
