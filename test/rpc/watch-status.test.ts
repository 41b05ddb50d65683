import { describe, expect, test } from 'vitest';
import { createHealthRegistry, ServingStatus } from '../../server/rpc/health/index.ts';
import { watchStatus } from '../../server/rpc/health/watch-status.ts';

describe('watchStatus', () => {
  test('changes made while the consumer is busy collapse into the latest status', async () => {
    const registry = createHealthRegistry();
    const abort = new AbortController();
    const statuses = watchStatus(registry, '', abort.signal);
    expect((await statuses.next()).value).toBe(ServingStatus.SERVING);
    registry.set('', ServingStatus.NOT_SERVING);
    registry.set('', ServingStatus.UNKNOWN);
    registry.set('', ServingStatus.NOT_SERVING);
    expect((await statuses.next()).value).toBe(ServingStatus.NOT_SERVING);
    abort.abort();
  });

  test('a change back to the status last sent is not sent again', async () => {
    const registry = createHealthRegistry();
    const abort = new AbortController();
    const statuses = watchStatus(registry, '', abort.signal);
    await statuses.next();
    registry.set('', ServingStatus.NOT_SERVING);
    registry.set('', ServingStatus.SERVING);
    const next = statuses.next();
    registry.set('', ServingStatus.NOT_SERVING);
    expect((await next).value).toBe(ServingStatus.NOT_SERVING);
    abort.abort();
  });

  test('aborting ends a waiting watch and unsubscribes it', async () => {
    const registry = createHealthRegistry();
    let listeners = 0;
    const counted = {
      ...registry,
      subscribe: (listener: Parameters<typeof registry.subscribe>[0]) => {
        listeners += 1;
        const unsubscribe = registry.subscribe(listener);
        return () => {
          listeners -= 1;
          unsubscribe();
        };
      },
    };
    const abort = new AbortController();
    const statuses = watchStatus(counted, 'publisher.v1.NodeService', abort.signal);
    expect((await statuses.next()).value).toBe(ServingStatus.SERVICE_UNKNOWN);
    const next = statuses.next();
    expect(listeners).toBe(1);
    abort.abort();
    expect(await next).toEqual({ done: true, value: undefined });
    expect(listeners).toBe(0);
  });
});
