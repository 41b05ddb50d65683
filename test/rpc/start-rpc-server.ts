import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { ConnectRouter, Interceptor } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { Health } from '../../proto/gen/grpc/health/v1/health_pb.ts';
import { FundingModel, NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { createHealthRegistry, healthRoutes, type HealthRegistry } from '../../server/rpc/health/index.ts';
import { reflectionRoutes } from '../../server/rpc/reflection/index.ts';

export interface RpcTestServer {
  readonly baseUrl: string;
  readonly registry: HealthRegistry;
  /** How many health listeners are subscribed right now, to catch leaks. */
  listenerCount(): number;
  /** Paths of the RPCs the server received, in order, to tell which reflection version a client used. */
  readonly calledPaths: string[];
  close(): Promise<void>;
}

/**
 * A real h2c server on an ephemeral port: health, reflection, a trivial NodeService and a
 * PublishService whose file imports google/protobuf/timestamp.proto.
 */
export async function startRpcServer(): Promise<RpcTestServer> {
  const base = createHealthRegistry();
  let listeners = 0;
  const registry: HealthRegistry = {
    ...base,
    subscribe(listener) {
      listeners += 1;
      const unsubscribe = base.subscribe(listener);
      return () => {
        listeners -= 1;
        unsubscribe();
      };
    },
  };
  const calledPaths: string[] = [];
  const recordPath: Interceptor = (next) => (req) => {
    calledPaths.push(new URL(req.url).pathname);
    return next(req);
  };
  const routes = (router: ConnectRouter): void => {
    healthRoutes(registry)(router);
    reflectionRoutes([NodeService, PublishService, Health])(router);
    router.service(NodeService, {
      getInfo: () => ({
        version: '0.0.0-test',
        protocol: 'chain-publisher',
        protocolVersion: 1,
        chains: [{ name: 'bsv', network: 'devnet', fundingModel: FundingModel.UTXO, confirmationDepth: 1 }],
      }),
    });
    // Served without methods (all UNIMPLEMENTED), so that reflection has to describe its imports.
    router.service(PublishService, {});
  };

  const server = http2.createServer(connectNodeAdapter({ routes, interceptors: [recordPath] }));
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    registry,
    listenerCount: () => listeners,
    calledPaths,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Clients may keep their connections open; closing the server alone would wait for them.
        for (const session of sessions) session.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
