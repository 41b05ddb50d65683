import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ServingStatus } from '../../server/rpc/health/index.ts';
import { grpcJsClient, grpcJsMethod, unaryCall, type GrpcJsMethod } from './grpc-js-client.ts';
import { startRpcServer, type RpcTestServer } from './start-rpc-server.ts';

let server: RpcTestServer;
let client: grpc.Client;
let methods: Record<string, GrpcJsMethod>;

beforeAll(async () => {
  server = await startRpcServer();
  ({ client, methods } = await grpcJsClient(server.baseUrl, 'grpc/health/v1/health.proto', 'grpc.health.v1.Health'));
});

afterAll(async () => {
  client.close();
  await server.close();
});

/** Opens a Watch; `next()` resolves with each message in turn. */
function watch(service: string): { next(): Promise<object>; cancel(): void } {
  const method = grpcJsMethod(methods, 'Watch');
  const { path, requestSerialize, responseDeserialize } = method;
  const call = client.makeServerStreamRequest(path, requestSerialize, responseDeserialize, { service });
  const received: object[] = [];
  const waiting: ((message: object) => void)[] = [];
  call.on('data', (message: object) => {
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else received.push(message);
  });
  call.on('error', () => {});
  return {
    next: () => {
      const message = received.shift();
      return message ? Promise.resolve(message) : new Promise((resolve) => waiting.push(resolve));
    },
    cancel: () => call.cancel(),
  };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('grpc.health.v1.Health, called by grpc-js', () => {
  test('Check of the overall status ("") answers SERVING', async () => {
    const response = await unaryCall(client, grpcJsMethod(methods, 'Check'), { service: '' });
    expect(response).toEqual({ status: 'SERVING' });
  });

  test('Check of an unknown service fails with NOT_FOUND', async () => {
    const failure = unaryCall(client, grpcJsMethod(methods, 'Check'), { service: 'no.such.Service' });
    await expect(failure).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  test('Check reports what the registry was set to', async () => {
    server.registry.set('publisher.v1.KeyService', ServingStatus.NOT_SERVING);
    const response = await unaryCall(client, grpcJsMethod(methods, 'Check'), { service: 'publisher.v1.KeyService' });
    expect(response).toEqual({ status: 'NOT_SERVING' });
  });

  test('List returns every known status, the overall one included', async () => {
    server.registry.set('publisher.v1.AuditService', ServingStatus.SERVING);
    const response = await unaryCall(client, grpcJsMethod(methods, 'List'), {});
    expect(response).toMatchObject({
      statuses: { '': { status: 'SERVING' }, 'publisher.v1.AuditService': { status: 'SERVING' } },
    });
  });

  test('Watch sends the current status at once, then each change', async () => {
    server.registry.set('publisher.v1.NodeService', ServingStatus.SERVING);
    const stream = watch('publisher.v1.NodeService');
    expect(await stream.next()).toEqual({ status: 'SERVING' });
    server.registry.set('publisher.v1.NodeService', ServingStatus.NOT_SERVING);
    expect(await stream.next()).toEqual({ status: 'NOT_SERVING' });
    server.registry.set('publisher.v1.NodeService', ServingStatus.SERVING);
    expect(await stream.next()).toEqual({ status: 'SERVING' });
    stream.cancel();
  });

  test('Watch of an unknown service sends SERVICE_UNKNOWN, then the status once it is set', async () => {
    const stream = watch('publisher.v1.FundingService');
    expect(await stream.next()).toEqual({ status: 'SERVICE_UNKNOWN' });
    server.registry.set('publisher.v1.FundingService', ServingStatus.SERVING);
    expect(await stream.next()).toEqual({ status: 'SERVING' });
    stream.cancel();
  });

  test('a cancelled Watch ends on the server and leaves no listener behind', async () => {
    await waitFor(() => server.listenerCount() === 0);
    const streams = [watch(''), watch('publisher.v1.PublishService')];
    for (const stream of streams) await stream.next();
    expect(server.listenerCount()).toBe(2);
    for (const stream of streams) stream.cancel();
    await waitFor(() => server.listenerCount() === 0);
  });
});
