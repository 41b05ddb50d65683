import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { KeyService } from '../../proto/gen/publisher/v1/key_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator, type TestCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
let sql: pg.Client;
let creator: TestCreator;
const AUDITED = new Set(['NONCE_REUSED', 'STALE_INTENT', 'UNKNOWN_TARGET', 'KEY_REVOKED']);

beforeAll(async () => {
  // No workers: the row counts below must change only by what intake does.
  node = await startTestNode({ PUBLISHER_INLINE_WORKERS: 'false' });
  sql = new pg.Client({ connectionString: node.databaseUrl });
  await sql.connect();
  creator = newCreator();
  await createClient(KeyService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })).registerKey(
    { key: { scheme: 'secp256k1', publicKey: creator.publicKey } },
    { headers: { authorization: `Bearer ${node.adminToken}` } },
  );
});
afterAll(async () => {
  await sql?.end();
  await node?.stop();
});

async function counts(): Promise<{ records: number; rows: number; audit: number }> {
  const { rows } = await sql.query<{ records: number; nonces: number; publications: number; audit: number }>(
    `SELECT (SELECT count(*) FROM records)::int AS records, (SELECT count(*) FROM nonces)::int AS nonces,
            (SELECT count(*) FROM publications)::int AS publications, (SELECT count(*) FROM log_entries)::int AS audit`,
  );
  const r = rows[0]!;
  return { records: r.records, rows: r.records + r.nonces + r.publications, audit: r.audit };
}

const splice = (text: string, at: number, remove: number, insert: string) => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + remove);
};
const fragment = fc.constantFrom('"a":1,"a":2', '1e400', '\\ud800', '\ud800', '01', ',}', '[[[[[[[[[[', '\ufeff', '"__proto__":{}', 'null', '"', '\\', '}');
const envelopes = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 0xffff })).map(([at, mask]) => {
    const text = creator.intent();
    const i = at % text.length;
    return splice(text, i, 1, String.fromCharCode(text.charCodeAt(i) ^ mask));
  }),
  fc.nat().map((at) => {
    const text = creator.intent();
    return text.slice(0, at % text.length);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 6 }), fragment).map(([at, remove, insert]) => splice(creator.intent(), at, remove, insert)),
  fc.constantFrom('nonce', 'timestamp', 'targets').map((member) =>
    member === 'timestamp' ? creator.intent({ timestamp: '2020-01-01T00:00:00Z' }) : member === 'targets' ? creator.intent({ targets: ['nowhere'] }) : creator.intent({ nonce: 'Zml4ZWQtbm9uY2UtZm9yLWZ1enppbmc' }),
  ),
  fc.constant(null).map(() => creator.intent()),
);

describe('Publish with thousands of hostile envelopes, over Connect and gRPC', () => {
  it('never answers INTERNAL or UNKNOWN, and a refusal leaves no row behind', async () => {
    const clients = [
      createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })),
      createClient(PublishService, createGrpcTransport({ baseUrl: node.url })),
    ];
    await fc.assert(
      fc.asyncProperty(envelopes, fc.nat({ max: 1 }), async (text, which) => {
        const before = await counts();
        const outcome = await clients[which]!.publish({ intentJson: text }).then(
          (res) => (res.duplicate ? 'duplicate' : 'accepted'),
          (error: unknown) => {
            const e = ConnectError.from(error);
            expect([Code.Internal, Code.Unknown]).not.toContain(e.code);
            return e.findDetails(ErrorDetailSchema)[0]?.reason ?? `no reason (${Code[e.code]})`;
          },
        );
        const after = await counts();
        if (outcome === 'accepted') expect(after.records).toBe(before.records + 1);
        else expect(after.rows).toBe(before.rows);
        if (outcome !== 'accepted' && !AUDITED.has(outcome)) expect(after.audit).toBe(before.audit);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers garbage protobuf bodies with INVALID_ARGUMENT on every protocol', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.constantFrom('application/proto', 'application/grpc-web+proto'), async (body, contentType) => {
        const framed = contentType === 'application/proto' ? body : Buffer.concat([Buffer.from([0, 0, 0, 0, body.length]), body]);
        const response = await fetch(`${node.url}/publisher.v1.PublishService/Publish`, { method: 'POST', headers: { 'content-type': contentType }, body: framed });
        const text = Buffer.from(await response.arrayBuffer()).toString('latin1');
        // Whatever the bytes decode to, it is not a valid intent: the caller's fault, never ours.
        if (contentType === 'application/proto') expect([response.status, JSON.parse(text).code]).toEqual([400, 'invalid_argument']);
        else expect(text).toMatch(/grpc-status: ?3\r\n/);
      }),
      { numRuns: 300 },
    );
  });
});
