import type { DescMethod } from '@bufbuild/protobuf';
import fc from 'fast-check';
import http2 from 'node:http2';
import { gzipSync } from 'node:zlib';
import { Code, ConnectError } from '@connectrpc/connect';
import { endStreamFromJson, errorFromJsonBytes } from '@connectrpc/connect/protocol-connect';
import { findTrailerError } from '@connectrpc/connect/protocol-grpc';
import { trailerParse } from '@connectrpc/connect/protocol-grpc-web';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';

/**
 * Requests written byte by byte, for what no client library sends: malformed bodies and frames.
 * Each answer is read back to the status a client would see.
 */
export interface RawOutcome {
  /** The HTTP status. */
  http: number;
  /** The RPC status code (0 = OK), or undefined when the answer is plain HTTP (404, 415, …). */
  code: Code | 0 | undefined;
  /** The ErrorDetail reason, if the error carries one. */
  reason: string | undefined;
  message: string;
}

/** One length-prefixed message (gRPC, gRPC-Web, Connect streams). */
export function envelope(flags: number, data: Uint8Array): Uint8Array {
  const frame = new Uint8Array(5 + data.byteLength);
  frame[0] = flags;
  new DataView(frame.buffer).setUint32(1, data.byteLength);
  frame.set(data, 5);
  return frame;
}

/** The status in gRPC headers or trailers; none at all is UNKNOWN, as a client would say. */
function grpcStatus(fields: Headers): ConnectError | undefined {
  return fields.has('grpc-status') ? findTrailerError(fields) : new ConnectError('no grpc-status', Code.Unknown);
}

function outcome(http: number, error: ConnectError | undefined): RawOutcome {
  return { http, code: error ? error.code : 0, reason: error?.findDetails(ErrorDetailSchema)[0]?.reason, message: error?.rawMessage ?? '' };
}

function frames(bytes: Uint8Array): { flags: number; data: Uint8Array }[] {
  const found: { flags: number; data: Uint8Array }[] = [];
  for (let at = 0; at + 5 <= bytes.byteLength; ) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + at + 1, 4).getUint32(0);
    found.push({ flags: bytes[at]!, data: bytes.subarray(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return found;
}

/** A Connect request (unary: `application/proto|json`; stream: `application/connect+proto|json`) over HTTP/1.1. */
export async function connectRaw(baseUrl: string, path: string, body: Uint8Array | string, headers: Record<string, string>, method = 'POST'): Promise<RawOutcome> {
  const init: RequestInit = method === 'GET' ? { method, headers } : { method, headers, body };
  const response = await fetch(`${baseUrl}${path}`, init);
  const type = response.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (type.startsWith('application/connect+')) {
    const end = frames(bytes).find((f) => (f.flags & 0x02) === 0x02);
    return outcome(response.status, end ? endStreamFromJson(end.data).error : new ConnectError('no end of stream', Code.Unknown));
  }
  if (response.status === 200) return outcome(200, undefined);
  if (!type.startsWith('application/json')) return { http: response.status, code: undefined, reason: undefined, message: '' };
  return outcome(response.status, errorFromJsonBytes(bytes, undefined, new ConnectError('not a Connect error body', Code.Unknown)));
}

/** A gRPC-Web request over HTTP/1.1; its status is in the trailer frame (or, with no body, in the headers). */
export async function grpcWebRaw(baseUrl: string, path: string, body: Uint8Array, headers: Record<string, string>): Promise<RawOutcome> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/grpc-web+proto', ...headers }, body });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!(response.headers.get('content-type') ?? '').startsWith('application/grpc-web')) return { http: response.status, code: undefined, reason: undefined, message: '' };
  const trailer = frames(bytes).find((f) => (f.flags & 0x80) === 0x80);
  return outcome(response.status, grpcStatus(trailer ? trailerParse(trailer.data) : response.headers));
}

/** A gRPC request over cleartext HTTP/2. */
export async function grpcRaw(baseUrl: string, path: string, body: Uint8Array, headers: Record<string, string>): Promise<RawOutcome> {
  const session = http2.connect(baseUrl);
  try {
    return await new Promise<RawOutcome>((resolve, reject) => {
      const req = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers', ...headers });
      let status = 0;
      const seen = new Headers();
      const keep = (fields: http2.IncomingHttpHeaders) => {
        for (const [key, value] of Object.entries(fields)) if (!key.startsWith(':') && typeof value === 'string') seen.set(key, value);
      };
      req.on('response', (fields) => {
        status = Number(fields[':status']);
        keep(fields);
      });
      req.on('trailers', keep);
      req.on('data', () => undefined);
      req.on('end', () => {
        if (!(seen.get('content-type') ?? '').startsWith('application/grpc')) resolve({ http: status, code: undefined, reason: undefined, message: '' });
        else resolve(outcome(status, grpcStatus(seen)));
      });
      req.on('error', reject);
      req.end(body);
    });
  } finally {
    session.close();
  }
}

export type Protocol = 'connect' | 'connect-get' | 'grpc' | 'grpc-web';

/** A body as a hostile client may send it, framed or not. */
const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 80 }).map((bytes) => ({ bytes, headers: {} })),
  fc.tuple(fc.constantFrom(0, 1, 2, 0x80, 0xff), fc.uint8Array({ maxLength: 80 })).map(([flags, data]) => ({ bytes: envelope(flags, data), headers: {} })),
  fc.uint8Array({ maxLength: 80 }).map((data) => ({ bytes: envelope(1, gzipSync(data).subarray(0, Math.max(1, data.length % 20))), headers: { 'grpc-encoding': 'gzip' } })),
  fc.uint8Array({ maxLength: 80 }).map((data) => ({ bytes: envelope(1, data), headers: { 'grpc-encoding': 'identity' } })),
);
const jsonBodies = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.json(),
  fc.dictionary(fc.constantFrom('recordId', 'creator', 'pageSize', 'pageToken', 'fromSeq', 'key', 'quota', 'label', 'outpoints', 'intentJsons', 'status'), fc.jsonValue(), { maxKeys: 4 }).map((o) => JSON.stringify(o)),
);

