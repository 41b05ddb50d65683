import { fromBinary } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import http from 'node:http';
import http2 from 'node:http2';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { KeyService } from '../../proto/gen/publisher/v1/key_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode({ PUBLISHER_INLINE_WORKERS: 'false', PUBLISHER_BODY_IDLE_TIMEOUT_MS: '500', PUBLISHER_RESPONSE_STALL_TIMEOUT_MS: '1000', PUBLISHER_BODY_BYTES_PER_CONNECTION: String(256 * 1024) });
});
afterAll(async () => {
  await node?.stop();
});

const reasonOf = (error: unknown) => ConnectError.from(error).findDetails(ErrorDetailSchema)[0]?.reason;

/** A protobuf message whose field 15 declares (and, inflated, holds) 60 MiB of zeros: the bomb. */
const bomb = () => gzipSync(Buffer.concat([Buffer.from([0x7a, 0x80, 0x80, 0x80, 0x1e]), Buffer.alloc(60 << 20)]), { level: 9 });

/** One Connect unary call over HTTP/1.1 with raw headers and body; the JSON error, parsed. */
function connectCall(path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; json: { code?: string; details?: { type: string; value: string }[] } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${node.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/proto', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const detailReason = (json: { details?: { type: string; value: string }[] }) => {
  const detail = json.details?.find((d) => d.type === 'publisher.v1.ErrorDetail');
  return detail ? fromBinary(ErrorDetailSchema, Buffer.from(detail.value, 'base64')).reason : undefined;
};

describe('admin calls are decided from their headers', () => {
  const transports: Record<string, () => Transport> = {
    Connect: () => createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }),
    'Connect streaming-capable over HTTP/2': () => createConnectTransport({ baseUrl: node.url, httpVersion: '2' }),
    gRPC: () => createGrpcTransport({ baseUrl: node.url }),
    'gRPC-Web': () => createGrpcWebTransport({ baseUrl: node.url, httpVersion: '1.1' }),
  };
  it.each(Object.entries(transports))('%s: refused with its code and reason, in the protocol of the call', async (_name, transport) => {
    const keys = createClient(KeyService, transport());
    const missing = await keys.listKeys({}).catch((e: unknown) => e);
    expect(ConnectError.from(missing).code).toBe(Code.Unauthenticated);
    expect(reasonOf(missing)).toBe('ADMIN_TOKEN_MISSING');
    const wrong = await keys.listKeys({}, { headers: { authorization: 'Bearer not-the-token-at-all' } }).catch((e: unknown) => e);
    expect(ConnectError.from(wrong).code).toBe(Code.PermissionDenied);
    expect(reasonOf(wrong)).toBe('ADMIN_TOKEN_INVALID');
    const listed = await keys.listKeys({}, { headers: { authorization: `Bearer ${node.adminToken}` } });
    expect(listed.keys).toEqual([]);
  });

  it('answers an admin call without a token before its body is sent at all', async () => {
    const session = http2.connect(node.url);
    try {
      const stream = session.request({ ':method': 'POST', ':path': '/publisher.v1.KeyService/ListKeys', 'content-type': 'application/grpc' });
      stream.write(Buffer.from([0, 0, 0, 0x10, 0])); // the start of a 1 MiB frame that never comes
      const headers = await new Promise<http2.IncomingHttpHeaders>((resolve) => stream.once('response', resolve));
      expect(headers['grpc-status']).toBe(String(Code.Unauthenticated));
      stream.destroy();
    } finally {
      session.destroy();
    }
  });

  it('answers a refused admin call whose body is still coming, over HTTP/2 with connect-node, with its code (not a reset)', async () => {
    const keys = createClient(KeyService, createConnectTransport({ baseUrl: node.url, httpVersion: '2' }));
    const refused = await keys.registerKey({ key: { scheme: 'secp256k1', publicKey: '02'.padEnd(66, '1') }, label: 'x'.repeat(200_000) }).catch((e: unknown) => e);
    expect(ConnectError.from(refused).code).toBe(Code.Unauthenticated);
    expect(reasonOf(refused)).toBe('ADMIN_TOKEN_MISSING');
  });

  it('never inflates a gzip bomb sent without the token', async () => {
    const { status, json } = await connectCall('/publisher.v1.KeyService/ListKeys', { 'content-encoding': 'gzip' }, bomb());
    expect(status).toBe(401);
    expect(json.code).toBe('unauthenticated');
    expect(detailReason(json)).toBe('ADMIN_TOKEN_MISSING');
  });
});

