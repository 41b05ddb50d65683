export { claimAndSign, type ClaimOutcome } from './claim-and-sign.ts';
export { anchorCheckpoint, type AnchorOutcome } from './anchor-checkpoint.ts';
export { broadcastSigned, type BroadcastRound } from './broadcast-signed.ts';
export { followConfirmations, type ConfirmRound } from './follow-confirmations.ts';
export { maintainPool, type PoolTarget } from './maintain-pool.ts';
export { backoffMs, defaultPipelineSettings, silentObserver, type PipelineDeps, type PipelineObserver, type PipelineSettings } from './pipeline-deps.ts';
export { toBatchRecord } from './load-batch-records.ts';
export { followNow } from './follow-now.ts';
