import type { ConnectError } from '@connectrpc/connect';
import type { UniversalHandler } from '@connectrpc/connect/protocol';
import http2 from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PublisherError } from '../../core/errors/index.ts';
import type { ServerLimits } from '../config/index.ts';
import { writeEarlyRefusal } from './early-refusal.ts';
import type { AdminCheck } from './interceptors/admin-auth-interceptor.ts';
import { toConnectError } from './interceptors/error-interceptor.ts';
import { createPeerLimiter } from './peer-limiter.ts';

type Req = IncomingMessage | http2.Http2ServerRequest;
type Res = ServerResponse | http2.Http2ServerResponse;
type Body = AsyncIterable<Uint8Array>;

/** Why a call was refused or cut by the gate (for metrics). */
export type GateRefusal = 'admin_token' | 'peer_rate' | 'too_large' | 'connection_budget' | 'body_budget' | 'body_timeout';

export interface RequestGateOptions {
  limits: ServerLimits;
  /** The largest body each method takes (after decompression), by handler. */
  maxBytes: (handler: UniversalHandler) => number;
  adminServices: ReadonlySet<string>;
  adminCheck: AdminCheck;
  observe?: (refusal: GateRefusal) => void;
}

export interface RequestGate {
  /**
   * Decides a call from its headers, before any of its body is read. Refused: the answer is
   * written and null returned. Admitted: a wrapper for the body that keeps counting as it streams.
   */
  admit(req: Req, res: Res, handler: UniversalHandler): ((body: Body) => Body) | null;
  /** Request body bytes held right now by calls in progress. */
  bodyBytesInFlight(): number;
  /** Counts a plain HTTP request (/metrics, /healthz, the page) against its peer's call rate; false when over it. */
  takePlainCall(req: Req): boolean;
}

const RETRY_AFTER_MS = '1000';

/**
 * The cheap checks every call passes before the node spends memory or CPU on it: the admin token
 * (from the header), the peer's call rate, the declared size, and the node-wide budget of request
 * bytes in flight; then, while the body streams, its size, the peer's byte rate, the budget again,
 * and time (a body that stalls for `bodyIdleTimeoutMs`, or is not complete within
 * `requestTimeoutMs`, is cut).
 */
export function createRequestGate({ limits, maxBytes, adminServices, adminCheck, observe = () => undefined }: RequestGateOptions): RequestGate {
  const peers = createPeerLimiter({ callsPerSecond: limits.peerCallsPerSecond, bytesPerSecond: limits.peerBytesPerSecond });
  let inFlight = 0;
  /** Body bytes held per connection (an HTTP/2 session, or an HTTP/1.1 socket). */
  const perConnection = new WeakMap<object, number>();

  const refuse = (req: Req, res: Res, kind: GateRefusal, error: PublisherError): null => {
    observe(kind);
    writeEarlyRefusal(req, res, toConnectError(error));
    return null;
  };

  return {
    bodyBytesInFlight: () => inFlight,
    takePlainCall(req) {
      if (peers.takeCall(req.socket?.remoteAddress ?? '')) return true;
      observe('peer_rate');
      return false;
    },
    admit(req, res, handler) {
      const service = handler.service.typeName;
      if (adminServices.has(service)) {
        const refusal = adminCheck(service, req.headers.authorization);
        if (refusal) return refuse(req, res, 'admin_token', refusal);
      }
      const peer = req.socket?.remoteAddress ?? '';
      if (!peers.takeCall(peer)) {
        return refuse(req, res, 'peer_rate', new PublisherError('PEER_RATE_LIMITED', 'too many calls or bytes from this address; slow down and retry', { metadata: { retryAfterMs: RETRY_AFTER_MS } }));
      }
      const max = maxBytes(handler);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > max) return refuse(req, res, 'too_large', tooLarge(max));
      if (inFlight >= limits.bodyBytesInFlight) return refuse(req, res, 'body_budget', nodeBusy());

      const connection: object = 'stream' in req ? req.stream.session ?? req.stream : req.socket;
      let held = 0;
      res.once('close', () => {
        inFlight -= held;
        perConnection.set(connection, (perConnection.get(connection) ?? held) - held);
        held = 0;
      });
      const started = Date.now();
      const cut = (kind: GateRefusal, error: PublisherError): ConnectError => {
        observe(kind);
        if (kind === 'body_timeout') dropRequest(req);
        return toConnectError(error);
      };
      return (body) =>
        (async function* guarded() {
          // Not returned when the reader stops early: that would destroy the request, and with it
          // the connection the refusal is to be written on (rpc-handler.ts ends it after the answer).
          const chunks = body[Symbol.asyncIterator]();
          for (;;) {
            const wait = Math.min(limits.bodyIdleTimeoutMs, started + limits.requestTimeoutMs - Date.now());
            const next = await within(chunks.next(), wait);
            if (next === TIMED_OUT) throw cut('body_timeout', new PublisherError('REQUEST_TIMEOUT', 'the request body stalled or took too long; send it at once'));
            if (next.done) return;
            const n = next.value.byteLength;
            held += n;
            inFlight += n;
            const onConnection = (perConnection.get(connection) ?? 0) + n;
            perConnection.set(connection, onConnection);
            if (held > max) throw cut('too_large', tooLarge(max));
            if (onConnection > limits.bodyBytesPerConnection) throw cut('connection_budget', connectionFull(limits.bodyBytesPerConnection));
            if (inFlight > limits.bodyBytesInFlight) throw cut('body_budget', nodeBusy());
            if (!peers.takeBytes(peer, n)) throw cut('peer_rate', new PublisherError('PEER_RATE_LIMITED', 'too many bytes from this address; slow down and retry', { metadata: { retryAfterMs: RETRY_AFTER_MS } }));
            yield next.value;
          }
        })();
    },
  };
}

function tooLarge(max: number): PublisherError {
  return new PublisherError('REQUEST_TOO_LARGE', `this method takes requests of at most ${max} bytes`, { metadata: { maxBytes: String(max) } });
}

function connectionFull(max: number): PublisherError {
  return new PublisherError('REQUEST_TOO_LARGE', `the calls of one connection may hold at most ${max} bytes of request bodies at once`, { metadata: { maxBytes: String(max) } });
}

function nodeBusy(): PublisherError {
  return new PublisherError('NODE_BUSY', 'the node is holding as many request bytes as it allows; retry shortly', { metadata: { retryAfterMs: RETRY_AFTER_MS } });
}

const TIMED_OUT = Symbol('timed out');

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms))));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stops a stalled upload: HTTP/2 resets the stream, HTTP/1.1 closes the connection. */
function dropRequest(req: Req): void {
  if ('stream' in req) {
    if (!req.stream.closed) req.stream.close(http2.constants.NGHTTP2_CANCEL);
  } else {
    req.socket.destroy();
  }
}
