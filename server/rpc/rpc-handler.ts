import { Code, ConnectError, createConnectRouter, type ConnectRouter, type ConnectRouterOptions } from '@connectrpc/connect';
import type { DescMethod } from '@bufbuild/protobuf';
import type { UniversalHandlerOptions } from '@connectrpc/connect/protocol';
import { universalRequestFromNodeRequest, universalResponseToNodeResponse } from '@connectrpc/connect-node';
import http2 from 'node:http2';
import type { Logger } from 'pino';
import type { RequestHandler } from '../http/listen.ts';
import { boundedCompressions } from './bounded-compression.ts';
import { reclassifyParseErrors } from './parse-error-status.ts';
import type { RequestGate } from './request-gate.ts';

export interface RpcHandlerOptions extends ConnectRouterOptions {
  routes: (router: ConnectRouter) => void;
  log: Logger;
  /** The largest request each method takes, after decompression (connect's readMaxBytes, per method). */
  maxBytes: (method: DescMethod) => number;
  /** How far a compressed request may expand, as a multiple of its compressed size. */
  maxCompressionRatio: number;
  /** Decides every call from its headers before its body is read (server/rpc/request-gate.ts). */
  gate: RequestGate;
}

/**
 * connectNodeAdapter, with per-method request limits, a gate before the body is read, and one
 * correction on the way out (see parse-error-status.ts). Unknown paths answer 404.
 */
export function rpcHandler({ routes, log, maxBytes, maxCompressionRatio, gate, ...options }: RpcHandlerOptions): RequestHandler {
  const router = createConnectRouter({ acceptCompression: boundedCompressions(maxCompressionRatio), ...options });
  routes(perMethodLimits(router, maxBytes));
  const paths = new Map(router.handlers.map((h) => [h.requestPath, h]));
  return (req, res) => {
    const handler = paths.get((req.url ?? '').split('?', 1)[0] ?? '');
    if (!handler) {
      res.writeHead(404);
      res.end();
      return;
    }
    const guard = gate.admit(req, res, handler);
    if (!guard) return;
    // A call answered before its body was all read (refused, or cut): stop the rest of the body.
    res.once('finish', () => {
      if (req.complete) return;
      if ('stream' in req) {
        if (!req.stream.closed) req.stream.close(http2.constants.NGHTTP2_NO_ERROR);
      } else req.socket.destroySoon();
    });
    const uReq = universalRequestFromNodeRequest(req, res, undefined, undefined);
    const body = uReq.body as AsyncIterable<Uint8Array>;
    handler({ ...uReq, body: guard(body) })
      .then(reclassifyParseErrors)
      .then((uRes) => universalResponseToNodeResponse(uRes, res))
      .catch((reason: unknown) => {
        if (ConnectError.from(reason).code === Code.Aborted) return;
        log.warn({ err: reason, procedure: `${handler.service.typeName}/${handler.method.name}` }, 'writing the RPC response failed');
      });
  };
}

/** The router the services register on, registering each method with its own readMaxBytes. */
function perMethodLimits(router: ConnectRouter, maxBytes: (method: DescMethod) => number): ConnectRouter {
  const limited: ConnectRouter = {
    handlers: router.handlers,
    service(service, implementation, options) {
      const impl = implementation as Record<string, unknown>;
      for (const method of service.methods) {
        const fn = impl[method.localName];
        if (typeof fn !== 'function') continue; // absent methods answer 404, like unknown paths
        router.rpc(method, (fn as (...args: unknown[]) => unknown).bind(impl) as never, withLimit(options, maxBytes(method)));
      }
      return limited;
    },
    rpc(method, impl, options) {
      router.rpc(method, impl, withLimit(options, maxBytes(method)));
      return limited;
    },
  };
  return limited;
}

function withLimit(options: Partial<UniversalHandlerOptions> | undefined, readMaxBytes: number): Partial<UniversalHandlerOptions> {
  return { ...options, readMaxBytes };
}
