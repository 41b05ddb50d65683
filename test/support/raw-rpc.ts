import http2 from 'node:http2';
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
