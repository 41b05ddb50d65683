import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arweaveRsaPssScheme } from '../../core/schemes/index.ts';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { KeyService } from '../../proto/gen/publisher/v1/key_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublicationStatus, PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator, type TestCreator } from '../support/creator.ts';
import { readReceipt } from '../support/read-receipt.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
let alice: TestCreator;
const admin = () => ({ headers: { authorization: `Bearer ${node.adminToken}` } });
const publisher = () => createClient(PublishService, createGrpcTransport({ baseUrl: node.url }));
const keys = () => createClient(KeyService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));

beforeAll(async () => {
  node = await startTestNode();
  alice = newCreator();
  await keys().registerKey({ key: { scheme: 'secp256k1', publicKey: alice.publicKey }, label: 'alice' }, admin());
});
afterAll(async () => {
  await node?.stop();
});

async function refusal(call: Promise<unknown>): Promise<[Code, string]> {
  const error = ConnectError.from(await call.then(() => new Error('expected a refusal'), (e: unknown) => e));
  return [error.code, error.findDetails(ErrorDetailSchema)[0]?.reason ?? '(no reason)'];
}

describe('Publish over gRPC', () => {
  it('accepts a registered creator\'s intent with a tlog-proof receipt against a checkpoint signed by the log key GetInfo names', async () => {
    const res = await publisher().publish({ intentJson: alice.intent({ targets: ['arweave', 'bsv'] }) });
    expect(res.duplicate).toBe(false);
    expect(res.publications.map((p) => [p.chain, p.status])).toEqual([
      ['arweave', PublicationStatus.QUEUED],
      ['bsv', PublicationStatus.QUEUED],
    ]);
    const info = await createClient(NodeService, createGrpcTransport({ baseUrl: node.url })).getInfo({});
    expect(info.logVerifierKey.startsWith(`${info.logOrigin}+`)).toBe(true);
    const receipt = readReceipt(res.receipt, info.logVerifierKey);
    expect(receipt.verified).toBe(true);
    expect(receipt.entry).toMatchObject({ kind: 'intent.accepted', subject: res.recordId, data: { recordId: res.recordId, creator: alice.address(), targets: ['arweave', 'bsv'] } });
  });

  it('answers the same envelope again as a duplicate with the same receipt', async () => {
    const text = alice.intent();
    const first = await publisher().publish({ intentJson: text });
    const again = await publisher().publish({ intentJson: text });
    expect(again).toMatchObject({ recordId: first.recordId, duplicate: true, receipt: first.receipt });
  });
});

