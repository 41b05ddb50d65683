/** Latency distribution of one measured phase, in milliseconds. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles over every sample (no histogram buckets: runs are short enough). */
export function summarise(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const rank = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: n, mean: sum / n, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[n - 1]! };
}

/** A growable array of doubles, so a 10-minute run does not keep a million boxed numbers. */
export class Samples {
  #data = new Float64Array(1 << 16);
  #length = 0;
  push(value: number): void {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }
  get length(): number {
    return this.#length;
  }
  values(): Float64Array {
    return this.#data.subarray(0, this.#length);
  }
}
