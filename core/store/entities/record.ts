import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/** An accepted signed intent. Its id is the hex digest of the canonical signing input. */
export const RecordSchema = defineEntity({
  name: 'Record',
  tableName: 'records',
  properties: {
    recordId: p.character().length(64).primary(),
    creator: p.text(),
    scheme: p.string().length(32),
    publicKey: p.text(),
    nonce: p.text(),
    targets: p.array(),
    signedAt: p.datetime(),
    acceptedAt: p.datetime().defaultRaw('now()'),
    /** The envelope exactly as received: the creator's signed bytes, served back in proofs. */
    intentJson: p.text(),
    sizeBytes: p.integer(),
    /** The c2sp.org/tlog-proof@v1 receipt given when it was accepted (wire-format.md §2), served again to duplicates. */
    receipt: p.text(),
    /** Its `intent.accepted` entry in the transparency log. */
    logIndex: p.bigint('number'),
  },
  indexes: [{ properties: ['creator', 'acceptedAt'] }],
});

export type IRecord = InferEntity<typeof RecordSchema>;
