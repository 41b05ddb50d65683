import { create, toBinary } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../proto/gen/publisher/v1/audit_pb.ts';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { FundingService } from '../../proto/gen/publisher/v1/funding_pb.ts';
import { KeyService } from '../../proto/gen/publisher/v1/key_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { GetRecordRequestSchema, PublishService, WatchRecordRequestSchema } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { connectRaw, envelope, grpcRaw, grpcWebRaw } from '../support/raw-rpc.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
const admin = () => ({ headers: { authorization: `Bearer ${node.adminToken}` } });
const transports = {
  connect: () => createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }),
  grpc: () => createGrpcTransport({ baseUrl: node.url }),
};
const INVALID = [Code.InvalidArgument, 'INVALID_REQUEST'];

beforeAll(async () => {
  // BSV for ImportUtxos (a node without a UTXO chain refuses every import up front); no workers.
  node = await startTestNode({ PUBLISHER_CHAINS: 'bsv', PUBLISHER_INLINE_WORKERS: 'false', PUBLISHER_INTAKE_THREADS: '0' });
});
afterAll(async () => {
  await node?.stop();
});

async function refusal(call: Promise<unknown>): Promise<[Code, string]> {
  const error = ConnectError.from(await call.then(() => new Error('expected a refusal'), (e: unknown) => e));
  return [error.code, error.findDetails(ErrorDetailSchema)[0]?.reason ?? `(no reason: ${error.message})`];
}

const token = (text: string) => Buffer.from(text).toString('base64url');
const id = 'ab'.repeat(32);

describe.each(Object.entries(transports))('refusals of values PostgreSQL cannot take, over %s', (_name, transport) => {
  it.each([
    ['a date Date.parse reads but the node never issues', token(`2024-01-01|${id}`)],
    ['a date in another form', token(`Mon, 01 Jan 2024 00:00:00 GMT|${id}`)],
    ['a year PostgreSQL has not', token(`0000-01-01T00:00:00.000Z|${id}`)],
    ['a day that does not exist', token(`2024-02-30T00:00:00.000Z|${id}`)],
    ['an instant beyond timestamptz', token(`+275760-09-13T00:00:00.000Z|${id}`)],
    ['padding', `${token(`2024-01-01T00:00:00.000Z|${id}`)}=`],
    ['a third part', token(`2024-01-01T00:00:00.000Z|${id}|x`)],
  ])('ListRecords refuses a page token with %s', async (_what, pageToken) => {
    const publish = createClient(PublishService, transport());
    expect(await refusal(publish.listRecords({ creator: 'mx', pageToken }))).toEqual(INVALID);
  });

  it('ListRecords refuses a NUL in creator, and a creator of 129 characters', async () => {
    const publish = createClient(PublishService, transport());
    expect(await refusal(publish.listRecords({ creator: 'mx\u0000' }))).toEqual(INVALID);
    expect(await refusal(publish.listRecords({ creator: 'm'.repeat(129) }))).toEqual(INVALID);
  });

  it('ListEvents refuses a from_seq a bigint column cannot hold, and takes the largest one it can', async () => {
    const audit = createClient(AuditService, transport());
    expect(await refusal(audit.listEvents({ fromSeq: 2n ** 63n }, admin()))).toEqual(INVALID);
    expect(await refusal(audit.listEvents({ fromSeq: 2n ** 64n - 1n }, admin()))).toEqual(INVALID);
    expect((await audit.listEvents({ fromSeq: 2n ** 63n - 1n }, admin())).events).toEqual([]);
  });

  it('RegisterKey refuses quotas beyond their columns, and NUL in the label', async () => {
    const keys = createClient(KeyService, transport());
    const key = () => ({ scheme: 'secp256k1', publicKey: newCreator().publicKey });
    expect(await refusal(keys.registerKey({ key: key(), quota: { recordsPerDay: 2 ** 31 } }, admin()))).toEqual(INVALID);
    expect(await refusal(keys.registerKey({ key: key(), quota: { requestsPerMinute: 2 ** 32 - 1 } }, admin()))).toEqual(INVALID);
    expect(await refusal(keys.registerKey({ key: key(), quota: { bytesPerDay: 2n ** 53n } }, admin()))).toEqual(INVALID);
    expect(await refusal(keys.registerKey({ key: key(), quota: { bytesPerDay: 2n ** 64n - 1n } }, admin()))).toEqual(INVALID);
    expect(await refusal(keys.registerKey({ key: key(), label: 'a\u0000b' }, admin()))).toEqual(INVALID);
    const largest = await keys.registerKey({ key: key(), quota: { recordsPerDay: 2 ** 31 - 1, bytesPerDay: 2n ** 53n - 1n } }, admin());
    expect(largest.key?.quota).toMatchObject({ recordsPerDay: 2 ** 31 - 1, bytesPerDay: 2n ** 53n - 1n });
  });

  it('RevokeKey refuses NUL in the reason, and leaves the key active', async () => {
    const keys = createClient(KeyService, transport());
    const key = { scheme: 'secp256k1', publicKey: newCreator().publicKey };
    await keys.registerKey({ key }, admin());
    expect(await refusal(keys.revokeKey({ key, reason: 'lost\u0000' }, admin()))).toEqual(INVALID);
    expect((await keys.getKey({ key }, admin())).key?.revokeReason).toBe('');
  });

  it('ListKeys refuses a page token in any spelling but the one the node issues', async () => {
    const keys = createClient(KeyService, transport());
    expect(await refusal(keys.listKeys({ pageToken: `${token('1')}==` }, admin()))).toEqual(INVALID);
    expect(await refusal(keys.listKeys({ pageToken: token('99999999999999999999') }, admin()))).toEqual(INVALID);
  });

  it('ImportUtxos refuses an output index an int column cannot hold', async () => {
    const funding = createClient(FundingService, transport());
    expect(await refusal(funding.importUtxos({ outpoints: [{ txid: id, vout: 2 ** 31 }] }, admin()))).toEqual(INVALID);
  });
});

