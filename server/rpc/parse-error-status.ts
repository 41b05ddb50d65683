import type { UniversalServerResponse } from '@connectrpc/connect/protocol';

/**
 * connect-es answers a request body that is not valid protobuf with INTERNAL ("parse binary: …"),
 * before any interceptor runs. A malformed request is the caller's fault, and api.md promises that
 * no input produces INTERNAL, so such responses are re-labelled INVALID_ARGUMENT here, for each of
 * the three protocols. Only the request parser writes "parse binary"; serialising our own responses
 * fails as "serialize binary" and stays INTERNAL.
 */
export async function reclassifyParseErrors(res: UniversalServerResponse): Promise<UniversalServerResponse> {
  if (res.status === 500 && res.header?.get('content-type')?.startsWith('application/json') && res.body) {
    const body = await collect(res.body);
    const text = new TextDecoder().decode(body);
    const parsed = JSON.parse(text) as { code?: string; message?: string };
    if (parsed.code === 'internal' && parsed.message?.startsWith('parse binary')) {
      const fixed = new TextEncoder().encode(JSON.stringify({ ...parsed, code: 'invalid_argument' }));
      res.header.set('content-length', String(fixed.byteLength));
      return { ...res, status: 400, body: once(fixed) };
    }
    return { ...res, body: once(body) };
  }
  fixGrpcHeaders(res.header);
  fixGrpcHeaders(res.trailer);
  if (res.body && res.header?.get('content-type')?.startsWith('application/grpc-web')) {
    return { ...res, body: fixGrpcWebTrailer(res.body) };
  }
  return res;
}

function isParseFailure(status: string | null | undefined, message: string | null | undefined): boolean {
  return status === '13' && (message ?? '').startsWith('parse%20binary');
}

function fixGrpcHeaders(headers: Headers | undefined): void {
  if (headers && isParseFailure(headers.get('grpc-status'), headers.get('grpc-message'))) headers.set('grpc-status', '3');
}

/** A gRPC-Web trailer is a body frame flagged 0x80 holding HTTP/1-style header lines. */
async function* fixGrpcWebTrailer(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    if (chunk[0] !== 0x80 || chunk.byteLength < 5) {
      yield chunk;
      continue;
    }
    const text = new TextDecoder().decode(chunk.subarray(5));
    const lines = new Map(text.split('\r\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    if (!isParseFailure(lines.get('grpc-status'), lines.get('grpc-message'))) {
      yield chunk;
      continue;
    }
    lines.set('grpc-status', '3');
    const payload = new TextEncoder().encode([...lines].map(([k, v]) => `${k}: ${v}\r\n`).join(''));
    const frame = new Uint8Array(5 + payload.byteLength);
    frame[0] = 0x80;
    new DataView(frame.buffer).setUint32(1, payload.byteLength);
    frame.set(payload, 5);
    yield frame;
  }
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