export interface HostileRequest {
  protocol: Protocol;
  /** What is sent as protobuf: bytes, frames, compressed frames that are not, with their headers. */
  binary: { bytes: Uint8Array; headers: Record<string, string> };
  /** What is sent as JSON, when `asJson`. */
  json: string;
  asJson: boolean;
}

/** Requests no client library would send, for any protocol the node speaks. */
export const hostileRequests: fc.Arbitrary<HostileRequest> = fc.record({
  protocol: fc.constantFrom<Protocol>('connect', 'connect-get', 'grpc', 'grpc-web'),
  binary: bodies,
  json: jsonBodies,
  asJson: fc.boolean(),
});

/** Sends a hostile request to a method, in its protocol's framing (a Connect stream for a server-streaming method). */
export async function sendHostile(baseUrl: string, method: DescMethod, { protocol, binary, json, asJson }: HostileRequest, auth: Record<string, string>): Promise<RawOutcome> {
  const path = `/${method.parent.typeName}/${method.name}`;
  const streaming = method.methodKind === 'server_streaming';
  switch (protocol) {
    case 'grpc':
      return grpcRaw(baseUrl, path, binary.bytes, { ...auth, ...binary.headers });
    case 'grpc-web':
      return grpcWebRaw(baseUrl, path, binary.bytes, { ...auth, ...binary.headers });
    case 'connect-get': {
      const message = asJson ? encodeURIComponent(json) : Buffer.from(binary.bytes).toString('base64url');
      return connectRaw(baseUrl, `${path}?encoding=${asJson ? 'json' : 'proto'}&message=${message}${asJson ? '' : '&base64=1'}`, '', auth, 'GET');
    }
    case 'connect': {
      const type = `application/${streaming ? 'connect+' : ''}${asJson ? 'json' : 'proto'}`;
      const body = asJson ? (streaming ? envelope(0, new TextEncoder().encode(json)) : json) : binary.bytes;
      const encoding = binary.headers['grpc-encoding'] ? { [streaming ? 'connect-content-encoding' : 'content-encoding']: binary.headers['grpc-encoding'] } : {};
      return connectRaw(baseUrl, path, body, { 'content-type': type, ...auth, ...(asJson ? {} : encoding) });
    }
  }
}