describe('refusals over the Connect protocol only', () => {
  it('a lone surrogate (JSON can carry one) is refused in a label, a reason and a creator', async () => {
    const transport = createConnectTransport({ baseUrl: node.url, httpVersion: '1.1', useBinaryFormat: false });
    const key = { scheme: 'secp256k1', publicKey: newCreator().publicKey };
    expect(await refusal(createClient(KeyService, transport).registerKey({ key, label: 'a\ud800' }, admin()))).toEqual(INVALID);
    await createClient(KeyService, transport).registerKey({ key }, admin());
    expect(await refusal(createClient(KeyService, transport).revokeKey({ key, reason: '\udc00' }, admin()))).toEqual(INVALID);
    expect(await refusal(createClient(PublishService, transport).listRecords({ creator: 'mx\ud800' }))).toEqual(INVALID);
  });
});

describe('protocol faults of the client are INVALID_ARGUMENT with reason INVALID_REQUEST, never INTERNAL', () => {
  const getRecord = '/publisher.v1.PublishService/GetRecord';
  const request = toBinary(GetRecordRequestSchema, create(GetRecordRequestSchema, { recordId: id }));
  const compressedWithoutEncoding = envelope(0x01, request);

  it('a gRPC frame flagged compressed without grpc-encoding', async () => {
    expect(await grpcRaw(node.url, getRecord, compressedWithoutEncoding, {})).toMatchObject({ code: Code.InvalidArgument, reason: 'INVALID_REQUEST' });
  });

  it('a gRPC-Web frame flagged compressed without grpc-encoding', async () => {
    expect(await grpcWebRaw(node.url, getRecord, compressedWithoutEncoding, {})).toMatchObject({ code: Code.InvalidArgument, reason: 'INVALID_REQUEST' });
  });

  it('a Connect stream message flagged compressed without connect-content-encoding', async () => {
    const watch = toBinary(WatchRecordRequestSchema, create(WatchRecordRequestSchema, { recordId: id }));
    const answer = await connectRaw(node.url, '/publisher.v1.PublishService/WatchRecord', envelope(0x01, watch), { 'content-type': 'application/connect+proto' });
    expect(answer).toMatchObject({ http: 200, code: Code.InvalidArgument, reason: 'INVALID_REQUEST' });
  });

  it('a body that is not the method\'s protobuf message, over each protocol', async () => {
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]);
    const expected = { code: Code.InvalidArgument, reason: 'INVALID_REQUEST' };
    expect(await connectRaw(node.url, getRecord, garbage, { 'content-type': 'application/proto' })).toMatchObject({ http: 400, ...expected });
    expect(await connectRaw(node.url, '/publisher.v1.PublishService/WatchRecord', envelope(0, garbage), { 'content-type': 'application/connect+proto' })).toMatchObject(expected);
    expect(await grpcRaw(node.url, getRecord, envelope(0, garbage), {})).toMatchObject(expected);
    expect(await grpcWebRaw(node.url, getRecord, envelope(0, garbage), {})).toMatchObject(expected);
  });

  it('a gzip body that ends early, and a gzip frame that ends early', async () => {
    const cut = gzipSync(request).subarray(0, 12);
    const expected = { code: Code.InvalidArgument, reason: 'INVALID_REQUEST' };
    expect(await connectRaw(node.url, getRecord, cut, { 'content-type': 'application/proto', 'content-encoding': 'gzip' })).toMatchObject({ http: 400, ...expected });
    expect(await grpcRaw(node.url, getRecord, envelope(1, cut), { 'grpc-encoding': 'gzip' })).toMatchObject(expected);
  });

  it('a Connect GET whose base64 message is not base64', async () => {
    const answer = await connectRaw(node.url, `${getRecord}?encoding=proto&base64=1&message=%21%21%21`, '', {}, 'GET');
    expect(answer).toMatchObject({ http: 400, code: Code.InvalidArgument, reason: 'INVALID_REQUEST' });
  });

  it('JSON that is not the method\'s message carries the reason too', async () => {
    const answer = await connectRaw(node.url, getRecord, '{"recordId": 12', { 'content-type': 'application/json' });
    expect(answer).toMatchObject({ http: 400, code: Code.InvalidArgument, reason: 'INVALID_REQUEST' });
  });

  it('keeps serving afterwards', async () => {
    expect((await createClient(NodeService, transports.grpc()).getInfo({})).protocol).toBe('chain-publisher');
  });
});
