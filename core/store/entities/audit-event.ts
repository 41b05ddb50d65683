import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * The append-only audit log. Each event stores the hash of the one before it; a database trigger
 * (see the migrations) refuses UPDATE, DELETE and TRUNCATE.
 */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    seq: p.bigint('number').primary().autoincrement(false),
    at: p.datetime(),
    kind: p.string().length(64),
    actor: p.text(),
    subject: p.text(),
    /** Canonical JSON (RFC 8785) of the details, stored as text so the hash is recomputable exactly. */
    dataJson: p.text(),
    prevHash: p.character().length(64),
    hash: p.character().length(64),
  },
  indexes: [{ properties: ['subject'] }],
});

export type IAuditEvent = InferEntity<typeof AuditEventSchema>;
