import { staleIntent } from './errors.ts';

/**
 * Refuses (STALE_INTENT) a timestamp further than `windowMs` from `nowMs`, either way; the
 * window bounds how long a nonce must be remembered to stop replays.
 */
export function checkTimestampWindow(timestampMs: number, nowMs: number, windowMs: number): void {
  const skewMs = timestampMs - nowMs;
  // Written so that NaN from a bad clock value refuses rather than passes.
  if (!(Math.abs(skewMs) <= windowMs)) {
    throw staleIntent(skewMs, windowMs);
  }
}
