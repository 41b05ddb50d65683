/**
 * The node for the intake benches: BSV only (its local devnet idles in the node process), no
 * publication workers, so what is measured is accepting intents and nothing else.
 */
export const INTAKE_ENV: Record<string, string> = {
  PUBLISHER_CHAINS: 'bsv',
  PUBLISHER_INLINE_WORKERS: 'false',
};

/**
 * Pre-signed intents per phase: enough for 1.25 × the rate asked for over warm-up + window, at most
 * `cap` (signing 125,000 intents would take longer than the phase). A node that runs out of them
 * closes its window early and the rate is taken over the shorter window ("pool exhausted"):
 * it then beat the rate the pool was sized for anyway.
 */
export function presignBudget(targetPerS: number, warmupMs: number, durationMs: number, cap = 80_000): number {
  return Math.min(cap, Math.ceil((targetPerS * 1.25 * (warmupMs + durationMs)) / 1_000));
}
