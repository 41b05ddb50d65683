import { Code, ConnectError } from '@connectrpc/connect';
import type { UniversalServerResponse } from '@connectrpc/connect/protocol';
import { codeToHttpStatus, createEndStreamSerialization, endStreamFlag, errorFromJsonBytes, errorToJsonBytes } from '@connectrpc/connect/protocol-connect';
import { findTrailerError, setTrailerStatus } from '@connectrpc/connect/protocol-grpc';
import { trailerFlag, trailerParse, trailerSerialize } from '@connectrpc/connect/protocol-grpc-web';
import type { Reason } from '../../core/errors/index.ts';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';

/**
 * Faults of the request that connect-es reports as INTERNAL, by their message (connect-es 2.x):
 * a body that is not the method's protobuf message ("parse binary"; our own responses fail as
 * "serialize binary"), a message flagged compressed without a declared encoding, a compressed
 * body zlib cannot finish, and "internal error", connect-es' wrapping of a non-ConnectError it met
 * while decoding a request (e.g. bad base64 in a Connect GET). Handlers' own surprises never look
 * like that: the error interceptor answers them "internal error; the node logged the details".
 */
const CLIENT_FAULTS = [/^parse binary: /, /^received compressed envelope, but do not know how to decompress$/, /^decompression failed$/, /^internal error$/];

/**
 * The status a client should get for an error status connect-es wrote before any interceptor ran,
 * or undefined to leave it as it is. A malformed request is the caller's fault, and api.md
 * promises that no input produces INTERNAL: such faults become INVALID_ARGUMENT (docs/decisions.md,
 * "Protocol faults of the client"). Every refusal carries a reason, so connect-es' own get one in
 * an ErrorDetail, leading the message as the interceptor's refusals do.
 */
export function clientFaultStatus(error: ConnectError): ConnectError | undefined {
  const fault = error.code === Code.Internal && CLIENT_FAULTS.some((pattern) => pattern.test(error.rawMessage));
  const code = fault ? Code.InvalidArgument : error.code;
  const reason = REASONS.get(code);
  if (!reason || error.findDetails(ErrorDetailSchema).length > 0) return undefined;
  const fixed = new ConnectError(`${reason}: ${error.rawMessage}`, code);
  fixed.details = [...error.details, { desc: ErrorDetailSchema, value: { reason } }];
  return fixed;
}

/**
 * connect-es refuses a request as INVALID_ARGUMENT when it cannot read it, RESOURCE_EXHAUSTED only
 * when it exceeds readMaxBytes, UNIMPLEMENTED for an unknown compression or a unary call without
 * exactly one message (as gRPC specifies both).
 */
const REASONS = new Map<Code, Reason>([
  [Code.InvalidArgument, 'INVALID_REQUEST'],
  [Code.ResourceExhausted, 'REQUEST_TOO_LARGE'],
  [Code.Unimplemented, 'UNSUPPORTED_REQUEST'],
]);

/**
 * Applies clientFaultStatus to a response of any of the three protocols: the JSON body of a
 * Connect unary error, the end-of-stream message of a Connect stream, the status headers or
 * trailers of gRPC, the trailer frame of gRPC-Web. Compressed error bodies are left alone (connect
 * compresses only bodies of 1 KiB and more, which its own protocol errors never reach).
 */
export async function reclassifyParseErrors(res: UniversalServerResponse): Promise<UniversalServerResponse> {
  const type = res.header?.get('content-type') ?? '';
  if (res.status !== 200 && type.startsWith('application/json') && res.body && !res.header?.has('content-encoding')) {
    return fixConnectUnary(res, res.body);
  }
  if (res.body && type.startsWith('application/connect+')) return { ...res, body: fixFrames(res.body, endStreamFlag, fixEndStream) };
  if (res.body && type.startsWith('application/grpc-web')) return { ...res, body: fixFrames(res.body, trailerFlag, fixGrpcWebTrailer) };
  if (type.startsWith('application/grpc')) {
    fixGrpcStatus(res.header);
    // connect-es sets the trailer while the body is read, so it is fixed once the body has ended.
    if (!res.body) fixGrpcStatus(res.trailer);
    else return { ...res, body: afterward(res.body, () => fixGrpcStatus(res.trailer)) };
  }
  return res;
}

async function fixConnectUnary(res: UniversalServerResponse, body: AsyncIterable<Uint8Array>): Promise<UniversalServerResponse> {
  const bytes = await collect(body);
  const fixed = attempt(() => clientFaultStatus(errorFromJsonBytes(bytes, undefined, new ConnectError('not a Connect error', Code.Unknown))));
  if (!fixed) return { ...res, body: once(bytes) };
  const json = errorToJsonBytes(fixed, {});
  res.header?.set('content-length', String(json.byteLength));
  return { ...res, status: codeToHttpStatus(fixed.code), body: once(json) };
}

/** Rewrites the status in gRPC headers or trailers; true if it changed. */
function fixGrpcStatus(headers: Headers | undefined): boolean {
  const error = headers && findTrailerError(headers);
  const fixed = error && clientFaultStatus(error);
  if (!headers || !fixed) return false;
  headers.delete('grpc-status-details-bin');
  setTrailerStatus(headers, fixed);
  return true;
}

const endStream = createEndStreamSerialization({});

function fixEndStream(data: Uint8Array): Uint8Array | undefined {
  const end = attempt(() => endStream.parse(data));
  const fixed = end?.error && clientFaultStatus(end.error);
  return end && fixed && endStream.serialize({ metadata: end.metadata, error: fixed });
}

function fixGrpcWebTrailer(data: Uint8Array): Uint8Array | undefined {
  const trailer = trailerParse(data);
  return fixGrpcStatus(trailer) ? trailerSerialize(trailer) : undefined;
}

/** What connect-es wrote is read back with its own parsers; should one fail, the response stays as it was. */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * Rewrites the one envelope flagged `flag` (end of stream, or gRPC-Web trailers). connect-es
 * writes each envelope as one chunk; a chunk that is not exactly one uncompressed envelope passes
 * unchanged.
 */
async function* fixFrames(body: AsyncIterable<Uint8Array>, flag: number, fix: (data: Uint8Array) => Uint8Array | undefined): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const whole = chunk.byteLength >= 5 && view.getUint32(1) === chunk.byteLength - 5;
    const fixed = whole && chunk[0] === flag ? fix(chunk.subarray(5)) : undefined;
    if (!fixed) {
      yield chunk;
      continue;
    }
    const frame = new Uint8Array(5 + fixed.byteLength);
    frame[0] = flag;
    new DataView(frame.buffer).setUint32(1, fixed.byteLength);
    frame.set(fixed, 5);
    yield frame;
  }
}

async function* afterward(body: AsyncIterable<Uint8Array>, done: () => void): AsyncIterable<Uint8Array> {
  yield* body;
  done();
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
