import { create, toBinary, type DescMethod, type DescService } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, type CallOptions, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../proto/gen/publisher/v1/audit_pb.ts';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { FundingService } from '../../proto/gen/publisher/v1/funding_pb.ts';
import { KeyService } from '../../proto/gen/publisher/v1/key_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { messageArbitrary } from '../support/message-arbitraries.ts';
import { envelope, grpcRaw, grpcWebRaw, hostileRequests, sendHostile } from '../support/raw-rpc.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

/**
 * Every method of every service, driven with arbitrary field values over every protocol, with and
 * without the admin token, then with malformed bodies and frames: no answer is INTERNAL or
 * UNKNOWN, every refusal carries its reason, and the node logs nothing at error level (api.md,
 * "Errors"; issue 16). Run counts are fixed, not timed.
 */
const SERVICES: readonly DescService[] = [NodeService, PublishService, KeyService, FundingService, AuditService];
/** Served on the native gRPC port too (server/node.ts). */
const NATIVE = new Set([NodeService.typeName, PublishService.typeName]);
const RUNS_PER_METHOD = 40;
const RAW_RUNS = 200;

const logged: { level: number; msg: string; err?: { message?: string } }[] = [];
/** Lines at error level or above, from the `from`th line logged on, as `message: error`. */
const errorLines = (from = 0) => logged.slice(from).filter((line) => line.level >= 50).map((line) => `${line.msg}: ${line.err?.message ?? ''}`);
let node: TestNode;
let words: Record<string, string[]>;
let transports: Record<string, Transport>;

beforeAll(async () => {
  const log = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
  // BSV so that FundingService goes past "no UTXO chain"; no workers, so records stay as published.
  node = await startTestNode({ PUBLISHER_CHAINS: 'bsv', PUBLISHER_INLINE_WORKERS: 'false', PUBLISHER_INTAKE_THREADS: '1', PUBLISHER_GRPC_PORT: '0' }, { log });
  transports = {
    'connect+json': createConnectTransport({ baseUrl: node.url, httpVersion: '1.1', useBinaryFormat: false }),
    'connect+proto': createConnectTransport({ baseUrl: node.url, httpVersion: '2' }),
    grpc: createGrpcTransport({ baseUrl: node.url }),
    'grpc-web': createGrpcWebTransport({ baseUrl: node.url, httpVersion: '1.1' }),
    'native grpc': createGrpcTransport({ baseUrl: node.grpcUrl! }),
  };
  words = await wordsPastTheFirstChecks();
});
afterAll(async () => {
  await node?.stop();
  // Also what no single call was blamed for: lines logged between calls or while stopping.
  expect(errorLines()).toEqual([]);
});

/** Values that pass a method's first checks, by field name, so that arbitrary values reach its deeper paths and SQL. */
async function wordsPastTheFirstChecks(): Promise<Record<string, string[]>> {
  const admin = { headers: { authorization: `Bearer ${node.adminToken}` } };
  const keys = createClient(KeyService, transports['grpc']!);
  const publish = createClient(PublishService, transports['grpc']!);
  const alice = newCreator();
  await keys.registerKey({ key: { scheme: 'secp256k1', publicKey: alice.publicKey }, label: 'alice' }, admin);
  const records = [await publish.publish({ intentJson: alice.intent() }), await publish.publish({ intentJson: alice.intent() })];
  const recordsPage = await publish.listRecords({ creator: alice.address(), pageSize: 1 });
  await keys.registerKey({ key: { scheme: 'secp256k1', publicKey: newCreator().publicKey } }, admin);
  const keysPage = await keys.listKeys({ pageSize: 1 }, admin);
  const funding = node.chains.get('bsv')!.adapter.funding;
  const outputs = funding.model === 'utxo' ? await funding.listUnspent() : [];
  // A well-formed 4096-bit modulus (top bit set, odd), and fresh keys, each registrable once.
  const modulus = randomBytes(512);
  modulus[0]! |= 0x80;
  modulus[511]! |= 1;
  const recordIds = [...records.map((r) => r.recordId), 'ab'.repeat(32)];
  const intents = [alice.intent(), alice.intent(), alice.intent({ targets: ['arweave'] }), alice.intent({ timestamp: '2020-01-01T00:00:00Z' })];
  return {
    scheme: ['secp256k1', 'secp256k1', 'secp256k1', 'arweave-rsa-pss'],
    public_key: [alice.publicKey, ...Array.from({ length: 12 }, () => newCreator().publicKey), modulus.toString('base64url')],
    record_id: recordIds,
    creator: [alice.address()],
    page_token: [recordsPage.nextPageToken, keysPage.nextPageToken, Buffer.from(`2024-01-01T00:00:00.000Z|${'ab'.repeat(32)}`).toString('base64url')],
    txid: [...outputs.map((o) => o.txid), 'ab'.repeat(32)],
    intent_json: intents,
    intent_jsons: intents,
  };
}

