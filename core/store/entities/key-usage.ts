import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * What a key has done in one fixed window, for limits that hold across every replica of the
 * node: `minute` (intents counted by the rate limit), `day` (records and bytes stored, for the
 * quotas), `refusals` (refusals in a UTC minute, for the audit budget). Rows of past windows may
 * be pruned.
 */
export const KeyUsageSchema = defineEntity({
  name: 'KeyUsage',
  tableName: 'key_usage',
  properties: {
    signer: p.text().primary(),
    window: p.string().length(8).primary(),
    windowStart: p.datetime().primary(),
    records: p.integer().default(0),
    bytes: p.bigint('number').default(0),
  },
  indexes: [{ properties: ['windowStart'] }],
});

export type IKeyUsage = InferEntity<typeof KeyUsageSchema>;
