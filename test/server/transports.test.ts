import { Code, ConnectError, createClient, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport as createNodeGrpcWebTransport } from '@connectrpc/connect-node';
import { createGrpcWebTransport } from '@connectrpc/connect-web';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode();
});
afterAll(async () => {
  await node?.stop();
});

const transports: Record<string, () => Transport> = {
  'Connect JSON over HTTP/1.1': () => createConnectTransport({ baseUrl: node.url, httpVersion: '1.1', useBinaryFormat: false }),
  'Connect binary over HTTP/2': () => createConnectTransport({ baseUrl: node.url, httpVersion: '2', useBinaryFormat: true }),
  'gRPC over h2c (connect-node client)': () => createGrpcTransport({ baseUrl: node.url }),
  'gRPC-Web over HTTP/1.1 (connect-web client, fetch)': () => createGrpcWebTransport({ baseUrl: node.url }),
  'gRPC-Web over HTTP/2 (connect-node client)': () => createNodeGrpcWebTransport({ baseUrl: node.url, httpVersion: '2' }),
};

describe.each(Object.entries(transports))('%s', (_name, transport) => {
  it('answers NodeService.GetInfo with the node version and intent limits', async () => {
    const info = await createClient(NodeService, transport()).getInfo({});
    expect(info.protocol).toBe('chain-publisher');
    expect(info.protocolVersion).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.limits?.maxEnvelopeBytes).toBe(65_536);
    expect(info.limits?.timestampWindowSeconds).toBe(600);
  });
});

describe('an independent gRPC client (@grpc/grpc-js + proto-loader on the .proto files)', () => {
  it('calls GetInfo over h2c and decodes the response', async () => {
    const definition = protoLoader.loadSync('publisher/v1/node.proto', { includeDirs: ['proto'], longs: String, defaults: true });
    const loaded = grpc.loadPackageDefinition(definition) as unknown as {
      publisher: { v1: { NodeService: grpc.ServiceClientConstructor } };
    };
    const client = new loaded.publisher.v1.NodeService(new URL(node.url).host, grpc.credentials.createInsecure());
    try {
      const info = await new Promise<Record<string, unknown>>((resolve, reject) =>
        client['GetInfo']!({}, (error: grpc.ServiceError | null, response: Record<string, unknown>) => (error ? reject(error) : resolve(response))),
      );
      expect(info['protocol']).toBe('chain-publisher');
      expect((info['limits'] as Record<string, unknown>)['maxDepth']).toBe(32);
    } finally {
      client.close();
    }
  });
});

describe('errors', () => {
  it('answers NOT_FOUND for the proof of an unknown record', async () => {
    const client = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
    const error = await client.getProof({ recordId: 'a'.repeat(64) }).catch((e: unknown) => e);
    expect(ConnectError.from(error).code).toBe(Code.NotFound);
  });

  it('refuses an admin call without a token as UNAUTHENTICATED with reason ADMIN_TOKEN_MISSING', async () => {
    const response = await fetch(`${node.url}/publisher.v1.AuditService/VerifyChain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { code: string; details: { debug: { reason: string } }[] };
    expect(body.code).toBe('unauthenticated');
    expect(body.details[0]?.debug.reason).toBe('ADMIN_TOKEN_MISSING');
  });

  it('refuses a wrong admin token as PERMISSION_DENIED with reason ADMIN_TOKEN_INVALID, over gRPC too', async () => {
    const transport = createGrpcTransport({ baseUrl: node.url });
    const { KeyService } = await import('../../proto/gen/publisher/v1/key_pb.ts');
    const error = ConnectError.from(
      await createClient(KeyService, transport)
        .listKeys({}, { headers: { authorization: 'Bearer not-the-token' } })
        .catch((e: unknown) => e),
    );
    expect(error.code).toBe(Code.PermissionDenied);
    expect(error.findDetails(ErrorDetailSchema)[0]?.reason).toBe('ADMIN_TOKEN_INVALID');
  });

  it('lets the right admin token through', async () => {
    const { KeyService } = await import('../../proto/gen/publisher/v1/key_pb.ts');
    const response = await createClient(KeyService, createGrpcTransport({ baseUrl: node.url })).listKeys(
      {},
      { headers: { authorization: `Bearer ${node.adminToken}` } },
    );
    expect(response.keys).toEqual([]);
  });

  it('answers a request that is not protobuf with INVALID_ARGUMENT, and keeps serving', async () => {
    const response = await fetch(`${node.url}/publisher.v1.NodeService/GetInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/proto' },
      body: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('invalid_argument');
    const info = await createClient(NodeService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })).getInfo({});
    expect(info.protocol).toBe('chain-publisher');
  });
});

describe('plain HTTP on the same port', () => {
  it('GET /healthz reports the database and each chain', async () => {
    const response = await fetch(`${node.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: true, chains: { bsv: { reachable: true, fundingLow: false }, arweave: { reachable: true, fundingLow: false } } });
  });

  it('answers a CORS preflight from a browser origin with the Connect headers allowed', async () => {
    const response = await fetch(`${node.url}/publisher.v1.NodeService/GetInfo`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,connect-protocol-version' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('connect-protocol-version');
    expect(response.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('grpc-status');
  });
});
