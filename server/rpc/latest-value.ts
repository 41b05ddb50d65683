/**
 * A one-slot channel: writers replace the value, the reader gets the newest one. A slow stream
 * reader therefore skips intermediate states instead of buffering without bound.
 */
export function latestValue<T>(signal: AbortSignal): { push(value: T): void; next(): Promise<T | undefined> } {
  let slot: { value: T } | undefined;
  let waiting: ((value: T | undefined) => void) | undefined;
  signal.addEventListener('abort', () => waiting?.(undefined), { once: true });
  return {
    push(value) {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(value);
      } else slot = { value };
    },
    next() {
      if (signal.aborted) return Promise.resolve(undefined);
      if (slot) {
        const { value } = slot;
        slot = undefined;
        return Promise.resolve(value);
      }
      return new Promise((resolve) => (waiting = resolve));
    },
  };
}
