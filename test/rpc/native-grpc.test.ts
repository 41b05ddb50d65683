import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import * as grpc from '@grpc/grpc-js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthCheckResponse_ServingStatus, Health } from '../../proto/gen/grpc/health/v1/health_pb.ts';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { KeyService } from '../../proto/gen/publisher/v1/key_pb.ts';
import { LogService } from '../../proto/gen/publisher/v1/log_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { readReceipt } from '../support/read-receipt.ts';
import { noteSignedBy, readCheckpoint } from '../support/tile-client.ts';
import { startTestNode, TEST_ADMIN_TOKEN, type TestNode } from '../support/test-node.ts';
import { grpcJsClient, grpcJsMethod, unaryCall } from './grpc-js-client.ts';

/** The optional second port, served by @grpc/grpc-js with the main port's handlers. */
let node: TestNode;
let grpcUrl: string;
beforeAll(async () => {
  node = await startTestNode({ PUBLISHER_GRPC_PORT: '0', PUBLISHER_OPEN_REGISTRATION: 'true', PUBLISHER_INLINE_WORKERS: 'false' });
  grpcUrl = node.grpcUrl!;
});
afterAll(async () => {
  await node?.stop();
});

describe('the native gRPC port', () => {
  it('listens on the main port’s host, on a port of its own', () => {
    expect(grpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(grpcUrl).not.toBe(node.url);
  });

  it('publishes with an independent client (grpc-js + proto-loader): accepted, then the same envelope is a duplicate', async () => {
    const { client, methods } = await grpcJsClient(grpcUrl, 'publisher/v1/publish.proto', 'publisher.v1.PublishService');
    try {
      const text = newCreator().intent();
      const first = (await unaryCall(client, grpcJsMethod(methods, 'Publish'), { intent_json: text })) as { record_id: string; duplicate: boolean; receipt: string };
      expect(first).toMatchObject({ record_id: expect.stringMatching(/^[0-9a-f]{64}$/), duplicate: false });
      const { logVerifierKey } = await createClient(NodeService, createGrpcTransport({ baseUrl: grpcUrl })).getInfo({});
      const receipt = readReceipt(first.receipt, logVerifierKey);
      expect(receipt).toMatchObject({ verified: true, entry: { kind: 'intent.accepted', data: { recordId: first.record_id } } });
      const again = (await unaryCall(client, grpcJsMethod(methods, 'Publish'), { intent_json: text })) as { record_id: string; duplicate: boolean; receipt: string };
      expect(again).toMatchObject({ record_id: first.record_id, duplicate: true, receipt: first.receipt });
      const stored = await node.store.pool.query('SELECT 1 FROM records WHERE record_id = $1', [first.record_id]);
      expect(stored.rowCount).toBe(1);
    } finally {
      client.close();
    }
  });

  it('answers a refusal with the documented code, reason and details, as the main port does', async () => {
    const publish = createClient(PublishService, createGrpcTransport({ baseUrl: grpcUrl }));
    const error = ConnectError.from(await publish.publish({ intentJson: '{"nope":1}' }).catch((e: unknown) => e));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.findDetails(ErrorDetailSchema)[0]?.reason).toBe('MALFORMED_INTENT');
    const { client, methods } = await grpcJsClient(grpcUrl, 'publisher/v1/publish.proto', 'publisher.v1.PublishService');
    try {
      const raw = (await unaryCall(client, grpcJsMethod(methods, 'Publish'), { intent_json: '' }).catch((e: unknown) => e)) as grpc.ServiceError;
      expect(raw.code).toBe(3);
      expect(raw.details).toMatch(/^MALFORMED_INTENT: /);
      expect(raw.metadata.get('grpc-status-details-bin')[0]).toBeInstanceOf(Buffer);
    } finally {
      client.close();
    }
  });

  it('streams WatchRecord and serves GetRecord, GetInfo and Health', async () => {
    const transport = createGrpcTransport({ baseUrl: grpcUrl });
    const publish = createClient(PublishService, transport);
    const { recordId } = await publish.publish({ intentJson: newCreator().intent({ targets: ['bsv'] }) });
    expect((await publish.getRecord({ recordId })).record?.recordId).toBe(recordId);
    const abort = new AbortController();
    const updates: string[] = [];
    for await (const update of publish.watchRecord({ recordId }, { signal: abort.signal })) {
      updates.push(update.record!.recordId);
      abort.abort(); // the first message is the record as stored; nothing will move (no workers)
      break;
    }
    expect(updates).toEqual([recordId]);
    expect((await createClient(NodeService, transport).getInfo({})).version).not.toBe('');
    expect((await createClient(Health, transport).check({ service: '' })).status).toBe(HealthCheckResponse_ServingStatus.SERVING);
  });

  it('serves LogService (public by default): GetCheckpoint gives the signed checkpoint of the main port, with a receipt\'s entry in its tree', async () => {
    const { recordId } = await createClient(PublishService, createGrpcTransport({ baseUrl: grpcUrl })).publish({ intentJson: newCreator().intent() });
    const log = createClient(LogService, createGrpcTransport({ baseUrl: grpcUrl }));
    const { logVerifierKey } = await createClient(NodeService, createGrpcTransport({ baseUrl: grpcUrl })).getInfo({});
    const { checkpoint, treeSize, rootHash } = await log.getCheckpoint({});
    expect(noteSignedBy(checkpoint, logVerifierKey)).toBe(true);
    const read = readCheckpoint(checkpoint);
    expect([read.size, Buffer.from(rootHash)]).toEqual([Number(treeSize), read.root]);
    const mainPort = await createClient(LogService, createGrpcTransport({ baseUrl: node.url })).getCheckpoint({});
    expect(Number(mainPort.treeSize)).toBeGreaterThanOrEqual(Number(treeSize));
    const proof = await log.getInclusionProof({ entry: { case: 'recordId', value: recordId } });
    expect(Number(proof.treeSize)).toBeGreaterThanOrEqual(Number(treeSize));
    expect(JSON.parse(Buffer.from(proof.entry).toString('utf8'))).toMatchObject({ kind: 'intent.accepted', data: { recordId } });
  });

  it('does not serve the admin services, which stay on the main port behind the admin token', async () => {
    const keys = createClient(KeyService, createGrpcTransport({ baseUrl: grpcUrl }));
    const error = ConnectError.from(await keys.listKeys({}, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }).catch((e: unknown) => e));
    expect(error.code).toBe(Code.Unimplemented);
  });

  it('answers garbage protobuf bodies with INVALID_ARGUMENT / INVALID_REQUEST, never INTERNAL, and keeps serving', async () => {
    const client = new grpc.Client(new URL(grpcUrl).host, grpc.credentials.createInsecure());
    const send = (path: string, body: Uint8Array) =>
      new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest(path, () => Buffer.from(body), (b: Buffer) => b, {}, (error) => resolve(error)),
      );
    try {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.constantFrom('/publisher.v1.PublishService/Publish', '/publisher.v1.PublishService/GetRecord', '/publisher.v1.PublishService/WatchRecord'), async (body, path) => {
          const error = await send(path, body);
          // Bytes that happen to parse are a request like any other (refused for its content); none is INTERNAL.
          expect(error?.code).not.toBe(grpc.status.INTERNAL);
          if (error && /not a valid/.test(error.details)) expect([error.code, error.details]).toEqual([grpc.status.INVALID_ARGUMENT, expect.stringMatching(/^INVALID_REQUEST: /)]);
        }),
        { numRuns: 200 },
      );
      const garbage = await send('/publisher.v1.PublishService/Publish', Uint8Array.from([0xff, 0xff, 0xff]));
      expect([garbage?.code, garbage?.details]).toEqual([grpc.status.INVALID_ARGUMENT, expect.stringMatching(/^INVALID_REQUEST: the request is not a valid publisher\.v1\.PublishRequest message/)]);
    } finally {
      client.close();
    }
    expect((await createClient(NodeService, createGrpcTransport({ baseUrl: grpcUrl })).getInfo({})).version).not.toBe('');
  });

  it('finds a missing record as NOT_FOUND, in a unary call and in a stream', async () => {
    const publish = createClient(PublishService, createGrpcTransport({ baseUrl: grpcUrl }));
    const error = ConnectError.from(await publish.getRecord({ recordId: 'ab'.repeat(32) }).catch((e: unknown) => e));
    expect([error.code, error.findDetails(ErrorDetailSchema)[0]?.reason]).toEqual([Code.NotFound, 'NOT_FOUND']);
    // A stream that fails ends with the status too (WatchRecord).
    const watching = (async () => {
      for await (const update of publish.watchRecord({ recordId: 'cd'.repeat(32) })) void update;
    })();
    const streamed = ConnectError.from(await watching.catch((e: unknown) => e));
    expect([streamed.code, streamed.findDetails(ErrorDetailSchema)[0]?.reason]).toEqual([Code.NotFound, 'NOT_FOUND']);
  });
});
