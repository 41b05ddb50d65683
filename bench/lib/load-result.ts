import type { LatencySummary } from './latency.ts';

/**
 * What a load child (bench/load-*.ts) reports to the orchestrator: one line on stdout, prefixed
 * so that nothing else the child might print (warnings) is mistaken for it.
 */
export const RESULT_PREFIX = 'BENCH-RESULT ';

/**
 * `BENCH-MARK measure-start` / `measure-end`: printed when the warm-up ends and when the measured
 * window closes, so the orchestrator can read CPU counters over exactly that window.
 */
export const MARK_PREFIX = 'BENCH-MARK ';
export type MarkName = 'measure-start' | 'measure-end';

export function emitMark(name: MarkName): void {
  process.stdout.write(`${MARK_PREFIX}${name}\n`);
}

/** Schedules both marks of a window [from, to] (performance.now() times); `end()` closes it early. */
export function markWindow(from: number, to: number): { end(): void } {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(stopTimer);
    emitMark('measure-end');
  };
  setTimeout(() => emitMark('measure-start'), Math.max(0, from - performance.now())).unref();
  const stopTimer = Number.isFinite(to) ? setTimeout(end, Math.max(0, to - performance.now())) : undefined;
  stopTimer?.unref();
  return { end };
}

export interface UnaryLoadResult {
  kind: 'unary';
  method: 'health' | 'publish';
  concurrency: number;
  /** Seconds of the measured window (after the warm-up); shorter than asked if the pre-signed intents ran out. */
  measuredS: number;
  /** Calls that succeeded inside the measured window, per second. */
  callsPerS: number;
  ok: number;
  latencyMs: LatencySummary;
  /** Failed calls in the measured window, by gRPC code name. */
  errors: Record<string, number>;
  /** Publish only: fresh acceptances over the whole run (warm-up included), to check against the database. */
  acceptedTotal: number;
  /** Publish only: answers with duplicate=true (there should be none: every intent is new). */
  duplicates: number;
  /** True when the pre-signed intents ran out before the window ended (the node outran 1.25 × target). */
  exhausted: boolean;
  presignS: number;
}

export interface BatchLoadResult {
  kind: 'batch';
  batchSize: number;
  concurrency: number;
  measuredS: number;
  /** Intents accepted inside the measured window, per second. */
  intentsPerS: number;
  batchesOk: number;
  /** Per-call latency of one PublishBatch. */
  batchLatencyMs: LatencySummary;
  errors: Record<string, number>;
  /** Refusals of single intents inside accepted batches, by reason. */
  refused: Record<string, number>;
  acceptedTotal: number;
  exhausted: boolean;
  presignS: number;
  /** Wall-clock epoch ms when the first call was sent (after pre-signing) and when the last call completed (e2e uses them). */
  sendingFrom: number;
  lastDoneAt: number;
}

/** bench/load-hostile.ts: a legitimate publisher, or an attacker beside it. */
export interface HostileLoadResult {
  kind: 'hostile';
  role: 'normal' | 'attacker';
  measuredS: number;
  /** Calls sent inside the measured window (the normal client paces them; the attacker sends as fast as it is answered). */
  calls: number;
  /** normal: calls that ended accepted (after any NODE_BUSY retries), from the first attempt to the answer. */
  latencyMs: LatencySummary;
  /** normal: NODE_BUSY answers retried after their hint. */
  retries: number;
  /** Answers by outcome: "ok", a code and reason ("ResourceExhausted PEER_RATE_LIMITED"), or a batch's item reasons. */
  outcomes: Record<string, number>;
}

export type LoadResult = UnaryLoadResult | BatchLoadResult | HostileLoadResult;

export function emitResult(result: LoadResult): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

export function countInto(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}
