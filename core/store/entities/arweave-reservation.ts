import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ChainTxSchema } from './chain-tx.ts';

const p = defineEntity.properties;

/** Winston set aside from the operator wallet for one transaction. status: reserved → settled | released. */
export const ArweaveReservationSchema = defineEntity({
  name: 'ArweaveReservation',
  tableName: 'arweave_reservations',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    chainTx: p.manyToOne(ChainTxSchema).fieldName('chain_tx_id').unique(),
    winston: p.decimal('string').precision(40).scale(0),
    status: p.string().length(16).default('reserved'),
    createdAt: p.datetime().defaultRaw('now()'),
    settledAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['status'] }],
});

export type IArweaveReservation = InferEntity<typeof ArweaveReservationSchema>;