describe('request sizes', () => {
  it('refuses a gzip bomb with the token as too large once decompressed', async () => {
    const { json } = await connectCall('/publisher.v1.KeyService/ListKeys', { 'content-encoding': 'gzip', authorization: `Bearer ${node.adminToken}` }, bomb());
    expect(json.code).toBe('resource_exhausted');
    expect(detailReason(json)).toBe('REQUEST_TOO_LARGE');
  });

  it('refuses a Publish body that expands more than the ratio allows, though under the method limit', async () => {
    // 120 KiB of zeros in an intent field: under Publish's limit, but gzip shrinks it ~1000 times.
    const message = Buffer.concat([Buffer.from([0x0a, 0x80, 0xc0, 0x07]), Buffer.alloc(120 * 1024)]);
    const { json } = await connectCall('/publisher.v1.PublishService/Publish', { 'content-encoding': 'gzip' }, gzipSync(message));
    expect(json.code).toBe('resource_exhausted');
    expect(detailReason(json)).toBe('REQUEST_TOO_LARGE');
  });

  it('refuses a body whose declared length is over the method limit, and one that streams past it', async () => {
    const declared = await connectCall('/publisher.v1.NodeService/GetInfo', {}, Buffer.alloc(node.config.limits.smallRequestBytes + 1));
    expect(declared.json.code).toBe('resource_exhausted');
    expect(detailReason(declared.json)).toBe('REQUEST_TOO_LARGE');
    const info = await createClient(NodeService, createGrpcTransport({ baseUrl: node.url })).getInfo({});
    expect(info.protocol).toBe('chain-publisher'); // a small call still passes
    const session = http2.connect(node.url);
    try {
      const stream = session.request({ ':method': 'POST', ':path': '/publisher.v1.NodeService/GetInfo', 'content-type': 'application/grpc' });
      const size = node.config.limits.smallRequestBytes + 1024;
      const frame = Buffer.alloc(5 + size);
      frame.writeUInt32BE(size, 1);
      stream.end(frame);
      const trailers = await new Promise<http2.IncomingHttpHeaders>((resolve) => {
        stream.once('response', (h) => (h['grpc-status'] ? resolve(h) : stream.once('trailers', resolve)));
        stream.resume();
      });
      expect(trailers['grpc-status']).toBe(String(Code.ResourceExhausted));
    } finally {
      session.destroy();
    }
  });
});

describe('time', () => {
  it('drops a call whose body stalls', async () => {
    const session = http2.connect(node.url);
    try {
      const stream = session.request({ ':method': 'POST', ':path': '/publisher.v1.NodeService/GetInfo', 'content-type': 'application/grpc' });
      stream.write(Buffer.from([0, 0, 0, 0, 10, 0x0a])); // 1 of 10 bytes, then nothing
      stream.resume();
      const code = await new Promise<number>((resolve) => stream.once('close', () => resolve(stream.rstCode ?? -1)));
      expect(code).toBe(http2.constants.NGHTTP2_CANCEL);
    } finally {
      session.destroy();
    }
  });

  it('cuts an answer the client stopped reading (an HTTP/2 window of 0), freeing what it held', async () => {
    const session = http2.connect(node.url, { settings: { initialWindowSize: 0 } });
    try {
      const stream = session.request({ ':method': 'POST', ':path': '/publisher.v1.NodeService/GetInfo', 'content-type': 'application/grpc' });
      stream.end(Buffer.from([0, 0, 0, 0, 0]));
      const code = await new Promise<number>((resolve) => stream.once('close', () => resolve(stream.rstCode ?? -1)));
      expect(code).toBe(http2.constants.NGHTTP2_CANCEL);
    } finally {
      session.destroy();
    }
  });

  it('refuses a call that takes its connection past the bytes one connection may hold at once', async () => {
    const session = http2.connect(node.url);
    try {
      const size = 200 * 1024; // under PublishBatch's limit here (256 KiB), two are over the connection's
      const open = () => {
        const stream = session.request({ ':method': 'POST', ':path': '/publisher.v1.PublishService/PublishBatch', 'content-type': 'application/grpc' });
        const head = Buffer.alloc(5);
        head.writeUInt32BE(size + 10, 1);
        stream.write(Buffer.concat([head, Buffer.alloc(size)])); // and the last 10 bytes never come
        stream.resume();
        return new Promise<string | undefined>((resolve) => {
          stream.once('response', (h) => h['grpc-status'] !== undefined && resolve(String(h['grpc-status'])));
          stream.once('trailers', (t) => resolve(String(t['grpc-status'])));
          stream.once('close', () => resolve(`closed ${stream.rstCode}`));
        });
      };
      const [a, b] = await Promise.all([open(), open()]);
      expect([a, b]).toContain(String(Code.ResourceExhausted));
    } finally {
      session.destroy();
    }
  });
});
