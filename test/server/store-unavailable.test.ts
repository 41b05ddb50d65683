import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { HealthCheckResponse_ServingStatus, Health } from '../../proto/gen/grpc/health/v1/health_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
let proxy: TcpProxy;

beforeAll(async () => {
  // The node reaches its database through a proxy the test can cut, like a network failure.
  const server = new URL(inject('adminDatabaseUrl'));
  proxy = await startTcpProxy(server.hostname, Number(server.port));
  node = await startTestNode({ PUBLISHER_OPEN_REGISTRATION: 'true' }, {
    mapDatabaseUrl: (url) => {
      const viaProxy = new URL(url);
      viaProxy.port = String(proxy.port);
      return viaProxy.toString();
    },
  });
});
afterAll(async () => {
  await node?.stop();
  await proxy?.close();
});

async function health(): Promise<HealthCheckResponse_ServingStatus> {
  return (await createClient(Health, createGrpcTransport({ baseUrl: node.url })).check({ service: 'publisher.v1.PublishService' })).status;
}

async function eventually<T>(probe: () => Promise<T>, want: T, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await probe()) !== want) {
    if (Date.now() > deadline) throw new Error(`still not ${String(want)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('when the database goes away', () => {
  it('answers UNAVAILABLE / STORE_UNAVAILABLE, turns health NOT_SERVING and /healthz 503, stores nothing, and recovers when it returns', async () => {
    const publish = createClient(PublishService, createGrpcTransport({ baseUrl: node.url }));
    expect((await publish.publish({ intentJson: newCreator().intent() })).duplicate).toBe(false);
    expect(await health()).toBe(HealthCheckResponse_ServingStatus.SERVING);

    await proxy.cut();
    const error = ConnectError.from(await publish.publish({ intentJson: newCreator().intent() }).catch((e: unknown) => e));
    expect([error.code, error.findDetails(ErrorDetailSchema)[0]?.reason]).toEqual([Code.Unavailable, 'STORE_UNAVAILABLE']);
    await eventually(health, HealthCheckResponse_ServingStatus.NOT_SERVING);
    expect((await fetch(`${node.url}/healthz`)).status).toBe(503);

    await proxy.restore();
    await eventually(health, HealthCheckResponse_ServingStatus.SERVING);
    expect((await publish.publish({ intentJson: newCreator().intent() })).duplicate).toBe(false);
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
  });
});
