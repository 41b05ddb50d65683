/** Per-minute increases of some counters, over the last `minutes` minutes. */
export interface MinuteSeries {
  /** Oldest first; one entry per minute (epoch minute), the current minute last. */
  read(): { minute: number; values: Record<string, number> }[];
  stop(): void;
}

/**
 * Samples cumulative counters of this process every `sampleMs` and adds each increase to the
 * minute it was seen in, keeping `minutes` minutes: the history of figures only the process
 * counts (replays, refusals), in memory, so it starts empty at each start of the process.
 */
export function sampleMinuteSeries(read: () => Promise<Record<string, number>>, sampleMs: number, minutes: number, now: () => number = Date.now): MinuteSeries {
  const buckets = new Map<number, Record<string, number>>();
  let last: Record<string, number> | undefined;
  let sampling = false;
  const sample = async () => {
    if (sampling) return;
    sampling = true;
    try {
      const current = await read();
      const minute = Math.floor(now() / 60_000);
      if (last !== undefined) {
        const bucket = buckets.get(minute) ?? {};
        for (const [name, value] of Object.entries(current)) bucket[name] = (bucket[name] ?? 0) + Math.max(0, value - (last[name] ?? 0));
        buckets.set(minute, bucket);
      }
      last = current;
      for (const key of buckets.keys()) if (key <= minute - minutes) buckets.delete(key);
    } finally {
      sampling = false;
    }
  };
  const timer = setInterval(() => void sample().catch(() => undefined), sampleMs);
  timer.unref();
  void sample().catch(() => undefined);
  return {
    read() {
      const current = Math.floor(now() / 60_000);
      return Array.from({ length: minutes }, (_, i) => current - minutes + 1 + i).map((minute) => ({ minute, values: { ...(buckets.get(minute) ?? {}) } }));
    },
    stop: () => clearInterval(timer),
  };
}
