import { ServingStatus, type HealthRegistry } from './health-registry.ts';

/**
 * The status of `service` now, then each time it changes, until `signal` aborts. Changes that
 * happen while the consumer is busy collapse into the latest one: the health protocol only
 * promises the current status, and a slow client must not make the server buffer without bound.
 */
export async function* watchStatus(
  registry: HealthRegistry,
  service: string,
  signal: AbortSignal,
): AsyncGenerator<ServingStatus, void, undefined> {
  let wake: (() => void) | undefined;
  const notify = (): void => wake?.();
  const unsubscribe = registry.subscribe((changed) => {
    if (changed === service) notify();
  });
  signal.addEventListener('abort', notify);
  try {
    let sent: ServingStatus | undefined;
    while (!signal.aborted) {
      const current = registry.get(service) ?? ServingStatus.SERVICE_UNKNOWN;
      if (current !== sent) {
        sent = current;
        yield current;
        continue;
      }
      // Checking the status and arming `wake` happen in one synchronous step, so no change is missed.
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', notify);
  }
}
