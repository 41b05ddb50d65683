import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode({
    PUBLISHER_INLINE_WORKERS: 'false',
    PUBLISHER_PEER_CALLS_PER_SECOND: '5',
    PUBLISHER_BODY_BYTES_IN_FLIGHT: String(1 << 20),
    PUBLISHER_BODY_IDLE_TIMEOUT_MS: '60000',
  });
});
afterAll(async () => {
  await node?.stop();
});

describe('per-peer call rate', () => {
  it('refuses calls past the burst with PEER_RATE_LIMITED and a retry hint, and serves again once the bucket refills', async () => {
    const client = clientFrom('127.0.0.2');
    const started = performance.now();
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => client.getInfo({}).then(() => null, (e: unknown) => ConnectError.from(e))));
    const seconds = (performance.now() - started) / 1_000;
    const refused = outcomes.filter((o): o is ConnectError => o !== null);
    // A burst of 10, and 5 more for every second the calls took (however slow this machine is).
    expect(30 - refused.length).toBeLessThanOrEqual(10 + Math.ceil(seconds * 5));
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) {
      expect(error.code).toBe(Code.ResourceExhausted);
      const detail = error.findDetails(ErrorDetailSchema)[0];
      expect(detail?.reason).toBe('PEER_RATE_LIMITED');
      expect(Number(detail?.metadata['retryAfterMs'])).toBeGreaterThan(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await expect(client.getInfo({})).resolves.toBeDefined();
    await expect(clientFrom('127.0.0.3').getInfo({})).resolves.toBeDefined(); // another address, its own bucket
  });
});

describe('per-peer call rate on plain routes', () => {
  it('answers GET /metrics, /healthz and the log\'s /log/ past the burst with 429 PEER_RATE_LIMITED and Retry-After', async () => {
    const agent = new http.Agent({ localAddress: '127.0.0.6', keepAlive: true });
    try {
      const get = (path: string) =>
        new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
          http
            .get(`${node.url}${path}`, { agent }, (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (c: string) => (body += c));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }));
            })
            .on('error', reject);
        });
      const started = performance.now();
      const paths = ['/metrics', '/healthz', '/log/checkpoint'];
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => get(paths[i % paths.length]!)));
      const seconds = (performance.now() - started) / 1_000;
      const refused = answers.filter((a) => a.status === 429);
      expect(30 - refused.length).toBeLessThanOrEqual(10 + Math.ceil(seconds * 5));
      expect(refused.length).toBeGreaterThan(0);
      for (const a of refused) {
        expect(a.retryAfter).toBe('1');
        expect(a.body).toMatch(/^PEER_RATE_LIMITED/);
      }
      expect(answers.filter((a) => a.status !== 429).every((a) => a.status === 200)).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('node-wide budget of request bytes', () => {
  it('refuses a call with NODE_BUSY while others hold the whole budget, and frees it when they end', async () => {
    const { hostname, port } = new URL(node.url);
    const session = http2.connect(node.url, { createConnection: () => net.connect({ host: hostname, port: Number(port), localAddress: '127.0.0.4' }) });
    try {
      // A PublishBatch body of 1.5 MiB announced, of which 1 MiB is sent and the rest held back.
      const holder = session.request({ ':method': 'POST', ':path': '/publisher.v1.PublishService/PublishBatch', 'content-type': 'application/grpc' });
      const size = 1_536 * 1024;
      const head = Buffer.alloc(5);
      head.writeUInt32BE(size, 1);
      holder.write(Buffer.concat([head, Buffer.from([0x0a, 0x80, 0x80, 0x60]), Buffer.alloc((1 << 20) + 1024)]));
      holder.resume();
      await waitFor(async () => (await busyGetInfo()) === 'NODE_BUSY');
      holder.close(http2.constants.NGHTTP2_CANCEL);
      await waitFor(async () => (await busyGetInfo()) === null);
    } finally {
      session.destroy();
    }
  });
});

/** A client whose connections come from `address` (any of 127.0.0.0/8 reaches the node on 127.0.0.1). */
function clientFrom(address: string) {
  return createClient(NodeService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1', nodeOptions: { localAddress: address } }));
}

/** A call from yet another address (its own call bucket), and the reason it was refused, if it was. */
async function busyGetInfo(): Promise<string | null> {
  return clientFrom('127.0.0.5').getInfo({}).then(
    () => null,
    (e: unknown) => ConnectError.from(e).findDetails(ErrorDetailSchema)[0]?.reason ?? 'no reason',
  );
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('condition not reached');
}
