import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufCurl } from '../support/buf-curl.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode();
});
afterAll(async () => {
  await node?.stop();
});

describe('the full node, seen by buf curl through reflection (the README commands)', () => {
  it('lists every publisher service, health and reflection', async () => {
    const result = await bufCurl(['--list-services', node.url]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n').sort()).toEqual([
      'grpc.health.v1.Health',
      'grpc.reflection.v1.ServerReflection',
      'grpc.reflection.v1alpha.ServerReflection',
      'publisher.v1.AuditService',
      'publisher.v1.FundingService',
      'publisher.v1.KeyService',
      'publisher.v1.LogService',
      'publisher.v1.NodeService',
      'publisher.v1.PublishService',
    ]);
  });

  it('calls NodeService/GetInfo with no .proto files', async () => {
    const result = await bufCurl([`${node.url}/publisher.v1.NodeService/GetInfo`]);
    expect(result.exitCode).toBe(0);
    const info = JSON.parse(result.stdout) as { protocol: string; limits: { maxEnvelopeBytes: number } };
    expect(info.protocol).toBe('chain-publisher');
    expect(info.limits.maxEnvelopeBytes).toBe(65536);
  });

  it('reports SERVING on the standard health check once the database answers', async () => {
    const result = await bufCurl(['--data', '{"service":"publisher.v1.PublishService"}', `${node.url}/grpc.health.v1.Health/Check`]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ status: 'SERVING' });
  });
});
