import { fromBinary } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, type Client, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import http from 'node:http';
import net from 'node:net';
import { ErrorDetailSchema } from '../../../proto/gen/publisher/v1/common_pb.ts';
import { KeyService } from '../../../proto/gen/publisher/v1/key_pb.ts';
import { NodeService } from '../../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator, type TestCreator } from '../../support/creator.ts';
import { HOSTILE_ADMIN_TOKEN, LEGIT_ADDRESS } from './hostile-node.ts';

/** gRPC over one HTTP/2 connection made from `localAddress` (the node sees that peer address). */
export function grpcFrom(url: string, localAddress: string): Transport {
  const { hostname, port } = new URL(url);
  return createGrpcTransport({
    baseUrl: url,
    nodeOptions: { createConnection: () => net.connect({ host: hostname, port: Number(port), localAddress }) },
  });
}

/** The Connect protocol over HTTP/1.1 from `localAddress`, a new connection per call. */
export function connectFrom(url: string, localAddress: string): Transport {
  return createConnectTransport({ baseUrl: url, httpVersion: '1.1', nodeOptions: { localAddress, agent: false } });
}

/** The refusal's code and reason (from its publisher.v1.ErrorDetail), or 'ok'. */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return describeError(error);
  }
}

export function describeError(error: unknown): string {
  const e = ConnectError.from(error);
  return `${Code[e.code]} ${e.findDetails(ErrorDetailSchema)[0]?.reason ?? '(no reason)'}`;
}

/** The retry hint of a refusal (ErrorDetail metadata retryAfterMs), if any. */
export function retryAfterMs(error: unknown): number | undefined {
  const hint = ConnectError.from(error).findDetails(ErrorDetailSchema)[0]?.metadata['retryAfterMs'];
  return hint === undefined ? undefined : Number(hint);
}

/** The answer of a Connect unary call written by hand: HTTP status, error code and reason, or how it ended. */
export interface RawAnswer {
  status: number;
  code: string | undefined;
  reason: string | undefined;
}

/**
 * One Connect unary call over HTTP/1.1 with raw headers and body (e.g. a gzip bomb), from
 * `localAddress`, on a connection of its own. Status 0: the connection ended without an answer.
 */
export function rawConnectCall(url: string, path: string, headers: Record<string, string>, body: Buffer, localAddress: string): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const req = http.request(`${url}${path}`, { method: 'POST', agent: false, localAddress, headers: { 'content-type': 'application/proto', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: { code?: string; details?: { type: string; value: string }[] } = {};
        try {
          json = JSON.parse(text || '{}') as typeof json;
        } catch {
          // not JSON: a success (protobuf) or something else; the status says which
        }
        const detail = json.details?.find((d) => d.type === 'publisher.v1.ErrorDetail');
        resolve({ status: res.statusCode ?? 0, code: json.code, reason: detail ? fromBinary(ErrorDetailSchema, Buffer.from(detail.value, 'base64')).reason : undefined });
      });
      res.on('error', () => resolve({ status: 0, code: undefined, reason: undefined }));
    });
    // The node may answer and close before the whole body is written; the close can then reset
    // the connection before the answer is read (TCP discards it): that is "connection closed".
    req.on('error', () => resolve({ status: 0, code: undefined, reason: undefined }));
    req.end(body);
  });
}

/** Resolves when the socket is closed, by either side. */
export function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

/** A TCP connection to the node from `localAddress`, once connected. */
export function connectTcp(url: string, localAddress: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port), localAddress }, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined); // a reset by the node is an expected end
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

export interface LegitClient {
  creator: TestCreator;
  node: Client<typeof NodeService>;
  publish: Client<typeof PublishService>;
}

/**
 * A legitimate client: its own peer address, a key the admin registered, gRPC over one HTTP/2
 * connection unless given another transport.
 */
export async function legitClient(url: string, transport: Transport = grpcFrom(url, LEGIT_ADDRESS)): Promise<LegitClient> {
  const creator = newCreator();
  await createClient(KeyService, transport).registerKey(
    { key: { scheme: creator.scheme.name, publicKey: creator.publicKey }, label: 'legitimate' },
    { headers: { authorization: `Bearer ${HOSTILE_ADMIN_TOKEN}` } },
  );
  return { creator, node: createClient(NodeService, transport), publish: createClient(PublishService, transport) };
}

/**
 * One legitimate Publish, retried while the node answers NODE_BUSY with a retry hint (what a
 * well-behaved client does); the time from the first attempt to the answer, and how many retries.
 */
export async function legitPublish(client: LegitClient): Promise<{ ms: number; retries: number; recordId: string }> {
  const started = performance.now();
  const intent = client.creator.intent();
  for (let retries = 0; ; retries++) {
    try {
      const res = await client.publish.publish({ intentJson: intent }, { timeoutMs: 20_000 });
      return { ms: performance.now() - started, retries, recordId: res.recordId };
    } catch (error) {
      const hint = retryAfterMs(error);
      if (describeError(error) !== 'ResourceExhausted NODE_BUSY' || hint === undefined || retries >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, hint));
    }
  }
}

/** Nearest-rank percentiles of latencies in ms. */
export function percentiles(samples: readonly number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: rank(50), p99: rank(99), max: sorted.at(-1) ?? NaN };
}

/** Runs `fn` for every item with at most `concurrency` at once. */
export async function pool<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

/** How many times each value occurs. */
export function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
