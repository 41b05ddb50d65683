import { AuditEventSchema } from './audit-event.ts';
import { ChainTxSchema } from './chain-tx.ts';
import { FundingReservationSchema } from './funding-reservation.ts';
import { FundingUtxoSchema } from './funding-utxo.ts';
import { KeySchema } from './key.ts';
import { KeyUsageSchema } from './key-usage.ts';
import { LogAnchorSchema } from './log-anchor.ts';
import { LogCheckpointSchema } from './log-checkpoint.ts';
import { LogEntrySchema } from './log-entry.ts';
import { LogHashSchema } from './log-hash.ts';
import { NonceSchema } from './nonce.ts';
import { PublicationSchema } from './publication.ts';
import { RecordSchema } from './record.ts';

/** Every entity, listed explicitly (no discovery by folder scan). */
export const entities = [
  KeySchema,
  KeyUsageSchema,
  NonceSchema,
  RecordSchema,
  PublicationSchema,
  ChainTxSchema,
  FundingUtxoSchema,
  FundingReservationSchema,
  AuditEventSchema,
  LogEntrySchema,
  LogHashSchema,
  LogCheckpointSchema,
  LogAnchorSchema,
];

export { AuditEventSchema, ChainTxSchema, FundingReservationSchema, FundingUtxoSchema, KeySchema, KeyUsageSchema, LogAnchorSchema, LogCheckpointSchema, LogEntrySchema, LogHashSchema, NonceSchema, PublicationSchema, RecordSchema };
export type { IAuditEvent } from './audit-event.ts';
export type { IChainTx } from './chain-tx.ts';
export type { IFundingReservation } from './funding-reservation.ts';
export type { IFundingUtxo } from './funding-utxo.ts';
export type { IKey } from './key.ts';
export type { IKeyUsage } from './key-usage.ts';
export type { ILogAnchor } from './log-anchor.ts';
export type { ILogCheckpoint } from './log-checkpoint.ts';
export type { ILogEntry } from './log-entry.ts';
export type { ILogHash } from './log-hash.ts';
export type { INonce } from './nonce.ts';
export type { IPublication } from './publication.ts';
export type { IRecord } from './record.ts';
