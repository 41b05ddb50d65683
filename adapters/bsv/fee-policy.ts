import type { ArcClient } from './arc-client.ts';
import type { ResolvedOptions } from './bsv-adapter-options.ts';
import { describeRate, higherRate, type FeeRate } from './fee-rate.ts';

/** How long ARC's answer (or its absence) is trusted before asking again. */
const POLICY_TTL_MS = 5 * 60_000;
const RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * The rate a transaction pays: the configured one, or ARC's policy miningFee when ARC is reachable
 * and asks for more (a transaction under it would be refused with 465). Cached, so estimate and
 * build normally see the same rate and ARC is asked only every few minutes.
 */
export function feePolicy(options: ResolvedOptions, arc: ArcClient): () => Promise<FeeRate> {
  let cached: { rate: FeeRate; until: number } | undefined;
  let asking: Promise<FeeRate> | undefined;

  const ask = async (): Promise<FeeRate> => {
    const policy = await arc.policyFee();
    if (typeof policy === 'string') {
      options.log.warn({ reason: policy, rate: describeRate(options.feeRate) }, 'bsv: no fee policy from ARC; paying the configured rate');
      cached = { rate: options.feeRate, until: Date.now() + RETRY_AFTER_FAILURE_MS };
    } else {
      cached = { rate: higherRate(options.feeRate, policy), until: Date.now() + POLICY_TTL_MS };
    }
    return cached.rate;
  };

  return async () => {
    if (!options.useArcPolicyFee) return options.feeRate;
    if (cached && cached.until > Date.now()) return cached.rate;
    asking ??= ask().finally(() => {
      asking = undefined;
    });
    return asking;
  };
}
