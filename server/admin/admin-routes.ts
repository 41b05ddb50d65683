import type { Logger } from 'pino';
import type { RequestHandler } from '../http/listen.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import type { AdminCheck } from '../rpc/interceptors/admin-auth-interceptor.ts';
import { HISTORY_MINUTES } from './admin-history.ts';
import { adminStatsRoute } from './admin-stats-route.ts';
import { collectAdminStats, replayCounters, type AdminStatsDeps } from './admin-stats.ts';
import { sampleMinuteSeries } from './minute-series.ts';

/** How often this process's counters are sampled into the per-minute history. */
const SAMPLE_MS = 5_000;

/** The admin page's data route (GET /admin/stats) and the sampler behind its history; the page itself is in web-page-route.ts. */
export function startAdminRoutes(deps: Omit<AdminStatsDeps, 'counterHistory' | 'intents' | 'limitRefusals'> & { metrics: NodeMetrics; check: AdminCheck; log: Logger }): { routes: Record<string, RequestHandler>; stop(): void } {
  const { metrics, check, log, ...rest } = deps;
  const counterHistory = sampleMinuteSeries(() => replayCounters(metrics.intents), SAMPLE_MS, HISTORY_MINUTES);
  const collect = () => collectAdminStats({ ...rest, intents: metrics.intents, limitRefusals: metrics.limitRefusals, counterHistory });
  return {
    routes: { '/admin/stats': adminStatsRoute(check, collect, () => metrics.limitRefusals.inc({ limit: 'admin_token' }), log) },
    stop: () => counterHistory.stop(),
  };
}