// STORE_UNAVAILABLE is in store-unavailable.test.ts: it needs the database taken away.
describe('every refusal of api.md, with its code and reason on the wire', () => {
  const cases: [string, () => Promise<string>, Code, string][] = [
    ['not JSON', async () => 'not json', Code.InvalidArgument, 'MALFORMED_INTENT'],
    ['a duplicate key', async () => alice.intent().replace('"protocol"', '"version":1,"protocol"'), Code.InvalidArgument, 'MALFORMED_INTENT'],
    ['too large', async () => alice.intent({ record: { blob: 'x'.repeat(70_000) } }), Code.InvalidArgument, 'INTENT_TOO_LARGE'],
    ['an unknown target', async () => alice.intent({ targets: ['ethereum'] }), Code.InvalidArgument, 'UNKNOWN_TARGET'],
    ['a bad signature', async () => alice.intent().replace(/"signature":"[A-Za-z0-9_-]{4}/, '"signature":"AAAA'), Code.Unauthenticated, 'BAD_SIGNATURE'],
    ['an unregistered key', async () => newCreator().intent(), Code.PermissionDenied, 'KEY_NOT_REGISTERED'],
    ['a stale timestamp', async () => alice.intent({ timestamp: new Date(Date.now() - 3_600_000).toISOString() }), Code.FailedPrecondition, 'STALE_INTENT'],
  ];
  it.each(cases)('%s', async (_name, text, code, reason) => {
    expect(await refusal(publisher().publish({ intentJson: await text() }))).toEqual([code, reason]);
  });

  it('a reused nonce: ALREADY_EXISTS / NONCE_REUSED', async () => {
    const nonce = 'cmV1c2VkLW5vbmNlLW92ZXItZ3JwYy10ZXN0';
    await publisher().publish({ intentJson: alice.intent({ nonce }) });
    expect(await refusal(publisher().publish({ intentJson: alice.intent({ nonce, record: { changed: 1 } }) }))).toEqual([Code.AlreadyExists, 'NONCE_REUSED']);
  });

  it('a revoked key: PERMISSION_DENIED / KEY_REVOKED, from the moment of revocation', async () => {
    const bob = newCreator();
    await keys().registerKey({ key: { scheme: 'secp256k1', publicKey: bob.publicKey } }, admin());
    await publisher().publish({ intentJson: bob.intent() });
    await keys().revokeKey({ key: { scheme: 'secp256k1', publicKey: bob.publicKey }, reason: 'lost device' }, admin());
    expect(await refusal(publisher().publish({ intentJson: bob.intent() }))).toEqual([Code.PermissionDenied, 'KEY_REVOKED']);
  });

  it.each([
    ['a per-minute rate limit: RESOURCE_EXHAUSTED / RATE_LIMITED', { requestsPerMinute: 1 }, 'RATE_LIMITED'],
    ['a daily quota: RESOURCE_EXHAUSTED / QUOTA_EXCEEDED', { recordsPerDay: 1 }, 'QUOTA_EXCEEDED'],
  ])('%s', async (_name, quota, reason) => {
    const limited = newCreator();
    await keys().registerKey({ key: { scheme: 'secp256k1', publicKey: limited.publicKey }, quota }, admin());
    await publisher().publish({ intentJson: limited.intent() });
    expect(await refusal(publisher().publish({ intentJson: limited.intent() }))).toEqual([Code.ResourceExhausted, reason]);
  });

  it('a batch over the limit: INVALID_ARGUMENT / INVALID_REQUEST', async () => {
    expect(await refusal(publisher().publishBatch({ intentJsons: Array.from({ length: 1001 }, () => '{}') }))).toEqual([Code.InvalidArgument, 'INVALID_REQUEST']);
  });
});

describe('PublishBatch', () => {
  it('answers one result per intent, in order, with the code and reason a single Publish would give', async () => {
    const good = alice.intent();
    const res = await publisher().publishBatch({ intentJsons: [good, '[]', newCreator().intent(), good, alice.intent()] });
    expect(
      res.results.map((r) => (r.result.case === 'accepted' ? (r.result.value.duplicate ? 'duplicate' : 'accepted') : `${Code[r.result.value!.code]}/${r.result.value!.reason}`)),
    ).toEqual(['accepted', 'InvalidArgument/MALFORMED_INTENT', 'PermissionDenied/KEY_NOT_REGISTERED', 'duplicate', 'accepted']);
  });
});

describe('reading records', () => {
  it('GetRecord returns the envelope, the receipt and the publications; ListRecords pages newest first', async () => {
    const carol = newCreator();
    await keys().registerKey({ key: { scheme: 'secp256k1', publicKey: carol.publicKey } }, admin());
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await publisher().publish({ intentJson: carol.intent({ record: { n: i } }) })).recordId);
    const { record } = await publisher().getRecord({ recordId: ids[1]! });
    expect(record?.creator).toBe(carol.address());
    expect(JSON.parse(record!.intentJson).record).toEqual({ n: 1 });
    const first = await publisher().listRecords({ creator: carol.address(), pageSize: 2 });
    const second = await publisher().listRecords({ creator: carol.address(), pageSize: 2, pageToken: first.nextPageToken });
    expect([...first.records, ...second.records].map((r) => r.recordId)).toEqual([...ids].reverse());
    expect(second.nextPageToken).toBe('');
  });

  it('GetRecord of an unknown id is NOT_FOUND; of a malformed id INVALID_ARGUMENT', async () => {
    expect(await refusal(publisher().getRecord({ recordId: 'f'.repeat(64) }))).toEqual([Code.NotFound, 'NOT_FOUND']);
    expect(await refusal(publisher().getRecord({ recordId: 'xyz' }))).toEqual([Code.InvalidArgument, 'INVALID_REQUEST']);
  });
});

describe('an RSA (arweave-rsa-pss) creator', () => {
  it('publishes with a 4096-bit key registered by the admin', async () => {
    const rsa = newCreator(arweaveRsaPssScheme);
    const { key } = await keys().registerKey({ key: { scheme: 'arweave-rsa-pss', publicKey: rsa.publicKey } }, admin());
    expect(key?.address).toBe(rsa.address());
    const res = await publisher().publish({ intentJson: rsa.intent({ targets: ['arweave'] }) });
    expect(readReceipt(res.receipt, (await createClient(NodeService, createGrpcTransport({ baseUrl: node.url })).getInfo({})).logVerifierKey).entry.data['creator']).toBe(rsa.address());
  });
});
