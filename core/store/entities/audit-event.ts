import { defineEntity, type InferEntity } from '@mikro-orm/core';

const p = defineEntity.properties;

/**
 * The hash-chained audit log of earlier versions, no longer written: at start its events become
 * the first entries of the transparency log (core/audit/import-audit-events.ts). Kept, append-only
 * (a trigger refuses UPDATE, DELETE and TRUNCATE), as the record of what was imported.
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
