import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bufCurl } from '../support/buf-curl.ts';
import { startRpcServer, type RpcTestServer } from './start-rpc-server.ts';

const lines = (text: string): string[] => text.trim().split('\n');

let server: RpcTestServer;

beforeAll(async () => {
  server = await startRpcServer();
});

afterAll(async () => {
  await server.close();
});

describe('buf curl against the node, schema from server reflection only', () => {
  test('--list-services lists the served services, over reflection v1 by default', async () => {
    server.calledPaths.length = 0;
    const result = await bufCurl(['--list-services', server.baseUrl]);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(lines(result.stdout)).toEqual(
      expect.arrayContaining([
        'publisher.v1.NodeService',
        'grpc.health.v1.Health',
        'grpc.reflection.v1.ServerReflection',
      ]),
    );
    expect(server.calledPaths).toEqual(['/grpc.reflection.v1.ServerReflection/ServerReflectionInfo']);
  });

  test('--reflect-protocol grpc-v1alpha lists the same services over v1alpha', async () => {
    server.calledPaths.length = 0;
    const result = await bufCurl(['--reflect-protocol', 'grpc-v1alpha', '--list-services', server.baseUrl]);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(lines(result.stdout)).toEqual(
      expect.arrayContaining([
        'publisher.v1.NodeService',
        'grpc.health.v1.Health',
        'grpc.reflection.v1alpha.ServerReflection',
      ]),
    );
    expect(server.calledPaths).toEqual(['/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo']);
  });

  test('--list-methods lists every method, including those whose messages import well-known types', async () => {
    const result = await bufCurl(['--list-methods', server.baseUrl]);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(lines(result.stdout)).toEqual(
      expect.arrayContaining([
        'publisher.v1.NodeService/GetInfo',
        'publisher.v1.PublishService/WatchRecord',
        'grpc.health.v1.Health/Check',
        'grpc.health.v1.Health/Watch',
        'grpc.reflection.v1.ServerReflection/ServerReflectionInfo',
        'grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo',
      ]),
    );
  });

  test('calls NodeService/GetInfo and prints its answer as JSON', async () => {
    const result = await bufCurl([`${server.baseUrl}/publisher.v1.NodeService/GetInfo`]);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      version: '0.0.0-test',
      protocol: 'chain-publisher',
      protocolVersion: 1,
      chains: [{ name: 'bsv', network: 'devnet', fundingModel: 'FUNDING_MODEL_UTXO', confirmationDepth: 1 }],
    });
  });

  test('calls Health/Check; an unknown service exits with NOT_FOUND (5 << 3)', async () => {
    const known = await bufCurl(['-d', '{"service":""}', `${server.baseUrl}/grpc.health.v1.Health/Check`]);
    expect(JSON.parse(known.stdout)).toEqual({ status: 'SERVING' });
    const unknown = await bufCurl([
      '-d',
      '{"service":"no.such.Service"}',
      `${server.baseUrl}/grpc.health.v1.Health/Check`,
    ]);
    expect(unknown.exitCode).toBe(5 << 3);
  });
});
