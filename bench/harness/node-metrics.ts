/** V8 heap and external memory of the node, from its own GET /metrics (prom-client default metrics). */
export interface HeapReading {
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

export async function readHeap(url: string): Promise<HeapReading | undefined> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2_000) })).text();
    const metric = (name: string) => {
      const match = new RegExp(`^publisher_${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
      return match ? Number(match[1]) / 2 ** 20 : Number.NaN;
    };
    return { heapUsedMiB: metric('nodejs_heap_size_used_bytes'), heapTotalMiB: metric('nodejs_heap_size_total_bytes'), externalMiB: metric('nodejs_external_memory_bytes') };
  } catch {
    return undefined;
  }
}
