import type { Logger } from 'pino';
import type { RequestHandler } from './listen.ts';
import { buildWebPage, type WebAsset, type WebPageBundle } from './web-page-bundle.ts';

/**
 * Scripts and calls from this origin only; no inline code, no plugins, no framing. `img-src data:`
 * is for the empty favicon that keeps browsers from asking the RPC router for /favicon.ico.
 */
export const WEB_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PATHS = { '/': 'index.html', '/app.js': 'app.js', '/app.css': 'app.css', '/admin': 'admin.html', '/admin.js': 'admin.js', '/admin.css': 'admin.css' } as const;

/**
 * GET / (the publishing page), /app.js and /app.css; GET /admin (the operator's view, whose figures
 * need the admin token: server/admin/admin-stats-route.ts), /admin.js and /admin.css. The page is bundled on the first request
 * (about half a second) and kept in memory; a failed build answers 503 and is tried again on the
 * next request. Assets are revalidated on every load (`no-cache` with an ETag), so a new node
 * version is never mixed with a cached script.
 */
export function webPageRoutes(log: Logger): Record<keyof typeof PATHS, RequestHandler> {
  let bundle: Promise<WebPageBundle> | undefined;
  const load = (): Promise<WebPageBundle> => {
    bundle ??= buildWebPage().then(
      (built) => {
        log.info({ buildMs: built.buildMs, scriptBytes: built.assets['app.js'].body.length }, 'web page bundled');
        return built;
      },
      (error: unknown) => {
        bundle = undefined;
        log.error({ err: error }, 'web page could not be bundled');
        throw error;
      },
    );
    return bundle;
  };

  const route =
    (name: (typeof PATHS)[keyof typeof PATHS]): RequestHandler =>
    (req, res) => {
      load().then(
        ({ assets }) => {
          const file: WebAsset = assets[name];
          res.setHeader('content-security-policy', WEB_PAGE_CSP);
          res.setHeader('x-content-type-options', 'nosniff');
          res.setHeader('referrer-policy', 'no-referrer');
          res.setHeader('cache-control', 'no-cache');
          res.setHeader('etag', file.etag);
          res.setHeader('vary', 'accept-encoding');
          if (req.headers['if-none-match'] === file.etag) {
            res.statusCode = 304;
            res.end();
            return;
          }
          const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
          const body = gzip ? file.gzip : file.body;
          res.statusCode = 200;
          res.setHeader('content-type', file.contentType);
          res.setHeader('content-length', body.length);
          if (gzip) res.setHeader('content-encoding', 'gzip');
          if (req.method === 'HEAD') res.end();
          else res.end(body);
        },
        () => {
          // The cause is in the node's log; visitors get no paths or internals.
          res.statusCode = 503;
          res.setHeader('content-type', 'text/plain; charset=utf-8');
          res.setHeader('cache-control', 'no-store');
          res.end('web page unavailable: it could not be built (see the node log)\n');
        },
      );
    };

  return Object.fromEntries(Object.entries(PATHS).map(([path, name]) => [path, route(name)])) as Record<keyof typeof PATHS, RequestHandler>;
}
