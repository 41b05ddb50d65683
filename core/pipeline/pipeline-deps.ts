import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ChainAdapter } from '../adapter/index.ts';
import type { CheckpointSigner } from '../audit/index.ts';

/** Per-chain settings of the publication pipeline. */
export interface PipelineSettings {
  /** Most records per transaction (further capped by the adapter's capability). */
  batchSize: number;
  /** How long the oldest queued publication may wait for a fuller batch, in ms. */
  batchWindowMs: number;
  /** Attempts after which a publication that keeps failing ends FAILED. */
  maxAttempts: number;
  /** Capped exponential backoff for retries: base, cap, in ms. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A broadcast transaction the chain reports as unknown for this long is treated as dropped. */
  dropAfterMs: number;
}

export const defaultPipelineSettings: PipelineSettings = {
  batchSize: 1000,
  batchWindowMs: 500,
  maxAttempts: 10,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  dropAfterMs: 120_000,
};

/** Hooks for measurements (the server wires them to Prometheus); the stages never depend on them. */
export interface PipelineObserver {
  batchSigned(chain: string, records: number): void;
  broadcastDone(chain: string, outcome: string, seconds: number): void;
}

export const silentObserver: PipelineObserver = { batchSigned: () => undefined, broadcastDone: () => undefined };

/** What every stage handler gets: explicit dependencies, nothing global. */
export interface PipelineDeps {
  pool: Pool;
  adapter: ChainAdapter;
  settings: PipelineSettings;
  /** Bound to the chain (`log.child({ chain })`): a stage's lines carry `chain` without passing it again. */
  log: Logger;
  /** Who does the work, for the audit log: "worker:<chain>:<process>". */
  actor: string;
  /** Signs the checkpoint of each append to the log. */
  logSigner: CheckpointSigner;
  observer: PipelineObserver;
}

/** Delay before attempt `attempt` (1-based): base·2^(attempt-1), capped, with ±20 % jitter. */
export function backoffMs(settings: PipelineSettings, attempt: number): number {
  const raw = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}
