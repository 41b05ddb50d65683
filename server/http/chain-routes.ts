import type { Logger } from 'pino';
import type { ChainRoute, ChainRouteRequest } from '../../core/plugin/index.ts';
import type { RequestHandler } from './listen.ts';

export const CHAIN_ROUTES_PREFIX = '/chains/';

type Request = Parameters<RequestHandler>[0];

export interface ChainRoutesOptions {
  /** Each started chain's routes, by chain name. */
  routes: ReadonlyMap<string, readonly ChainRoute[]>;
  /** The node's cap on a plain request's body (`server.limits.smallRequestBytes`); a route's own limit may be lower. */
  maxBodyBytes: number;
  /** A route named transactions it has news of: follow them now. */
  onNews(chain: string, txids: readonly string[]): Promise<void>;
  log: Logger;
}

/**
 * Chains' own HTTP routes, `POST /chains/<chain>/<path>` (plugins.md, StartedChain.routes). The
 * body is read within the smaller of the route's and the node's limit, then the chain answers; a
 * refusal here is plain text `REASON: message` like the node's other plain routes.
 */
export function chainRoutes({ routes, maxBodyBytes, onNews, log }: ChainRoutesOptions): RequestHandler {
  return (req, res) => {
    const refuse = (status: number, reason: string, message: string, headers: Record<string, string> = {}) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(`${reason}: ${message}\n`);
    };
    const path = ((req.url ?? '/').split('?')[0] ?? '/').slice(CHAIN_ROUTES_PREFIX.length);
    const slash = path.indexOf('/');
    const chain = slash < 0 ? path : path.slice(0, slash);
    const rest = slash < 0 ? '' : path.slice(slash + 1);
    const route = routes.get(chain)?.find((r) => r.path === rest);
    if (!route) return refuse(404, 'NOT_FOUND', `no route /chains/${clip(path)}`);
    if (req.method !== route.method) return refuse(405, 'METHOD_NOT_ALLOWED', `/chains/${chain}/${rest} takes ${route.method}`, { allow: route.method });
    const limit = Math.min(route.maxBodyBytes, maxBodyBytes);
    const serve = async () => {
      const body = await readBody(req, limit);
      if (body === undefined) return refuse(413, 'REQUEST_TOO_LARGE', `the body is over ${limit} bytes`, { connection: 'close' });
      const answer = await route.handle({ headers: headersOf(req), body });
      res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      if (answer.news && answer.news.length > 0) {
        await onNews(chain, answer.news).catch((error: unknown) => log.warn({ err: error, chain }, 'chain route: could not follow the transactions it named; they wait for their poll'));
      }
    };
    serve().catch((error: unknown) => {
      log.warn({ err: error, chain, path: clip(rest) }, 'chain route failed');
      refuse(503, 'CHAIN_ROUTE_FAILED', 'the chain could not take this request; retry');
    });
  };
}

/** The body, or undefined past `limit` bytes (the rest is not read). */
function readBody(req: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headersOf(req: Request): ChainRouteRequest['headers'] {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
