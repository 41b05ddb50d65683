import { HealthCheckResponse_ServingStatus as ServingStatus } from '../../../proto/gen/grpc/health/v1/health_pb.ts';

export { ServingStatus };

/** Called after the status of `service` ("" for the whole server) has changed. */
export type HealthListener = (service: string, status: ServingStatus) => void;

/** The serving status of the server ("") and of each named service, as reported by grpc.health.v1. */
export interface HealthRegistry {
  set(service: string, status: ServingStatus): void;
  /** `undefined` when the service was never set: the health protocol calls that unknown. */
  get(service: string): ServingStatus | undefined;
  list(): ReadonlyMap<string, ServingStatus>;
  /** Returns the function that removes the listener. */
  subscribe(listener: HealthListener): () => void;
}

/**
 * The overall status starts as SERVING, as in grpc-go: a server that answers the check is up;
 * the composition root sets NOT_SERVING while it is not ready or is draining.
 */
export function createHealthRegistry(
  initial: Readonly<Record<string, ServingStatus>> = { '': ServingStatus.SERVING },
): HealthRegistry {
  const statuses = new Map<string, ServingStatus>(Object.entries(initial));
  const listeners = new Set<HealthListener>();
  return {
    set(service, status) {
      if (statuses.get(service) === status) return;
      statuses.set(service, status);
      for (const listener of listeners) listener(service, status);
    },
    get: (service) => statuses.get(service),
    list: () => new Map(statuses),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
