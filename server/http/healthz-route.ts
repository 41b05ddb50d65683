import type { HealthMonitor } from '../health-monitor.ts';
import type { RequestHandler } from './listen.ts';

/**
 * GET /healthz: 200 with {"status":"ok"} or {"status":"degraded"} (serving, but a chain is
 * unreachable or low on funding), 503 with {"status":"unavailable"} when the database is not
 * answering; per-chain details beside it. Reflects the last probe (every few seconds).
 */
export function healthzRoute(monitor: HealthMonitor): RequestHandler {
  return (_req, res) => {
    const health = monitor.current();
    res.statusCode = health.status === 'unavailable' ? 503 : 200;
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(health));
  };
}
