import type { Logger } from 'pino';
import type { RequestHandler } from '../http/listen.ts';
import type { AdminCheck } from '../rpc/interceptors/admin-auth-interceptor.ts';
import type { AdminStats } from './admin-stats.ts';

/** Answers given within this long of each other share one collection (its database queries). */
const FRESH_MS = 1_000;

function answer(res: Parameters<RequestHandler>[1], status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * GET /admin/stats: the admin page's figures as JSON, for `authorization: Bearer <admin token>`
 * only (missing: 401 ADMIN_TOKEN_MISSING; wrong: 403 ADMIN_TOKEN_INVALID, counted as the admin
 * RPCs' refusals are). Like /metrics, a burst of requests costs one collection a second; the peer
 * rate limit of plain routes applies before this handler runs (http-handler.ts).
 */
export function adminStatsRoute(check: AdminCheck, collect: () => Promise<AdminStats>, refused: () => void, log: Logger): RequestHandler {
  let latest: { at: number; stats: Promise<AdminStats> } | undefined;
  return (req, res) => {
    const refusal = check('the admin page', req.headers.authorization);
    if (refusal) {
      refused();
      const missing = refusal.reason === 'ADMIN_TOKEN_MISSING';
      answer(res, missing ? 401 : 403, { reason: refusal.reason, message: `${refusal.reason}: ${refusal.message}` }, missing ? { 'www-authenticate': 'Bearer' } : {});
      return;
    }
    const now = Date.now();
    if (latest === undefined || now - latest.at > FRESH_MS) {
      const stats = collect();
      latest = { at: now, stats };
      stats.catch(() => {
        if (latest?.stats === stats) latest = undefined;
      });
    }
    latest.stats.then(
      (stats) => answer(res, 200, stats),
      (error: unknown) => {
        log.warn({ err: error }, 'admin stats unavailable');
        answer(res, 503, { reason: 'STORE_UNAVAILABLE', message: 'STORE_UNAVAILABLE: the figures could not be read (see the node log)' });
      },
    );
  };
}
