import { defaultPipelineSettings, type PipelineSettings } from '../../core/pipeline/index.ts';
import type { SettingsSource } from '../config/index.ts';

/** chains.<name>.batch.* and chains.<name>.retry.*: how the core batches and retries for one chain. */
export function readPipelineSettings(s: SettingsSource, chain: string, env: string, defaults: Partial<PipelineSettings> = {}): PipelineSettings {
  const d = { ...defaultPipelineSettings, ...defaults };
  return {
    batchSize: s.int(`chains.${chain}.batch.size`, `${env}_BATCH_SIZE`, d.batchSize, 1, 100_000),
    batchWindowMs: s.int(`chains.${chain}.batch.windowMs`, `${env}_BATCH_WINDOW_MS`, d.batchWindowMs, 0, 3_600_000),
    maxAttempts: s.int(`chains.${chain}.retry.maxAttempts`, `${env}_MAX_ATTEMPTS`, d.maxAttempts, 1, 1_000),
    retryBaseMs: s.int(`chains.${chain}.retry.baseMs`, `${env}_RETRY_BASE_MS`, d.retryBaseMs, 10, 3_600_000),
    retryMaxMs: s.int(`chains.${chain}.retry.maxMs`, `${env}_RETRY_MAX_MS`, d.retryMaxMs, 10, 86_400_000),
    dropAfterMs: s.int(`chains.${chain}.retry.dropAfterMs`, `${env}_DROP_AFTER_MS`, d.dropAfterMs, 500, 86_400_000),
  };
}
