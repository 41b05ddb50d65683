import type { Pool } from 'pg';
import type { IntentLimits } from '../intent/index.ts';
import type { CheckpointSigner } from '../audit/index.ts';
import type { Network } from '../schemes/index.ts';
import type { IntakeCompute } from './intake-compute.ts';
import type { QuotaLimits } from './quota.ts';

/** What accepting intents depends on; built once by the composition root. */
export interface IntakeContext {
  pool: Pool;
  limits: IntentLimits;
  /** Accepted distance between an intent's timestamp and `now()`, either way. */
  windowMs: number;
  /** Chain adapter names this node publishes to. */
  enabledTargets: ReadonlySet<string>;
  /** Limits for keys that set none of their own (and for unregistered keys on an open node). */
  defaultQuota: QuotaLimits;
  /** Accept any valid signature, registered or not. */
  openRegistration: boolean;
  /** Refusals written to the audit log per key and UTC minute; the rest are only counted (0: none). */
  auditedRefusalsPerMinute: number;
  network: Network;
  /** Signs each group's checkpoint with the operator's log key. */
  logSigner: CheckpointSigner;
  /** Where envelopes are verified: the event loop or intake threads. */
  compute: IntakeCompute;
  /** Milliseconds since the epoch; injectable for tests. */
  now: () => number;
}
