import { Code, ConnectError, createConnectRouter, type ConnectRouter, type ConnectRouterOptions } from '@connectrpc/connect';
import { compressionBrotli, compressionGzip, universalRequestFromNodeRequest, universalResponseToNodeResponse } from '@connectrpc/connect-node';
import type { Logger } from 'pino';
import type { RequestHandler } from '../http/listen.ts';
import { reclassifyParseErrors } from './parse-error-status.ts';

export interface RpcHandlerOptions extends ConnectRouterOptions {
  routes: (router: ConnectRouter) => void;
  log: Logger;
}

/**
 * connectNodeAdapter, plus one correction on the way out (see parse-error-status.ts). Unknown
 * paths answer 404.
 */
export function rpcHandler({ routes, log, ...options }: RpcHandlerOptions): RequestHandler {
  const router = createConnectRouter({ acceptCompression: [compressionGzip, compressionBrotli], ...options });
  routes(router);
  const paths = new Map(router.handlers.map((h) => [h.requestPath, h]));
  return (req, res) => {
    const handler = paths.get((req.url ?? '').split('?', 1)[0] ?? '');
    if (!handler) {
      res.writeHead(404);
      res.end();
      return;
    }
    handler(universalRequestFromNodeRequest(req, res, undefined, undefined))
      .then(reclassifyParseErrors)
      .then((uRes) => universalResponseToNodeResponse(uRes, res))
      .catch((reason: unknown) => {
        if (ConnectError.from(reason).code === Code.Aborted) return;
        log.warn({ err: reason, procedure: `${handler.service.typeName}/${handler.method.name}` }, 'writing the RPC response failed');
      });
  };
}
