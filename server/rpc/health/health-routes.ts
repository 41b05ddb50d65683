import { Code, ConnectError, type ConnectRouter } from '@connectrpc/connect';
import { Health } from '../../../proto/gen/grpc/health/v1/health_pb.ts';
import type { HealthRegistry } from './health-registry.ts';
import { watchStatus } from './watch-status.ts';

/** grpc.health.v1.Health over `registry`, with the unknown-service answers the gRPC health spec asks for. */
export function healthRoutes(registry: HealthRegistry): (router: ConnectRouter) => void {
  return (router) => {
    router.service(Health, {
      check({ service }) {
        const status = registry.get(service);
        if (status === undefined) {
          throw new ConnectError(`health: unknown service "${service}"`, Code.NotFound);
        }
        return { status };
      },
      list() {
        const statuses = Object.fromEntries(
          [...registry.list()].map(([service, status]) => [service, { status }]),
        );
        return { statuses };
      },
      async *watch({ service }, { signal }) {
        for await (const status of watchStatus(registry, service, signal)) yield { status };
      },
    });
  };
}
