import { ConnectError } from '@connectrpc/connect';
import { codeToHttpStatus, endStreamFlag, errorToJson, errorToJsonBytes } from '@connectrpc/connect/protocol-connect';
import { setTrailerStatus } from '@connectrpc/connect/protocol-grpc';
import { trailerFlag, trailerSerialize } from '@connectrpc/connect/protocol-grpc-web';
import http2 from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Req = IncomingMessage | http2.Http2ServerRequest;
type Res = ServerResponse | http2.Http2ServerResponse;

/**
 * Answers a call with an error before its body is read (a refused admin token, a peer over its
 * rate, a body larger than the method allows), in the protocol the call used, as connect-es itself
 * would answer it: gRPC trailers-only, a gRPC-Web trailer frame, a Connect end-of-stream message,
 * or a Connect unary error. The body is never kept: HTTP/1.1 closes the connection after the
 * answer, HTTP/2 drops what still comes, then resets the stream (drainThenClose).
 */
export function writeEarlyRefusal(req: Req, res: Res, error: ConnectError): void {
  const contentType = String(req.headers['content-type'] ?? '');
  let status = 200;
  const headers: Record<string, string> = {};
  let body: Uint8Array;
  if (/^application\/grpc-web/i.test(contentType)) {
    const trailer = trailerSerialize(setTrailerStatus(new Headers(), error));
    const frame = envelope(trailerFlag, trailer);
    headers['content-type'] = contentType;
    body = /^application\/grpc-web-text/i.test(contentType) ? new TextEncoder().encode(Buffer.from(frame).toString('base64')) : frame;
  } else if (/^application\/grpc/i.test(contentType)) {
    headers['content-type'] = contentType;
    setTrailerStatus(new Headers(), error).forEach((value, key) => (headers[key] = value));
    body = new Uint8Array(0);
  } else if (/^application\/connect\+/i.test(contentType)) {
    headers['content-type'] = contentType;
    body = envelope(endStreamFlag, new TextEncoder().encode(JSON.stringify({ error: errorToJson(error, undefined) })));
  } else {
    status = codeToHttpStatus(error.code);
    headers['content-type'] = 'application/json';
    body = errorToJsonBytes(error, {});
  }
  const unread = !req.complete;
  if (unread && req.httpVersionMajor === 1) headers['connection'] = 'close';
  if (body.byteLength === 0 && 'stream' in res) {
    res.stream.respond({ ':status': status, ...headers }, { endStream: true }); // gRPC's trailers-only form
  } else {
    headers['content-length'] = String(body.byteLength);
    res.writeHead(status, headers);
    res.end(body);
  }
  if (unread && 'stream' in req) drainThenClose(req);
}

/** What an early-refused HTTP/2 call may still send (and the node discard) before its stream is reset. */
const DRAIN_BYTES = 1024 * 1024;
const DRAIN_MS = 10_000;

/**
 * Some clients (connect-node's HTTP/2 transport) fail a call whose stream is reset while they are
 * still sending, though its answer is complete ("Premature close"), so a refused call's body is
 * read and dropped, up to 1 MiB or 10 s; past either, the stream is reset with NO_ERROR
 * (RFC 9113 §8.1: the answer is complete, stop sending). Nothing of it is kept.
 */
function drainThenClose(req: http2.Http2ServerRequest): void {
  const stream = req.stream;
  const close = () => {
    clearTimeout(timer);
    if (!stream.closed) stream.close(http2.constants.NGHTTP2_NO_ERROR);
  };
  const timer = setTimeout(close, DRAIN_MS).unref();
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.byteLength;
    if (drained > DRAIN_BYTES) close();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}

function envelope(flags: number, data: Uint8Array): Uint8Array {
  const frame = new Uint8Array(5 + data.byteLength);
  frame[0] = flags;
  new DataView(frame.buffer).setUint32(1, data.byteLength);
  frame.set(data, 5);
  return frame;
}
