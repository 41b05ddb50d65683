import { cors as connectCors } from '@connectrpc/connect';
import type { RequestHandler } from './listen.ts';
import type { ResponseWatchdog } from './response-watchdog.ts';

export interface HttpHandlerOptions {
  /** Handles every request no plain route claims: the Connect / gRPC / gRPC-Web router. */
  rpc: RequestHandler;
  /** Plain HTTP routes by exact path (e.g. /healthz), for GET and HEAD. */
  routes: Record<string, RequestHandler>;
  /** Plain HTTP routes by path prefix (e.g. /log/ for the tlog-tiles API), for GET and HEAD, after the exact ones. */
  prefixRoutes?: Record<string, RequestHandler>;
  /** Routes by path prefix for any method (chains' own routes under /chains/), after the others, with the same per-peer call rate. */
  anyMethodRoutes?: Record<string, RequestHandler>;
  /** Allowed browser origins; `*` allows any. */
  corsOrigins: string[];
  /** Cuts answers a client stopped reading (response-watchdog.ts). */
  watchdog: ResponseWatchdog;
  /** The per-peer call rate for plain routes: false when the peer is over it (the RPC gate does the same for calls). */
  takeCall: (req: Parameters<RequestHandler>[0]) => boolean;
}

const ALLOWED_HEADERS = [...connectCors.allowedHeaders, 'Authorization'].join(', ');
const EXPOSED_HEADERS = connectCors.exposedHeaders.join(', ');
const ALLOWED_METHODS = connectCors.allowedMethods.join(', ');

/** CORS for Connect-Web clients, plain HTTP routes, then the RPC router. */
export function httpHandler({ rpc, routes, prefixRoutes = {}, anyMethodRoutes = {}, corsOrigins, watchdog, takeCall }: HttpHandlerOptions): RequestHandler {
  const anyOrigin = corsOrigins.includes('*');
  return (req, res) => {
    watchdog.watch(req, res);
    const origin = req.headers.origin;
    if (typeof origin === 'string' && (anyOrigin || corsOrigins.includes(origin))) {
      res.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', '7200');
        res.statusCode = 204;
        res.end();
        return;
      }
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const readRoute = routes[path] ?? Object.entries(prefixRoutes).find(([prefix]) => path.startsWith(prefix))?.[1];
    const route = readRoute && (req.method === 'GET' || req.method === 'HEAD') ? readRoute : Object.entries(anyMethodRoutes).find(([prefix]) => path.startsWith(prefix))?.[1];
    if (route) {
      if (!takeCall(req)) {
        res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
        res.end('PEER_RATE_LIMITED: too many calls from this address; slow down and retry\n');
        return;
      }
      route(req, res);
      return;
    }
    rpc(req, res);
  };
}
