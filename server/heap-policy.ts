import { setFlagsFromString } from 'node:v8';

/**
 * Bounds how far V8's old space grows between full collections: after each one, V8 lets the heap
 * grow to `1 + percent/100` times what survived before it collects again. Left to itself on a machine
 * with this much memory, V8 allows up to 4×: under a steady Publish load the node's ~55 MB of live
 * heap grew to ~230 MB before each collection, V8 kept ever more of it committed, and the resident
 * size crept up by a fifth over ten minutes (docs/benchmarks.md, target 4). At 50% the same load
 * holds a flat resident size at the cost of more frequent, smaller collections.
 *
 * `--max-old-space-size` would do the same only by also capping the heap; this flag caps nothing,
 * so a burst of large batches can still use what it needs. V8 reads it at every collection, so
 * setting it at start governs the main thread and every worker thread started after it. 0 leaves
 * V8's own policy.
 */
export function applyHeapPolicy(growingPercent: number): void {
  if (!Number.isInteger(growingPercent) || growingPercent < 0) throw new Error(`heap growing percent must be a non-negative integer, got ${growingPercent}`);
  if (growingPercent > 0) setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
}
