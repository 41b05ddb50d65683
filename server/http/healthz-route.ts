import type { HealthMonitor, NodeHealth } from '../health-monitor.ts';
import type { RequestHandler } from './listen.ts';

/** What /healthz tells anyone who asks: states only. */
export interface PublicHealth {
  status: NodeHealth['status'];
  database: boolean;
  chains: Record<string, { reachable: boolean; fundingLow: boolean }>;
}

/**
 * GET /healthz: 200 with {"status":"ok"} or {"status":"degraded"} (serving, but a chain is
 * unreachable or low on funding), 503 with {"status":"unavailable"} when the database is not
 * answering; each chain's state beside it. Reflects the last probe (every few seconds). The
 * probes' details name internal endpoints (ARC, gateway URLs), so they stay in the node's log.
 */
export function healthzRoute(monitor: HealthMonitor): RequestHandler {
  return (_req, res) => {
    const health = publicHealth(monitor.current());
    res.statusCode = health.status === 'unavailable' ? 503 : 200;
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(health));
  };
}

function publicHealth({ status, database, chains }: NodeHealth): PublicHealth {
  return {
    status,
    database,
    chains: Object.fromEntries(Object.entries(chains).map(([name, chain]) => [name, { reachable: chain.reachable, fundingLow: chain.fundingLow }])),
  };
}
