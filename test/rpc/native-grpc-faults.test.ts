import http2 from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/test-node.ts';

/** grpc-js's own refusals of malformed requests on the native port (server/rpc/native-grpc/client-fault-statuses.ts). */
let node: TestNode;
beforeAll(async () => {
  node = await startTestNode({ PUBLISHER_GRPC_PORT: '0', PUBLISHER_INLINE_WORKERS: 'false' });
});
afterAll(async () => {
  await node?.stop();
});

/** One raw gRPC call; the final grpc-status and grpc-message. */
async function rawCall(headers: Record<string, string>, body: Buffer): Promise<{ status: string | undefined; message: string | undefined }> {
  const session = http2.connect(node.grpcUrl!);
  try {
    const stream = session.request({ ':method': 'POST', ':path': '/publisher.v1.NodeService/GetInfo', 'content-type': 'application/grpc', te: 'trailers', ...headers });
    stream.end(body);
    stream.resume();
    const final = await new Promise<http2.IncomingHttpHeaders>((resolve) => {
      stream.once('response', (h) => {
        if (h['grpc-status'] !== undefined) resolve(h);
      });
      stream.once('trailers', resolve);
    });
    return { status: final['grpc-status'] as string | undefined, message: final['grpc-message'] as string | undefined };
  } finally {
    session.destroy();
  }
}

const frame = (flag: number, payload: Buffer) => {
  const head = Buffer.alloc(5);
  head[0] = flag;
  head.writeUInt32BE(payload.byteLength, 1);
  return Buffer.concat([head, payload]);
};

describe('the native port answers grpc-js’s own client faults with INVALID_ARGUMENT, never INTERNAL', () => {
  it('a compressed message that does not inflate', async () => {
    const answer = await rawCall({ 'grpc-encoding': 'gzip' }, frame(1, Buffer.from('not gzip at all')));
    expect(answer.status).toBe('3');
    expect(decodeURIComponent(answer.message ?? '')).toMatch(/^Failed to decompress message/);
  });

  it('a grpc-timeout header it cannot parse', async () => {
    const answer = await rawCall({ 'grpc-timeout': 'soon' }, frame(0, Buffer.alloc(0)));
    expect(answer.status).toBe('3');
    expect(decodeURIComponent(answer.message ?? '')).toMatch(/^Invalid grpc-timeout value/);
  });

  it('still answers a well-formed call', async () => {
    const answer = await rawCall({}, frame(0, Buffer.alloc(0)));
    expect(answer.status).toBe('0');
  });
});
