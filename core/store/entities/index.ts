import { ArweaveReservationSchema } from './arweave-reservation.ts';
import { AuditEventSchema } from './audit-event.ts';
import { BsvUtxoSchema } from './bsv-utxo.ts';
import { ChainTxSchema } from './chain-tx.ts';
import { KeySchema } from './key.ts';
import { KeyUsageSchema } from './key-usage.ts';
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
  BsvUtxoSchema,
  ArweaveReservationSchema,
  AuditEventSchema,
  LogEntrySchema,
  LogHashSchema,
  LogCheckpointSchema,
];

export { ArweaveReservationSchema, AuditEventSchema, BsvUtxoSchema, ChainTxSchema, KeySchema, KeyUsageSchema, LogCheckpointSchema, LogEntrySchema, LogHashSchema, NonceSchema, PublicationSchema, RecordSchema };
export type { IArweaveReservation } from './arweave-reservation.ts';
export type { IAuditEvent } from './audit-event.ts';
export type { IBsvUtxo } from './bsv-utxo.ts';
export type { IChainTx } from './chain-tx.ts';
export type { IKey } from './key.ts';
export type { IKeyUsage } from './key-usage.ts';
export type { ILogCheckpoint } from './log-checkpoint.ts';
export type { ILogEntry } from './log-entry.ts';
export type { ILogHash } from './log-hash.ts';
export type { INonce } from './nonce.ts';
export type { IPublication } from './publication.ts';
export type { IRecord } from './record.ts';