/** The admin token most of the time: only then do admin methods get past their first check. */
const AUTH_CHOICE = fc.constantFrom<keyof typeof AUTH>('admin', 'admin', 'admin', 'none', 'wrong');
const AUTH = {
  admin: () => ({ authorization: `Bearer ${node.adminToken}` }),
  none: () => ({}),
  wrong: () => ({ authorization: 'Bearer not-the-admin-token' }),
};

/** The call's error (undefined if it succeeded); a stream is read to its first message only. */
async function call(service: DescService, method: DescMethod, transport: Transport, message: unknown, headers: Record<string, string>): Promise<ConnectError | undefined> {
  const client = createClient(service, transport) as unknown as Record<string, (input: unknown, options: CallOptions) => unknown>;
  const fn = client[method.localName]!;
  try {
    if (method.methodKind === 'server_streaming') {
      const controller = new AbortController();
      for await (const _ of fn(message, { headers, signal: controller.signal }) as AsyncIterable<unknown>) break;
      controller.abort();
    } else {
      await fn(message, { headers });
    }
    return undefined;
  } catch (error) {
    return ConnectError.from(error);
  }
}

/** A typed answer, and nothing logged at error level since the `mark`th line. */
function expectTyped(error: ConnectError | undefined, mark: number, context: string): void {
  if (error) {
    expect([Code.Internal, Code.Unknown], `${context}: ${error.message}`).not.toContain(error.code);
    expect(error.findDetails(ErrorDetailSchema)[0]?.reason, `${context}: no reason in ${error.message}`).toBeDefined();
  }
  expect(errorLines(mark), context).toEqual([]);
}

/** fc.assert, with repeats in the counterexample shortened so that a report stays readable. */
async function holds<Ts extends unknown[]>(property: fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
  const details = await fc.check(property, { numRuns });
  if (!details.failed) return;
  const shorten = (text: string) => text.replace(/([^]{1,6}?)\1{10,}/g, (run, unit: string) => `${unit}…(×${run.length / unit.length})`);
  throw new Error(`property failed (seed ${details.seed}, path ${details.counterexamplePath}) on ${shorten(fc.stringify(details.counterexample))}\n${shorten(String(details.errorInstance))}`);
}

const methods = SERVICES.flatMap((service) => service.methods.map((method) => [`${service.name}.${method.name}`, service, method] as const));

describe('every RPC with arbitrary field values, over Connect (JSON and binary), gRPC, gRPC-Web and the native gRPC port', () => {
  it.each(methods)('%s answers a typed refusal or a result, never INTERNAL or UNKNOWN, and logs no error', async (_name, service, method) => {
    const names = Object.keys(transports).filter((name) => name !== 'native grpc' || NATIVE.has(service.typeName));
    await holds(
      fc.asyncProperty(messageArbitrary(method.input, { words }), fc.constantFrom(...names), AUTH_CHOICE, async (message, transport, auth) => {
        const mark = logged.length;
        const error = await call(service, method, transports[transport]!, message, AUTH[auth]());
        expectTyped(error, mark, `${transport}, ${auth} token`);
      }),
      RUNS_PER_METHOD,
    );
  });
});

describe('malformed bodies and frames on every method and protocol', () => {
  it('are refused with a typed status (or plain HTTP 4xx), never INTERNAL or UNKNOWN, and log no error', async () => {
    const everyMethod = methods.map(([, , method]) => method);
    await holds(
      fc.asyncProperty(fc.constantFrom(...everyMethod), hostileRequests, AUTH_CHOICE, async (method, request, auth) => {
        const mark = logged.length;
        const answer = await sendHostile(node.url, method, request, AUTH[auth]());
        const context = `${request.protocol} ${method.parent.name}.${method.name}: ${JSON.stringify(answer)}`;
        if (answer.code === undefined) expect(answer.http, context).toBeLessThan(500);
        else expect([Code.Internal, Code.Unknown], context).not.toContain(answer.code);
        if (answer.code) expect(answer.reason, context).toBeDefined();
        expect(errorLines(mark), context).toEqual([]);
      }),
      RAW_RUNS,
    );
  });

  it('a frame flagged compressed without an encoding is INVALID_ARGUMENT on every method, over gRPC and gRPC-Web', async () => {
    const mark = logged.length;
    for (const [name, , method] of methods) {
      const path = `/${method.parent.typeName}/${method.name}`;
      const frame = envelope(1, toBinary(method.input, create(method.input)));
      for (const send of [grpcRaw, grpcWebRaw]) {
        const answer = await send(node.url, path, frame, AUTH.admin());
        expect(answer, name).toMatchObject({ code: Code.InvalidArgument, reason: 'INVALID_REQUEST' });
      }
    }
    expect(errorLines(mark)).toEqual([]);
  });
});
