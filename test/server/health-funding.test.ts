import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health, HealthCheckResponse_ServingStatus } from '../../proto/gen/grpc/health/v1/health_pb.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  // The dev chain pays the operator 50 BSV; an alarm above that means "low" from the start.
  node = await startTestNode({ PUBLISHER_CHAINS: 'bsv', PUBLISHER_BSV_FUNDING_ALARM: String(100 * 100_000_000), PUBLISHER_HEALTH_INTERVAL_MS: '200' });
});
afterAll(async () => {
  await node?.stop();
});

describe('health when a chain\'s funding is below its alarm level', () => {
  it('keeps serving but reports degraded on /healthz and NOT_SERVING for that chain\'s health entry', async () => {
    const health = createClient(Health, createGrpcTransport({ baseUrl: node.url }));
    const deadline = Date.now() + 10_000;
    let body: { status: string; chains: Record<string, { fundingLow: boolean }> };
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      body = (await (await fetch(`${node.url}/healthz`)).json()) as typeof body;
    } while (body.status !== 'degraded' && Date.now() < deadline);
    expect(body).toMatchObject({ status: 'degraded', chains: { bsv: { fundingLow: true } } });
    expect((await health.check({ service: 'publisher.chain.bsv' })).status).toBe(HealthCheckResponse_ServingStatus.NOT_SERVING);
    expect((await health.check({ service: '' })).status).toBe(HealthCheckResponse_ServingStatus.SERVING);
  });
});
