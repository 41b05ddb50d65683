/** V8 heap and external memory of the node, from its own GET /metrics (prom-client default metrics). */
export interface HeapReading {
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  /** V8's old and new spaces of the main thread: committed (size) and used, MiB. */
  oldTotalMiB: number;
  oldUsedMiB: number;
  newTotalMiB: number;
}

export async function readHeap(url: string): Promise<HeapReading | undefined> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2_000) })).text();
    const metric = (name: string, labels = '(?:\\{[^}]*\\})?') => {
      const match = new RegExp(`^publisher_${name}${labels} ([0-9.e+-]+)$`, 'm').exec(text);
      return match ? Number(match[1]) / 2 ** 20 : Number.NaN;
    };
    const space = (kind: 'total' | 'used', name: string) => metric(`nodejs_heap_space_size_${kind}_bytes`, `\\{space="${name}"\\}`);
    return {
      heapUsedMiB: metric('nodejs_heap_size_used_bytes'),
      heapTotalMiB: metric('nodejs_heap_size_total_bytes'),
      externalMiB: metric('nodejs_external_memory_bytes'),
      oldTotalMiB: space('total', 'old'),
      oldUsedMiB: space('used', 'old'),
      newTotalMiB: space('total', 'new'),
    };
  } catch {
    return undefined;
  }
}
