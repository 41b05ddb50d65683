import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * One row per accepted (signer, nonce). The primary key is what refuses a replay under
 * concurrency. Rows older than the time window may be pruned: a replay fails the window check.
 */
export const NonceSchema = defineEntity({
  name: 'Nonce',
  tableName: 'nonces',
  properties: {
    signer: p.text().primary(),
    nonce: p.text().primary(),
    recordId: p.character().length(64),
    createdAt: p.datetime().defaultRaw('now()').index(),
  },
});

export type INonce = InferEntity<typeof NonceSchema>;
