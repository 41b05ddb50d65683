export type {
  AccountFunding,
  AdapterCapabilities,
  AdapterHealth,
  AnchorInput,
  BatchRecord,
  BroadcastOutcome,
  CheckpointPublishing,
  ChainAdapter,
  Cost,
  FundingGrant,
  LogCheckpoint,
  NoFunding,
  OperatorTransaction,
  RejectReason,
  SignedTransaction,
  TxStatus,
  Utxo,
  UtxoFunding,
} from './chain-adapter.ts';
export { isRetryable, rejectAction, type RejectAction } from './reject-reasons.ts';
export { AdapterError, isRecordsTooLarge } from './adapter-error.ts';
