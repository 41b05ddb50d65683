import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/** A creator key allowed to publish (the key registry). */
export const KeySchema = defineEntity({
  name: 'Key',
  tableName: 'keys',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    scheme: p.string().length(32),
    publicKey: p.text(),
    address: p.text(),
    label: p.text().default(''),
    status: p.string().length(16).default('active'),
    createdAt: p.datetime().defaultRaw('now()'),
    revokedAt: p.datetime().nullable(),
    revokeReason: p.text().nullable(),
    quotaRecordsPerDay: p.integer().nullable(),
    quotaBytesPerDay: p.bigint('number').nullable(),
    quotaRequestsPerMinute: p.integer().nullable(),
  },
  uniques: [{ properties: ['scheme', 'publicKey'] }],
  indexes: [{ properties: ['address'] }],
});

export type IKey = InferEntity<typeof KeySchema>;
